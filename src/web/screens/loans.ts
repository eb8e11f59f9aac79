import type { FastifyInstance } from 'fastify'
import { formatPercent } from '../../render/format.js'
import { today } from '../../services/clock.js'
import { newFormKey } from '../api.js'
import { amountOf, dateOf, formState, hasErrors, submit } from '../forms.js'
import { html, type Html } from '../html.js'
import { dateField, amountField, banner, emptyForm, page, postForm, rupiah, stat, tanggal, type FormState, KOLEK, STATUS } from '../layout.js'
import { receiptPath } from '../../services/receipt-service.js'
import { originOf, whatsappButton } from './receipt.js'
import { contactOf } from './member-contact.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import type { Items, LoanJson, MemberJson, PortfolioJson } from '../types.js'
import { loanCard } from './members.js'

const METHOD: Record<string, string> = { flat: 'flat', declining: 'menurun', annuity: 'anuitas' }

/** The two payment forms of a loan's page. */
type Which = 'angsuran' | 'pelunasan'

/** How a repayment was split: denda → jasa → pokok. */
export function allocationHtml (r: { amount: string, penalty: string, interest: string, principal: string, date: string }): Html {
  return html`<div class="allocation" role="status">
  <p><strong>Angsuran ${rupiah(r.amount)}</strong> tanggal ${tanggal(r.date)} dibagi:</p>
  <dl><div><dt>Denda</dt><dd>${rupiah(r.penalty)}</dd></div><div><dt>Jasa</dt><dd>${rupiah(r.interest)}</dd></div><div><dt>Pokok</dt><dd>${rupiah(r.principal)}</dd></div></dl>
</div>`
}

