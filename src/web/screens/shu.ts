import type { FastifyInstance } from 'fastify'
import { Decimal } from 'decimal.js'
import { today } from '../../services/clock.js'
import { NOT_A_BUCKET } from '../../services/meeting-service.js'
import { newFormKey, partKey } from '../api.js'
import { dateOf, formState, hasErrors, submit, textOf } from '../forms.js'
import { html, type Html } from '../html.js'
import { parseRate } from '../input.js'
import { dateField, banner, emptyForm, field, page, postForm, rupiah, selectField, tanggal, type FormState } from '../layout.js'
import { SENTENCE } from '../messages.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import { statementHtml, type StatementJson } from '../statement-html.js'
import type { AccountJson, Items, MeetingJson, MemberJson, PeriodJson, ShuDistributionJson, OwedJson, ShuPreviewJson } from '../types.js'

/** Bucket rows on the decision form (published rules have three to five). */
const BUCKET_ROWS = 6
const BASIS: Array<[string, string]> = [['dasar:equal', 'Rata'], ['dasar:savings', 'Jasa modal (simpanan)'], ['dasar:interest-paid', 'Jasa anggota (jasa dibayar)']]
const BASIS_TEXT: Record<string, string> = Object.fromEntries(BASIS.map(([k, v]) => [k.slice(6), v]))
/** The usual cooperative rule, offered until the group has one of its own. */
const DEFAULT_BUCKETS = [['Cadangan', '40', 'akun:3301'], ['Jasa modal', '25', 'dasar:savings'], ['Jasa anggota', '35', 'dasar:interest-paid']]
const lines = (s: string | undefined): string[] => (s ?? '').split('\n').map(x => x.trim()).filter(x => x !== '')
const percentText = (p: string): string => `${p.replace('.', ',')}\u00a0%`

type Decision = MeetingJson['decisions'][number]
interface Forms { tutup?: FormState, keputusan?: FormState, bagi?: FormState, bayar?: { memberId: string, f: FormState } }
/** What a member is still owed: every unpaid share, and the oldest, which the next payout pays. */
interface Owed { memberId: string, name: string, total: bigint, next: bigint }

/** The API's shares still owed (GET …/shu/owed, oldest first), per member: all of them, and the next payout's. */
function byMember (owed: OwedJson[]): Owed[] {
  const out = new Map<string, Owed>()
  for (const s of owed) {
    const amount = BigInt(s.amount)
    const o = out.get(s.memberId)
    if (o === undefined) out.set(s.memberId, { memberId: s.memberId, name: s.name, total: amount, next: amount })
    else o.total += amount
  }
  return [...out.values()]
}

/** The decision form's values: the rule in force, or the usual one. */
function decisionValues (d: Decision | null, date: string): Record<string, string> {
  const rows = d?.buckets?.map(b => [b.name, b.percent.replace('.', ','), b.basis === null ? `akun:${b.account}` : `dasar:${b.basis}`]) ?? DEFAULT_BUCKETS
  return { tanggal: date, ...Object.fromEntries(rows.flatMap(([n = '', p = '', k = ''], i) => [[`pos:${i}:nama`, n], [`pos:${i}:persen`, p], [`pos:${i}:ke`, k]])) }
}

/** The buckets as typed (empty rows skipped), with the form row of each for the API's field errors; null on an error. */
function bucketsOf (f: FormState): { buckets: Array<Record<string, string>>, rows: number[] } {
  const buckets: Array<Record<string, string>> = []
  const rows: number[] = []
  for (let i = 0; i < BUCKET_ROWS; i++) {
    const p = `pos:${i}:`
    const name = (f.values[`${p}nama`] ?? '').trim()
    const typed = f.values[`${p}persen`] ?? ''
    const to = f.values[`${p}ke`] ?? ''
    if (name === '' && typed.trim() === '' && to === '') continue
    if (name === '') f.errors[`${p}nama`] = 'Wajib diisi.'
    const percent = parseRate(typed)
    if (percent === null || percent === '') f.errors[`${p}persen`] = percent === '' ? 'Wajib diisi.' : 'Isi persen, misalnya 40 atau 33,5.'
    if (to === '') f.errors[`${p}ke`] = 'Pilih dasar pembagian atau akun.'
    if (name === '' || percent === null || percent === '' || to === '') continue
    buckets.push({ name, percent, ...(to.startsWith('dasar:') ? { basis: to.slice(6) } : { account: to.slice(5) }) })
    rows.push(i)
  }
  if (rows.length === 0 && !hasErrors(f)) f.errors.pembagian = 'Isi sedikitnya satu pos pembagian.'
  return { buckets, rows }
}

