import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as loans from '../data/loan-repository.js'
import * as periods from '../data/period-repository.js'
import type { LoanFile, RepaymentRecord, WriteOffRecord } from '../data/loan-repository.js'
import { DomainError, invalid } from '../domain/errors.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import { creditLine, debitLine, type Line } from '../domain/ledger/journal-entry.js'
import { allocate, allocatePayoff, lastRepaymentChange, loanState, totals } from '../domain/loans/repayment.js'
import { loanView, type LoanStatus, type LoanView } from '../domain/loans/view.js'
import { schedule } from '../domain/loans/schedule.js'
import { requireWithinTerms, termsFromJson, termsToJson, type LoanTermsJson } from '../domain/loans/terms.js'
import type { Frequency, Installment, PaidPart, ScheduleInput } from '../domain/loans/types.js'
import type { Rupiah } from '../domain/money.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { requireGroup } from './group-service.js'
import { getEntry } from './ledger-reads.js'
import { post, postReversal, requireOpenDate } from './ledger-service.js'
import { latestDate, today } from './clock.js'
import { termsInForce } from './meeting-service.js'
import { loanQueue } from './loan-queue-service.js'
import { outOfTurn } from '../domain/loans/queue.js'

export type { LoanFile, RepaymentRecord, WriteOffRecord }
export type { LoanStatus, LoanView }

/** Pure: the instalment table for a loan request. */
export function preview (input: ScheduleInput): Installment[] {
  return schedule(input)
}

const view = loanView

/** The repayments not undone, in order: what a new repayment or a reversal builds on. */
const notReversed = (file: LoanFile): RepaymentRecord[] => file.repayments.filter(r => r.reversedOn === null)

async function loadOne (db: Db | Tx, groupId: string, loanId: string): Promise<LoanFile> {
  await requireGroup(db, groupId)
  const [file] = await loans.loadLoans(db, groupId, { loanId })
  if (file === undefined) throw new DomainError('LOAN_NOT_FOUND', `no loan ${loanId} in group ${groupId}`)
  return file
}

export interface LoanRequest {
  memberId: string
  principal: Rupiah
  termCount: number
  frequency: Frequency
  disbursedOn: string
  purpose: string | null
  fund: string | null
  /** Why she borrows before the next member in the giliran pinjaman (required then). */
  outOfTurnReason: string | null
}

/**
 * Disburses a loan under the terms in force on its date (the latest meeting's decision): checks it against them,
 * posts Piutang Pinjaman Anggota / Kas (refused if Kas cannot pay it) and keeps the schedule and the meeting it
 * answers to. The lines carry the member and the fund (by default the group's first grant: the revolving fund).
 */
/** A loan to someone other than the next member in line needs its reason; a reason for a loan in turn is refused (it would be a false record). */
async function requireTurn (tx: Tx, groupId: string, member: { id: string, name: string }, req: LoanRequest): Promise<void> {
  const line = await loanQueue(tx, groupId, req.disbursedOn)
  const passedOver = outOfTurn(line, member.id)
  if (passedOver && req.outOfTurnReason === null) {
    throw new DomainError('LOAN_OUT_OF_TURN', `${line.next ?? ''} is next in the giliran pinjaman decided on ${line.queue?.effectiveFrom ?? ''}: lending to ${member.name} first needs outOfTurnReason`, [{ path: 'outOfTurnReason', message: 'is required: she is not next in line' }])
  }
  if (!passedOver && req.outOfTurnReason !== null) throw invalid('outOfTurnReason', line.queue === null ? 'no meeting has decided a giliran pinjaman' : 'she is next in line: the loan is in turn')
}