/** A loan's page: its card, schedule and repayments, and for a treasurer the repayment and payoff forms. */
async function detail (app: FastifyInstance, ctx: Ctx, loanId: string, forms: Partial<Record<Which, FormState>>, shown: string | null,
  flash: string | null, origin: string): Promise<Html> {
  const base = `/v1/groups/${ctx.groupId}`
  const asOf = today(app.lumbung.env)
  const l = await ctx.api.get<LoanJson>(`${base}/loans/${encodeURIComponent(loanId)}?asOf=${asOf}`)
  const [m, contact] = await Promise.all([ctx.api.get<MemberJson>(`${base}/members/${encodeURIComponent(l.memberId)}`), contactOf(ctx, l.memberId)])
  const form = { ...(forms.angsuran ?? emptyForm({ tanggal: asOf })), idPrefix: 'f' }
  // The payoff of today, offered as the amount: a different date asks for a different figure, and the API says which.
  const payoffForm = { ...(forms.pelunasan ?? emptyForm({ tanggal: asOf, jumlah: l.payoff })), idPrefix: 'lunas' }
  const next = l.schedule.find(r => r.paidOn === null)
  const just = shown === null ? undefined : l.repayments.find(r => r.id === shown)
  const last = l.repayments.at(-1)
  return page(`Pinjaman ${m.name}`, ctx.viewer, 'pinjaman', html`
${just === undefined ? '' : html`${allocationHtml(just)}${contact === null ? '' : html`<p>${whatsappButton(app.lumbung.env, origin, ctx, {
  contact, memberName: m.name, entryId: just.entryId, label: 'Kirim kuitansi via WhatsApp',
  what: `angsuran ${m.name} ${rupiah(just.amount)} diterima ${tanggal(just.date)} (${BigInt(just.penalty) > 0n ? `denda ${rupiah(just.penalty)}, ` : ''}jasa ${rupiah(just.interest)}, pokok ${rupiah(just.principal)}). Sisa pinjaman ${rupiah(l.outstanding.principal)}`
})}</p>`}`}
<section class="stats">
${stat('Pokok', rupiah(l.principal), `${l.termCount} × ${l.frequency === 'weekly' ? 'minggu' : 'bulan'}, jasa ${l.terms.ratePercent.replace('.', ',')} % per ${l.terms.ratePer === 'year' ? 'tahun' : 'bulan'} (${METHOD[l.terms.method]})`)}
${stat('Sisa pokok', rupiah(l.outstanding.principal), `lunas sekarang: ${rupiah(l.payoff)}`)}
${stat('Tunggakan', rupiah(l.arrears), `${l.daysPastDue} hari lewat jatuh tempo`, BigInt(l.arrears) > 0n ? 'warn' : 'good')}
${stat('Status', l.status === 'active' ? KOLEK[l.collectibility] ?? '' : STATUS[l.status] ?? '', `cair ${tanggal(l.disbursedOn)}`, l.collectibility === 'lancar' ? 'good' : 'warn')}
</section>
${ctx.viewer.role === 'treasurer' && l.status === 'active' ? postForm(`/g/${ctx.groupId}/pinjaman/${l.id}/angsuran`, ctx.viewer, newFormKey(), html`
<h2>Catat angsuran</h2>${banner(form)}
${next === undefined ? '' : html`<p class="muted">Angsuran ke-${next.n} jatuh tempo ${tanggal(next.dueDate)}: ${rupiah(next.total)}</p>`}
<div class="row">
  ${amountField(form, 'jumlah', 'Jumlah dibayar', { required: true })}
  ${dateField(form, 'tanggal', 'Tanggal bayar', { required: true })}
</div>
<button type="submit" class="primary">Simpan angsuran</button>`, { id: 'form-angsuran' }) : ''}
${ctx.viewer.role === 'treasurer' && l.status === 'active' ? postForm(`/g/${ctx.groupId}/pinjaman/${l.id}/pelunasan`, ctx.viewer, newFormKey(), html`
<h2>Pelunasan dipercepat</h2>${banner(payoffForm)}
<p class="muted">Lunas hari ini: <strong>${rupiah(l.payoff)}</strong> (sisa pokok, jasa dan denda yang sudah jatuh tempo; jasa angsuran berikutnya tidak dihitung).</p>
<div class="row">
  ${amountField(payoffForm, 'jumlah', 'Jumlah pelunasan', { required: true })}
  ${dateField(payoffForm, 'tanggal', 'Tanggal lunas', { required: true })}
</div>
<button type="submit">Lunasi pinjaman</button>`, { id: 'form-pelunasan' }) : ''}
<section class="card">
<h2>Kartu pinjaman</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="Jadwal angsuran"><table class="compact">
  <thead><tr><th scope="col">Ke</th><th scope="col">Jatuh tempo</th><th scope="col" class="amount wide-only">Pokok</th><th scope="col" class="amount wide-only">Jasa</th><th scope="col" class="amount">Angsuran</th><th scope="col">Dibayar</th></tr></thead>
  <tbody>${l.schedule.map(r => html`<tr class="${r.paidOn !== null ? 'paid' : ''}"><td>${r.n}</td><td class="date">${tanggal(r.dueDate)}</td><td class="amount wide-only">${rupiah(r.principal)}</td><td class="amount wide-only">${rupiah(r.interestCharged)}</td><td class="amount">${rupiah(r.total)}</td><td>${r.paidOn === null ? (r.paid.principal !== '0' ? 'sebagian' : '–') : html`<span class="ok-text">✓ ${tanggal(r.paidOn)}</span>`}</td></tr>`)}</tbody>
</table></div>
<p><a class="button" href="/g/${ctx.groupId}/laporan/unduh?jenis=loan-card&amp;pinjaman=${l.id}&amp;format=pdf" download>Unduh kartu pinjaman (PDF)</a></p>
</section>
<section class="card">
<h2>Riwayat angsuran</h2>
${l.repayments.length === 0 ? html`<p class="empty">Belum ada angsuran.</p>` : html`<div class="table-wrap" tabindex="0" role="region" aria-label="Riwayat angsuran"><table class="compact">
  <thead><tr><th scope="col">Tanggal</th><th scope="col" class="amount">Jumlah</th><th scope="col" class="amount">Denda</th><th scope="col" class="amount">Jasa</th><th scope="col" class="amount">Pokok</th></tr></thead>
  <tbody>${l.repayments.map(r => html`<tr><td class="date"><a href="${receiptPath(app.lumbung.env, ctx.groupId, r.entryId)}" aria-label="Kuitansi angsuran ${tanggal(r.date)}">${tanggal(r.date)}</a></td><td class="amount">${rupiah(r.amount)}</td><td class="amount">${rupiah(r.penalty)}</td><td class="amount">${rupiah(r.interest)}</td><td class="amount">${rupiah(r.principal)}</td></tr>`)}</tbody>
</table></div>`}
${ctx.viewer.role === 'treasurer' && last !== undefined && l.writeOff === null
  ? html`<p class="muted">Salah catat? <a href="/g/${ctx.groupId}/pinjaman/${l.id}/koreksi/${last.id}">Batalkan angsuran terakhir (${tanggal(last.date)}, ${rupiah(last.amount)})</a></p>` : ''}
</section>`, flash ?? (just === undefined ? null : l.status === 'paid_off' ? 'Pembayaran tersimpan. Pinjaman lunas.' : 'Angsuran tersimpan.'))
}

