import type { FastifyInstance } from 'fastify'
import { isIsoDate } from '../../domain/dates.js'
import { ACCOUNT } from '../../domain/ledger/accounts.js'
import { formatMonth } from '../../render/format.js'
import { today } from '../../services/clock.js'
import { newFormKey } from '../api.js'
import { amountOf, dateOf, formState, hasErrors, submit, textOf } from '../forms.js'
import { html, type Html } from '../html.js'
import { dateField, amountField, banner, emptyForm, field, page, postForm, rupiah, selectField, stat, type FormState } from '../layout.js'
import { monthOf, monthPeriod, monthSelect, shiftMonth } from '../month.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import { statementHtml, type StatementJson } from '../statement-html.js'
import type { AccountJson, FundJson, Items } from '../types.js'

type Which = 'hibah' | 'donasi' | 'pengeluaran'

/** The two forms for money coming in, which differ only in their words. */
const FUNDING = {
  hibah: { title: 'Terima hibah / dana stimulan', example: 'mis. Program P2WKSS Provinsi Bali', noun: 'hibah' },
  donasi: { title: 'Terima donasi / modal desa', example: 'mis. Pemerintah Desa', noun: 'donasi' }
} as const

function fundingForm (ctx: Ctx, f: FormState, words: typeof FUNDING[keyof typeof FUNDING]): Html {
  return postForm(`/g/${ctx.groupId}/kas/${words.noun}`, ctx.viewer, newFormKey(), html`
<h2>${words.title}</h2>${banner(f)}
${dateField(f, 'tanggal', 'Tanggal diterima', { required: true })}
${amountField(f, 'jumlah', 'Jumlah', { required: true })}
${field(f, 'sumber', 'Dari siapa', { required: true, placeholder: words.example })}
${field(f, 'keterangan', 'Keterangan (boleh kosong)')}
<button type="submit" class="primary">Simpan ${words.noun}</button>`, { id: `form-${words.noun}` })
}

/** Above the cash book: the month's name, links to the month before and after (never past this month), a form to jump to a month. */
function monthBar (kas: string, month: string, current: string, bad: boolean): Html {
  const prev = shiftMonth(month, -1)
  const next = shiftMonth(month, 1)
  return html`<div class="month-bar">
<h2 id="buku-kas-bulan">${formatMonth(month, 'id')}</h2>
<nav class="month-nav" aria-label="Bulan buku kas">
  ${isIsoDate(`${prev}-01`) ? html`<a href="${kas}?bulan=${prev}#buku-kas" rel="prev" aria-label="Bulan sebelumnya: ${formatMonth(prev, 'id')}"><span aria-hidden="true">‹</span>&nbsp;${formatMonth(prev, 'id')}</a>` : ''}
  ${month < current ? html`<a href="${kas}?bulan=${next}#buku-kas" rel="next" aria-label="Bulan berikutnya: ${formatMonth(next, 'id')}">${formatMonth(next, 'id')}&nbsp;<span aria-hidden="true">›</span></a>` : ''}
</nav>
${bad ? html`<p class="hint" role="status">Bulan itu tidak bisa ditampilkan; ini buku kas bulan ini.</p>` : ''}
<form method="get" action="${kas}#buku-kas" class="month-form" aria-label="Pilih bulan buku kas">
  <div class="field"><label for="pilih-bulan">Bulan</label>${monthSelect('pilih-bulan', month, current)}</div>
  <button type="submit">Tampilkan</button>
</form>
</div>`
}

