import { eligibleAt, MAX_HOLDERS_PER_SLOT, MAX_SLOTS_PER_MEMBER, slotName, toHolders } from '../arisan/cycle.js'
import { checkDraw, DRAW_RULE } from '../arisan/draw.js'
import type { Arisan } from '../arisan/types.js'
import type { Books } from '../books/books.js'
import type { PostedEntry } from '../books/types.js'
import { ACCOUNT, TITIPAN_ARISAN } from '../ledger/accounts.js'
import { sideOn } from '../ledger/journal-entry.js'

type Add = (table: string, id: string | null, detail: string) => void
type EntryAt = (table: string, id: string, entryId: string, kind: PostedEntry['kind'], source: string) => PostedEntry | null

/**
 * The arisan registers against the journal, and every draw recomputed (the service's verify and the offline verifier
 * both run this): each slot's dues are the contribution split evenly among its one or two holders; each contribution is its
 * holder's due, posted Kas / Titipan Arisan (and passed on to the round's holders when late); the rounds run 1, 2, …
 * with each slot once; a drawn round's winner and digest follow from its recorded inputs by lumbung-arisan-draw-v1, its
 * journal head is the entry just before its own, and its pot is the round's contributions, paid out whole.
 */
export function arisanFindings (books: Books, add: Add, entryAt: EntryAt): void {
  for (const a of books.arisans) {
    holderFindings(a, add)
    const contributions = books.arisanContributions.filter(c => c.arisanId === a.id)
    const standing = contributions.filter(c => c.reversedOn === null)
    const seen = new Set<string>()
    for (const c of standing) {
      const key = `${c.round} ${c.slot} ${c.memberId}`
      if (seen.has(key)) add('arisan_contributions', c.id, `a second standing contribution of round ${c.round} by the holder of slot ${c.slot}`)
      seen.add(key)
    }
    const rounds = books.arisanRounds.filter(r => r.arisanId === a.id).sort((x, y) => x.round - y.round)
    for (const c of contributions) {
      const due = a.holders.find(h => h.slot === c.slot && h.memberId === c.memberId)?.due
      if (due !== c.amount) add('arisan_contributions', c.id, `pays ${c.amount} for slot ${c.slot}, but the holder's due is ${due ?? 'nothing (not a holder)'}`)
      const taken = rounds.find(r => r.round === c.round)
      if (c.late && taken === undefined) add('arisan_contributions', c.id, `is late for round ${c.round}, which was never taken`)
      const e = entryAt('arisan_contributions', c.id, c.entryId, 'arisan-contribution', c.id)
      if (e === null) continue
      const passed = c.late && taken !== undefined ? toHolders(a, taken.slot, c.amount) : []
      const wrong = sideOn(e.lines, ACCOUNT.kas, 'debit') !== c.amount || sideOn(e.lines, TITIPAN_ARISAN.code, 'credit') !== c.amount || e.date !== c.date ||
        sideOn(e.lines, TITIPAN_ARISAN.code, 'debit') !== passed.reduce((s, p) => s + p.amount, 0n) ||
        passed.some(p => sideOn(e.lines, ACCOUNT.kas, 'credit', p.memberId) !== p.amount)
      if (wrong) add('arisan_contributions', c.id, `records ${c.amount} on ${c.date}${c.late ? ' passed on' : ''}; entry seq ${e.seq} does not post that`)
    }
    const won = new Set<number>()
    for (const [i, r] of rounds.entries()) {
      if (r.round !== i + 1) add('arisan_rounds', r.id, `is round ${r.round}, but it is the ${i + 1}th round taken`)
      if (won.has(r.slot) || r.slot < 1 || r.slot > a.slots) add('arisan_rounds', r.id, `slot ${r.slot} cannot take a round: it is not a slot, or has taken one already`)
      const eligible = eligibleAt(a, rounds, r.round)
      won.add(r.slot)
      if (a.order === 'agreed' && (r.draw !== null || r.slot !== eligible[0])) add('arisan_rounds', r.id, `an agreed order gives round ${r.round} to slot ${eligible[0] ?? '-'}, not ${r.slot}`)
      if (a.order === 'draw') {
        const why = r.draw === null || r.draw.rule !== DRAW_RULE
          ? `a drawn arisan's round is drawn by ${DRAW_RULE}`
          : checkDraw({ groupId: a.groupId, arisanId: a.id, round: r.round, headHash: r.headHash, called: r.draw.called, eligible: eligible.map(slotName) },
            { winner: slotName(r.slot), digest: r.draw.digest })
        if (why !== null) add('arisan_rounds', r.id, `the draw of round ${r.round} does not recompute: ${why}`)
      }
      const pot = standing.filter(c => c.round === r.round && !c.late).reduce((s, c) => s + c.amount, 0n)
      if (pot !== r.pot || r.hostFee !== a.hostFee) add('arisan_rounds', r.id, `pays a pot of ${r.pot} (fee ${r.hostFee}); the round's contributions make ${pot} (fee ${a.hostFee})`)
      const e = entryAt('arisan_rounds', r.id, r.entryId, 'arisan-round', r.id)
      if (e === null) continue
      if (e.seq !== r.headSeq + 1 || e.prevHash !== r.headHash) add('arisan_rounds', r.id, `was drawn on journal head seq ${r.headSeq}, but its entry seq ${e.seq} follows ${e.prevHash}`)
      if (sideOn(e.lines, TITIPAN_ARISAN.code, 'debit') !== r.pot || sideOn(e.lines, ACCOUNT.kas, 'credit') !== r.pot || e.date !== r.date) add('arisan_rounds', r.id, `pays ${r.pot} on ${r.date}; entry seq ${e.seq} does not`)
    }
  }
}

/** Each slot has one or two holders whose dues add up to the contribution, split evenly (the odd rupiah to one of them); no member holds more than two slots. */
function holderFindings (a: Arisan, add: Add): void {
  for (let slot = 1; slot <= a.slots; slot++) {
    const dues = a.holders.filter(h => h.slot === slot).map(h => h.due)
    const total = dues.reduce((s, d) => s + d, 0n)
    const even = dues.every(d => d * BigInt(dues.length) >= a.contribution - BigInt(dues.length) + 1n && d * BigInt(dues.length) <= a.contribution + BigInt(dues.length) - 1n)
    if (dues.length < 1 || dues.length > MAX_HOLDERS_PER_SLOT || total !== a.contribution || !even) add('arisans', a.id, `slot ${slot}'s holders pay ${dues.join(' + ') || 'nothing'}, not the contribution ${a.contribution} split evenly`)
  }
  if (a.holders.some(h => h.slot < 1 || h.slot > a.slots)) add('arisans', a.id, `a holder holds a slot beyond its ${a.slots}`)
  const counts = new Map<string, number>()
  for (const h of a.holders) counts.set(h.memberId, (counts.get(h.memberId) ?? 0) + 1)
  for (const [m, n] of counts) if (n > MAX_SLOTS_PER_MEMBER) add('arisans', a.id, `member ${m} holds ${n} slots`)
}