export async function disburse (tx: Tx, env: Env, actor: Actor, groupId: string, req: LoanRequest): Promise<LoanView> {
  await requireGroup(tx, groupId)
  const member = await groups.findMember(tx, groupId, req.memberId)
  if (member === null) throw new DomainError('MEMBER_NOT_FOUND', `no member ${req.memberId} in group ${groupId}`)
  const inForce = await termsInForce(tx, groupId, req.disbursedOn)
  if (inForce === null) throw new DomainError('LOAN_TERMS_MISSING', `no meeting on or before ${req.disbursedOn} has agreed loan terms`)
  const terms = inForce.terms
  requireWithinTerms(terms, req.principal, req.termCount)
  await requireTurn(tx, groupId, member, req)
  const installments = schedule({
    principal: req.principal, termCount: req.termCount, frequency: req.frequency, method: terms.method,
    ratePercent: terms.ratePercent, ratePer: terms.ratePer, disbursedOn: req.disbursedOn, rounding: terms.rounding
  })
  const fund = req.fund ?? (await groups.listFunds(tx, groupId)).find(f => f.kind === 'grant')?.id ?? null
  const loanId = env.newId('lon')
  const entry = await post(tx, env, actor, groupId, {
    date: req.disbursedOn,
    description: `Pencairan pinjaman ${member.name}${req.purpose === null ? '' : ` (${req.purpose})`}`,
    reference: null,
    reverses: null,
    kind: 'disbursement',
    source: loanId,
    lines: [debitLine(ACCOUNT.piutangPinjaman, req.principal, { member: member.id, fund }), creditLine(ACCOUNT.kas, req.principal, { member: member.id, fund })]
  })
  const record: loans.LoanRecord = {
    id: loanId, groupId, memberId: member.id, principal: req.principal, termCount: req.termCount, frequency: req.frequency,
    disbursedOn: req.disbursedOn, purpose: req.purpose, terms: termsToJson(terms), meetingId: inForce.meetingId,
    decisionId: inForce.decisionId, fundId: fund, disbursementEntryId: entry.id, outOfTurnReason: req.outOfTurnReason, createdAt: env.now().toISOString(), actor
  }
  await loans.insertLoan(tx, record, installments)
  await emit(tx, env, actor, groupId, 'loan.disbursed', loanId, { memberId: member.id, principal: req.principal.toString(), termCount: req.termCount, disbursedOn: req.disbursedOn, entryId: entry.id, meetingId: inForce.meetingId })
  return view({ loan: record, installments, repayments: [], writeOff: null }, req.disbursedOn)
}

export async function getLoan (db: Db, groupId: string, loanId: string, asOf: string): Promise<LoanView> {
  return view(await loadOne(db, groupId, loanId), asOf)
}

export async function listLoans (db: Db, groupId: string, f: { status?: LoanStatus, memberId?: string, asOf: string }): Promise<LoanView[]> {
  await requireGroup(db, groupId)
  const files = await loans.loadLoans(db, groupId, f.memberId === undefined ? {} : { memberId: f.memberId })
  return files.filter(x => x.loan.disbursedOn <= f.asOf).map(x => view(x, f.asOf)).filter(v => f.status === undefined || v.status === f.status)
}

export interface RepaymentResult {
  repayment: RepaymentRecord
  loan: LoanView
  /** Set when the repayment was undone: the reversing entry. */
  reversalEntryId?: string
}

/** The checks every repayment and payoff passes before the loan's state is computed up to its date. */
function requireRepayable (env: Env, file: LoanFile, date: string): void {
  // Refused before the loan's state is computed up to that date (a date like 9999-12-31 would be walked day by month).
  if (date > latestDate(env)) throw new DomainError('DATE_IN_FUTURE', `date ${date} is after today`)
  if (file.writeOff !== null) throw new DomainError('LOAN_NOT_ACTIVE', `loan ${file.loan.id} was written off on ${file.writeOff.date}`)
  if (date < file.loan.disbursedOn) throw new DomainError('DATE_BEFORE_DISBURSEMENT', `the loan was disbursed on ${file.loan.disbursedOn}`)
  const last = lastRepaymentChange(file.repayments)
  if (last !== null && date < last.date) {
    throw new DomainError('REPAYMENT_OUT_OF_ORDER', last.change === 'repayment' ? `the last repayment is dated ${last.date}` : `a repayment of this loan was undone on ${last.date}: date the next one on or after it`)
  }
}

/**
 * Posts and records a repayment already allocated: one entry Kas / Pendapatan Denda, Pendapatan Jasa, Piutang Pinjaman
 * (interest is income when paid: cash basis), its lines tagged with the member and the fund, and the event loan.repaid.
 */
