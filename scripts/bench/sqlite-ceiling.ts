import { createHash } from 'node:crypto'
import SQLite from 'better-sqlite3'
import { uuidv7 } from '../../src/services/context.js'
import { PAYLOAD } from './payload.js'

/*
 * The storage ceiling: what better-sqlite3 itself manages on this machine when it stores the rows of the bench's
 * entry (an entry row and its two line rows, the same columns as Lumbung's tables, primary keys only: no trigger,
 * no secondary index, no daily totals, no event) in a fresh file with journal_mode=WAL and synchronous=FULL.
 */

export interface Ceiling {
  entries: number
  ms: number
  perSecond: number
  /** Entries per committed transaction. */
  perTransaction: number
}

const SCHEMA = `
  create table journal_entries (id text primary key, group_id text not null, seq integer not null, date text not null,
    description text not null, reference text, reverses_id text, total integer not null, line_count integer not null,
    actor_id text not null, actor_name text not null, created_at text not null, prev_hash text not null, hash text not null);
  create table journal_lines (entry_id text not null, line_no integer not null, group_id text not null, seq integer not null,
    date text not null, account_code text not null, debit integer not null, credit integer not null, fund_id text, member_id text,
    primary key (entry_id, line_no));`

/**
 * Inserts the payload's rows for about `seconds`, `perTransaction` entries per transaction (1: a commit, and so an
 * fsync of the WAL, per entry), and counts the entries committed.
 */
export function measureSqlite (path: string, perTransaction: number, seconds: number): Ceiling {
  const db = new SQLite(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec(SCHEMA)
    const insertLine = db.prepare('insert into journal_lines values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const insertEntry = db.prepare('insert into journal_entries values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const groupId = `grp_${uuidv7()}`
    let seq = 0
    let prevHash = '0'.repeat(64)
    const entry = (): void => {
      seq++
      const id = `ent_${uuidv7()}`
      const hash = createHash('sha256').update(prevHash).update(id).digest('hex')
      let total = 0
      for (const [i, l] of PAYLOAD.lines.entries()) {
        const debit = Number(l.debit ?? 0)
        total += debit
        insertLine.run(id, i + 1, groupId, seq, PAYLOAD.date, l.account, debit, Number(l.credit ?? 0), null, null)
      }
      insertEntry.run(id, groupId, seq, PAYLOAD.date, PAYLOAD.description, null, null, total, PAYLOAD.lines.length,
        'key_admin', 'admin', new Date().toISOString(), prevHash, hash)
      prevHash = hash
    }
    const batch = db.transaction((n: number) => { for (let i = 0; i < n; i++) entry() })
    const started = performance.now()
    const until = started + seconds * 1000
    let entries = 0
    while (performance.now() < until) {
      batch(perTransaction)
      entries += perTransaction
    }
    const ms = performance.now() - started
    return { entries, ms, perSecond: entries / (ms / 1000), perTransaction }
  } finally {
    db.close()
  }
}
