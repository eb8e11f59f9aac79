import { DomainError, invalid } from '../errors.js'
import type { Rupiah } from '../money.js'
import { largestRemainder } from '../shu/distribution.js'
import type { Arisan, ArisanContribution, ArisanRound, SlotHolder } from './types.js'

/**
 * An arisan's cycle as plain arithmetic: who holds which slot and pays what, which round is collecting, what its pot
 * holds, who has taken the pot, who is behind and who has taken the pot and still owes the rest of the cycle. The
 * service refuses what these functions refuse; the Laporan Arisan and the integrity checks read the same figures.
 */

/** The most slots a member may hold in one arisan, and the most members who may share one slot. */
export const MAX_SLOTS_PER_MEMBER = 2
export const MAX_HOLDERS_PER_SLOT = 2

/** A slot as the draw names it: its number in decimal. */
export const slotName = (slot: number): string => String(slot)

/**
 * The holders of each slot (slots[i] holds slot i + 1) and what each pays per round: the contribution split equally
 * among a slot's holders, exact to the rupiah by the largest-remainder rule (the first holder listed takes the odd
 * rupiah). Refuses a slot with no holder or more than two, a member twice in one slot or in more than two slots.
 */
export function slotHolders (contribution: Rupiah, slots: ReadonlyArray<readonly string[]>): SlotHolder[] {
  const bad = (path: string, why: string): never => { throw new DomainError('ARISAN_SLOTS_INVALID', why, [{ path, message: why }]) }
  if (slots.length < 2) bad('slots', 'an arisan has at least 2 slots')
  const held = new Map<string, number>()
  const out: SlotHolder[] = []
  for (const [i, members] of slots.entries()) {
    if (members.length < 1 || members.length > MAX_HOLDERS_PER_SLOT) bad(`slots/${i}`, `slot ${i + 1} has ${members.length} holders: one, or two sharing it`)
    if (new Set(members).size !== members.length) bad(`slots/${i}`, `slot ${i + 1} lists a member twice`)
    if (contribution < BigInt(members.length)) bad(`slots/${i}`, `slot ${i + 1}'s contribution cannot be shared among ${members.length} holders`)
    const dues = largestRemainder(contribution, members.map(() => 1n))
    for (const [j, m] of members.entries()) {
      const n = (held.get(m) ?? 0) + 1
      if (n > MAX_SLOTS_PER_MEMBER) bad(`slots/${i}`, `member ${m} would hold more than ${MAX_SLOTS_PER_MEMBER} slots`)
      held.set(m, n)
      out.push({ slot: i + 1, memberId: m, due: dues[j] ?? 0n })
    }
  }
  return out
}

/** Where one holder stands in the cycle. */
export interface HolderStanding extends SlotHolder {
  /** The rounds she has paid, in order. */
  paid: number[]
  /** The rounds already taken that she has not paid: her arrears. */
  unpaid: number[]
  arrears: Rupiah
  /** The round her slot took the pot, or null. */
  wonRound: number | null
  /** Her slot has taken the pot and she has not paid a round taken since. */
  stoppedAfterWinning: boolean
  /** After her slot took the pot: what she has yet to pay of the whole cycle (unpaid rounds since, and the rounds to come). */
  owesRest: Rupiah
}

export interface ArisanState {
  /** The round now collecting; null when every slot has taken the pot. */
  nextRound: number | null
  /** The slots that have not taken the pot, in order. */
  eligible: number[]
  /** What the collecting round's contributions hold so far. */
  pot: Rupiah
  paidIn: Rupiah
  paidOut: Rupiah
  /** paidIn − paidOut: what Titipan Arisan holds for this arisan. */
  held: Rupiah
  holders: HolderStanding[]
}

