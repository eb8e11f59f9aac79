import { ACCOUNT } from '../../../domain/ledger/accounts.js'
import { partKey, refusalInto, type Problem } from '../../api.js'
import type { Html } from '../../html.js'
import { html } from '../../html.js'
import { rupiah, tanggal, type FormState } from '../../layout.js'
import { SENTENCE } from '../../messages.js'
import type { Ctx } from '../../request.js'
import type { ArisanJson, ArisanRoundJson, Items, LoanJson, LoanQueueJson, MeetingJson, MemberJson, PreviewJson, RepaymentJson, RepaymentPreviewJson, TermsJson } from '../../types.js'
import { allocationHtml } from '../loans.js'
import type { Data, Plan } from './plan.js'
import { recordDifference } from './cash-count.js'
import { arisanField, calledField, roundLine } from './arisan.js'

/** What the form is filled against, as of the meeting's date. */
export async function load (ctx: Ctx, asOf: string): Promise<Data> {
  const base = `/v1/groups/${ctx.groupId}`
  const [members, loans, meetings, terms, arisans, queue] = await Promise.all([
    ctx.api.get<Items<MemberJson>>(`${base}/members`),
    ctx.api.get<Items<LoanJson>>(`${base}/loans?status=active&asOf=${asOf}`),
    ctx.api.get<Items<MeetingJson>>(`${base}/meetings`),
    getTerms(ctx, asOf),
    ctx.api.get<Items<ArisanJson>>(`${base}/arisan`),
    ctx.api.get<LoanQueueJson>(`${base}/loan-queue?asOf=${asOf}`)
  ])
  return { members: members.items, loans: loans.items, meetings: meetings.items, terms, arisans: arisans.items, queue }
}

/** The schedule every new loan will have, under the terms this meeting agrees or those in force. */
export async function previews (ctx: Ctx, f: FormState, plan: Plan): Promise<Map<number, PreviewJson>> {
  const out = new Map<number, PreviewJson>()
  if (plan.loans.length === 0) return out
  const agreed = plan.decisions.find(d => d.type === 'loan-terms')
  let terms: Record<string, unknown> | null = agreed ?? null
  if (terms === null) {
    const r = await getTerms(ctx, plan.date)
    terms = r === null ? null : { ...r.terms }
  }
  if (terms === null) {
    for (const l of plan.loans) f.errors[`pinjam:${l.row}:jumlah`] = SENTENCE.LOAN_TERMS_MISSING
    return out
  }
  for (const l of plan.loans) {
    const body = {
      principal: l.principal, termCount: l.termCount, frequency: 'monthly', method: terms.method, ratePercent: terms.ratePercent,
      ratePer: terms.ratePer, disbursedOn: plan.date,
      ...(typeof terms.roundTo === 'string' ? { roundTo: terms.roundTo } : {}),
      ...(typeof terms.instalmentRoundTo === 'string' ? { instalmentRoundTo: terms.instalmentRoundTo } : {}),
      ...(typeof terms.roundingMode === 'string' ? { roundingMode: terms.roundingMode } : {})
    }
    const a = await ctx.api.post<PreviewJson>(`/v1/groups/${ctx.groupId}/loans/schedule-preview`, body, partKey('preview', String(l.row), body))
    if (a.problem !== null) refusalInto(f, a.problem, { '/body/principal': `pinjam:${l.row}:jumlah`, '/body/termCount': `pinjam:${l.row}:tenor` })
    else out.set(l.row, a.json)
  }
  return out
}

/** Where a refused instalment is shown: next to its own field, whatever the reason. */
function repaymentRefusal (field: string): [Record<string, string>, Partial<Record<Problem['code'], string>>] {
  return [{ '/body/amount': field }, {
    REPAYMENT_EXCEEDS_PAYOFF: field, REPAYMENT_OUT_OF_ORDER: field, DATE_BEFORE_DISBURSEMENT: field, LOAN_NOT_ACTIVE: field, DATE_IN_FUTURE: field, PERIOD_CLOSED: field
  }]
}

