import type { Decision, Meeting } from '../books/types.js'

/**
 * Giliran pinjaman: the order in which members wait to borrow from the revolving fund, as the latest meeting decided
 * it (a `loan-queue` decision). A member leaves the line when she borrows after that decision; the first one still
 * waiting is next. Lending to anyone else while someone waits is out of turn and needs a recorded reason.
 */
export interface QueueDecision { memberIds: string[] }

export interface QueueInForce {
  meetingId: string
  decisionId: string
  effectiveFrom: string
  memberIds: string[]
}

/** A loan-queue decision of a meeting, as the queue it sets. */
export function queueOf (meetingId: string, d: Pick<Decision, 'id' | 'effectiveFrom' | 'body'>): QueueInForce {
  return { meetingId, decisionId: d.id, effectiveFrom: d.effectiveFrom, memberIds: [...(d.body as QueueDecision).memberIds] }
}

/** The latest loan-queue decision on or before `date` (meetings by date, then as recorded), or null. */
export function queueInForce (meetings: readonly Meeting[], date: string): QueueInForce | null {
  let found: QueueInForce | null = null
  const ordered = [...meetings].sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)
  for (const m of ordered) {
    if (m.date > date) break
    for (const d of m.decisions as readonly Decision[]) {
      if (d.type === 'loan-queue') found = queueOf(m.id, d)
    }
  }
  return found
}

export interface QueuePlace {
  position: number
  memberId: string
  /** The loan she took since the decision, or null while she waits. */
  loanId: string | null
}

export interface QueueState {
  queue: QueueInForce | null
  places: QueuePlace[]
  /** The first member still waiting; null with no queue or when everyone in it has borrowed. */
  next: string | null
}

/** Where the line stands on `date`, given the loans disbursed (any order). */
export function queueState (queue: QueueInForce | null, loans: ReadonlyArray<{ id: string, memberId: string, disbursedOn: string }>, date: string): QueueState {
  if (queue === null) return { queue, places: [], next: null }
  const since = loans.filter(l => l.disbursedOn >= queue.effectiveFrom && l.disbursedOn <= date)
  const places = queue.memberIds.map((memberId, i) => ({ position: i + 1, memberId, loanId: since.find(l => l.memberId === memberId)?.id ?? null }))
  return { queue, places, next: places.find(p => p.loanId === null)?.memberId ?? null }
}

/** Whether lending to `memberId` now passes over someone waiting in line. */
export const outOfTurn = (s: QueueState, memberId: string): boolean => s.next !== null && s.next !== memberId