/** The sum of the percentages typed, as a hint next to them (the API decides; this only helps to see why). */
function typedSum (f: FormState): string | null {
  let sum = new Decimal(0)
  for (let i = 0; i < BUCKET_ROWS; i++) {
    const p = parseRate(f.values[`pos:${i}:persen`])
    if (p === null) return null
    if (p !== '') sum = sum.plus(p)
  }
  return percentText(sum.toString())
}

function bucketTable (buckets: ShuPreviewJson['buckets'], shu: string, accountName: (code: string) => string): Html {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Pembagian SHU"><table class="compact">
  <thead><tr><th scope="col">Pos</th><th scope="col" class="percent">%</th><th scope="col" class="amount">Jumlah</th><th scope="col">Ke</th></tr></thead>
  <tbody>${buckets.map(b => html`<tr><td>${b.name}</td><td class="percent">${percentText(b.percent)}</td><td class="amount">${rupiah(b.amount)}</td><td>${b.basis === null ? `${b.account} ${accountName(b.account)}` : BASIS_TEXT[b.basis] ?? b.basis}</td></tr>`)}
  <tr class="total"><td>Jumlah SHU</td><td class="percent">100\u00a0%</td><td class="amount">${rupiah(shu)}</td><td></td></tr></tbody>
</table></div>`
}

/** Each member's share of each member bucket (on a wide screen; a phone shows the totals), and the totals, exact to the rupiah. */
function memberTable (p: ShuPreviewJson): Html {
  const shared = p.buckets.filter(b => b.basis !== null)
  // A member's shares are named by bucket (member buckets only).
  const of = (m: ShuPreviewJson['members'][number], bucket: string): string => m.shares.find(s => s.bucket === bucket)?.amount ?? '0'
  const sum = (pick: (m: ShuPreviewJson['members'][number]) => string): bigint => p.members.reduce((s, m) => s + BigInt(pick(m)), 0n)
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="SHU per anggota"><table class="compact" id="bagian-anggota">
  <thead><tr><th scope="col">Anggota</th>${shared.map(b => html`<th scope="col" class="amount wide-only">${b.name}</th>`)}<th scope="col" class="amount">Jumlah</th></tr></thead>
  <tbody>${p.members.map(m => html`<tr><td>${m.name}</td>${shared.map(b => html`<td class="amount wide-only">${rupiah(of(m, b.name))}</td>`)}<td class="amount">${rupiah(m.total)}</td></tr>`)}
  <tr class="total"><td>Jumlah</td>${shared.map(b => html`<td class="amount wide-only">${rupiah(sum(m => of(m, b.name)))}</td>`)}<td class="amount">${rupiah(sum(m => m.total))}</td></tr></tbody>
</table></div>`
}

/** Everything the Tutup Buku & SHU page shows, read through the API. */
interface View {
  now: string
  periods: PeriodJson[]
  accounts: AccountJson[]
  meetings: MeetingJson[]
  members: MemberJson[]
  distributions: ShuDistributionJson[]
  owed: Owed[]
  latest: PeriodJson | null
  decided: { meeting: MeetingJson, d: Decision } | null
  posted: ShuDistributionJson | undefined
  /** The draft of the latest closed period under the latest decision, or why there is none. */
  preview: ShuPreviewJson | null
  why: string | null
  statement: StatementJson | null
  writer: boolean
  /** The page's own path, where its forms post. */
  g: string
}