/** Pinjaman: loans with status, arrears and collectibility; a repayment and its allocation. */
export async function loanRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/pinjaman', async (req, reply) => {
    const ctx = ctxOf(req)
    const base = `/v1/groups/${ctx.groupId}`
    const asOf = today(app.lumbung.env)
    const [loans, members, portfolio] = await Promise.all([
      ctx.api.get<Items<LoanJson>>(`${base}/loans?asOf=${asOf}`),
      ctx.api.get<Items<MemberJson>>(`${base}/members`),
      ctx.api.get<PortfolioJson>(`${base}/reports/loan-portfolio?asOf=${asOf}`)
    ])
    const name = new Map(members.items.map(m => [m.id, m.name]))
    const active = loans.items.filter(l => l.status === 'active')
    const closed = loans.items.filter(l => l.status !== 'active')
    return await sendPage(reply, page('Pinjaman', ctx.viewer, 'pinjaman', html`
<section class="stats">
  ${stat('Sisa pokok', rupiah(portfolio.totals.outstanding), `${active.length} pinjaman berjalan`)}
  ${stat('Tunggakan', rupiah(portfolio.totals.arrears), null, BigInt(portfolio.totals.arrears) > 0n ? 'warn' : 'good')}
  ${stat('PAR30', formatPercent(portfolio.par30, 'id'), 'pokok terlambat > 30 hari', Number(portfolio.par30) > 0 ? 'warn' : 'good')}
  ${stat('Lancar', rupiah(portfolio.totals.byCollectibility.lancar), `macet ${rupiah(portfolio.totals.byCollectibility.macet)}`)}
</section>
${ctx.viewer.role === 'treasurer' ? html`<p class="actions"><a class="button primary" href="/g/${ctx.groupId}/rapat">Pinjaman baru dicatat di Rapat</a></p>` : ''}
<h2>Berjalan</h2>
${active.length === 0 ? html`<p class="empty">Tidak ada pinjaman berjalan.</p>` : html`<div class="cards">${active.map(l => loanCard(ctx.groupId, l, name.get(l.memberId) ?? ''))}</div>`}
${closed.length === 0 ? '' : html`<h2>Selesai</h2><div class="cards">${closed.map(l => loanCard(ctx.groupId, l, name.get(l.memberId) ?? ''))}</div>`}`))
  })

  app.get('/g/:groupId/pinjaman/:loanId', async (req, reply) => {
    const q = req.query as { bayar?: string, ok?: string }
    const flash = q.ok === 'koreksi' ? 'Angsuran dibatalkan dengan jurnal balik.' : null
    return await sendPage(reply, await detail(app, ctxOf(req), (req.params as { loanId: string }).loanId, {}, q.bayar ?? null, flash, originOf(req)))
  })

  /** An angsuran (any amount up to what is left) or a pelunasan (the payoff of its date): the same form, another request. */
  const WRITES: Record<Which, { part: string, path: string }> = {
    angsuran: { part: 'repay', path: 'repayments' },
    pelunasan: { part: 'payoff', path: 'payoff' }
  }
  for (const which of ['angsuran', 'pelunasan'] as const) {
    app.post(`/g/:groupId/pinjaman/:loanId/${which}`, async (req, reply) => {
      const ctx = ctxOf(req)
      const loanId = (req.params as { loanId: string }).loanId
      const { f, idem } = formState(formOf(req))
      const amount = amountOf(f, 'jumlah')
      const date = dateOf(f, 'tanggal')
      if (!hasErrors(f)) {
        const ok = await submit<{ id: string }>(ctx.api, f, idem, WRITES[which].part, `/v1/groups/${ctx.groupId}/loans/${encodeURIComponent(loanId)}/${WRITES[which].path}`, { date, amount },
          { '/body/amount': 'jumlah', '/body/date': 'tanggal' },
          { REPAYMENT_EXCEEDS_PAYOFF: 'jumlah', PAYOFF_AMOUNT_MISMATCH: 'jumlah', REPAYMENT_OUT_OF_ORDER: 'tanggal', DATE_BEFORE_DISBURSEMENT: 'tanggal', DATE_IN_FUTURE: 'tanggal', PERIOD_CLOSED: 'tanggal' })
        if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/pinjaman/${loanId}?bayar=${encodeURIComponent(ok.json.id)}`, 303)
      }
      return await sendPage(reply, await detail(app, ctx, loanId, { [which]: f }, null, null, originOf(req)), 422)
    })
  }
}
