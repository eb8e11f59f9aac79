import type { FastifyInstance } from 'fastify'
import { GENERIC_REVERSAL } from '../../domain/ledger/entry-kind.js'
import { today } from '../../services/clock.js'
import { newFormKey } from '../api.js'
import { dateOf, formState, hasErrors, submit, textOf } from '../forms.js'
import { html, type Html } from '../html.js'
import { banner, dateField, emptyForm, field, page, postForm, rupiah, tanggal, type FormState } from '../layout.js'
import { SENTENCE } from '../messages.js'
import { pinField, pinNote, stepUp } from '../pin.js'
import { monthOf, monthPeriod, monthSelect } from '../month.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import type { AccountJson, EntryJson, Items, LoanJson } from '../types.js'

/**
 * Koreksi: a mistake is never edited or deleted; it is undone by a reversing entry (jurnal balik) with a reason, and
 * recorded again correctly if need be. The list shows a month of the journal, newest first, with who recorded each
 * entry and, for a correction, what it undid and why: the pengawas reads it; the bendahara corrects from it.
 */
const KIND: Record<string, string> = {
  manual: 'Jurnal umum', funding: 'Hibah / donasi', expense: 'Pengeluaran', 'savings-deposit': 'Setoran simpanan',
  'savings-withdrawal': 'Penarikan simpanan', disbursement: 'Pencairan pinjaman', repayment: 'Angsuran', 'write-off': 'Penghapusan pinjaman',
  closing: 'Tutup buku', 'shu-distribution': 'Pembagian SHU', 'shu-payout': 'Pembayaran SHU', reversal: 'Koreksi (jurnal balik)',
  'arisan-contribution': 'Setoran arisan', 'arisan-round': 'Arisan diterima'
}

const amountOf = (e: EntryJson): bigint => e.lines.reduce((s, l) => s + BigInt(l.debit ?? '0'), 0n)
const month = (iso: string): string => iso.slice(0, 7)