async function viewOf (ctx: Ctx, now: string): Promise<View> {
  const base = `/v1/groups/${ctx.groupId}`
  const [periods, accounts, meetings, members, distributions, owedShares] = await Promise.all([
    ctx.api.get<Items<PeriodJson>>(`${base}/periods`),
    ctx.api.get<Items<AccountJson>>(`${base}/accounts`),
    ctx.api.get<Items<MeetingJson>>(`${base}/meetings`),
    ctx.api.get<Items<MemberJson>>(`${base}/members`),
    ctx.api.get<Items<ShuDistributionJson>>(`${base}/shu/distributions`),
    ctx.api.get<Items<OwedJson>>(`${base}/shu/owed`)
  ])
  const latest = periods.items.at(-1) ?? null
  const decided = meetings.items.flatMap(m => m.decisions.filter(d => d.type === 'shu-distribution').map(d => ({ meeting: m, d }))).at(-1) ?? null
  const posted = latest === null ? undefined : distributions.items.find(d => d.through === latest.through)
  let preview: ShuPreviewJson | null = null
  let why: string | null = null
  if (latest !== null && posted === undefined) {
    const body = { through: latest.through }
    const a = await ctx.api.post<ShuPreviewJson>(`${base}/shu/preview`, body, partKey('shu-preview', latest.through, body))
    if (a.problem === null) preview = a.json
    else why = SENTENCE[a.problem.code] ?? SENTENCE.INTERNAL
  }
  const statement = posted === undefined ? null : await ctx.api.get<StatementJson>(`${base}/statements/shu-distribution?to=${posted.through}`)
  return {
    now, periods: periods.items, accounts: accounts.items, meetings: meetings.items, members: members.items, distributions: distributions.items,
    owed: byMember(owedShares.items), latest, decided, posted, preview, why, statement, writer: ctx.viewer.role === 'treasurer', g: `/g/${ctx.groupId}/shu`
  }
}

/** 1 Tutup buku: the periods closed, and the form that closes the next. */
function closeCard (ctx: Ctx, forms: Forms, v: View): Html {
  const { periods, latest, writer, g } = v
  const postedOn = new Map(v.distributions.map(d => [d.through, d.date]))
  // Last year's end until it is closed; then nothing is offered (a later date is typed on purpose).
  const yearEnd = `${Number(v.now.slice(0, 4)) - 1}-12-31`
  const ft = { ...(forms.tutup ?? emptyForm({ sampai: latest === null || latest.through < yearEnd ? yearEnd : '' })), idPrefix: 'tutup' }
  return html`<section class="card" id="tutup-buku">
  <h2><span class="step">1</span> Tutup buku</h2>
  <p class="muted">Pendapatan dan beban sampai tanggal itu dipindah ke SHU Tahun Berjalan. Setelah itu transaksi bertanggal sebelumnya tidak bisa dicatat lagi.</p>
  ${periods.length === 0 ? html`<p class="empty">Buku belum pernah ditutup.</p>` : html`<div class="table-wrap" tabindex="0" role="region" aria-label="Periode yang sudah ditutup"><table class="compact" id="periode">
    <thead><tr><th scope="col">Sampai</th><th scope="col" class="amount wide-only">Pendapatan</th><th scope="col" class="amount wide-only">Beban</th><th scope="col" class="amount">SHU</th><th scope="col">Dibagi</th></tr></thead>
    <tbody>${periods.map(p => html`<tr><td class="date">${tanggal(p.through)}</td><td class="amount wide-only">${rupiah(p.totals.income)}</td><td class="amount wide-only">${rupiah(p.totals.expenses)}</td><td class="amount">${p.totals.shu.startsWith('-') ? `−${rupiah(p.totals.shu.slice(1))}` : rupiah(p.totals.shu)}</td><td>${postedOn.has(p.through) ? `✓ ${tanggal(postedOn.get(p.through) ?? null)}` : 'Belum'}</td></tr>`)}</tbody>
  </table></div>`}
  ${writer ? postForm(`${g}/tutup`, ctx.viewer, newFormKey(), html`${banner(ft)}
    ${dateField(ft, 'sampai', 'Tutup buku sampai tanggal', { required: true })}
    <button type="submit" class="primary">Tutup buku</button>`, { cls: 'form inset', id: 'form-tutup' }) : ''}
</section>`
}

