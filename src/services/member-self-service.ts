import type { Db } from '../data/connect.js'
import { memberEntries } from '../data/journal-repository.js'
import { DomainError } from '../domain/errors.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import type { FundGrowth } from '../domain/reports/fund-growth.js'
import type { OwedShare } from '../domain/shu/owed.js'
import type { Meeting, ShuPayout } from '../domain/books/types.js'
import type { Principal } from './auth-service.js'
import { reportDate } from './clock.js'
import type { Env } from './context.js'
import { listArisans, type ArisanFile } from './arisan-service.js'
import { listAccounts, requireGroup, requireMember, type Group, type Member } from './group-service.js'
import { getLoan, listLoans, type LoanView } from './loan-service.js'
import { listMeetings } from './meeting-service.js'
import { receiptPath } from './receipt-service.js'
import { fundGrowth } from './report-service.js'
import { memberSavings, type MemberSavings } from './savings-service.js'
import { listDistributions, listOwed, listPayouts } from './shu-service.js'

/**
 * What a member reads of the books with her own key (/v1/me): her passbook, her loans, her SHU, her receipts, and the
 * group's summary, which names no member. Every read starts from the member her key stands for; nothing here takes a
 * member id from the request.
 */
export interface Me { group: Group, member: Member }

export async function whoAmI (db: Db, p: Principal): Promise<Me> {
  const groupId = p.groupIds?.[0]
  if (p.role !== 'member' || p.memberId === undefined || groupId === undefined) throw new DomainError('FORBIDDEN', 'only a member\'s own key reads /v1/me')
  return { group: await requireGroup(db, groupId), member: await requireMember(db, groupId, p.memberId) }
}

export async function mySavings (db: Db, me: Me, asOf?: string): Promise<MemberSavings> {
  return await memberSavings(db, me.group.id, me.member.id, asOf)
}

export async function myLoans (db: Db, env: Env, me: Me, asOf?: string): Promise<LoanView[]> {
  return await listLoans(db, me.group.id, { memberId: me.member.id, asOf: reportDate(env, asOf) })
}

/** One of her loans; another member's answers as no loan at all. */
export async function myLoan (db: Db, env: Env, me: Me, loanId: string, asOf?: string): Promise<LoanView> {
  const v = await getLoan(db, me.group.id, loanId, reportDate(env, asOf)).catch(() => null)
  if (v === null || v.file.loan.memberId !== me.member.id) throw new DomainError('LOAN_NOT_FOUND', `no loan ${loanId} of yours`)
  return v
}

export interface MyShare { distributionId: string, through: string, date: string, amount: bigint }
export interface MyShu { shares: MyShare[], owed: OwedShare[], payouts: ShuPayout[] }

/** Her share of each SHU distribution, what is still owed to her, and what was paid to her. */
export async function myShu (db: Db, me: Me): Promise<MyShu> {
  const shares = (await listDistributions(db, me.group.id)).flatMap(d => {
    const mine = d.plan.members.find(m => m.memberId === me.member.id)
    return mine === undefined ? [] : [{ distributionId: d.id, through: d.through, date: d.date, amount: mine.total }]
  })
  return {
    shares,
    owed: (await listOwed(db, me.group.id)).filter(o => o.memberId === me.member.id),
    payouts: (await listPayouts(db, me.group.id)).filter(p => p.memberId === me.member.id)
  }
}

/** Her slots in the group's arisan: each with the arisan it belongs to and where the cycle stands. */
export async function myArisan (db: Db, me: Me): Promise<Array<{ file: ArisanFile, slot: number }>> {
  return (await listArisans(db, me.group.id)).flatMap(file => file.arisan.holders.filter(h => h.memberId === me.member.id).map(h => ({ file, slot: h.slot })))
}

export interface MyReceipt { entryId: string, seq: number, date: string, description: string, kind: string, reverses: string | null, reversedBy: string | null, path: string }

/** Every posting that names her, newest first, each with the path of its receipt page (and its PDF at path + /pdf). */
export async function myReceipts (db: Db, env: Env, me: Me): Promise<MyReceipt[]> {
  return (await memberEntries(db, me.group.id, me.member.id)).reverse().map(e => ({
    entryId: e.id, seq: e.seq, date: e.date, description: e.description, kind: e.kind, reverses: e.reverses, reversedBy: e.reversedBy, path: receiptPath(env, me.group.id, e.id)
  }))
}

export interface GroupSummary { group: Group, asOf: string, kas: bigint, fundGrowth: FundGrowth, lastMeeting: Meeting | null }

/** The group as any member may see it: Kas (cash and bank), the fund's growth, the last meeting's decisions. */
export async function groupSummary (db: Db, env: Env, me: Me, asOf?: string): Promise<GroupSummary> {
  const day = reportDate(env, asOf)
  const accounts = await listAccounts(db, me.group.id, day)
  const kas = accounts.filter(a => a.code === ACCOUNT.kas || a.code === ACCOUNT.bank).reduce((t, a) => t + a.balance, 0n)
  const last = (await listMeetings(db, me.group.id, { to: day })).at(-1) ?? null
  return {
    group: me.group, asOf: day, kas, fundGrowth: await fundGrowth(db, me.group.id, day),
    lastMeeting: last
  }
}