/** The Kas screen: balances, the three forms for a treasurer (with what was typed and what was wrong), the fund usage and the cash book of one month. */
async function render (app: FastifyInstance, ctx: Ctx, forms: Partial<Record<Which, FormState>>, flash: string | null, bulan?: unknown): Promise<Html> {
  const base = `/v1/groups/${ctx.groupId}`
  const asOf = today(app.lumbung.env)
  const { month, bad } = monthOf(bulan, asOf)
  // One month, opening with its saldo awal, so it reads on its own: a phone never loads the whole book.
  const { from, to } = monthPeriod(month, asOf)
  const [accounts, funds, usage, book] = await Promise.all([
    ctx.api.get<Items<AccountJson>>(`${base}/accounts`),
    ctx.api.get<Items<FundJson>>(`${base}/funds`),
    ctx.api.get<StatementJson>(`${base}/statements/fund-usage?asOf=${asOf}`),
    ctx.api.get<StatementJson>(`${base}/statements/cash-book?from=${from}&to=${to}`)
  ])
  const bal = (code: string): string => accounts.items.find(a => a.code === code)?.balance ?? '0'
  const expenseAccounts = accounts.items.filter(a => a.type === 'expense' || a.code === '1301')
  const d = { tanggal: asOf }
  const fh = { ...(forms.hibah ?? emptyForm(d)), idPrefix: 'hibah' }
  const fd = { ...(forms.donasi ?? emptyForm(d)), idPrefix: 'donasi' }
  const fe = { ...(forms.pengeluaran ?? emptyForm({ ...d, akun: ACCOUNT.bebanKonsumsi })), idPrefix: 'keluar' }
  const g = `/g/${ctx.groupId}/kas`
  const writer = ctx.viewer.role === 'treasurer'
  return page('Kas', ctx.viewer, 'kas', html`
<section class="stats">
${stat('Kas tunai', rupiah(bal(ACCOUNT.kas)))}
${stat('Bank', rupiah(bal(ACCOUNT.bank)))}
${stat('Dana hibah', rupiah(bal('3201')), `${funds.items.filter(f => f.kind === 'grant').length} hibah`)}
${stat('Donasi', rupiah(bal('3202')))}
</section>
${writer ? '' : Object.values(forms).map(f => banner(f))}
${writer ? html`
<div class="grid-2">
${fundingForm(ctx, fh, FUNDING.hibah)}
${postForm(`${g}/pengeluaran`, ctx.viewer, newFormKey(), html`
<h2>Catat pengeluaran</h2>${banner(fe)}
${dateField(fe, 'tanggal', 'Tanggal', { required: true })}
${amountField(fe, 'jumlah', 'Jumlah', { required: true })}
${selectField(fe, 'akun', 'Untuk', expenseAccounts.map(a => [a.code, `${a.name} (${a.code})`]))}
<p class="hint">Tidak ada di daftar? <a href="/g/${ctx.groupId}/akun">Tambah akun</a>.</p>
${selectField(fe, 'dana', 'Dari dana', [['', 'Kas umum (tanpa dana)'], ...funds.items.map((f): [string, string] => [f.id, `${f.name} – ${f.source}`])])}
${field(fe, 'keterangan', 'Keterangan', { required: true, placeholder: 'mis. Konsumsi rapat Maret' })}
<button type="submit" class="primary">Simpan pengeluaran</button>`, { id: 'form-pengeluaran' })}
${fundingForm(ctx, fd, FUNDING.donasi)}
</div>` : ''}
<section class="card">${statementHtml(usage)}</section>
<p><a href="/g/${ctx.groupId}/koreksi">Koreksi transaksi: jurnal balik dan siapa yang mencatatnya</a></p>
<p><a href="/g/${ctx.groupId}/akun">Bagan akun: semua akun dengan saldonya${writer ? ', tambah akun' : ''}</a></p>
<section class="card" id="buku-kas">${monthBar(g, month, asOf.slice(0, 7), bad)}${statementHtml(book)}</section>`, flash)
}

/** Kas: grants, donations and expenses, each tagged with its fund; what each fund received, spent and has left. */
export async function cashRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/kas', async (req, reply) => {
    const q = req.query as { ok?: unknown, bulan?: unknown }
    const flash = q.ok === 'hibah' ? 'Hibah tersimpan.' : q.ok === 'donasi' ? 'Donasi tersimpan.' : q.ok === 'pengeluaran' ? 'Pengeluaran tersimpan.' : null
    return await sendPage(reply, await render(app, ctxOf(req), {}, flash, q.bulan))
  })

  const FUNDING_FIELDS = { '/body/date': 'tanggal', '/body/amount': 'jumlah', '/body/source': 'sumber', '/body/description': 'keterangan' }
  for (const which of ['hibah', 'donasi'] as const) {
    app.post(`/g/:groupId/kas/${which}`, async (req, reply) => {
      const ctx = ctxOf(req)
      const { f, idem } = formState(formOf(req))
      const date = dateOf(f, 'tanggal')
      const amount = amountOf(f, 'jumlah')
      const source = textOf(f, 'sumber')
      const description = textOf(f, 'keterangan', false)
      if (!hasErrors(f)) {
        const body = { date, amount, source, ...(description === null ? {} : { description }) }
        const ok = await submit(ctx.api, f, idem, which, `/v1/groups/${ctx.groupId}/${which === 'hibah' ? 'grants' : 'donations'}`, body, FUNDING_FIELDS, { DATE_IN_FUTURE: 'tanggal', PERIOD_CLOSED: 'tanggal' })
        if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/kas?ok=${which}`, 303)
      }
      return await sendPage(reply, await render(app, ctx, { [which]: f }, null), 422)
    })
  }

  app.post('/g/:groupId/kas/pengeluaran', async (req, reply) => {
    const ctx = ctxOf(req)
    const { f, idem } = formState(formOf(req))
    const date = dateOf(f, 'tanggal')
    const amount = amountOf(f, 'jumlah')
    const description = textOf(f, 'keterangan')
    const account = f.values.akun ?? ''
    const fund = f.values.dana ?? ''
    if (!hasErrors(f)) {
      const body = { date, amount, account, description, ...(fund === '' ? {} : { fund }) }
      const ok = await submit(ctx.api, f, idem, 'pengeluaran', `/v1/groups/${ctx.groupId}/expenses`, body,
        { '/body/date': 'tanggal', '/body/amount': 'jumlah', '/body/account': 'akun', '/body/description': 'keterangan', '/body/fund': 'dana' },
        { INSUFFICIENT_FUNDS: 'jumlah', DATE_IN_FUTURE: 'tanggal', PERIOD_CLOSED: 'tanggal', UNKNOWN_FUND: 'dana', ACCOUNT_NOT_ALLOWED: 'akun', UNKNOWN_ACCOUNT: 'akun' })
      if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/kas?ok=pengeluaran`, 303)
    }
    return await sendPage(reply, await render(app, ctx, { pengeluaran: f }, null), 422)
  })
}
