import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import { connect } from '../../src/data/connect.js'
import { migrate } from '../../src/data/migrate.js'
import { insertFund } from '../../src/data/group-repository.js'
import { ACCOUNT } from '../../src/domain/ledger/accounts.js'
import type { EntryKind } from '../../src/domain/ledger/entry-kind.js'
import { entryHash, GENESIS_HASH, HASH_VERSION, type ChainedEntry } from '../../src/domain/ledger/hash-chain.js'
import { creditLine, debitLine, type Line } from '../../src/domain/ledger/journal-entry.js'
import { ADMIN_ACTOR } from '../../src/services/auth-service.js'
import { uuidv7, type Env } from '../../src/services/context.js'
import { createGroup, createMember } from '../../src/services/group-service.js'
import { signerFromSeed } from '../../src/services/signing-key.js'
import { Writer } from '../../src/services/writer.js'

/*
 * A group with a long history, written straight into the SQLite file before the server starts: posting a million
 * entries through the API would take the whole bench run. The rows are the ones the service writes for an entry
 * (src/services/ledger-service.ts post → src/data/journal-repository.ts insertEntry → src/services/events.ts emit):
 * the lines first, then the entry row (its insert trigger checks balance, seq and prev_hash), the per-day totals
 * upserted, and an `entry.posted` event with the group's next event seq. Hashes are the real SHA-256 chain of
 * src/domain/ledger/hash-chain.ts, so GET …/verify must find the group valid. The group, its member and the grant's
 * fund go in through the services, so that their rows are in the group's record chain as the service writes them.
 */

export interface FixtureOptions {
  /** Journal entries to write, the opening grant included. */
  entries: number
  /** Entries per transaction. */
  perTransaction?: number
  /**
   * Write as the server does (WAL, synchronous=FULL: an fsync per commit), to time Lumbung's schema on its own. By
   * default the entries go in with the journal in memory and no fsync, then the file is switched to WAL: the rows are
   * the same, only sooner there.
   */
  durable?: boolean
  /** Called after each transaction with the entries written so far. */
  progress?: (written: number) => void
}

export interface Fixture {
  groupId: string
  entries: number
  head: { seq: number, hash: string }
  /** Milliseconds for migrations, the group and the entries. */
  ms: number
  /** Of them, milliseconds for the entries alone. */
  entriesMs: number
}

const FIRST_DAY = Date.UTC(2015, 0, 1)
const LAST_DAY = Date.UTC(2025, 11, 31)
const DAY_MS = 86_400_000
/** Days from FIRST_DAY to LAST_DAY, both included. */
const DAYS = Math.round((LAST_DAY - FIRST_DAY) / DAY_MS) + 1
const GRANT = 50_000_000n

/**
 * What the group records, in turn: cash in (savings, interest), cash out (refreshments, stationery) and cash moved
 * to the bank. Only the inflows vary, so Kas rises by at least Rp 5.000 every five entries and never goes below zero,
 * as the service's INSUFFICIENT_FUNDS rule requires.
 */
const KINDS: ReadonlyArray<(n: number, member: string) => { description: string, lines: Line[] }> = [
  (n, member) => ({ description: 'Simpanan wajib anggota', lines: [debitLine(ACCOUNT.kas, 25_000n + BigInt(n % 10) * 500n, { member }), creditLine(ACCOUNT.simpananWajib, 25_000n + BigInt(n % 10) * 500n, { member })] }),
  n => ({ description: 'Jasa pinjaman anggota', lines: [debitLine(ACCOUNT.kas, 15_000n + BigInt(n % 7) * 250n), creditLine(ACCOUNT.pendapatanJasa, 15_000n + BigInt(n % 7) * 250n)] }),
  () => ({ description: 'Konsumsi rapat', lines: [debitLine(ACCOUNT.bebanKonsumsi, 12_000n), creditLine(ACCOUNT.kas, 12_000n)] }),
  () => ({ description: 'ATK dan fotokopi', lines: [debitLine(ACCOUNT.bebanAdministrasi, 3_000n), creditLine(ACCOUNT.kas, 3_000n)] }),
  () => ({ description: 'Setor kas ke bank', lines: [debitLine(ACCOUNT.bank, 20_000n), creditLine(ACCOUNT.kas, 20_000n)] })
]

/**
 * Creates the schema (the migrations), a group with the default chart (createGroup through the Writer, as POST
 * /v1/groups does), then `entries` entries dated from 2015-01-01 to 2025-12-31 in seq order: the first is the grant
 * that opens Kas, tagged with its fund.
 */