async function record (
  tx: Tx, env: Env, actor: Actor, groupId: string, file: LoanFile, input: { date: string, amount: Rupiah, parts: PaidPart[], description: string }
): Promise<RepaymentResult> {
  const loanId = file.loan.id
  const split = totals(input.parts)
  const member = await groups.findMember(tx, groupId, file.loan.memberId)
  const tags = { member: file.loan.memberId, fund: file.loan.fundId }
  const credits: Line[] = [
    ...(split.penalty > 0n ? [creditLine(ACCOUNT.pendapatanDenda, split.penalty, tags)] : []),
    ...(split.interest > 0n ? [creditLine(ACCOUNT.pendapatanJasa, split.interest, tags)] : []),
    ...(split.principal > 0n ? [creditLine(ACCOUNT.piutangPinjaman, split.principal, tags)] : [])
  ]
  const repaymentId = env.newId('rep')
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: `${input.description} ${member?.name ?? file.loan.memberId}`,
    reference: null,
    reverses: null,
    kind: 'repayment',
    source: repaymentId,
    lines: [debitLine(ACCOUNT.kas, input.amount, tags), ...credits]
  })
  const repayment: RepaymentRecord = {
    id: repaymentId, loanId, date: input.date, amount: input.amount, ...split, parts: input.parts,
    entryId: entry.id, reversedOn: null, createdAt: env.now().toISOString(), actor
  }
  await loans.insertRepayment(tx, repayment, groupId)
  await emit(tx, env, actor, groupId, 'loan.repaid', loanId, {
    repaymentId: repayment.id, date: input.date, amount: input.amount.toString(), entryId: entry.id,
    penalty: split.penalty.toString(), interest: split.interest.toString(), principal: split.principal.toString()
  })
  return { repayment, loan: view({ ...file, repayments: [...file.repayments, repayment] }, input.date) }
}

/**
 * Records an instalment payment (angsuran): what is due first (denda → jasa → pokok, oldest instalment first), then
 * the coming instalments in due-date order, each jasa then pokok; at most everything still scheduled plus denda (more
 * is refused: settling early is a payoff).
 */
/** A repayment's split, as recording it makes it and previewing it shows it: the loan's checks, then the allocation. */
async function allocated (db: Db | Tx, env: Env, groupId: string, loanId: string, input: { date: string, amount: Rupiah }) {
  const file = await loadOne(db, groupId, loanId)
  requireRepayable(env, file, input.date)
  const terms = termsFromJson(file.loan.terms as LoanTermsJson)
  return { file, terms, parts: allocate(file.installments, file.repayments, terms.penalty, terms.rounding, input.date, input.amount) }
}

export async function repay (tx: Tx, env: Env, actor: Actor, groupId: string, loanId: string, input: { date: string, amount: Rupiah }): Promise<RepaymentResult> {
  const { file, parts } = await allocated(tx, env, groupId, loanId, input)
  return await record(tx, env, actor, groupId, file, { ...input, parts, description: 'Angsuran pinjaman' })
}

/** What a repayment would pay, split as `repay` would split it, with nothing recorded: the same checks and refusals. */
export interface RepaymentPreview { date: string, amount: Rupiah, parts: PaidPart[], split: ReturnType<typeof totals>, principalLeft: Rupiah }

export async function previewRepayment (db: Db, env: Env, groupId: string, loanId: string, input: { date: string, amount: Rupiah }): Promise<RepaymentPreview> {
  const { file, terms, parts } = await allocated(db, env, groupId, loanId, input)
  const split = totals(parts)
  // Refused where the posting itself would refuse it: after the split, as post() does.
  requireOpenDate(await periods.closedThrough(db, groupId), input.date)
  return { ...input, parts, split, principalLeft: loanState(file.installments, file.repayments, terms.penalty, terms.rounding, input.date).outstanding.principal - split.principal }
}

/**
 * Pelunasan dipercepat: settles the loan on `date` for its payoff (outstanding pokok + the jasa of instalments already
 * due + denda; the jasa of instalments not yet due is waived). `amount`, when given, must be that figure exactly, so a
 * treasurer who counted the money sees a disagreement instead of a different booking. Recorded as an ordinary
 * repayment: what is due as usual, then the pokok of every instalment not yet due.
 */
export async function payOff (tx: Tx, env: Env, actor: Actor, groupId: string, loanId: string, input: { date: string, amount: Rupiah | null }): Promise<RepaymentResult> {
  const file = await loadOne(tx, groupId, loanId)
  requireRepayable(env, file, input.date)
  const terms = termsFromJson(file.loan.terms as LoanTermsJson)
  const payoff = allocatePayoff(file.installments, file.repayments, terms.penalty, terms.rounding, input.date)
  if (input.amount !== null && input.amount !== payoff.amount) {
    const due = totals(payoff.parts)
    throw new DomainError('PAYOFF_AMOUNT_MISMATCH', `the payoff of loan ${loanId} on ${input.date} is ${payoff.amount} ` +
      `(pokok ${due.principal} + jasa due ${due.interest} + denda ${due.penalty}), not ${input.amount}`)
  }
  return await record(tx, env, actor, groupId, file, { date: input.date, amount: payoff.amount, parts: payoff.parts, description: 'Pelunasan pinjaman' })
}

