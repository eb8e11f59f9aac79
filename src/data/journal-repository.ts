import { sql, type RawBuilder } from 'kysely'
import type { EntryKind } from '../domain/ledger/entry-kind.js'
import type { PostedEntry } from '../domain/books/types.js'
import { addDays } from '../domain/dates.js'
import type { Posting } from '../domain/reports/account-ledger.js'
import { GENESIS_HASH, type ChainedEntry, type HashVersion } from '../domain/ledger/hash-chain.js'
import type { Line } from '../domain/ledger/journal-entry.js'
import { toRupiah, type Rupiah } from '../domain/money.js'
import type { Db, Tx } from './connect.js'
import type { JournalEntriesTable } from './database.js'
import { insertRows, rowsOf } from './statements.js'

type Q = Db | Tx

export type { PostedEntry }

export interface Head {
  seq: number
  hash: string
}

/** The head a new entry links to, with the group's turnover so far (the running total of entry totals, migration 0008). */
export interface Tip extends Head {
  turnover: Rupiah
}

export async function head (db: Q, groupId: string): Promise<Tip> {
  const [r] = await rowsOf(db, sql<Pick<JournalEntriesTable, 'seq' | 'hash' | 'turnover'>>`select seq, hash, turnover from journal_entries where group_id = ${groupId} order by seq desc limit 1`)
  return tipOf(r)
}

/** The tip from the last entry's row; the genesis when the group has none yet. */
function tipOf (r: { [K in 'seq' | 'hash' | 'turnover']: JournalEntriesTable[K] | null } | undefined): Tip {
  return r === undefined || r.seq === null || r.hash === null ? { seq: 0, hash: GENESIS_HASH, turnover: 0n } : { seq: Number(r.seq), hash: r.hash, turnover: toRupiah(r.turnover) }
}

/**
 * What a posting needs to know of its group, in one statement (one round trip on PostgreSQL): whether the group
 * exists, the end of its latest closed period, and the head the new entry links to. Null when there is no such group.
 */
export async function postingState (db: Q, groupId: string): Promise<{ closedThrough: string | null, tip: Tip } | null> {
  const [r] = await rowsOf(db, sql<{ closed: string | null } & { [K in 'seq' | 'hash' | 'turnover']: JournalEntriesTable[K] | null }>`
    select (select max(through) from periods where group_id = g.id) as closed, e.seq, e.hash, e.turnover
    from groups g left join (select seq, hash, turnover from journal_entries where group_id = ${groupId} order by seq desc limit 1) e on 1 = 1
    where g.id = ${groupId}`)
  return r === undefined ? null : { closedThrough: r.closed, tip: tipOf(r) }
}

/**
 * Writes an entry: its lines first, then the entry row, whose insert trigger checks them; then the daily totals, one
 * row per account in one upsert (the accounts are distinct, as PostgreSQL requires of one statement's conflicts).
 */
export async function insertEntry (db: Tx, e: ChainedEntry & { hash: string, turnover: Rupiah }): Promise<void> {
  let debit = 0n
  await insertRows(db, 'journal_lines', e.lines.map((l, i) => {
    debit += l.debit
    return {
      entry_id: e.id,
      line_no: i + 1,
      group_id: e.groupId,
      seq: e.seq,
      date: e.date,
      account_code: l.account,
      debit: l.debit,
      credit: l.credit,
      fund_id: l.fund,
      member_id: l.member
    }
  }))
  await insertRows(db, 'journal_entries', [{
    id: e.id,
    group_id: e.groupId,
    seq: e.seq,
    date: e.date,
    description: e.description,
    reference: e.reference,
    reverses_id: e.reverses,
    total: debit,
    line_count: e.lines.length,
    actor_id: e.actor.id,
    actor_name: e.actor.name,
    created_at: e.createdAt,
    prev_hash: e.prevHash,
    hash: e.hash,
    turnover: e.turnover,
    kind: e.kind,
    source_id: e.source,
    hash_version: e.hashVersion
  }])
  const days = [...dailyTotals(e.lines)].map(([account, t]) => sql`(${e.groupId}, ${account}, ${e.date}, ${t.debit}, ${t.credit})`)
  await sql`insert into account_daily_totals (group_id, account_code, date, debit, credit) values ${sql.join(days)}
    on conflict (group_id, account_code, date) do update set
      debit = account_daily_totals.debit + excluded.debit, credit = account_daily_totals.credit + excluded.credit`.execute(db)
}

