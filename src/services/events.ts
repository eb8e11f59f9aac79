import type { Tx } from '../data/connect.js'
import { appendEvent } from '../data/event-repository.js'
import type { Actor, Env } from './context.js'

/**
 * What the event feed says happened. Each event is written in the transaction of the change it describes, with the
 * group's next seq, so a client that resumes after its last seq never misses or repeats one.
 */
export const EVENT_TYPES = [
  'group.created', 'member.created', 'account.created', 'entry.posted', 'entry.reversed', 'grant.received',
  'donation.received', 'expense.recorded', 'meeting.recorded', 'loan.disbursed', 'loan.repaid', 'loan.repayment_reversed', 'loan.written_off',
  'savings.deposited', 'savings.withdrawn', 'period.closed', 'shu.distributed', 'shu.paid',
  'arisan.created', 'arisan.contributed', 'arisan.round_taken'
] as const
export type EventType = typeof EVENT_TYPES[number]

type Json = string | number | boolean | null | Json[] | { [k: string]: Json }

export async function emit (tx: Tx, env: Env, actor: Actor, groupId: string, type: EventType, entityId: string, data: { [k: string]: Json }): Promise<void> {
  await appendEvent(tx, { id: env.newId('evt'), groupId, type, entityId, data, createdAt: env.now().toISOString(), actor })
}