/** 2 Keputusan rapat: the rule in force, and the form that records the RAT's new one. */
function decisionCard (ctx: Ctx, forms: Forms, v: View): Html {
  const { decided, writer, g } = v
  const fk = { ...(forms.keputusan ?? emptyForm(decisionValues(decided?.d ?? null, v.now))), idPrefix: 'rat' }
  const present = new Set(lines(fk.values.hadir))
  const targets: Array<[string, string]> = [['', '– pilih –'], ...BASIS, ...v.accounts
    .filter(a => (a.type === 'equity' || a.type === 'liability') && !NOT_A_BUCKET.has(a.code))
    .map((a): [string, string] => [`akun:${a.code}`, `${a.code} ${a.name}`])]
  const sum = typedSum(fk)
  return html`<section class="card" id="keputusan">
  <h2><span class="step">2</span> Keputusan rapat (RAT) tentang pembagian SHU</h2>
  ${decided === null
    ? html`<p class="empty">Belum ada keputusan rapat tentang pembagian SHU.</p>`
    : html`<p>Berlaku: keputusan rapat ${tanggal(decided.meeting.date)}: ${(decided.d.buckets ?? []).map(b => `${b.name} ${percentText(b.percent)}`).join(', ')}.</p>`}
  ${writer ? html`<details class="add"${decided === null || forms.keputusan !== undefined ? html` open` : ''}>
  <summary><span class="button">Catat keputusan rapat yang baru</span></summary>
  ${postForm(`${g}/keputusan`, ctx.viewer, newFormKey(), html`${banner(fk)}
    <p class="muted">Tiap pos: nama, persen (misalnya 40 atau 33,5), lalu dibagi ke anggota (rata, jasa modal, jasa anggota) atau ke sebuah akun (misalnya 3301 Cadangan). Jumlahnya harus tepat 100 %.</p>
    ${dateField(fk, 'tanggal', 'Tanggal rapat', { required: true })}
    <fieldset class="buckets${fk.errors.pembagian === undefined ? '' : ' invalid'}"${fk.errors.pembagian === undefined ? '' : html` aria-describedby="rat-pembagian-err"`}>
      <legend>Pos pembagian</legend>
      ${Array.from({ length: BUCKET_ROWS }, (_, i) => html`<div class="bucket-row">
        ${field(fk, `pos:${i}:nama`, html`Nama pos<span class="sr"> ${i + 1}</span>`)}
        <div class="row">
          ${field(fk, `pos:${i}:persen`, html`Persen<span class="sr"> pos ${i + 1}</span>`, { inputmode: 'decimal', placeholder: '%' })}
          ${selectField(fk, `pos:${i}:ke`, html`Dibagi ke<span class="sr"> pos ${i + 1}</span>`, targets)}
        </div>
      </div>`)}
      <p class="hint" id="rat-jumlah">Jumlah yang diisi: ${sum ?? '–'}</p>
      ${fk.errors.pembagian === undefined ? '' : html`<p id="rat-pembagian-err" class="error">${fk.errors.pembagian}</p>`}
    </fieldset>
    ${v.members.length === 0 ? '' : html`<fieldset><legend>Hadir (boleh kosong)</legend><ul class="members">
      ${v.members.map(m => html`<li><label class="check"><input type="checkbox" name="hadir" value="${m.id}"${present.has(m.id) ? html` checked` : ''}> <span>${m.name}</span></label></li>`)}
    </ul><p class="actions"><button type="button" class="link" data-check-all="hadir">Centang semua hadir</button></p></fieldset>`}
    <button type="submit" class="primary">Simpan keputusan rapat</button>`, { cls: 'form', id: 'form-keputusan' })}
  </details>` : ''}
</section>`
}

