import type { Db, Tx } from '../data/connect.js'
import * as meetings from '../data/meeting-repository.js'
import * as shu from '../data/shu-repository.js'
import type { PaidTo, ShuDistribution, ShuMember, ShuPayout } from '../data/shu-repository.js'
import { addDays } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import { creditLine, debitLine, type Line } from '../domain/ledger/journal-entry.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { getMember, requireGroup } from './group-service.js'
import { post } from './ledger-service.js'
import { unpaidShares, type OwedShare } from '../domain/shu/owed.js'
import { proposeShu as propose, type ShuProposal } from '../domain/shu/report.js'
import { loadBooks } from './books-service.js'

export type { PaidTo, ShuDistribution, ShuMember, ShuPayout, ShuProposal }

/**
 * What the period's SHU gives each bucket and each member under the meeting's rule (src/domain/shu/report.ts), from
 * the group's books.
 */
export async function proposeShu (db: Db | Tx, groupId: string, input: { through: string, meetingId: string | null }): Promise<ShuProposal> {
  return propose(await loadBooks(db, groupId, { entries: true }), input)
}

/**
 * Posts a closed period's SHU as the meeting decided, once: 3401 SHU Tahun Berjalan / each account bucket, and
 * 2103 Utang SHU Anggota with one line per member who has a share. Dated `date`, by default the meeting's date (or the
 * day after the period when the meeting came before its end).
 */
export async function distributeShu (
  tx: Tx, env: Env, actor: Actor, groupId: string, input: { through: string, meetingId: string, date: string | null }
): Promise<ShuDistribution> {
  await requireGroup(tx, groupId)
  const done = (await shu.listDistributions(tx, groupId)).find(d => d.through === input.through)
  if (done !== undefined) throw new DomainError('SHU_ALREADY_DISTRIBUTED', `the SHU of the period ending ${input.through} was distributed on ${done.date} (${done.id})`)
  const proposal = await proposeShu(tx, groupId, input)
  const meeting = await meetings.findMeeting(tx, groupId, proposal.meetingId)
  // A date on or before the period's end is refused by post() with PERIOD_CLOSED, like any entry into a closed period.
  const date = input.date ?? (meeting !== null && meeting.date > input.through ? meeting.date : addDays(input.through, 1))
  const { plan } = proposal
  const lines: Line[] = [debitLine(ACCOUNT.shuBerjalan, plan.shu)]
  for (const b of plan.buckets) if (b.basis === null && b.amount > 0n) lines.push(creditLine(b.account, b.amount))
  for (const m of plan.members) if (m.total > 0n) lines.push(creditLine(ACCOUNT.utangShu, m.total, { member: m.memberId }))
  const id = env.newId('shu')
  const entry = await post(tx, env, actor, groupId, { date, description: `Pembagian SHU periode s.d. ${input.through}`, reference: null, reverses: null, kind: 'shu-distribution', source: id, lines })
  const d: ShuDistribution = {
    id, groupId, through: input.through, periodFrom: proposal.periodFrom, date, meetingId: proposal.meetingId, decisionId: proposal.decisionId,
    plan, entryId: entry.id, createdAt: env.now().toISOString(), actor
  }
  await shu.insertDistribution(tx, d)
  await emit(tx, env, actor, groupId, 'shu.distributed', d.id, { through: d.through, entryId: entry.id, shu: plan.shu.toString(), meetingId: d.meetingId })
  return d
}

export async function listDistributions (db: Db, groupId: string): Promise<ShuDistribution[]> {
  await requireGroup(db, groupId)
  return await shu.listDistributions(db, groupId)
}

export async function listPayouts (db: Db, groupId: string): Promise<ShuPayout[]> {
  await requireGroup(db, groupId)
  return await shu.listPayouts(db, groupId)
}

/** Every share not paid out yet (src/domain/shu/owed.ts). */
export async function listOwed (db: Db, groupId: string): Promise<OwedShare[]> {
  await requireGroup(db, groupId)
  const [distributions, payouts] = await Promise.all([shu.listDistributions(db, groupId), shu.listPayouts(db, groupId)])
  return unpaidShares(distributions, payouts)
}

/**
 * Pays a member's share of the oldest distribution not yet paid to them, whole: 2103 Utang SHU Anggota / Kas (cash)
 * or / 2101 Simpanan Sukarela (into voluntary savings). Each share is paid once.
 */
export async function payShu (tx: Tx, env: Env, actor: Actor, groupId: string, input: { memberId: string, date: string, to: PaidTo }): Promise<ShuPayout> {
  const member = await getMember(tx, groupId, input.memberId)
  const [distributions, paid] = await Promise.all([shu.listDistributions(tx, groupId), shu.listPayouts(tx, groupId, member.id)])
  const owed = unpaidShares(distributions, paid).find(o => o.memberId === member.id)
  if (owed === undefined) throw new DomainError('SHU_NOTHING_OWED', `${member.name} has no unpaid SHU share`)
  if (input.date < owed.distributedOn) throw new DomainError('DATE_BEFORE_DISTRIBUTION', `the share was distributed on ${owed.distributedOn}; it cannot be paid on ${input.date}`)
  const amount = owed.amount
  const payoutId = env.newId('shp')
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: `${input.to === 'cash' ? 'Pembayaran' : 'Pemindahan ke simpanan sukarela'} SHU s.d. ${owed.through} ${member.name}`,
    reference: null,
    reverses: null,
    kind: 'shu-payout',
    source: payoutId,
    lines: [debitLine(ACCOUNT.utangShu, amount, { member: member.id }), creditLine(input.to === 'cash' ? ACCOUNT.kas : ACCOUNT.simpananSukarela, amount, { member: member.id })]
  })
  const payout: ShuPayout = {
    id: payoutId, groupId, distributionId: owed.distributionId, memberId: member.id, amount, paidTo: input.to, date: input.date, entryId: entry.id,
    createdAt: env.now().toISOString(), actor
  }
  await shu.insertPayout(tx, payout)
  await emit(tx, env, actor, groupId, 'shu.paid', payout.id, { distributionId: owed.distributionId, memberId: member.id, amount: amount.toString(), to: input.to, entryId: entry.id })
  return payout
}
