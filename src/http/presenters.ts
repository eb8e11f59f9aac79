import type { AccountBalance, Fund, Group, Member } from '../services/group-service.js'
import type { AccountLedger, PostedEntry, TrialBalance } from '../services/ledger-reads.js'
import type { Verification } from '../services/integrity-service.js'
import type { Installment } from '../domain/loans/types.js'
import { entryToJson } from '../domain/ledger/entry-json.js'
import { termsToJson, type LoanTermsJson } from '../domain/loans/terms.js'
import type { LoanView, RepaymentPreview, RepaymentResult } from '../services/loan-service.js'
import type { PaidPart } from '../domain/loans/types.js'
import type { Meeting, ShuDecisionJson } from '../services/meeting-service.js'
import type { ShuDistribution, ShuPayout, ShuProposal } from '../services/shu-service.js'
import type { FundGrowth, LoanPortfolio } from '../services/report-service.js'
import type { MemberSavings } from '../services/savings-service.js'

/** JSON shapes: camelCase, amounts as strings of digits. */

export const groupJson = (g: Group) => ({ id: g.id, name: g.name, kind: g.kind, village: g.village, createdAt: g.createdAt, actor: g.actor })

export const memberJson = (m: Member) => ({
  id: m.id, groupId: m.groupId, name: m.name, householdNo: m.householdNo, joinedOn: m.joinedOn, createdAt: m.createdAt, actor: m.actor
})

export const accountJson = (a: AccountBalance) => ({ code: a.code, name: a.name, type: a.type, normalBalance: a.normalBalance, balance: a.balance.toString() })

export const fundJson = (f: Fund) => ({ id: f.id, kind: f.kind, name: f.name, source: f.source, createdAt: f.createdAt, actor: f.actor })

export const entryJson = (e: PostedEntry) => entryToJson(e)

export const trialBalanceJson = (t: TrialBalance) => ({
  asOf: t.asOf,
  rows: t.rows.map(r => ({ account: r.account, name: r.name, normalBalance: r.normalBalance, debit: r.debit.toString(), credit: r.credit.toString() })),
  totals: { debit: t.totals.debit.toString(), credit: t.totals.credit.toString() }
})

export const ledgerJson = (l: AccountLedger) => ({
  account: l.account,
  from: l.from,
  to: l.to,
  opening: l.opening.toString(),
  rows: l.rows.map(r => ({
    entryId: r.entryId, seq: r.seq, date: r.date, description: r.description,
    debit: r.debit.toString(), credit: r.credit.toString(), fund: r.fund, balance: r.balance.toString()
  })),
  closing: l.closing.toString()
})

export const verificationJson = (v: Verification) => v

const s = (x: bigint): string => x.toString()

export const meetingJson = (m: Meeting) => ({
  id: m.id,
  groupId: m.groupId,
  date: m.date,
  notes: m.notes,
  attendees: m.attendees,
  decisions: m.decisions.map(d => d.type === 'loan-terms'
    ? { id: d.id, type: 'loan-terms' as const, effectiveFrom: d.effectiveFrom, terms: d.body as LoanTermsJson }
    : d.type === 'shu-distribution'
      ? { id: d.id, type: 'shu-distribution' as const, effectiveFrom: d.effectiveFrom, buckets: (d.body as ShuDecisionJson).buckets }
      : d.type === 'savings-terms'
        ? { id: d.id, type: 'savings-terms' as const, effectiveFrom: d.effectiveFrom, wajibAmount: (d.body as { wajibAmount: string }).wajibAmount }
        : d.type === 'publication'
          ? { id: d.id, type: 'publication' as const, effectiveFrom: d.effectiveFrom, public: (d.body as { public: boolean }).public }
          : d.type === 'loan-queue'
            ? { id: d.id, type: 'loan-queue' as const, effectiveFrom: d.effectiveFrom, memberIds: (d.body as { memberIds: string[] }).memberIds }
            : { id: d.id, type: 'general' as const, effectiveFrom: d.effectiveFrom, text: (d.body as { text: string }).text }),
  createdAt: m.createdAt,
  actor: m.actor
})

export const scheduleJson = (rows: Installment[]) => ({
  installments: rows.map(r => ({ n: r.n, dueDate: r.dueDate, principal: s(r.principal), interest: s(r.interest), total: s(r.total), balance: s(r.balance) })),
  totals: {
    principal: s(rows.reduce((a, r) => a + r.principal, 0n)),
    interest: s(rows.reduce((a, r) => a + r.interest, 0n)),
    total: s(rows.reduce((a, r) => a + r.total, 0n))
  }
})

export const loanJson = (v: LoanView) => {
  const l = v.file.loan
  return {
    id: l.id,
    groupId: l.groupId,
    memberId: l.memberId,
    principal: s(l.principal),
    termCount: l.termCount,
    frequency: l.frequency,
    disbursedOn: l.disbursedOn,
    purpose: l.purpose,
    fund: l.fundId,
    terms: { ...termsToJson(v.terms), meetingId: v.terms.meetingId, decisionId: v.terms.decisionId },
    disbursementEntryId: l.disbursementEntryId,
    outOfTurnReason: l.outOfTurnReason,
    status: v.status,
    asOf: v.state.asOf,
    schedule: v.state.installments.map(i => ({
      n: i.n, dueDate: i.dueDate, principal: s(i.principal), interest: s(i.interest), total: s(i.total), balance: s(i.balance),
      interestCharged: s(i.interestCharged),
      paid: { principal: s(i.paidPrincipal), interest: s(i.paidInterest), penalty: s(i.paidPenalty) },
      penaltyAccrued: s(i.penaltyAccrued),
      paidOn: i.paidOn
    })),
    outstanding: { principal: s(v.state.outstanding.principal), interest: s(v.state.outstanding.interest), penalty: s(v.state.outstanding.penalty) },
    payoff: s(v.state.payoff),
    remaining: s(v.state.remaining),
    arrears: s(v.state.arrears),
    daysPastDue: v.state.daysPastDue,
    collectibility: v.collectibility,
    repayments: v.repayments.map(r => ({
      id: r.id, date: r.date, amount: s(r.amount), penalty: s(r.penalty), interest: s(r.interest), principal: s(r.principal), entryId: r.entryId, actor: r.actor
    })),
    writeOff: v.file.writeOff === null
      ? null
      : { date: v.file.writeOff.date, reason: v.file.writeOff.reason, amount: s(v.file.writeOff.amount), entryId: v.file.writeOff.entryId, actor: v.file.writeOff.actor },
    createdAt: l.createdAt,
    actor: l.actor
  }
}

