import type { Db, Tx } from '../data/connect.js'
import { loanStarts } from '../data/loan-repository.js'
import { decisionInForce, listMeetings } from '../data/meeting-repository.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import { queueOf, queueState, type QueueInForce, type QueueState } from '../domain/loans/queue.js'
import { listAccounts, listMembers, requireGroup } from './group-service.js'
import { termsInForce } from './meeting-service.js'

export type { QueueState }

/**
 * The giliran pinjaman on `date`: the queue the latest meeting decided, who has borrowed since, who is next. Every loan
 * disbursed asks it, so it reads one indexed decision and, only when a queue is in force, the loans since it (the same
 * rule as queueInForce over the books, which verify runs).
 */
export async function loanQueue (db: Db | Tx, groupId: string, date: string): Promise<QueueState> {
  const d = await decisionInForce(db, groupId, 'loan-queue', date)
  const queue = d === null ? null : queueOf(d.meetingId, d)
  return queueState(queue, queue === null ? [] : await loanStarts(db, groupId, queue.effectiveFrom), date)
}

/** Every queue a meeting decided, oldest first: the history the books keep of who was to borrow in which order. */
export async function queueHistory (db: Db, groupId: string, date: string): Promise<QueueInForce[]> {
  const meetings = await listMeetings(db, groupId, { to: date })
  return meetings.flatMap(m => m.decisions.filter(d => d.type === 'loan-queue').map(d => queueOf(m.id, d)))
}

/** The queue as the treasurer reads it: who is next, whether Kas allows a loan under the terms in force, and the history. */
export interface QueueView {
  asOf: string
  state: QueueState
  names: Map<string, string>
  kas: bigint
  maxPrincipal: bigint | null
  history: QueueInForce[]
}

export async function queueView (db: Db, groupId: string, asOf: string): Promise<QueueView> {
  await requireGroup(db, groupId)
  const [state, history, members, accounts, terms] = await Promise.all([
    loanQueue(db, groupId, asOf), queueHistory(db, groupId, asOf), listMembers(db, groupId), listAccounts(db, groupId, asOf), termsInForce(db, groupId, asOf)
  ])
  const kas = accounts.find(a => a.code === ACCOUNT.kas)?.balance ?? 0n
  return { asOf, state, names: new Map(members.map(m => [m.id, m.name])), kas, maxPrincipal: terms?.terms.maxPrincipal ?? null, history }
}
