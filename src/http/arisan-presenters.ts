import { eligibleAt, slotName, toHolders } from '../domain/arisan/cycle.js'
import { drawSeed } from '../domain/arisan/draw.js'
import type { ArisanContribution, ArisanRound } from '../domain/arisan/types.js'
import type { ArisanFile } from '../services/arisan-service.js'

const s = (x: bigint): string => x.toString()

/** A contribution as the API shows it. */
export const arisanContributionJson = (c: ArisanContribution) => ({
  id: c.id, round: c.round, slot: c.slot, memberId: c.memberId, amount: s(c.amount), late: c.late, date: c.date, entryId: c.entryId, reversedOn: c.reversedOn,
  createdAt: c.createdAt, actor: c.actor
})

/** A taken round, with what each holder received and, for a draw, its seed (so anyone can hash it again). */
export function arisanRoundJson (f: ArisanFile, r: ArisanRound) {
  const eligible = eligibleAt(f.arisan, f.rounds, r.round).map(slotName)
  const seeded = r.draw === null ? null : drawSeed({ groupId: f.arisan.groupId, arisanId: f.arisan.id, round: r.round, headHash: r.headHash, called: r.draw.called, eligible })
  return {
    id: r.id, round: r.round, slot: r.slot, date: r.date, meetingId: r.meetingId,
    holders: toHolders(f.arisan, r.slot, r.pot - r.hostFee).map(h => ({ memberId: h.memberId, name: f.names.get(h.memberId) ?? h.memberId, amount: s(h.amount) })),
    pot: s(r.pot), hostFee: s(r.hostFee), headSeq: r.headSeq, headHash: r.headHash,
    draw: r.draw === null || seeded === null ? null : { rule: r.draw.rule, called: r.draw.called, eligible: seeded.eligible, seed: seeded.seed, digest: r.draw.digest },
    entryId: r.entryId, createdAt: r.createdAt, actor: r.actor
  }
}

/** An arisan, where its cycle stands, every holder's standing and every round taken. */
export function arisanJson (f: ArisanFile) {
  const a = f.arisan
  const name = (m: string): string => f.names.get(m) ?? m
  return {
    id: a.id, name: a.name, meetingId: a.meetingId, contribution: s(a.contribution), hostFee: s(a.hostFee), schedule: a.schedule, order: a.order, slots: a.slots,
    holders: a.holders.map(h => ({ slot: h.slot, memberId: h.memberId, name: name(h.memberId), due: s(h.due) })),
    nextRound: f.state.nextRound, eligible: f.state.eligible, pot: s(f.state.pot), paidIn: s(f.state.paidIn), paidOut: s(f.state.paidOut), held: s(f.state.held),
    standing: f.state.holders.map(h => ({
      slot: h.slot, memberId: h.memberId, name: name(h.memberId), due: s(h.due), paid: h.paid, unpaid: h.unpaid, arrears: s(h.arrears), wonRound: h.wonRound,
      stoppedAfterWinning: h.stoppedAfterWinning, owesRest: s(h.owesRest)
    })),
    rounds: f.rounds.map(r => arisanRoundJson(f, r)),
    createdAt: a.createdAt, actor: a.actor
  }
}

/** One slot a member holds, as /v1/me/arisan shows it to her (none when she does not hold it). */
export function myArisanJson (f: ArisanFile, slot: number, memberId: string) {
  const h = f.state.holders.find(x => x.slot === slot && x.memberId === memberId)
  if (h === undefined) return []
  const a = f.arisan
  return [{
    arisanId: a.id, name: a.name, order: a.order, slots: a.slots, nextRound: f.state.nextRound, slot, shared: a.holders.filter(x => x.slot === slot).length > 1,
    due: s(h.due), paid: h.paid, unpaid: h.unpaid, arrears: s(h.arrears), wonRound: h.wonRound,
    turn: a.order === 'agreed' && h.wonRound === null ? slot : null, stillInDraw: h.wonRound === null && a.order === 'draw' ? f.state.eligible.length : 0,
    stoppedAfterWinning: h.stoppedAfterWinning, owesRest: s(h.owesRest)
  }]
}