const splitJson = (x: { penalty: bigint, interest: bigint, principal: bigint }) => ({ penalty: s(x.penalty), interest: s(x.interest), principal: s(x.principal) })
const partsJson = (parts: PaidPart[]) => parts.map(p => ({ n: p.n, ...splitJson(p) }))

export const repaymentJson = (r: RepaymentResult) => ({
  id: r.repayment.id,
  allocation: splitJson(r.repayment),
  parts: partsJson(r.repayment.parts),
  entryId: r.repayment.entryId,
  ...(r.reversalEntryId === undefined ? {} : { reversalEntryId: r.reversalEntryId }),
  loan: loanJson(r.loan)
})

export const repaymentPreviewJson = (p: RepaymentPreview) => ({
  date: p.date, amount: s(p.amount), allocation: splitJson(p.split), parts: partsJson(p.parts), principalLeft: s(p.principalLeft)
})

const balancesJson = (b: MemberSavings['balances']) => ({ pokok: s(b.pokok), wajib: s(b.wajib), sukarela: s(b.sukarela), total: s(b.total) })

export const memberSavingsJson = (m: MemberSavings, asOf: string | null) => ({
  memberId: m.memberId,
  name: m.name,
  asOf,
  balances: balancesJson(m.balances),
  rows: m.rows.map(r => ({
    entryId: r.entryId, seq: r.seq, date: r.date, description: r.description, kind: r.kind, deposit: s(r.deposit), withdrawal: s(r.withdrawal), balance: s(r.balance)
  }))
})

export const savingsResultJson = (r: { entry: PostedEntry, savings: MemberSavings }) => ({ entryId: r.entry.id, seq: r.entry.seq, balances: balancesJson(r.savings.balances) })

export const fundGrowthJson = (f: FundGrowth) => ({
  asOf: f.asOf,
  capital: {
    grants: s(f.capital.grants), donations: s(f.capital.donations), savingsPokok: s(f.capital.savingsPokok), savingsWajib: s(f.capital.savingsWajib), total: s(f.capital.total)
  },
  fund: s(f.fund),
  growth: s(f.growth),
  growthPercent: f.growthPercent,
  income: { interest: s(f.income.interest), penalty: s(f.income.penalty), other: s(f.income.other), total: s(f.income.total) },
  expenses: s(f.expenses)
})

export const portfolioJson = (p: LoanPortfolio) => ({
  asOf: p.asOf,
  rows: p.rows.map(r => ({
    loanId: r.loan.file.loan.id, memberId: r.loan.file.loan.memberId, memberName: r.memberName, disbursedOn: r.loan.file.loan.disbursedOn,
    principal: s(r.loan.file.loan.principal), outstanding: s(r.loan.state.outstanding.principal), arrears: s(r.loan.state.arrears),
    daysPastDue: r.loan.state.daysPastDue, collectibility: r.loan.collectibility
  })),
  totals: {
    principal: s(p.totals.principal), outstanding: s(p.totals.outstanding), arrears: s(p.totals.arrears),
    byCollectibility: {
      lancar: s(p.totals.byCollectibility.lancar), kurang_lancar: s(p.totals.byCollectibility.kurang_lancar),
      diragukan: s(p.totals.byCollectibility.diragukan), macet: s(p.totals.byCollectibility.macet)
    }
  },
  par30: p.par30,
  nonPerformingPercent: p.nonPerformingPercent
})

/** A proposed or posted SHU split: the buckets, and each member's bases, share of each member bucket and total. */
export const shuPlanJson = (p: ShuProposal) => ({
  through: p.through,
  periodFrom: p.periodFrom,
  meetingId: p.meetingId,
  decisionId: p.decisionId,
  shu: s(p.plan.shu),
  buckets: p.plan.buckets.map(b => ({ name: b.name, percent: b.percent, account: b.account, basis: b.basis, amount: s(b.amount) })),
  members: p.plan.members.map(m => ({
    memberId: m.memberId,
    name: m.name,
    householdNo: m.householdNo,
    active: m.active,
    savings: s(m.savings),
    interestPaid: s(m.interestPaid),
    shares: p.plan.buckets.flatMap((b, i) => b.basis === null ? [] : [{ bucket: b.name, amount: s(m.shares[i] ?? 0n) }]),
    total: s(m.total)
  }))
})

export const shuDistributionJson = (d: ShuDistribution) => ({
  id: d.id, ...shuPlanJson(d), date: d.date, entryId: d.entryId, createdAt: d.createdAt, actor: d.actor
})

export const shuPayoutJson = (p: ShuPayout) => ({
  id: p.id, distributionId: p.distributionId, memberId: p.memberId, amount: s(p.amount), to: p.paidTo, date: p.date, entryId: p.entryId,
  createdAt: p.createdAt, actor: p.actor
})