/** 3 Pratinjau: the draft and the button that posts it once, or the distribution posted. */
function previewCard (ctx: Ctx, forms: Forms, v: View): Html {
  const { latest, why, preview, posted, statement, writer, g } = v
  const accountName = (code: string): string => v.accounts.find(a => a.code === code)?.name ?? ''
  const fb = { ...(forms.bagi ?? emptyForm()), idPrefix: 'bagi' }
  const pdf = latest === null ? null : `/g/${ctx.groupId}/laporan/unduh?jenis=shu-distribution&sampai=${latest.through}&format=pdf`
  return html`<section class="card" id="pratinjau">
  <h2><span class="step">3</span> ${posted === undefined ? 'Pratinjau pembagian' : 'SHU sudah dibagikan'}</h2>
  ${latest === null ? html`<p class="empty">${SENTENCE.PERIOD_NOT_CLOSED}</p>` : ''}
  ${why === null ? '' : html`<div class="alert" role="status">${why}</div>`}
  ${preview === null ? '' : html`
    <p>SHU periode ${preview.periodFrom === null ? 'sampai ' : `${tanggal(preview.periodFrom)} – `}${tanggal(preview.through)}: <strong>${rupiah(preview.shu)}</strong>, menurut keputusan rapat ${tanggal(v.meetings.find(m => m.id === preview?.meetingId)?.date ?? null)}. Belum dibukukan.</p>
    ${bucketTable(preview.buckets, preview.shu, accountName)}
    <h3>Bagian tiap anggota</h3>
    ${memberTable(preview)}
    ${writer ? postForm(`${g}/bagikan`, ctx.viewer, newFormKey(), html`${banner(fb)}
      <input type="hidden" name="sampai" value="${preview.through}">
      <input type="hidden" name="rapat" value="${preview.meetingId}">
      <p class="muted">Membukukan pembagian ini sekali untuk periode ini: bagian anggota menjadi Utang SHU Anggota (2103) sampai dibayar.</p>
      <button type="submit" class="primary">Bagikan SHU ${rupiah(preview.shu)}</button>`, { cls: 'form inset', id: 'form-bagikan' }) : ''}`}
  ${posted === undefined || statement === null ? '' : html`<p class="ok-text">✓ Dibukukan ${tanggal(posted.date)}: ${rupiah(posted.shu)} menurut keputusan rapat ${tanggal(v.meetings.find(m => m.id === posted.meetingId)?.date ?? null)}.</p>
    ${statementHtml(statement, { heading: false })}`}
  ${pdf === null ? '' : html`<p class="downloads after-form"><a class="button" download href="${pdf}">Unduh Laporan Pembagian SHU (PDF)</a></p>`}
</section>`
}

/** 4 Bayar: each member's unpaid share, with a form that pays the oldest. */
function payCard (ctx: Ctx, forms: Forms, v: View): Html {
  const { owed, writer, g, now } = v
  return html`<section class="card" id="bayar">
  <h2><span class="step">4</span> Bayar bagian anggota</h2>
  ${owed.length === 0
    ? html`<p class="empty">${v.distributions.length === 0 ? 'Belum ada SHU yang dibagikan.' : 'Semua bagian SHU sudah dibayar.'}</p>`
    : html`<p class="muted">Masih terutang ${rupiah(owed.reduce((s, o) => s + o.total, 0n))} kepada ${owed.length} anggota.</p>
    <ul class="list" id="belum-dibayar">${owed.map(o => {
      const fp = forms.bayar?.memberId === o.memberId ? { ...forms.bayar.f, idPrefix: `bayar-${o.memberId}` } : emptyForm({ tanggal: now, ke: 'cash' }, `bayar-${o.memberId}`)
      return html`<li><p><strong>${o.name}</strong> · belum dibayar ${rupiah(o.total)}</p>
        ${writer ? postForm(`${g}/bayar/${o.memberId}`, ctx.viewer, newFormKey(), html`${banner(fp)}
          <div class="row">
            ${dateField(fp, 'tanggal', html`Tanggal<span class="sr"> bayar ${o.name}</span>`, { required: true })}
            ${selectField(fp, 'ke', html`Dibayar<span class="sr"> ${o.name}</span>`, [['cash', 'Tunai (Kas)'], ['sukarela', 'Ke sukarela']])}
          </div>
          <button type="submit">Bayar ${rupiah(o.next)}</button>`, { cls: 'form', id: `form-bayar-${o.memberId}` }) : ''}</li>`
    })}</ul>`}
</section>`
}

