import type { Actor } from '../actor.js'
import type { Rupiah } from '../money.js'

export type ArisanSchedule = 'meeting' | 'monthly'
/** agreed: slot 1 takes round 1, slot 2 round 2, …; draw: each round's taker is drawn (draw.ts) from the slots still eligible. */
export type ArisanOrder = 'agreed' | 'draw'

/** One holder of one slot and what she pays each round: a slot's holders' dues add up to the contribution. */
export interface SlotHolder {
  slot: number
  memberId: string
  due: Rupiah
}

export interface Arisan {
  id: string
  groupId: string
  name: string
  /** The meeting that decided it. */
  meetingId: string
  /** What each slot pays each round. */
  contribution: Rupiah
  /** Taken from each round's pot for the host or the refreshments (0: none). */
  hostFee: Rupiah
  schedule: ArisanSchedule
  order: ArisanOrder
  /** The number of slots, and so of rounds in the cycle. */
  slots: number
  /** By slot, then member id. */
  holders: SlotHolder[]
  createdAt: string
  actor: Actor
}

export interface ArisanContribution {
  id: string
  groupId: string
  arisanId: string
  round: number
  slot: number
  memberId: string
  amount: Rupiah
  /** Paid for a round already taken: passed on at once to the holders of the slot that took it. */
  late: boolean
  date: string
  entryId: string
  /** The date of the entry that reversed it (recorded in error), or null; from the journal, not a column. */
  reversedOn: string | null
  createdAt: string
  actor: Actor
}

/** A round's draw, as recorded: the rule, what was called out at the meeting and the digest the winner follows from. */
export interface RecordedDraw {
  rule: string
  called: string
  digest: string
}

export interface ArisanRound {
  id: string
  groupId: string
  arisanId: string
  round: number
  /** The slot that took the pot. */
  slot: number
  date: string
  meetingId: string | null
  /** Null for an agreed order. */
  draw: RecordedDraw | null
  /** The journal head when the round was taken: its seq and hash (the draw's input; its entry follows it directly). */
  headSeq: number
  headHash: string
  /** The round's contributions, all of them; the holders get pot − hostFee. */
  pot: Rupiah
  hostFee: Rupiah
  entryId: string
  createdAt: string
  actor: Actor
}
