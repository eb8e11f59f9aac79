import { createHash } from 'node:crypto'
import { canonicalJson } from '../ledger/hash-chain.js'

/**
 * The arisan draw (kocok) that anyone can recompute.
 *
 * A round's draw is fixed by values all known before it: the group, the arisan, the round's number, the group's journal
 * head at the moment the draw was opened (its hash, which no one can steer without posting an entry that stays in the
 * books), a number called out at the meeting by a member (so the head alone does not decide it), and the slots still
 * eligible, sorted. Their canonical JSON is hashed with SHA-256; the winner is the eligible slot at index
 * `value mod n`, where `value` is the digest read as a 256-bit unsigned integer. So that no slot is favoured when n does
 * not divide 2^256, a digest at or above the largest multiple of n is hashed again (`SHA-256(previous digest)`) until one
 * falls below it; `tries` says how often. docs/ARISAN.md gives the rule in full for an auditor's own implementation.
 */
export const DRAW_RULE = 'lumbung-arisan-draw-v1'

export interface DrawInput {
  groupId: string
  arisanId: string
  round: number
  /** The group's journal head hash when the draw was opened. */
  headHash: string
  /** What a member called out at the meeting (digits or a word), as recorded. */
  called: string
  /** The slot ids still eligible; the order given does not matter. */
  eligible: readonly string[]
}

export interface Draw {
  rule: typeof DRAW_RULE
  /** The canonical JSON that was hashed. */
  seed: string
  /** SHA-256 of the seed (hex), then of each retry. */
  digest: string
  tries: number
  /** The eligible slots, sorted by code unit, as the index counts them. */
  eligible: string[]
  index: number
  winner: string
}

const SPACE = 1n << 256n

const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest()

/** The seed of a draw, as canonical JSON; throws if the input cannot make a fair draw. */
export function drawSeed (input: DrawInput): { seed: string, eligible: string[] } {
  const eligible = [...input.eligible].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  if (eligible.length === 0) throw new RangeError('a draw needs at least one eligible slot')
  if (new Set(eligible).size !== eligible.length) throw new RangeError('a slot is listed twice')
  if (!/^[0-9a-f]{64}$/.test(input.headHash)) throw new RangeError('the head hash is 64 hex digits')
  if (!Number.isSafeInteger(input.round) || input.round < 1) throw new RangeError('the round is a whole number from 1')
  const seed = canonicalJson({
    rule: DRAW_RULE,
    groupId: input.groupId,
    arisanId: input.arisanId,
    round: input.round,
    headHash: input.headHash,
    called: input.called,
    eligible
  })
  return { seed, eligible }
}

/** Draws the round's winner from its input: the same input always gives the same winner. */
export function draw (input: DrawInput): Draw {
  const { seed, eligible } = drawSeed(input)
  const n = BigInt(eligible.length)
  const limit = SPACE - (SPACE % n)
  let digest = sha256(seed)
  let tries = 1
  let value = BigInt(`0x${digest.toString('hex')}`)
  while (value >= limit) {
    digest = sha256(digest)
    tries++
    value = BigInt(`0x${digest.toString('hex')}`)
  }
  const index = Number(value % n)
  return { rule: DRAW_RULE, seed, digest: digest.toString('hex'), tries, eligible, index, winner: eligible[index] as string }
}

/** Recomputes a recorded draw; the reason it does not hold, or null when it does. */
export function checkDraw (input: DrawInput, recorded: { winner: string, digest: string }): string | null {
  let again: Draw
  try { again = draw(input) } catch (e) { return (e as Error).message }
  if (again.digest !== recorded.digest) return `the digest recomputes as ${again.digest}, not ${recorded.digest}`
  if (again.winner !== recorded.winner) return `the winner recomputes as ${again.winner}, not ${recorded.winner}`
  return null
}