export async function generateFixture (path: string, options: FixtureOptions): Promise<Fixture> {
  const started = performance.now()
  if (options.entries < 1) throw new Error('a fixture needs at least one entry (the grant)')
  const store = connect(path)
  let group: FixtureGroup
  try {
    await migrate(store.db)
    const env: Env = { now: () => new Date(FIRST_DAY), newId: prefix => `${prefix}_${uuidv7(FIRST_DAY)}`, timeZone: 'Asia/Makassar', signer: signerFromSeed(new Uint8Array(32)) }
    const writer = new Writer(store.db)
    group = await writer.run({ groupId: null, work: async tx => {
      const g = await createGroup(tx, env, ADMIN_ACTOR, { name: 'Bench: BUMDes dengan 1.000.000 entri', kind: 'bumdes', village: 'Abiansemal, Badung, Bali' })
      const member = await createMember(tx, env, ADMIN_ACTOR, g.id, { name: 'Ni Made Sari', householdNo: 'KK-001', joinedOn: null })
      const fund = { id: env.newId('fnd'), groupId: g.id, kind: 'grant' as const, name: `Dana hibah dari ${GRANT_SOURCE}`, source: GRANT_SOURCE, createdAt: env.now().toISOString(), actor: ADMIN_ACTOR }
      await insertFund(tx, fund)
      return { groupId: g.id, memberId: member.id, fundId: fund.id }
    } })
  } finally {
    await store.close()
  }
  const groupId = group.groupId

  const db = new SQLite(path)
  try {
    const durable = options.durable ?? false
    db.pragma(durable ? 'journal_mode = WAL' : 'journal_mode = MEMORY')
    db.pragma(durable ? 'synchronous = FULL' : 'synchronous = OFF')
    db.pragma('foreign_keys = ON')
    const entriesStarted = performance.now()
    const head = await writeEntries(db, group, options)
    const entriesMs = performance.now() - entriesStarted
    db.pragma('journal_mode = WAL')
    return { groupId, entries: options.entries, head, ms: performance.now() - started, entriesMs }
  } finally {
    db.close()
  }
}

interface FixtureGroup { groupId: string, memberId: string, fundId: string }
const GRANT_SOURCE = 'Program BUMDes Kabupaten Badung'

/** Writes an entry and its rows, or an event, as the service does; carries the hash chain, turnover and event seq along. */
interface Poster {
  /** One entry as post() writes it: lines, entry (checked by its trigger), daily totals, the entry.posted event. Returns its id. */
  post: (description: string, lines: Line[], at: number, kind?: EntryKind, source?: string | null) => string
  event: (type: string, entityId: string, data: unknown, at: number, createdAt: string) => void
  /** The last entry written: seq and hash. */
  head: () => { seq: number, hash: string }
}

