import type { AccountBalance, Fund, Group, Member } from '../services/group-service.js'
import type { AccountLedger, PostedEntry, TrialBalance, Verification } from '../services/ledger-service.js'

/** JSON shapes: camelCase, amounts as strings of digits. */

export const groupJson = (g: Group) => ({ id: g.id, name: g.name, kind: g.kind, village: g.village, createdAt: g.createdAt, actor: g.actor })

export const memberJson = (m: Member) => ({
  id: m.id, groupId: m.groupId, name: m.name, householdNo: m.householdNo, joinedOn: m.joinedOn, createdAt: m.createdAt, actor: m.actor
})

export const accountJson = (a: AccountBalance) => ({ code: a.code, name: a.name, type: a.type, normalBalance: a.normalBalance, balance: a.balance.toString() })

export const fundJson = (f: Fund) => ({ id: f.id, kind: f.kind, name: f.name, source: f.source, createdAt: f.createdAt, actor: f.actor })

export const entryJson = (e: PostedEntry) => ({
  id: e.id,
  groupId: e.groupId,
  seq: e.seq,
  date: e.date,
  description: e.description,
  reference: e.reference,
  lines: e.lines.map(l => ({
    account: l.account,
    ...(l.debit > 0n ? { debit: l.debit.toString() } : { credit: l.credit.toString() }),
    fund: l.fund,
    memberId: l.member
  })),
  reverses: e.reverses,
  reversedBy: e.reversedBy,
  actor: e.actor,
  createdAt: e.createdAt,
  prevHash: e.prevHash,
  hash: e.hash
})

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
