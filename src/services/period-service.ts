import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import * as periods from '../data/period-repository.js'
import type { Period } from '../data/period-repository.js'
import { DomainError } from '../domain/errors.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import { creditLine, debitLine, type Line } from '../domain/ledger/journal-entry.js'
import { checkpointOf } from './checkpoint-service.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { requireGroup } from './group-service.js'
import { trialBalance } from './ledger-reads.js'
import { post } from './ledger-service.js'
import { latestDate } from './clock.js'

export type { Period }

/**
 * Tutup buku: posts the closing entry (every income and expense account's balance into 3401 SHU Tahun Berjalan, dated
 * the last day of the period) and records a checkpoint of the chain head and totals. From then on no entry may be
 * dated on or before that day; corrections go into the open period.
 */
export async function closePeriod (tx: Tx, env: Env, actor: Actor, groupId: string, through: string): Promise<Period> {
  await requireGroup(tx, groupId)
  if (through > latestDate(env)) throw new DomainError('DATE_IN_FUTURE', `a period cannot be closed before it ends (${through})`)
  const last = await periods.closedThrough(tx, groupId)
  if (last !== null && through <= last) throw new DomainError('PERIOD_ALREADY_CLOSED', `the books are already closed through ${last}`)
  const [accounts, totals] = await Promise.all([groups.listAccounts(tx, groupId), journal.sumByAccount(tx, groupId, { to: through })])
  const byCode = new Map(totals.map(t => [t.account, t]))
  const lines: Line[] = []
  let income = 0n
  let expenses = 0n
  for (const a of accounts) {
    if (a.type !== 'income' && a.type !== 'expense') continue
    const t = byCode.get(a.code)
    const net = t === undefined ? 0n : t.debit - t.credit
    if (net === 0n) continue
    if (a.type === 'income') income -= net
    else expenses += net
    lines.push(net > 0n ? creditLine(a.code, net) : debitLine(a.code, -net))
  }
  const shu = income - expenses
  if (shu !== 0n) lines.push(shu > 0n ? creditLine(ACCOUNT.shuBerjalan, shu) : debitLine(ACCOUNT.shuBerjalan, -shu))
  const id = env.newId('per')
  const closing = lines.length >= 2
    ? await post(tx, env, actor, groupId, { date: through, description: `Tutup buku per ${through}: SHU tahun berjalan`, reference: null, reverses: null, kind: 'closing', source: id, lines })
    : null
  const head = await journal.head(tx, groupId)
  const tb = await trialBalance(tx, groupId, through)
  const period: Period = {
    id, groupId, through, closingEntryId: closing?.id ?? null, seq: head.seq, headHash: head.hash,
    totals: { debit: tb.totals.debit.toString(), credit: tb.totals.credit.toString(), income: income.toString(), expenses: expenses.toString(), shu: shu.toString() },
    checkpoint: await checkpointOf(tx, env, groupId),
    createdAt: env.now().toISOString(), actor
  }
  await periods.insertPeriod(tx, period)
  await emit(tx, env, actor, groupId, 'period.closed', period.id, { through, seq: period.seq, hash: period.headHash, shu: period.totals.shu })
  return period
}

export async function listPeriods (db: Db, groupId: string): Promise<Period[]> {
  await requireGroup(db, groupId)
  return await periods.listPeriods(db, groupId)
}
