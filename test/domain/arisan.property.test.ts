import fc from 'fast-check'
import t from 'tap'
import { arisanState, contributionPlan, roundPlan, slotHolders, slotName } from '../../src/domain/arisan/cycle.js'
import { draw } from '../../src/domain/arisan/draw.js'
import type { Arisan, ArisanContribution, ArisanRound } from '../../src/domain/arisan/types.js'
import { DomainError } from '../../src/domain/errors.js'

/**
 * Whatever the arisan (2 to 30 slots, some held twice, some shared, any contribution and host's fee) and whoever pays
 * on time, late or never: every slot takes the pot exactly once, each pot is the round's on-time contributions and is
 * paid out whole, and the money in equals the money out plus what Titipan Arisan still holds, which is only the
 * collecting round's contributions (0 once the cycle is complete). A late payment is passed on to the round's holders
 * in full; arrears are exactly the unpaid taken rounds times the holder's due.
 */
const actor = { id: 'key_t', name: 'Bendahara' }
const scenario = fc.record({
  members: fc.integer({ min: 2, max: 20 }),
  layout: fc.array(fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: null })), { minLength: 2, maxLength: 30 }),
  contribution: fc.bigInt({ min: 2n, max: 1_000_000n }),
  fee: fc.bigInt({ min: 0n, max: 1000n }),
  drawn: fc.boolean(),
  // Per round and holder: 0 pays on time, 1 pays late (after the round is taken), 2 never pays.
  pattern: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 900, maxLength: 900 })
})

/** Slots from a layout, keeping every member within two slots and every slot within two distinct holders. */
function slotsOf (members: number, layout: ReadonlyArray<[number, number | null]>): string[][] {
  const held = new Map<string, number>()
  const out: string[][] = []
  for (const [a, b] of layout) {
    const first = `m${a % members}`
    const second = b === null ? null : `m${b % members}`
    const slot = [first, ...(second !== null && second !== first ? [second] : [])].filter(m => (held.get(m) ?? 0) < 2)
    if (slot.length === 0) continue
    for (const m of slot) held.set(m, (held.get(m) ?? 0) + 1)
    out.push(slot)
  }
  return out
}

t.test('every slot wins once and money in equals money out', async t => {
  let cycles = 0
  fc.assert(fc.property(scenario, s => {
    const slots = slotsOf(s.members, s.layout)
    if (slots.length < 2) return true
    const a: Arisan = {
      id: 'ars_p', groupId: 'grp_p', name: 'P', meetingId: 'mtg_p', contribution: s.contribution, hostFee: s.fee, schedule: 'meeting',
      order: s.drawn ? 'draw' : 'agreed', slots: slots.length, holders: slotHolders(s.contribution, slots), createdAt: 'x', actor
    }
    const rounds: ArisanRound[] = []
    const paid: ArisanContribution[] = []
    const owedLate: Array<{ round: number, slot: number, memberId: string, amount: bigint }> = []
    let passedOn = 0n
    let k = 0
    let head = 'a'.repeat(64)
    const pay = (round: number, slot: number, memberId: string, amount: bigint): void => {
      const state = arisanState(a, rounds, paid)
      const to = contributionPlan(a, state, rounds, { round, slot, memberId, amount })
      const late = rounds.some(r => r.round === round)
      if (late) {
        const winner = rounds.find(r => r.round === round)
        if (to.reduce((x, p) => x + p.amount, 0n) !== amount || to.some(p => !a.holders.some(h => h.slot === winner?.slot && h.memberId === p.memberId))) throw new Error('a late payment is not passed on whole to the round\'s holders')
        passedOn += amount
      } else if (to.length !== 0) throw new Error('an on-time payment was passed on')
      paid.push({ id: `c${paid.length}`, groupId: a.groupId, arisanId: a.id, round, slot, memberId, amount, late, date: 'd', entryId: 'e', reversedOn: null, createdAt: 'x', actor })
    }
    for (let round = 1; round <= a.slots; round++) {
      for (const h of a.holders) {
        const p = (s.pattern[k++ % s.pattern.length] ?? 0) % 3
        if (p === 0) pay(round, h.slot, h.memberId, h.due)
        else if (p === 1) owedLate.push({ round, slot: h.slot, memberId: h.memberId, amount: h.due })
      }
      const state = arisanState(a, rounds, paid)
      const slot = s.drawn ? Number(draw({ groupId: a.groupId, arisanId: a.id, round, headHash: head, called: String(round), eligible: state.eligible.map(slotName) }).winner) : state.eligible[0] ?? 0
      let plan
      try { plan = roundPlan(a, state, slot) } catch (e) {
        if (e instanceof DomainError && e.code === 'ARISAN_POT_EMPTY' && state.pot <= a.hostFee) return true
        throw e
      }
      if (plan.pot !== paid.filter(c => c.round === round).reduce((x, c) => x + c.amount, 0n)) throw new Error('the pot is not the round\'s contributions')
      if (plan.shares.reduce((x, p) => x + p.amount, 0n) !== plan.pot - a.hostFee) throw new Error('the holders do not get the whole pot less the fee')
      rounds.push({ id: `r${round}`, groupId: a.groupId, arisanId: a.id, round, slot, date: 'd', meetingId: null, draw: null, headSeq: round, headHash: head, pot: plan.pot, hostFee: a.hostFee, entryId: 'e', createdAt: 'x', actor })
      head = head.slice(1) + String(round % 10)
      for (const l of owedLate.splice(0).filter((_, i) => i % 2 === 0)) pay(l.round, l.slot, l.memberId, l.amount)
    }
    const end = arisanState(a, rounds, paid)
    const won = rounds.map(r => r.slot).sort((x, y) => x - y)
    if (won.join() !== Array.from({ length: a.slots }, (_, i) => i + 1).join()) throw new Error('a slot did not win exactly once')
    if (end.nextRound !== null || end.held !== 0n) throw new Error(`the cycle ends with ${end.held} held`)
    if (end.paidIn !== end.paidOut || end.paidOut !== rounds.reduce((x, r) => x + r.pot, 0n) + passedOn) throw new Error('money in is not money out')
    for (const h of end.holders) {
      const unpaid = rounds.filter(r => !paid.some(c => c.round === r.round && c.slot === h.slot && c.memberId === h.memberId)).length
      if (h.arrears !== h.due * BigInt(unpaid)) throw new Error('arrears are not the unpaid rounds times the due')
    }
    cycles++
    return true
  }), { numRuns: 150 })
  t.ok(cycles > 50, `${cycles} whole cycles played`)
})