/** Prepares the inserts and picks up the chain where the group's set-up left it (no entry yet, the events it emitted). */
function poster (db: SQLite.Database, groupId: string): Poster {
  const insertLine = db.prepare(`insert into journal_lines (entry_id, line_no, group_id, seq, date, account_code, debit, credit, fund_id, member_id)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertEntry = db.prepare(`insert into journal_entries (id, group_id, seq, date, description, reference, reverses_id, total, line_count,
    actor_id, actor_name, created_at, prev_hash, hash, turnover, kind, source_id, hash_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const upsertTotal = db.prepare(`insert into account_daily_totals (group_id, account_code, date, debit, credit) values (?, ?, ?, ?, ?)
    on conflict (group_id, account_code, date) do update set debit = account_daily_totals.debit + excluded.debit,
    credit = account_daily_totals.credit + excluded.credit`)
  const insertEvent = db.prepare(`insert into events (id, group_id, seq, type, entity_id, data, created_at, actor_id, actor_name)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const lastEvent = db.prepare('select max(seq) as seq from events where group_id = ?').get(groupId) as { seq: number | null }

  const actor = ADMIN_ACTOR
  let eventSeq = lastEvent.seq ?? 0
  let prev = { seq: 0, hash: GENESIS_HASH }
  /** The running total of entry totals that each entry carries (migration 0008). */
  let turnover = 0n
  const event = (type: string, entityId: string, data: unknown, at: number, createdAt: string): void => {
    insertEvent.run(`evt_${uuidv7(at)}`, groupId, ++eventSeq, type, entityId, JSON.stringify(data), createdAt, actor.id, actor.name)
  }

  const post = (description: string, lines: Line[], at: number, kind: EntryKind = 'manual', source: string | null = null): string => {
    const createdAt = new Date(at).toISOString()
    const chained: ChainedEntry = {
      id: `ent_${uuidv7(at)}`,
      groupId,
      seq: prev.seq + 1,
      date: createdAt.slice(0, 10),
      description,
      reference: null,
      reverses: null,
      actor: { id: actor.id, name: actor.name },
      createdAt,
      lines,
      prevHash: prev.hash,
      kind,
      source,
      hashVersion: HASH_VERSION
    }
    const hash = entryHash(chained)
    let total = 0n
    const byAccount = new Map<string, { debit: bigint, credit: bigint }>()
    for (const [i, l] of lines.entries()) {
      insertLine.run(chained.id, i + 1, groupId, chained.seq, chained.date, l.account, l.debit, l.credit, l.fund, l.member)
      total += l.debit
      const t = byAccount.get(l.account) ?? { debit: 0n, credit: 0n }
      byAccount.set(l.account, { debit: t.debit + l.debit, credit: t.credit + l.credit })
    }
    turnover += total
    insertEntry.run(chained.id, groupId, chained.seq, chained.date, description, null, null, total, lines.length, actor.id, actor.name,
      createdAt, chained.prevHash, hash, turnover, kind, source, HASH_VERSION)
    for (const [account, t] of byAccount) upsertTotal.run(groupId, account, chained.date, t.debit, t.credit)
    event('entry.posted', chained.id, { seq: chained.seq, date: chained.date, description, reference: null, kind, source, total: total.toString(), hash }, at, createdAt)
    prev = { seq: chained.seq, hash }
    return chained.id
  }
  return { post, event, head: () => prev }
}

/** Entry n (1-based) of `entries` falls on day ⌊(n − 1)·DAYS / entries⌋, one second after the one before it on that day. */
function timeOf (n: number, entries: number): number {
  const day = Math.floor((n - 1) * DAYS / entries)
  const firstOfDay = Math.ceil(day * entries / DAYS) + 1
  return FIRST_DAY + day * DAY_MS + 3_600_000 + (n - firstOfDay) * 1000
}

/** Writes the entries in transactions of `perTransaction`, the grant first, then KINDS in turn; returns the chain's head. */
async function writeEntries (db: SQLite.Database, { groupId, memberId, fundId }: FixtureGroup, options: FixtureOptions): Promise<{ seq: number, hash: string }> {
  const { post, event, head } = poster(db, groupId)
  const perTransaction = options.perTransaction ?? 10_000
  const chunk = db.transaction((from: number, to: number) => {
    for (let n = from; n <= to; n++) {
      const at = timeOf(n, options.entries)
      if (n === 1) {
        const createdAt = new Date(at).toISOString()
        const entryId = post(`Dana hibah dari ${GRANT_SOURCE}`,
          [debitLine(ACCOUNT.kas, GRANT, { fund: fundId }), creditLine(ACCOUNT.danaHibah, GRANT, { fund: fundId })], at, 'funding', fundId)
        event('grant.received', fundId, { entryId, amount: GRANT.toString(), source: GRANT_SOURCE }, at, createdAt)
        continue
      }
      const kind = KINDS[(n - 2) % KINDS.length]
      if (kind === undefined) throw new Error('unreachable: no entry kind')
      const { description, lines } = kind(n, memberId)
      post(description, lines, at)
    }
  })
  for (let from = 1; from <= options.entries; from += perTransaction) {
    const to = Math.min(options.entries, from + perTransaction - 1)
    chunk(from, to)
    options.progress?.(to)
    // A turn of the event loop between transactions, so that a signal or a time limit is heard within one of them.
    await new Promise(resolve => { setImmediate(resolve) })
  }
  return head()
}

// `tsx scripts/bench/fixture.ts <file.sqlite> [entries]`: the fixture alone, e.g. to explore its query plans.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, count] = process.argv.slice(2)
  if (path === undefined) {
    process.stderr.write('usage: tsx scripts/bench/fixture.ts <new-file.sqlite> [entries, default 1000000]\n')
    process.exit(2)
  }
  const f = await generateFixture(path, { entries: Number(count ?? 1_000_000) })
  process.stdout.write(`${path}: group ${f.groupId}, ${f.entries} entries, head ${f.head.seq} ${f.head.hash}, ${(f.ms / 1000).toFixed(1)} s\n`)
}