/**
 * How each instalment paid at the meeting will be split (denda, jasa, pokok), asked of the API before anything is
 * saved, so the treasurer and the borrower see a denda taken first; a payment the API would refuse is marked now.
 */
export async function repaymentSplits (ctx: Ctx, f: FormState, plan: Plan): Promise<Map<string, RepaymentPreviewJson>> {
  const out = new Map<string, RepaymentPreviewJson>()
  for (const r of plan.repayments) {
    const body = { date: plan.date, amount: r.amount }
    const a = await ctx.api.post<RepaymentPreviewJson>(`/v1/groups/${ctx.groupId}/loans/${r.loanId}/repayment-preview`, body)
    if (a.problem !== null) refusalInto(f, a.problem, ...repaymentRefusal(r.field))
    else out.set(r.loanId, a.json)
  }
  return out
}

export async function getTerms (ctx: Ctx, asOf: string): Promise<TermsJson | null> {
  try { return await ctx.api.get<TermsJson>(`/v1/groups/${ctx.groupId}/loan-terms?asOf=${asOf}`) } catch { return null }
}

/** What a recorded meeting did, part by part: the parts done (by field key) and the lines of its receipt. */
export interface Recorded {
  done: Set<string>
  recorded: Html[]
  allocations: Html[]
  newLoans: Html[]
}

/**
 * Records the meeting: the meeting itself (attendance, decisions, terms) first, then money in, then loans out, then
 * refreshments. Each part is sent with its own idempotency key, so sending the form again records nothing twice; a
 * refused part marks its field in `f` and the rest still go.
 */