/** The arisan's state from its rounds and contributions (any order; reversed ones are left out). */
export function arisanState (a: Arisan, rounds: readonly ArisanRound[], all: readonly ArisanContribution[]): ArisanState {
  // A contribution recorded in error and reversed counts for nothing.
  const contributions = all.filter(c => c.reversedOn === null)
  const taken = [...rounds].sort((x, y) => x.round - y.round)
  const nextRound = taken.length < a.slots ? taken.length + 1 : null
  const won = new Map(taken.map(r => [r.slot, r.round]))
  const holders = a.holders.map(h => {
    const paid = contributions.filter(c => c.slot === h.slot && c.memberId === h.memberId).map(c => c.round).sort((x, y) => x - y)
    const unpaid = taken.map(r => r.round).filter(r => !paid.includes(r))
    const wonRound = won.get(h.slot) ?? null
    const after = wonRound === null ? [] : range(wonRound + 1, a.slots).filter(r => !paid.includes(r))
    return {
      ...h,
      paid,
      unpaid,
      arrears: h.due * BigInt(unpaid.length),
      wonRound,
      stoppedAfterWinning: wonRound !== null && unpaid.some(r => r > wonRound),
      owesRest: h.due * BigInt(after.length)
    }
  })
  const paidIn = contributions.reduce((s, c) => s + c.amount, 0n)
  // A round's pot is paid out when it is taken; a late contribution is passed on as it is paid.
  const paidOut = taken.reduce((s, r) => s + r.pot, 0n) + contributions.filter(c => c.late).reduce((s, c) => s + c.amount, 0n)
  return {
    nextRound,
    eligible: range(1, a.slots).filter(s => !won.has(s)),
    pot: nextRound === null ? 0n : contributions.filter(c => c.round === nextRound).reduce((s, c) => s + c.amount, 0n),
    paidIn,
    paidOut,
    held: paidIn - paidOut,
    holders
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)

/** The slots still eligible when `round` is drawn: those no earlier round (by number) was taken by, in order. */
export function eligibleAt (a: Arisan, rounds: readonly ArisanRound[], round: number): number[] {
  const earlier = new Set(rounds.filter(r => r.round < round).map(r => r.slot))
  return range(1, a.slots).filter(s => !earlier.has(s))
}

/** What a slot's holders receive of `amount`, in proportion to their dues (largest remainder, first holder first). */
export function toHolders (a: Arisan, slot: number, amount: Rupiah): Array<{ memberId: string, amount: Rupiah }> {
  const holders = a.holders.filter(h => h.slot === slot)
  const parts = largestRemainder(amount, holders.map(h => h.due))
  return holders.map((h, i) => ({ memberId: h.memberId, amount: parts[i] ?? 0n }))
}

export interface ContributionInput {
  round: number
  slot: number
  memberId: string
  amount: Rupiah
}

/**
 * Whether a holder's contribution may be recorded: she holds the slot, the round is the collecting one or one already
 * taken (then she is late, and it is passed on to the holders of the slot that took that round), she has not paid it,
 * and she pays exactly her due. Returns who the money is passed on to (empty when it goes into the collecting pot).
 */
export function contributionPlan (a: Arisan, state: ArisanState, rounds: readonly ArisanRound[], c: ContributionInput): Array<{ memberId: string, amount: Rupiah }> {
  const holder = state.holders.find(h => h.slot === c.slot && h.memberId === c.memberId)
  if (holder === undefined) throw new DomainError('ARISAN_NOT_A_HOLDER', `member ${c.memberId} does not hold slot ${c.slot} of arisan ${a.name}`)
  const open = state.nextRound ?? a.slots
  if (c.round > open) throw new DomainError('ARISAN_ROUND_NOT_OPEN', `round ${c.round} of arisan ${a.name} is not open: the collecting round is ${state.nextRound ?? 'none (the cycle is complete)'}`)
  if (holder.paid.includes(c.round)) throw new DomainError('ARISAN_ALREADY_PAID', `member ${c.memberId} has already paid round ${c.round} for slot ${c.slot}`)
  if (c.amount !== holder.due) throw new DomainError('ARISAN_WRONG_AMOUNT', `member ${c.memberId} pays ${holder.due} per round for slot ${c.slot}, not ${c.amount}`, [{ path: 'amount', message: `is ${holder.due} per round` }])
  const taken = rounds.find(r => r.round === c.round)
  return taken === undefined ? [] : toHolders(a, taken.slot, c.amount)
}

/** What taking the collecting round pays: the pot less the host's fee to the slot's holders. Refuses a complete cycle or a pot that does not cover the fee. */
export function roundPlan (a: Arisan, state: ArisanState, slot: number): { round: number, pot: Rupiah, shares: Array<{ memberId: string, amount: Rupiah }> } {
  if (state.nextRound === null) throw new DomainError('ARISAN_CYCLE_COMPLETE', `every slot of arisan ${a.name} has taken its pot`)
  if (!state.eligible.includes(slot)) throw invalid('slot', `slot ${slot} is not eligible`)
  if (state.pot <= a.hostFee) throw new DomainError('ARISAN_POT_EMPTY', `round ${state.nextRound} of arisan ${a.name} holds ${state.pot}, which does not cover the host's fee of ${a.hostFee}`)
  return { round: state.nextRound, pot: state.pot, shares: toHolders(a, slot, state.pot - a.hostFee) }
}
