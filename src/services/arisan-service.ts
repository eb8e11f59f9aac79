import * as arisans from '../data/arisan-repository.js'
import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import { findMeeting } from '../data/meeting-repository.js'
import { arisanState, contributionPlan, roundPlan, slotHolders, slotName, type ArisanState } from '../domain/arisan/cycle.js'
import { draw } from '../domain/arisan/draw.js'
import type { Arisan, ArisanContribution, ArisanOrder, ArisanRound, ArisanSchedule } from '../domain/arisan/types.js'
import { DomainError, invalid } from '../domain/errors.js'
import { ACCOUNT, TITIPAN_ARISAN } from '../domain/ledger/accounts.js'
import { GENESIS_HASH } from '../domain/ledger/hash-chain.js'
import { creditLine, debitLine, type Line } from '../domain/ledger/journal-entry.js'
import { formatRupiah, type Rupiah } from '../domain/money.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { requireGroup } from './group-service.js'
import { getEntry } from './ledger-reads.js'
import { post, postReversal, type PostedEntry } from './ledger-service.js'

export type { Arisan, ArisanContribution, ArisanRound, ArisanState }

export interface ArisanInput {
  meetingId: string
  name: string
  contribution: Rupiah
  hostFee: Rupiah
  schedule: ArisanSchedule
  order: ArisanOrder
  /** slots[i]: the member or two members holding slot i + 1 (for an agreed order, slot n takes round n). */
  slots: string[][]
}

/** An arisan with its rounds, its contributions, where the cycle stands, and the names of its holders by member id. */
export interface ArisanFile {
  arisan: Arisan
  rounds: ArisanRound[]
  contributions: ArisanContribution[]
  state: ArisanState
  names: Map<string, string>
}

async function namesOf (db: Db | Tx, groupId: string): Promise<Map<string, string>> {
  return new Map((await groups.listMembers(db, groupId)).map(m => [m.id, m.name]))
}

/** Titipan Arisan (2150), the liability every arisan's money passes through: added to the chart with the group's first arisan. */
async function ensureTitipan (tx: Tx, actor: Actor, groupId: string, at: string): Promise<void> {
  const found = (await groups.findAccounts(tx, groupId, [TITIPAN_ARISAN.code])).get(TITIPAN_ARISAN.code)
  if (found === undefined) {
    await groups.insertAccounts(tx, groupId, [TITIPAN_ARISAN], actor, at)
    return
  }
  if (found.type !== 'liability' || found.name !== TITIPAN_ARISAN.name) {
    throw new DomainError('ARISAN_ACCOUNT_TAKEN', `account ${found.code} is ${found.name} (${found.type}); an arisan needs it as ${TITIPAN_ARISAN.name}`)
  }
}

/** Records an arisan as a meeting decided it; its money passes through Titipan Arisan and never touches the group's income. */
export async function createArisan (tx: Tx, env: Env, actor: Actor, groupId: string, input: ArisanInput): Promise<ArisanFile> {
  await requireGroup(tx, groupId)
  if (await findMeeting(tx, groupId, input.meetingId) === null) throw new DomainError('MEETING_NOT_FOUND', `no meeting ${input.meetingId} in group ${groupId}`)
  const holders = slotHolders(input.contribution, input.slots)
  const named = [...new Set(holders.map(h => h.memberId))]
  const known = await groups.findMemberIds(tx, groupId, named)
  const unknown = named.filter(m => !known.has(m))
  if (unknown.length > 0) throw new DomainError('MEMBER_NOT_FOUND', `no member ${unknown.join(', ')} in this group`)
  if (input.hostFee >= input.contribution * BigInt(input.slots.length)) throw invalid('hostFee', 'must be less than a full round\'s pot')
  const at = env.now().toISOString()
  await ensureTitipan(tx, actor, groupId, at)
  const arisan: Arisan = {
    id: env.newId('ars'), groupId, name: input.name, meetingId: input.meetingId, contribution: input.contribution, hostFee: input.hostFee,
    schedule: input.schedule, order: input.order, slots: input.slots.length, holders, createdAt: at, actor
  }
  await arisans.insertArisan(tx, arisan)
  await emit(tx, env, actor, groupId, 'arisan.created', arisan.id, {
    name: arisan.name, meetingId: arisan.meetingId, slots: arisan.slots, contribution: arisan.contribution.toString(), order: arisan.order
  })
  return { arisan, rounds: [], contributions: [], state: arisanState(arisan, [], []), names: await namesOf(tx, groupId) }
}