/** Tutup Buku & SHU: close the year, record the RAT's rule, preview, distribute once, pay each member. */
export async function shuRoutes (app: FastifyInstance): Promise<void> {
  async function render (ctx: Ctx, forms: Forms, flash: string | null): Promise<Html> {
    const v = await viewOf(ctx, today(app.lumbung.env))
    return page('Tutup Buku & SHU', ctx.viewer, 'shu', html`
${v.writer ? '' : Object.values(forms).map(x => banner('f' in x ? x.f : x))}
${closeCard(ctx, forms, v)}

${decisionCard(ctx, forms, v)}

${previewCard(ctx, forms, v)}

${payCard(ctx, forms, v)}`, flash)
  }

  app.get('/g/:groupId/shu', async (req, reply) => {
    const ok = (req.query as { ok?: string }).ok
    return await sendPage(reply, await render(ctxOf(req), {}, FLASH[ok ?? ''] ?? null))
  })

  app.post('/g/:groupId/shu/tutup', async (req, reply) => {
    const ctx = ctxOf(req)
    const { f, idem } = formState(formOf(req))
    const through = dateOf(f, 'sampai')
    if (!hasErrors(f)) {
      const ok = await submit(ctx.api, f, idem, 'period', `/v1/groups/${ctx.groupId}/periods`, { through }, { '/body/through': 'sampai' },
        { PERIOD_ALREADY_CLOSED: 'sampai', DATE_IN_FUTURE: 'sampai' })
      if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/shu?ok=tutup`, 303)
    }
    return await sendPage(reply, await render(ctx, { tutup: f }, null), 422)
  })

  app.post('/g/:groupId/shu/keputusan', async (req, reply) => {
    const ctx = ctxOf(req)
    const { f, idem } = formState(formOf(req))
    const date = dateOf(f, 'tanggal')
    const { buckets, rows } = bucketsOf(f)
    if (!hasErrors(f)) {
      // The API names a bucket by its place among those sent; the form by its row.
      const fields = Object.fromEntries([['/body/date', 'tanggal'], ['/body/decisions/0/buckets', 'pembagian'], ...rows.flatMap((row, j) =>
        Object.entries(API_FIELD).map(([api, key]) => [`/body/decisions/0/buckets/${j}/${api}`, `pos:${row}:${key}`]))])
      const body = { date, attendees: lines(f.values.hadir), decisions: [{ type: 'shu-distribution', buckets }] }
      const ok = await submit(ctx.api, f, idem, 'rat', `/v1/groups/${ctx.groupId}/meetings`, body, fields,
        { SHU_PERCENT_NOT_100: 'pembagian', UNKNOWN_ACCOUNT: 'pembagian', ACCOUNT_NOT_ALLOWED: 'pembagian', DATE_IN_FUTURE: 'tanggal' })
      if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/shu?ok=keputusan`, 303)
    }
    f.banner ??= 'Ada isian yang belum benar. Periksa kolom yang ditandai.'
    return await sendPage(reply, await render(ctx, { keputusan: f }, null), 422)
  })

  app.post('/g/:groupId/shu/bagikan', async (req, reply) => {
    const ctx = ctxOf(req)
    const { f, idem } = formState(formOf(req))
    const through = dateOf(f, 'sampai')
    const meetingId = textOf(f, 'rapat')
    if (!hasErrors(f)) {
      const ok = await submit(ctx.api, f, idem, 'distribution', `/v1/groups/${ctx.groupId}/shu/distributions`, { through, meetingId }, {})
      if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/shu?ok=bagi`, 303)
    }
    return await sendPage(reply, await render(ctx, { bagi: f }, null), 422)
  })

  app.post('/g/:groupId/shu/bayar/:memberId', async (req, reply) => {
    const ctx = ctxOf(req)
    const memberId = (req.params as { memberId: string }).memberId
    const { f, idem } = formState(formOf(req))
    const date = dateOf(f, 'tanggal')
    if (!hasErrors(f)) {
      const ok = await submit(ctx.api, f, idem, 'payout', `/v1/groups/${ctx.groupId}/shu/payouts`, { memberId, date, to: f.values.ke }, { '/body/date': 'tanggal', '/body/to': 'ke' },
        { INSUFFICIENT_FUNDS: 'ke', DATE_BEFORE_DISTRIBUTION: 'tanggal', DATE_IN_FUTURE: 'tanggal', PERIOD_CLOSED: 'tanggal' })
      if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/shu?ok=bayar`, 303)
    }
    return await sendPage(reply, await render(ctx, { bayar: { memberId, f } }, null), 422)
  })
}

const API_FIELD: Record<string, string> = { name: 'nama', percent: 'persen', account: 'ke', basis: 'ke' }
const FLASH: Record<string, string> = {
  tutup: 'Buku sudah ditutup.', keputusan: 'Keputusan rapat tersimpan.', bagi: 'SHU sudah dibagikan.', bayar: 'Bagian SHU sudah dibayar.'
}