function entryRow (groupId: string, e: EntryJson, writer: boolean): Html {
  const undoable = writer && e.reversedBy === null && GENERIC_REVERSAL[e.kind] === true
  const state = e.reversedBy !== null ? html`<span class="badge">dibatalkan</span>` : ''
  return html`<li><div class="row-link">
  <strong>#${e.seq} · ${tanggal(e.date)} · ${rupiah(amountOf(e))}</strong>
  <span>${KIND[e.kind] ?? e.kind}: ${e.description} ${state}</span>
  <span class="muted">dicatat oleh ${e.actor.name} · ${e.createdAt.slice(0, 16).replace('T', ' ')} UTC</span>
  ${undoable ? html`<a href="/g/${groupId}/koreksi/${e.id}">Koreksi transaksi #${e.seq}</a>` : ''}
</div></li>`
}

async function listPage (app: FastifyInstance, ctx: Ctx, bulan: string | undefined, flash: string | null): Promise<Html> {
  const now = today(app.lumbung.env)
  const ym = monthOf(bulan, now).month
  const { from, to } = monthPeriod(ym, now)
  const entries = await ctx.api.get<Items<EntryJson>>(`/v1/groups/${ctx.groupId}/journal-entries?from=${from}&to=${to}&limit=500`)
  const newest = [...entries.items].reverse()
  const corrections = newest.filter(e => e.kind === 'reversal')
  return page('Koreksi', ctx.viewer, 'kas', html`
<p class="lead">Transaksi yang salah tidak diubah atau dihapus: dibatalkan dengan jurnal balik beserta alasannya, lalu dicatat ulang bila perlu.</p>
<form method="get" action="/g/${ctx.groupId}/koreksi" class="card form month-form">
  <div class="field"><label for="koreksi-bulan">Bulan</label>${monthSelect('koreksi-bulan', ym, month(now))}</div>
  <button type="submit">Tampilkan</button>
</form>
<section class="card"><h2>Koreksi bulan ini (${corrections.length})</h2>
${corrections.length === 0 ? html`<p class="empty">Tidak ada koreksi.</p>` : html`<ul class="list">${corrections.map(e => entryRow(ctx.groupId, e, false))}</ul>`}
</section>
<section class="card"><h2>Semua transaksi</h2>
${newest.length === 0 ? html`<p class="empty">Belum ada transaksi pada bulan ini.</p>` : html`<ul class="list">${newest.map(e => entryRow(ctx.groupId, e, ctx.viewer.role === 'treasurer'))}</ul>`}
</section>`, flash)
}

function linesTable (caption: string, e: { lines: EntryJson['lines'] }, names: Map<string, string>): Html {
  return html`<h3>${caption}</h3><div class="table-wrap" tabindex="0" role="region" aria-label="${caption}"><table class="compact">
<thead><tr><th scope="col">Akun</th><th scope="col" class="amount">Debit</th><th scope="col" class="amount">Kredit</th></tr></thead>
<tbody>${e.lines.map(l => html`<tr><td>${l.account} ${names.get(l.account) ?? ''}</td><td class="amount">${l.debit === undefined ? '–' : rupiah(l.debit)}</td><td class="amount">${l.credit === undefined ? '–' : rupiah(l.credit)}</td></tr>`)}</tbody>
</table></div>`
}

/** The confirmation: the entry, the lines that will undo it, and the reason and date to give. */
/** Where a confirmation posts: the generic reversal, or a loan's own for its latest repayment (which the generic one refuses). */
interface Target { action: string, back: string, viaLoan: boolean }

async function confirmPage (app: FastifyInstance, ctx: Ctx, entryId: string, f: FormState | null, target: Target | null = null): Promise<Html> {
  const base = `/v1/groups/${ctx.groupId}`
  const [e, accounts] = await Promise.all([
    ctx.api.get<EntryJson>(`${base}/journal-entries/${encodeURIComponent(entryId)}`),
    ctx.api.get<Items<AccountJson>>(`${base}/accounts`)
  ])
  const names = new Map(accounts.items.map(a => [a.code, a.name]))
  const form = { ...(f ?? emptyForm({ tanggal: today(app.lumbung.env) })), idPrefix: 'koreksi' }
  const reversing = {
    lines: e.lines.map(l => ({
      account: l.account, fund: l.fund, memberId: l.memberId,
      ...(l.credit === undefined ? {} : { debit: l.credit }), ...(l.debit === undefined ? {} : { credit: l.debit })
    }))
  }
  const rule = target?.viaLoan === true ? true : GENERIC_REVERSAL[e.kind]
  const blocked = e.reversedBy !== null ? SENTENCE.ENTRY_ALREADY_REVERSED : rule === true ? null : SENTENCE[rule]
  return page(`Koreksi transaksi #${e.seq}`, ctx.viewer, 'kas', html`
<section class="card">
  <h2>${KIND[e.kind] ?? e.kind} · ${tanggal(e.date)} · ${rupiah(amountOf(e))}</h2>
  <p>${e.description}</p>
  <p class="muted">Dicatat oleh ${e.actor.name}</p>
  ${linesTable('Jurnal yang dicatat', e, names)}
  ${linesTable('Jurnal balik yang akan dicatat (debit dan kredit ditukar)', reversing, names)}
</section>
${blocked !== null || ctx.viewer.role !== 'treasurer'
  ? html`<p class="banner">${blocked ?? 'Hanya bendahara yang mencatat koreksi.'}</p>`
  : postForm(target?.action ?? `/g/${ctx.groupId}/koreksi/${e.id}`, ctx.viewer, newFormKey(), html`
<h2>Batalkan transaksi ini</h2>${banner(form)}
${field(form, 'alasan', 'Alasan koreksi', { required: true, placeholder: 'mis. Salah catat nominal' })}
${dateField(form, 'tanggal', 'Tanggal koreksi', { required: true })}
${pinField(form, ctx.session)}${pinNote}
<button type="submit" class="primary">Catat jurnal balik</button>`, { id: 'form-koreksi', onlineOnly: true })}
<p><a href="${target?.back ?? `/g/${ctx.groupId}/koreksi?bulan=${month(e.date)}`}">Kembali</a></p>`)
}

/** The reversal sent to /v1 with the form's reason and date, once the PIN was asked again; refused, null (the errors are in the form). */
async function sendReversal (app: FastifyInstance, ctx: Ctx, url: string, body: Record<string, string>, f: FormState, idem: string): Promise<string | null> {
  const reason = textOf(f, 'alasan')
  const date = dateOf(f, 'tanggal')
  if (!await stepUp(app, ctx.session, f, body.pin) || hasErrors(f)) return null
  const ok = await submit(ctx.api, f, idem, 'reversal', url, { reason, date }, { '/body/reason': 'alasan', '/body/date': 'tanggal' }, {
    REVERSAL_BEFORE_ORIGINAL: 'tanggal', DATE_BEFORE_REPAYMENT: 'tanggal', DATE_IN_FUTURE: 'tanggal', PERIOD_CLOSED: 'tanggal',
    INSUFFICIENT_SAVINGS: 'alasan', INSUFFICIENT_FUNDS: 'alasan', REPAYMENT_NOT_LATEST: 'alasan'
  })
  return ok === null ? null : date
}

/** A loan's latest repayment undone from its page: the same confirmation, posted to the loan's own reversal. */
function repaymentRoutes (app: FastifyInstance): void {
  const target = (ctx: Ctx, loanId: string, repaymentId: string): Target => ({
    action: `/g/${ctx.groupId}/pinjaman/${loanId}/koreksi/${repaymentId}`, back: `/g/${ctx.groupId}/pinjaman/${loanId}`, viaLoan: true
  })
  const entryOf = async (ctx: Ctx, loanId: string, repaymentId: string): Promise<string> => {
    const loan = await ctx.api.get<LoanJson>(`/v1/groups/${ctx.groupId}/loans/${encodeURIComponent(loanId)}`)
    return loan.repayments.find(r => r.id === repaymentId)?.entryId ?? repaymentId
  }
  app.get('/g/:groupId/pinjaman/:loanId/koreksi/:repaymentId', async (req, reply) => {
    const ctx = ctxOf(req)
    const { loanId, repaymentId } = req.params as { loanId: string, repaymentId: string }
    return await sendPage(reply, await confirmPage(app, ctx, await entryOf(ctx, loanId, repaymentId), null, target(ctx, loanId, repaymentId)))
  })
  app.post('/g/:groupId/pinjaman/:loanId/koreksi/:repaymentId', async (req, reply) => {
    const ctx = ctxOf(req)
    const { loanId, repaymentId } = req.params as { loanId: string, repaymentId: string }
    const body = formOf(req)
    const { f, idem } = formState(body)
    const url = `/v1/groups/${ctx.groupId}/loans/${encodeURIComponent(loanId)}/repayments/${encodeURIComponent(repaymentId)}/reversal`
    if (await sendReversal(app, ctx, url, body, f, idem) !== null) return await reply.redirect(`/g/${ctx.groupId}/pinjaman/${loanId}?ok=koreksi`, 303)
    return await sendPage(reply, await confirmPage(app, ctx, await entryOf(ctx, loanId, repaymentId), f, target(ctx, loanId, repaymentId)), 422)
  })
}

/** Koreksi: the journal by month with who and why, and an entry undone by a reversing entry after a confirmation. */
export async function correctionRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/koreksi', async (req, reply) => {
    const q = req.query as { bulan?: string, ok?: string }
    return await sendPage(reply, await listPage(app, ctxOf(req), q.bulan, q.ok === '1' ? 'Koreksi tercatat.' : null))
  })
  app.get('/g/:groupId/koreksi/:entryId', async (req, reply) => {
    return await sendPage(reply, await confirmPage(app, ctxOf(req), (req.params as { entryId: string }).entryId, null))
  })
  app.post('/g/:groupId/koreksi/:entryId', async (req, reply) => {
    const ctx = ctxOf(req)
    const entryId = (req.params as { entryId: string }).entryId
    const body = formOf(req)
    const { f, idem } = formState(body)
    const date = await sendReversal(app, ctx, `/v1/groups/${ctx.groupId}/journal-entries/${encodeURIComponent(entryId)}/reversal`, body, f, idem)
    if (date !== null) return await reply.redirect(`/g/${ctx.groupId}/koreksi?ok=1&bulan=${date.slice(0, 7)}`, 303)
    return await sendPage(reply, await confirmPage(app, ctx, entryId, f), 422)
  })
  repaymentRoutes(app)
}