export async function record (ctx: Ctx, d: Data, f: FormState, idem: string, plan: Plan): Promise<Recorded> {
  const base = `/v1/groups/${ctx.groupId}`
  const out: Recorded = { done: new Set<string>(), recorded: [], allocations: [], newLoans: [] }
  const name = new Map(d.members.map(m => [m.id, m.name]))
  const send = async <T>(part: string, url: string, body: unknown, fields: Record<string, string>, codeField: Partial<Record<Problem['code'], string>>): Promise<T | null> => {
    const a = await ctx.api.post<T>(url, body, partKey(idem, part, body))
    if (a.problem !== null) {
      const before = f.banner
      refusalInto(f, a.problem, fields, codeField)
      if (f.banner !== undefined && f.banner !== null && before !== undefined && before !== null && before !== f.banner) f.banner = `${before} ${f.banner}`
      return null
    }
    out.done.add(part)
    return a.json
  }
  const meetingBody = { date: plan.date, attendees: plan.attendees, ...(plan.notes === null ? {} : { notes: plan.notes }), decisions: plan.decisions }
  const meeting = await send<MeetingJson>('meeting', `${base}/meetings`, meetingBody,
    { '/body/date': 'tanggal', '/body/notes': 'catatan' },
    { DATE_IN_FUTURE: 'tanggal', LOAN_TERMS_INVALID: 'jasa_persen', PERIOD_CLOSED: 'tanggal' })
  if (meeting !== null) out.recorded.push(html`<li>Rapat ${tanggal(plan.date)}: ${plan.attendees.length} hadir, ${plan.decisions.length} keputusan</li>`)
  for (const s of plan.savings) {
    const ok = await send(s.field, `${base}/savings`, { memberId: s.memberId, kind: s.kind, date: plan.date, amount: s.amount },
      { '/body/amount': s.field }, { DATE_IN_FUTURE: s.field, PERIOD_CLOSED: s.field, MEMBER_NOT_FOUND: s.field })
    if (ok !== null) out.recorded.push(html`<li>Simpanan ${s.kind} ${name.get(s.memberId) ?? ''}: ${rupiah(s.amount)}</li>`)
  }
  for (const r of plan.repayments) {
    const ok = await send<RepaymentJson>(r.field, `${base}/loans/${r.loanId}/repayments`, { date: plan.date, amount: r.amount }, ...repaymentRefusal(r.field))
    const who = name.get(d.loans.find(l => l.id === r.loanId)?.memberId ?? '') ?? ''
    if (ok !== null) out.allocations.push(html`<div><h3>${who}</h3>${allocationHtml({ amount: r.amount, date: plan.date, ...ok.allocation })}</div>`)
  }
  for (const p of plan.arisan.pays) {
    const field = arisanField(p.arisanId)
    const ok = await send(p.key, `${base}/arisan/${p.arisanId}/contributions`, { round: p.round, slot: p.slot, memberId: p.memberId, date: plan.date, amount: p.amount },
      {}, { ARISAN_ALREADY_PAID: field, ARISAN_ROUND_NOT_OPEN: field, ARISAN_WRONG_AMOUNT: field, ARISAN_NOT_A_HOLDER: field, DATE_IN_FUTURE: field, PERIOD_CLOSED: field })
    if (ok !== null) out.recorded.push(html`<li>Setoran arisan putaran ${p.round} ${name.get(p.memberId) ?? ''}: ${rupiah(p.amount)}</li>`)
  }
  for (const t of plan.arisan.takes) {
    const field = arisanField(t.arisanId)
    const ok = await send<ArisanRoundJson>(t.key, `${base}/arisan/${t.arisanId}/rounds`, { date: plan.date, ...(meeting === null ? {} : { meetingId: meeting.id }), ...(t.called === null ? {} : { called: t.called }) },
      { '/body/called': calledField(t.arisanId) }, { ARISAN_POT_EMPTY: field, ARISAN_CYCLE_COMPLETE: field, INSUFFICIENT_FUNDS: field, DATE_IN_FUTURE: field, PERIOD_CLOSED: field })
    const a = d.arisans.find(x => x.id === t.arisanId)
    if (ok !== null && a !== undefined) out.recorded.push(roundLine(a, ok))
  }
  for (const l of plan.loans) {
    const p = `pinjam:${l.row}:`
    const body = {
      memberId: l.memberId, principal: l.principal, termCount: l.termCount, frequency: 'monthly', disbursedOn: plan.date, ...(l.purpose === null ? {} : { purpose: l.purpose }),
      ...(l.outOfTurnReason === null ? {} : { outOfTurnReason: l.outOfTurnReason })
    }
    const ok = await send<LoanJson>(`pinjam:${l.row}`, `${base}/loans`, body,
      { '/body/principal': `${p}jumlah`, '/body/termCount': `${p}tenor`, '/body/memberId': `${p}anggota`, '/body/purpose': `${p}tujuan`, '/body/outOfTurnReason': `${p}alasan` },
      { LOAN_OUT_OF_TURN: `${p}alasan`, LOAN_OUTSIDE_TERMS: `${p}jumlah`, INSUFFICIENT_FUNDS: `${p}jumlah`, LOAN_TERMS_MISSING: `${p}jumlah`, MEMBER_NOT_FOUND: `${p}anggota`, DATE_IN_FUTURE: `${p}jumlah`, PERIOD_CLOSED: `${p}jumlah` })
    if (ok !== null) out.newLoans.push(html`<li><a href="/g/${ctx.groupId}/pinjaman/${ok.id}">${name.get(l.memberId) ?? ''}: ${rupiah(l.principal)}, ${l.termCount} bulan, angsuran ${rupiah(ok.schedule[0]?.total ?? '0')}</a></li>`)
  }
  if (plan.refreshments !== null) {
    const ok = await send('konsumsi', `${base}/expenses`, { date: plan.date, amount: plan.refreshments, account: ACCOUNT.bebanKonsumsi, description: `Konsumsi rapat ${tanggal(plan.date)}` },
      { '/body/amount': 'konsumsi' }, { INSUFFICIENT_FUNDS: 'konsumsi', DATE_IN_FUTURE: 'konsumsi', PERIOD_CLOSED: 'konsumsi' })
    if (ok !== null) out.recorded.push(html`<li>Konsumsi rapat: ${rupiah(plan.refreshments)}</li>`)
  }
  // A difference in the box is measured against the books only once every part of the meeting is in them.
  const difference = Object.keys(f.errors).length === 0 ? await recordDifference(ctx, idem, plan) : null
  if (difference !== null) out.recorded.push(difference)
  return out
}