export async function getArisan (db: Db | Tx, groupId: string, arisanId: string): Promise<ArisanFile> {
  await requireGroup(db, groupId)
  const [arisan] = await arisans.listArisans(db, groupId, arisanId)
  if (arisan === undefined) throw new DomainError('ARISAN_NOT_FOUND', `no arisan ${arisanId} in group ${groupId}`)
  const rounds = await arisans.listRounds(db, groupId, arisanId)
  const contributions = await arisans.listContributions(db, groupId, arisanId)
  return { arisan, rounds, contributions, state: arisanState(arisan, rounds, contributions), names: await namesOf(db, groupId) }
}

export async function listArisans (db: Db, groupId: string): Promise<ArisanFile[]> {
  await requireGroup(db, groupId)
  const all = await arisans.listArisans(db, groupId)
  const rounds = await arisans.listRounds(db, groupId)
  const contributions = await arisans.listContributions(db, groupId)
  const names = await namesOf(db, groupId)
  return all.map(a => {
    const r = rounds.filter(x => x.arisanId === a.id)
    const c = contributions.filter(x => x.arisanId === a.id)
    return { arisan: a, rounds: r, contributions: c, state: arisanState(a, r, c), names }
  })
}

const nonZero = (lines: Line[]): Line[] => lines.filter(l => l.debit > 0n || l.credit > 0n)

/**
 * A holder's contribution for a round: Kas / Titipan Arisan. For the collecting round it goes into the pot; for a round
 * already taken (late) the same entry passes it on at once to the holders of the slot that took it (Titipan / Kas).
 */
export async function contribute (tx: Tx, env: Env, actor: Actor, groupId: string, arisanId: string,
  input: { round?: number, slot: number, memberId: string, date: string, amount: Rupiah }): Promise<{ contribution: ArisanContribution, entry: PostedEntry }> {
  const f = await getArisan(tx, groupId, arisanId)
  const round = input.round ?? f.state.nextRound
  if (round === null) throw new DomainError('ARISAN_ROUND_NOT_OPEN', `every round of arisan ${f.arisan.name} has been taken: name the round paid late`)
  const passOn = contributionPlan(f.arisan, f.state, f.rounds, { round, slot: input.slot, memberId: input.memberId, amount: input.amount })
  const id = env.newId('arc')
  const name = f.names.get(input.memberId) ?? input.memberId
  const late = f.rounds.some(r => r.round === round)
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: `Setoran arisan ${f.arisan.name} putaran ${round} ${name}${late ? ' (susulan, diteruskan ke penerima putaran itu)' : ''}`,
    reference: null,
    reverses: null,
    kind: 'arisan-contribution',
    source: id,
    lines: nonZero([
      debitLine(ACCOUNT.kas, input.amount, { member: input.memberId }),
      creditLine(TITIPAN_ARISAN.code, input.amount, { member: input.memberId }),
      ...passOn.flatMap(p => [debitLine(TITIPAN_ARISAN.code, p.amount, { member: p.memberId }), creditLine(ACCOUNT.kas, p.amount, { member: p.memberId })])
    ])
  })
  const contribution: ArisanContribution = {
    id, groupId, arisanId, round, slot: input.slot, memberId: input.memberId, amount: input.amount, late, date: input.date, entryId: entry.id, reversedOn: null,
    createdAt: env.now().toISOString(), actor
  }
  await arisans.insertContribution(tx, contribution)
  await emit(tx, env, actor, groupId, 'arisan.contributed', id, {
    arisanId, round, slot: input.slot, memberId: input.memberId, amount: input.amount.toString(), late, entryId: entry.id
  })
  return { contribution, entry }
}

/**
 * Undoes a contribution recorded in error (the wrong holder, a payment that was not made) with a reversing entry,
 * while its round still collects: once the round is taken its pot has been paid out, and the contribution stands.
 * The holder may then pay the round again.
 */