function dailyTotals (lines: readonly Line[]): Map<string, { debit: Rupiah, credit: Rupiah }> {
  const m = new Map<string, { debit: Rupiah, credit: Rupiah }>()
  for (const l of lines) {
    const t = m.get(l.account) ?? { debit: 0n, credit: 0n }
    m.set(l.account, { debit: t.debit + l.debit, credit: t.credit + l.credit })
  }
  return m
}

const entryColumns = [
  'e.id', 'e.group_id', 'e.seq', 'e.date', 'e.description', 'e.reference', 'e.reverses_id', 'e.actor_id', 'e.actor_name',
  'e.created_at', 'e.prev_hash', 'e.hash', 'e.kind', 'e.source_id', 'e.hash_version', 'r.id as reversed_by'
] as const

function baseEntries (db: Q) {
  return db.selectFrom('journal_entries as e')
    .leftJoin('journal_entries as r', 'r.reverses_id', 'e.id')
    .select(entryColumns)
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof baseEntries>['execute']>>[number]

async function withLines (db: Q, rows: EntryRow[]): Promise<PostedEntry[]> {
  if (rows.length === 0) return []
  const lines = await db.selectFrom('journal_lines')
    .select(['entry_id', 'account_code', 'debit', 'credit', 'fund_id', 'member_id'])
    .where('entry_id', 'in', rows.map(r => r.id))
    .orderBy('entry_id').orderBy('line_no')
    .execute()
  const byEntry = new Map<string, Line[]>()
  for (const l of lines) {
    const list = byEntry.get(l.entry_id) ?? []
    list.push({ account: l.account_code, debit: toRupiah(l.debit), credit: toRupiah(l.credit), fund: l.fund_id, member: l.member_id })
    byEntry.set(l.entry_id, list)
  }
  return rows.map(r => ({
    id: r.id,
    groupId: r.group_id,
    seq: Number(r.seq),
    date: r.date,
    description: r.description,
    reference: r.reference,
    reverses: r.reverses_id,
    actor: { id: r.actor_id, name: r.actor_name },
    createdAt: r.created_at,
    lines: byEntry.get(r.id) ?? [],
    prevHash: r.prev_hash,
    kind: r.kind as EntryKind,
    source: r.source_id,
    hashVersion: Number(r.hash_version) as HashVersion,
    hash: r.hash,
    reversedBy: r.reversed_by ?? null
  }))
}

export async function findEntry (db: Q, groupId: string, id: string): Promise<PostedEntry | null> {
  const rows = await baseEntries(db).where('e.group_id', '=', groupId).where('e.id', '=', id).execute()
  return (await withLines(db, rows))[0] ?? null
}

/** The group's closing entries (tutup buku), in seq order: found through the periods, so no scan of the journal. */
export async function closingEntries (db: Q, groupId: string): Promise<PostedEntry[]> {
  const ids = (await db.selectFrom('periods').select('closing_entry_id').where('group_id', '=', groupId).execute()).flatMap(r => r.closing_entry_id === null ? [] : [r.closing_entry_id])
  if (ids.length === 0) return []
  return await withLines(db, await baseEntries(db).where('e.group_id', '=', groupId).where('e.id', 'in', ids).orderBy('e.seq').execute())
}

/**
 * The daily totals a statement of [from, to] needs: every day dated in the range as it is, everything before `from`
 * summed into one row per account dated the day before it, nothing after `to`. Balances over any part of the range
 * come out the same as from every day, and a balance sheet of ten years reads one row per account.
 */
export async function dailyTotalsFor (
  db: Q, groupId: string, range: { from: string | null, to: string }
): Promise<Array<{ account: string, date: string, debit: Rupiah, credit: Rupiah }>> {
  type R = { account_code: string, date: string, debit: bigint | number | string | null, credit: bigint | number | string | null }
  const before = range.from === null
    ? []
    : await rowsOf(db, sql<R>`select account_code, ${addDays(range.from, -1)} as date, sum(debit) as debit, sum(credit) as credit from account_daily_totals
        where group_id = ${groupId} and date < ${range.from} group by account_code`)
  const within = range.from === null
    ? await rowsOf(db, sql<R>`select account_code, max(date) as date, sum(debit) as debit, sum(credit) as credit from account_daily_totals
        where group_id = ${groupId} and date <= ${range.to} group by account_code`)
    : await rowsOf(db, sql<R>`select account_code, date, debit, credit from account_daily_totals where group_id = ${groupId} and date >= ${range.from} and date <= ${range.to}`)
  return [...before, ...within].map(r => ({ account: r.account_code, date: r.date, debit: toRupiah(r.debit), credit: toRupiah(r.credit) }))
}

/** The lines that name a fund (a grant or a donation), summed per fund and account, dated on or before `to`. */
export async function fundTotals (db: Q, groupId: string, to: string): Promise<Array<{ fund: string, account: string, debit: Rupiah, credit: Rupiah }>> {
  type R = { fund_id: string, account_code: string, debit: bigint | number | string | null, credit: bigint | number | string | null }
  const rows = await rowsOf(db, sql<R>`select fund_id, account_code, sum(debit) as debit, sum(credit) as credit from journal_lines
    where group_id = ${groupId} and fund_id is not null and date <= ${to} group by fund_id, account_code`)
  return rows.map(r => ({ fund: r.fund_id, account: r.account_code, debit: toRupiah(r.debit), credit: toRupiah(r.credit) }))
}

/** The entries with a line that names the member, in seq order. */
export async function memberEntries (db: Q, groupId: string, memberId: string): Promise<PostedEntry[]> {
  const rows = await baseEntries(db).where('e.group_id', '=', groupId)
    .where(eb => eb.exists(eb.selectFrom('journal_lines as l').select('l.entry_id').whereRef('l.entry_id', '=', 'e.id').where('l.member_id', '=', memberId)))
    .orderBy('e.seq').execute()
  return await withLines(db, rows)
}

/** When each reversed entry of the group was reversed, by the reversed entry's id. */
export async function reversalDates (db: Q, groupId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('journal_entries').select(['reverses_id', 'date']).where('group_id', '=', groupId).where('reverses_id', 'is not', null).execute()
  return new Map(rows.map(r => [r.reverses_id ?? '', r.date]))
}

export interface EntryFilter {
  from?: string
  to?: string
  account?: string
  afterSeq: number
  limit: number
}

/** A page of entries in seq order, keyset-paged by seq. */
export async function listEntries (db: Q, groupId: string, f: EntryFilter): Promise<PostedEntry[]> {
  let q = baseEntries(db).where('e.group_id', '=', groupId).where('e.seq', '>', f.afterSeq)
  if (f.from !== undefined) q = q.where('e.date', '>=', f.from)
  if (f.to !== undefined) q = q.where('e.date', '<=', f.to)
  if (f.account !== undefined) {
    const account = f.account
    q = q.where(eb => eb.exists(eb.selectFrom('journal_lines as l').select('l.entry_id')
      .whereRef('l.entry_id', '=', 'e.id').where('l.account_code', '=', account)))
  }
  const rows = await q.orderBy('e.seq').limit(f.limit).execute()
  return await withLines(db, rows)
}

export interface AccountTotals {
  account: string
  debit: Rupiah
  credit: Rupiah
}

/** Each account's total debits and credits over dates in [from, to] (either end open), from the daily totals. */
export async function sumByAccount (db: Q, groupId: string, range: { from?: string, to?: string }): Promise<AccountTotals[]> {
  let q = db.selectFrom('account_daily_totals')
    .select(['account_code', eb => eb.fn.sum<string>('debit').as('debit'), eb => eb.fn.sum<string>('credit').as('credit')])
    .where('group_id', '=', groupId)
  if (range.from !== undefined) q = q.where('date', '>=', range.from)
  if (range.to !== undefined) q = q.where('date', '<=', range.to)
  const rows = await q.groupBy('account_code').execute()
  return rows.map(r => ({ account: r.account_code, debit: toRupiah(r.debit), credit: toRupiah(r.credit) }))
}

/**
 * The least a balance stands at, at the end of any day from `from` on, given its movements per day (`days`: rows of
 * date and net): what an outflow dated `from` may take without the balance going below zero on that day or any later
 * one. The days counted are those with movements, and `from` itself (whose balance is the one before it, if nothing
 * moved on it). One statement.
 */
async function lowestFrom (db: Q, days: RawBuilder<unknown>, from: string): Promise<Rupiah> {
  type N = string | bigint | number | null
  const [r] = await rowsOf(db, sql<{ opening: N, lowest: N, on_day: N }>`
    with days as (${days})
    select (select sum(net) from days where date < ${from}) as opening,
      (select min(running) from (select date, sum(net) over (order by date) as running from days) r where date >= ${from}) as lowest,
      (select count(*) from days where date = ${from}) as on_day`)
  const opening = toRupiah(r?.opening)
  const lows = [...(r?.lowest === null || r?.lowest === undefined ? [] : [toRupiah(r.lowest)]), ...(Number(r?.on_day ?? 0) === 0 ? [opening] : [])]
  return lows.reduce((m, x) => x < m ? x : m, lows[0] ?? opening)
}

/** The floor of an account's balance (debit − credit) from `from` on (Kas, Bank), from the daily totals. */
export async function lowestBalanceFrom (db: Q, groupId: string, account: string, from: string): Promise<Rupiah> {
  return await lowestFrom(db, sql`select date, debit - credit as net from account_daily_totals where group_id = ${groupId} and account_code = ${account}`, from)
}

/** The floor of what the group owes a member on an account (credit − debit: a passbook) from `from` on. */
export async function lowestMemberBalanceFrom (db: Q, groupId: string, memberId: string, account: string, from: string): Promise<Rupiah> {
  return await lowestFrom(db, sql`select date, sum(credit - debit) as net from journal_lines
    where group_id = ${groupId} and member_id = ${memberId} and account_code = ${account} group by date`, from)
}

/** One account's postings dated in [from, to], in date then seq order (without the entries' other accounts). */
export async function accountLines (db: Q, groupId: string, account: string, range: { from?: string, to?: string }): Promise<Array<Omit<Posting, 'counter'>>> {
  let q = db.selectFrom('journal_lines as l').innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .select(['l.entry_id', 'l.seq', 'l.date', 'e.description', 'l.debit', 'l.credit', 'l.fund_id'])
    .where('l.group_id', '=', groupId).where('l.account_code', '=', account)
  if (range.from !== undefined) q = q.where('l.date', '>=', range.from)
  if (range.to !== undefined) q = q.where('l.date', '<=', range.to)
  const rows = await q.orderBy('l.date').orderBy('l.seq').orderBy('l.line_no').execute()
  return rows.map(r => ({
    entryId: r.entry_id, seq: Number(r.seq), date: r.date, description: r.description,
    debit: toRupiah(r.debit), credit: toRupiah(r.credit), fund: r.fund_id
  }))
}

/** The stored daily totals, for verify to compare with what the postings say. */
export async function allDailyTotals (db: Q, groupId: string): Promise<Array<{ account: string, date: string, debit: Rupiah, credit: Rupiah }>> {
  const rows = await db.selectFrom('account_daily_totals').selectAll().where('group_id', '=', groupId).execute()
  return rows.map(r => ({ account: r.account_code, date: r.date, debit: toRupiah(r.debit), credit: toRupiah(r.credit) }))
}

export interface MemberLine {
  entryId: string
  seq: number
  date: string
  description: string
  account: string
  debit: Rupiah
  credit: Rupiah
}

/** A member's postings on the given accounts (their passbook), in date then seq order. */
export async function memberLines (db: Q, groupId: string, memberId: string, accounts: readonly string[], to?: string): Promise<MemberLine[]> {
  let q = db.selectFrom('journal_lines as l').innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .select(['l.entry_id', 'l.seq', 'l.date', 'e.description', 'l.account_code', 'l.debit', 'l.credit'])
    .where('l.group_id', '=', groupId).where('l.member_id', '=', memberId).where('l.account_code', 'in', [...accounts])
  if (to !== undefined) q = q.where('l.date', '<=', to)
  const rows = await q.orderBy('l.date').orderBy('l.seq').orderBy('l.line_no').execute()
  return rows.map(r => ({
    entryId: r.entry_id, seq: Number(r.seq), date: r.date, description: r.description, account: r.account_code, debit: toRupiah(r.debit), credit: toRupiah(r.credit)
  }))
}

/** The head with the time its entry was posted (null when the journal is empty). */
export async function headWithTime (db: Q, groupId: string): Promise<Head & { at: string | null }> {
  const r = await db.selectFrom('journal_entries').select(['seq', 'hash', 'created_at'])
    .where('group_id', '=', groupId).orderBy('seq', 'desc').limit(1).executeTakeFirst()
  return r === undefined ? { seq: 0, hash: GENESIS_HASH, at: null } : { seq: Number(r.seq), hash: r.hash, at: r.created_at }
}

export async function countEntries (db: Q, groupId: string): Promise<number> {
  const r = await db.selectFrom('journal_entries').select(eb => eb.fn.countAll<string>().as('n')).where('group_id', '=', groupId).executeTakeFirst()
  return Number(r?.n ?? 0)
}

export async function entryHashAt (db: Q, groupId: string, seq: number): Promise<Head | null> {
  const r = await db.selectFrom('journal_entries').select(['seq', 'hash']).where('group_id', '=', groupId).where('seq', '=', seq).executeTakeFirst()
  return r === undefined ? null : { seq: Number(r.seq), hash: r.hash }
}
