import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import type { PostedEntry } from '../data/journal-repository.js'
import { addDays } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import type { NormalBalance } from '../domain/ledger/accounts.js'
import { accountLedger as ledgerOf, type AccountLedger } from '../domain/reports/account-ledger.js'
import type { Rupiah } from '../domain/money.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { requireAccount, requireGroup } from './group-service.js'

export type { PostedEntry, AccountLedger }

/** The ledger's reads: one entry, a page of the journal, the trial balance and one account's ledger. */

export async function getEntry (db: Db | Tx, groupId: string, entryId: string): Promise<PostedEntry> {
  await requireGroup(db, groupId)
  const e = await journal.findEntry(db, groupId, entryId)
  if (e === null) throw new DomainError('ENTRY_NOT_FOUND', `no entry ${entryId} in group ${groupId}`)
  return e
}

export interface EntryPage {
  items: PostedEntry[]
  nextCursor: string | null
}

export async function listEntries (db: Db, groupId: string, f: { from?: string, to?: string, account?: string, cursor?: string, limit: number }): Promise<EntryPage> {
  await requireGroup(db, groupId)
  const items = await journal.listEntries(db, groupId, {
    ...(f.from === undefined ? {} : { from: f.from }),
    ...(f.to === undefined ? {} : { to: f.to }),
    ...(f.account === undefined ? {} : { account: f.account }),
    afterSeq: decodeCursor(f.cursor),
    limit: f.limit
  })
  const last = items.at(-1)
  return { items, nextCursor: items.length === f.limit && last !== undefined ? encodeCursor(last.seq) : null }
}

export interface TrialBalanceRow {
  account: string
  name: string
  normalBalance: NormalBalance
  debit: Rupiah
  credit: Rupiah
}

export interface TrialBalance {
  asOf: string
  rows: TrialBalanceRow[]
  totals: { debit: Rupiah, credit: Rupiah }
}

/** Neraca saldo: each account's balance as of a date, in the debit or credit column where it stands. */
export async function trialBalance (db: Db, groupId: string, asOf: string): Promise<TrialBalance> {
  await requireGroup(db, groupId)
  const [accounts, totals] = await Promise.all([groups.listAccounts(db, groupId), journal.sumByAccount(db, groupId, { to: asOf })])
  const byCode = new Map(totals.map(t => [t.account, t]))
  const rows = accounts.map(a => {
    const t = byCode.get(a.code)
    const net = t === undefined ? 0n : t.debit - t.credit
    return { account: a.code, name: a.name, normalBalance: a.normalBalance, debit: net > 0n ? net : 0n, credit: net < 0n ? -net : 0n }
  })
  return {
    asOf,
    rows,
    totals: { debit: rows.reduce((s, r) => s + r.debit, 0n), credit: rows.reduce((s, r) => s + r.credit, 0n) }
  }
}

/** Buku besar of one account (src/domain/reports/account-ledger.ts): its postings read by account, the opening from the daily totals. */
export async function accountLedger (db: Db, groupId: string, code: string, range: { from?: string, to?: string }): Promise<AccountLedger> {
  const account = await requireAccount(db, groupId, code)
  const before = range.from === undefined ? [] : await journal.sumByAccount(db, groupId, { to: addDays(range.from, -1) })
  const postings = (await journal.accountLines(db, groupId, code, range)).map(r => ({ ...r, counter: [] }))
  return ledgerOf(account, range, before.find(t => t.account === code), postings)
}