/**
 * Undoes a repayment recorded in error: a reversing entry of its posting, after which (from the reversal's date on) the
 * loan stands as if it had never been paid; on the days before the reversal it still counts, as its entry does in the
 * ledger. Only the loan's latest standing repayment can be undone (each repayment's split depends on the ones before
 * it), and not once the loan is written off.
 */
export async function reverseRepayment (
  tx: Tx, env: Env, actor: Actor, groupId: string, loanId: string, repaymentId: string, input: { date: string | null, reason: string }
): Promise<RepaymentResult> {
  const file = await loadOne(tx, groupId, loanId)
  const standing = notReversed(file)
  const repayment = standing.find(r => r.id === repaymentId)
  if (repayment === undefined) throw new DomainError('REPAYMENT_NOT_FOUND', `loan ${loanId} has no standing repayment ${repaymentId}`)
  if (file.writeOff !== null) throw new DomainError('LOAN_NOT_ACTIVE', `loan ${loanId} was written off on ${file.writeOff.date}`)
  const latest = standing.at(-1)
  if (latest?.id !== repaymentId) throw new DomainError('REPAYMENT_NOT_LATEST', `undo the later repayment ${latest?.id ?? ''} (${latest?.date ?? ''}) first`)
  const original = await getEntry(tx, groupId, repayment.entryId)
  const reversal = await postReversal(tx, env, actor, groupId, original, input)
  await emit(tx, env, actor, groupId, 'loan.repayment_reversed', loanId, { repaymentId, entryId: reversal.id, reason: input.reason })
  const undone = file.repayments.map(r => r.id === repaymentId ? { ...r, reversedOn: reversal.date } : r)
  return { repayment, loan: view({ ...file, repayments: undone }, reversal.date), reversalEntryId: reversal.id }
}

/**
 * Writes off what is left of a loan's principal on its date: Beban Penghapusan Pinjaman / Piutang Pinjaman Anggota.
 * Dated on or after the loan's last standing repayment and its last reversal (else DATE_BEFORE_REPAYMENT), so the amount
 * is what Piutang holds for the loan from that date on.
 */
export async function writeOff (tx: Tx, env: Env, actor: Actor, groupId: string, loanId: string, input: { date: string | null, reason: string }): Promise<LoanView> {
  const file = await loadOne(tx, groupId, loanId)
  const date = input.date ?? today(env)
  if (date > latestDate(env)) throw new DomainError('DATE_IN_FUTURE', `date ${date} is after today`)
  if (file.writeOff !== null) throw new DomainError('LOAN_NOT_ACTIVE', `loan ${loanId} was already written off on ${file.writeOff.date}`)
  if (date < file.loan.disbursedOn) throw new DomainError('DATE_BEFORE_DISBURSEMENT', `the loan was disbursed on ${file.loan.disbursedOn}`)
  // Before a standing repayment (or a reversal of one) the write-off would take the whole principal off Piutang, what
  // was repaid included: Piutang below zero and the expense overstated.
  const last = lastRepaymentChange(file.repayments)
  if (last !== null && date < last.date) {
    throw new DomainError('DATE_BEFORE_REPAYMENT', last.change === 'repayment'
      ? `the loan's last repayment is dated ${last.date}: date the write-off on or after it`
      : `a repayment of this loan was undone on ${last.date}: date the write-off on or after it`)
  }
  const before = view(file, date)
  if (before.state.outstanding.principal === 0n) throw new DomainError('LOAN_NOT_ACTIVE', `loan ${loanId} has no principal left to write off`)
  const tags = { member: file.loan.memberId, fund: file.loan.fundId }
  const amount = before.state.outstanding.principal
  const entry = await post(tx, env, actor, groupId, {
    date,
    description: `Penghapusan pinjaman: ${input.reason}`,
    reference: null,
    reverses: null,
    kind: 'write-off',
    source: loanId,
    lines: [debitLine(ACCOUNT.bebanPenghapusan, amount, tags), creditLine(ACCOUNT.piutangPinjaman, amount, tags)]
  })
  const record: WriteOffRecord = { loanId, date, reason: input.reason, amount, entryId: entry.id, createdAt: env.now().toISOString(), actor }
  await loans.insertWriteOff(tx, record, groupId)
  await emit(tx, env, actor, groupId, 'loan.written_off', loanId, { date, amount: amount.toString(), reason: input.reason, entryId: entry.id })
  return view({ ...file, writeOff: record }, date)
}

export type { PaidPart }