export async function reverseContribution (tx: Tx, env: Env, actor: Actor, groupId: string, arisanId: string, contributionId: string,
  input: { date: string | null, reason: string }): Promise<{ contribution: ArisanContribution, reversal: PostedEntry }> {
  const f = await getArisan(tx, groupId, arisanId)
  const c = f.contributions.find(x => x.id === contributionId)
  if (c === undefined) throw new DomainError('CONTRIBUTION_NOT_FOUND', `no contribution ${contributionId} in arisan ${f.arisan.name}`)
  if (c.late || f.rounds.some(r => r.round === c.round)) {
    throw new DomainError('ARISAN_ROUND_TAKEN', `round ${c.round} of arisan ${f.arisan.name} has been taken and its pot paid out: the contribution stands`)
  }
  const reversal = await postReversal(tx, env, actor, groupId, await getEntry(tx, groupId, c.entryId), input)
  return { contribution: { ...c, reversedOn: reversal.date }, reversal }
}

/**
 * Takes the collecting round: the slot that takes it (the next in an agreed order, or drawn from the eligible slots by
 * draw.ts, fixed by the journal head now and the number called out at the meeting), and its pot paid out in the same
 * entry: Titipan Arisan / Kas to the slot's holders, and the host's fee.
 */
export async function takeRound (tx: Tx, env: Env, actor: Actor, groupId: string, arisanId: string,
  input: { date: string, meetingId: string | null, called: string | null }): Promise<{ round: ArisanRound, entry: PostedEntry, file: ArisanFile }> {
  const f = await getArisan(tx, groupId, arisanId)
  const a = f.arisan
  if (input.meetingId !== null && await findMeeting(tx, groupId, input.meetingId) === null) throw new DomainError('MEETING_NOT_FOUND', `no meeting ${input.meetingId} in group ${groupId}`)
  if (a.order === 'draw' && input.called === null) throw invalid('called', 'is required: the number a member called out at the meeting, which the draw takes with the journal head')
  if (a.order === 'agreed' && input.called !== null) throw invalid('called', 'is only for an arisan whose order is drawn')
  if (f.state.nextRound === null) throw new DomainError('ARISAN_CYCLE_COMPLETE', `every slot of arisan ${a.name} has taken its pot`)
  const head = (await journal.postingState(tx, groupId))?.tip ?? { seq: 0, hash: GENESIS_HASH }
  const drawn = a.order === 'draw'
    ? draw({ groupId, arisanId, round: f.state.nextRound, headHash: head.hash, called: input.called ?? '', eligible: f.state.eligible.map(slotName) })
    : null
  const slot = drawn === null ? (f.state.eligible[0] ?? 0) : Number(drawn.winner)
  const plan = roundPlan(a, f.state, slot)
  const id = env.newId('arr')
  const names = plan.shares.map(s => f.names.get(s.memberId) ?? s.memberId)
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: `Arisan ${a.name} putaran ${plan.round}: nomor ${slot} (${names.join(' & ')}) menerima ${formatRupiah(plan.pot - a.hostFee)}`,
    reference: null,
    reverses: null,
    kind: 'arisan-round',
    source: id,
    lines: nonZero([
      debitLine(TITIPAN_ARISAN.code, plan.pot),
      ...plan.shares.map(s => creditLine(ACCOUNT.kas, s.amount, { member: s.memberId })),
      creditLine(ACCOUNT.kas, a.hostFee)
    ])
  })
  const round: ArisanRound = {
    id, groupId, arisanId, round: plan.round, slot, date: input.date, meetingId: input.meetingId,
    draw: drawn === null ? null : { rule: drawn.rule, called: input.called ?? '', digest: drawn.digest },
    headSeq: head.seq, headHash: head.hash, pot: plan.pot, hostFee: a.hostFee, entryId: entry.id, createdAt: env.now().toISOString(), actor
  }
  await arisans.insertRound(tx, round)
  await emit(tx, env, actor, groupId, 'arisan.round_taken', id, {
    arisanId, round: round.round, slot, holders: plan.shares.map(s => s.memberId), pot: plan.pot.toString(), digest: round.draw?.digest ?? null, entryId: entry.id
  })
  return { round, entry, file: { ...f, rounds: [...f.rounds, round] } }
}
