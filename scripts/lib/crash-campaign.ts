import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import { SERVER_NODE_ARGS, SERVER_SCRIPT } from './server-command.js'
import { killAll, reapAll, sleep, startNode, type Child, type Exit } from './children.js'

/*
 * The crash campaign: the real server as a child process, clients posting with Idempotency-Keys, SIGKILL at a random
 * moment, restart, every unacknowledged write retried with the same key and body. What a 2xx promised must survive
 * exactly once, and nothing else may have been written, half or whole.
 */

/** The repository root: the server starts from here so that `--import tsx` resolves. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const ADMIN_TOKEN = 'crash-campaign-admin-token-0123456789'
const GRANT = 1_000_000_000n
const GRANT_DATE = '2025-01-02'
/** How long a start may take before the campaign gives up (tsx compiles the server on first start). */
const HEALTH_WAIT_MS = 60_000
/** Attempts to get an unacknowledged write acknowledged after the restart. */
const RETRY_ATTEMPTS = 50
const REQUEST_TIMEOUT_MS = 30_000

export interface CampaignOptions {
  rounds: number
  /** Concurrent clients per round. */
  clients: number
  /** Seeds the kill moments, the amounts and the kinds of write; the same seed gives the same streams. */
  seed: number
  /** Bounds of the delay between the clients' start and the SIGKILL. */
  killAfterMs?: { min: number, max: number }
  /** Receives a line per round. */
  log?: (line: string) => void
  /** Keep the temporary directory with the database (its path is in the report). */
  keep?: boolean
}

export interface RoundReport {
  round: number
  killAfterMs: number
  /** Writes sent in this round before the kill. */
  sent: number
  /** Of them, answered 2xx before the kill. */
  acknowledged: number
  /** Sent again after the restart with the same key and body. */
  retried: number
  /** Of the retried, answered with Idempotent-Replayed: true (committed before the kill, answer lost). */
  replayed: number
  /** Milliseconds from the SIGKILL to a healthy server. */
  restartMs: number
}

export interface CampaignReport {
  seed: number
  rounds: RoundReport[]
  operations: number
  kills: number
  starts: number
  retries: number
  replays: number
  /** Journal entries at the end, set-up entries included. */
  entries: number
  /** Every check that failed, in words; empty when the campaign passed. */
  problems: string[]
  /** Every server process started; none may be alive once the campaign returns. */
  pids: number[]
  database: string
  ms: number
}

type Body = Record<string, unknown>

/** One write a client made: sent until acknowledged, always with the same key and body. */
interface Operation {
  key: string
  path: string
  body: Body
  kind: 'expense' | 'entry'
  description: string
  amount: bigint
  date: string
  round: number
  /** The entry id of the 2xx answer, once one arrived. */
  entryId: string | null
  /** A refusal (non-2xx answer): the campaign fails, and the write is not sent again. */
  refused: string | null
}

interface EntryJson {
  id: string
  seq: number
  description: string
  lines: Array<{ account: string, debit?: string, credit?: string }>
}

interface Reply {
  status: number
  replayed: boolean
  json: unknown
}

/** mulberry32: small, fast and good enough to pick moments and amounts; a seed replays the same choices. */
export function prng (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The server as a child process: `node --import tsx src/server.ts` on a fresh free port each start. */
class ServerProcess {
  readonly pids: number[] = []
  base = ''
  private child: Child | null = null

  constructor (private readonly database: string) {}

  /** Starts the server and waits until GET /health answers. */
  async start (): Promise<void> {
    this.child = await startNode({
      cwd: ROOT,
      script: SERVER_SCRIPT,
      nodeArgs: SERVER_NODE_ARGS,
      env: {
        ...(process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR }),
        DATABASE_URL: this.database,
        HOST: '127.0.0.1',
        ADMIN_TOKEN,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0'
      },
      healthPath: '/health',
      startMs: HEALTH_WAIT_MS
    })
    this.pids.push(this.child.pid)
    this.base = this.child.base
  }

  /** Whether the current child is still running: it must not die of its own accord. */
  running (): boolean {
    return this.child?.running() ?? false
  }

  /** Sends the signal and waits until the process is reaped. */
  async stop (signal: 'SIGKILL' | 'SIGTERM'): Promise<Exit> {
    if (this.child === null) throw new Error('no server to stop')
    const result = await this.child.kill(signal)
    this.child = null
    return result
  }

  killNow (): void {
    void this.child?.kill('SIGKILL')
  }

  lastOutput (): string {
    return this.child?.output() ?? ''
  }
}

async function call (base: string, method: 'GET' | 'POST', path: string, body?: Body, key?: string): Promise<Reply> {
  const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (key !== undefined) headers['idempotency-key'] = key
  const r = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  })
  const text = await r.text()
  return { status: r.status, replayed: r.headers.get('idempotent-replayed') === 'true', json: text === '' ? null : JSON.parse(text) as unknown }
}

/** A GET that must succeed: the answer's JSON, or an Error naming the status. */
async function read<T> (base: string, path: string): Promise<T> {
  const r = await call(base, 'GET', path)
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.json)}`)
  return r.json as T
}

/** Today in WITA, the server's default time zone, as YYYY-MM-DD. */
function today (): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

function addDays (iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The n-th write of a client in a round: an expense or a plain journal entry, Beban Rapat 5101 / Kas 1101. */
function operation (groupId: string, seed: number, round: number, client: number, n: number, random: () => number): Operation {
  const amount = BigInt(1000 + 500 * Math.floor(random() * 39))
  const date = addDays(GRANT_DATE, 1 + Math.floor(random() * 300))
  const description = `crash r${round} c${client} n${n}`
  const key = `crash-${seed}-${round}-${client}-${n}`
  const common = { key, description, amount, date, round, entryId: null, refused: null }
  if (random() < 0.5) {
    return { ...common, kind: 'expense', path: `/v1/groups/${groupId}/expenses`, body: { date, amount: amount.toString(), account: '5101', description } }
  }
  return {
    ...common,
    kind: 'entry',
    path: `/v1/groups/${groupId}/journal-entries`,
    body: { date, description, lines: [{ account: '5101', debit: amount.toString() }, { account: '1101', credit: amount.toString() }] }
  }
}

/**
 * Sends a write once. Returns whether it was acknowledged and replayed; a network failure (the server died) throws.
 * A non-2xx answer marks the operation refused.
 */
async function send (base: string, op: Operation): Promise<{ acknowledged: boolean, replayed: boolean }> {
  const r = await call(base, 'POST', op.path, op.body, op.key)
  if (r.status >= 200 && r.status < 300) {
    op.entryId = (r.json as { id: string }).id
    return { acknowledged: true, replayed: r.replayed }
  }
  op.refused = `${r.status} ${JSON.stringify(r.json)}`
  return { acknowledged: false, replayed: r.replayed }
}

/** Runs `work` over `items` with at most `width` at a time. */
async function pool<T> (items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]
      if (item !== undefined) await work(item)
    }
  }))
}

/** What every round works on: the server, the group, and the writes and problems of the whole campaign so far. */
interface Campaign {
  options: CampaignOptions
  server: ServerProcess
  groupId: string
  /** The ids of the entries the set-up wrote (the grant). */
  setupIds: Set<string>
  ops: Operation[]
  problems: string[]
}

/** Runs the whole campaign; throws only when the server cannot be started, and then leaves no process behind. */
export async function runCampaign (options: CampaignOptions): Promise<CampaignReport> {
  const started = Date.now()
  const log = options.log ?? (() => {})
  const kill = options.killAfterMs ?? { min: 50, max: 600 }
  const random = prng(options.seed)
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-crash-'))
  const database = join(dir, 'ledger.sqlite')
  const server = new ServerProcess(database)
  const problems: string[] = []
  const ops: Operation[] = []
  const rounds: RoundReport[] = []
  const onExit = (): void => { killAll() }
  process.on('exit', onExit)
  let entries = 0
  try {
    await server.start()
    const { groupId, setupIds } = await setUp(server.base)
    const campaign: Campaign = { options, server, groupId, setupIds, ops, problems }
    for (let round = 1; round <= options.rounds; round++) {
      const killAfterMs = Math.round(kill.min + random() * (kill.max - kill.min))
      const report = await runRound(campaign, round, killAfterMs)
      rounds.push(report)
      log(roundLine(report, options.rounds))
    }

    entries = await checkLedger(server.base, groupId, setupIds, ops, problems)
    const stopped = await server.stop('SIGTERM')
    if (stopped.code !== 0) problems.push(`the final SIGTERM stop exited with ${String(stopped.code ?? stopped.signal)}:\n${server.lastOutput()}`)
    checkFile(database, groupId, ops, entries, problems)
  } finally {
    server.killNow()
    killAll()
    await reapAll()
    process.off('exit', onExit)
    if (options.keep !== true) rmSync(dir, { recursive: true, force: true })
  }
  const retries = rounds.reduce((s, r) => s + r.retried, 0)
  const replays = rounds.reduce((s, r) => s + r.replayed, 0)
  return {
    seed: options.seed,
    rounds,
    operations: ops.length,
    kills: rounds.length,
    starts: server.pids.length,
    retries,
    replays,
    entries,
    problems,
    pids: server.pids,
    database,
    ms: Date.now() - started
  }
}

/** The set-up before the first round: a group and its grant; returns the group and the grant's entry id. */
async function setUp (base: string): Promise<{ groupId: string, setupIds: Set<string> }> {
  const group = await call(base, 'POST', '/v1/groups', { name: 'Kelompok Uji Crash', kind: 'other', village: 'Abiansemal' })
  if (group.status !== 201) throw new Error(`set-up: POST /v1/groups ${group.status} ${JSON.stringify(group.json)}`)
  const groupId = (group.json as { id: string }).id
  const grant = await call(base, 'POST', `/v1/groups/${groupId}/grants`,
    { date: GRANT_DATE, amount: GRANT.toString(), source: 'Dana stimulan (crash campaign)' }, 'crash-setup-grant')
  if (grant.status !== 201) throw new Error(`set-up: POST grants ${grant.status} ${JSON.stringify(grant.json)}`)
  return { groupId, setupIds: new Set([(grant.json as { id: string }).id]) }
}

/** One round: clients post until the SIGKILL, the server starts again, the unacknowledged writes are retried, verify checked. */
async function runRound (c: Campaign, round: number, killAfterMs: number): Promise<RoundReport> {
  const mine: Operation[] = []
  const { acknowledged, restartMs } = await postUntilKilled(c, round, killAfterMs, mine)
  const unacknowledged = mine.filter(op => op.entryId === null && op.refused === null)
  const replayed = await retry(c, round, unacknowledged)
  await checkRecovery(c, round)
  return { round, killAfterMs, sent: mine.length, acknowledged, retried: unacknowledged.length, replayed, restartMs }
}

/** The round's clients post (into `mine`) until the SIGKILL after `killAfterMs`; then the server is started again. */
async function postUntilKilled (c: Campaign, round: number, killAfterMs: number, mine: Operation[]): Promise<{ acknowledged: number, restartMs: number }> {
  const { options, server, groupId, ops, problems } = c
  let killed = false
  let acknowledged = 0
  const clients = Array.from({ length: options.clients }, async (_, client) => {
    const stream = prng((options.seed ^ Math.imul(round, 0x9e3779b1) ^ Math.imul(client + 1, 0x85ebca6b)) >>> 0)
    for (let n = 1; !killed; n++) {
      const op = operation(groupId, options.seed, round, client, n, stream)
      mine.push(op)
      ops.push(op)
      try {
        const r = await send(server.base, op)
        if (r.acknowledged) acknowledged++
        else problems.push(`round ${round}: ${op.key} refused before the kill: ${op.refused ?? ''}`)
        if (r.replayed) problems.push(`round ${round}: ${op.key} was answered as a replay the first time it was sent`)
      } catch {
        return // the server is gone: this write is unacknowledged and will be retried
      }
    }
  })
  await sleep(killAfterMs)
  killed = true
  if (!server.running()) problems.push(`round ${round}: the server died before the kill:\n${server.lastOutput()}`)
  const killedAt = Date.now()
  await server.stop('SIGKILL')
  await Promise.all(clients)
  await server.start()
  return { acknowledged, restartMs: Date.now() - killedAt }
}

/** Sends each unacknowledged write again with its key and body until answered; returns how many were answered as replays. */
async function retry (c: Campaign, round: number, unacknowledged: Operation[]): Promise<number> {
  let replayed = 0
  await pool(unacknowledged, c.options.clients, async op => {
    for (let attempt = 1; attempt <= RETRY_ATTEMPTS; attempt++) {
      try {
        const r = await send(c.server.base, op)
        if (r.replayed && r.acknowledged) replayed++
        if (op.refused !== null) c.problems.push(`round ${round}: retry of ${op.key} refused: ${op.refused}`)
        return
      } catch (err) {
        if (attempt === RETRY_ATTEMPTS) c.problems.push(`round ${round}: retry of ${op.key} never answered: ${String(err)}`)
        await sleep(100)
      }
    }
  })
  return replayed
}

/** After each recovery the chain is whole and holds exactly the set-up plus every write acknowledged so far. */
async function checkRecovery ({ server, groupId, setupIds, ops, problems }: Campaign, round: number): Promise<void> {
  const v = await read<{ valid: boolean, entries: number, problem: string | null }>(server.base, `/v1/groups/${groupId}/verify`)
  const expected = setupIds.size + ops.filter(op => op.entryId !== null).length
  if (!v.valid) problems.push(`round ${round}: verify after the restart is not valid: ${v.problem ?? ''}`)
  if (v.entries !== expected) problems.push(`round ${round}: ${v.entries} entries after the retries, expected ${expected}`)
}

/** The log line of a round. */
function roundLine (r: RoundReport, rounds: number): string {
  return `round ${String(r.round).padStart(2)}/${rounds}: kill after ${String(r.killAfterMs).padStart(3)} ms; ` +
    `${String(r.sent).padStart(4)} sent, ${String(r.acknowledged).padStart(4)} acknowledged before the kill, ` +
    `${String(r.retried).padStart(2)} retried, ${String(r.replayed).padStart(2)} replayed; healthy again after ${r.restartMs} ms`
}

/** The end checks over HTTP: each acknowledged write once and as sent, nothing else, verify, trial balance, Kas. */
async function checkLedger (base: string, groupId: string, setupIds: Set<string>, ops: Operation[], problems: string[]): Promise<number> {
  const journal: EntryJson[] = []
  let cursor: string | null = null
  do {
    const page: { items: EntryJson[], nextCursor: string | null } =
      await read(base, `/v1/groups/${groupId}/journal-entries?limit=500${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`)
    journal.push(...page.items)
    cursor = page.nextCursor
  } while (cursor !== null)

  const byDescription = new Map<string, EntryJson[]>()
  for (const e of journal) byDescription.set(e.description, [...(byDescription.get(e.description) ?? []), e])
  const expected = new Set<string>()
  let spent = 0n
  for (const op of ops) {
    expected.add(op.description)
    if (op.entryId === null) {
      problems.push(`${op.key} was never acknowledged${op.refused === null ? '' : `: ${op.refused}`}`)
      continue
    }
    spent += op.amount
    const found = byDescription.get(op.description) ?? []
    if (found.length !== 1) {
      problems.push(`${op.key} ("${op.description}") is in the journal ${found.length} times (seq ${found.map(e => e.seq).join(', ')})`)
      continue
    }
    const e = found[0]
    if (e === undefined) continue
    if (e.id !== op.entryId) problems.push(`${op.key}: acknowledged as ${op.entryId} but the journal holds ${e.id}`)
    const lines = e.lines.map(l => `${l.account}:${l.debit ?? '0'}:${l.credit ?? '0'}`).join(' ')
    const want = `5101:${op.amount}:0 1101:0:${op.amount}`
    if (lines !== want) problems.push(`${op.key}: lines ${lines}, expected ${want}`)
  }
  const strangers = journal.filter(e => !setupIds.has(e.id) && !expected.has(e.description))
  for (const e of strangers) problems.push(`an entry nobody acknowledged: seq ${e.seq} "${e.description}"`)
  for (const id of setupIds) if (!journal.some(e => e.id === id)) problems.push(`the set-up entry ${id} is missing`)

  const v = await read<{ valid: boolean, entries: number, problem: string | null }>(base, `/v1/groups/${groupId}/verify`)
  if (!v.valid) problems.push(`verify is not valid: ${v.problem ?? ''}`)
  if (v.entries !== journal.length) problems.push(`verify checked ${v.entries} entries, the journal lists ${journal.length}`)
  const tb = await read<{ totals: { debit: string, credit: string } }>(base, `/v1/groups/${groupId}/trial-balance?asOf=${today()}`)
  if (tb.totals.debit !== tb.totals.credit) problems.push(`the trial balance does not balance: debit ${tb.totals.debit}, credit ${tb.totals.credit}`)
  const accounts = await read<{ items: Array<{ code: string, balance: string }> }>(base, `/v1/groups/${groupId}/accounts?asOf=${today()}`)
  const kas = accounts.items.find(a => a.code === '1101')?.balance
  if (kas !== (GRANT - spent).toString()) problems.push(`Kas is ${kas ?? 'missing'}, expected grant − expenses = ${GRANT - spent}`)
  return journal.length
}

/**
 * The end checks on the file itself, opened read-only after the server stopped: SQLite's own integrity check and
 * foreign keys, and every table a write touches agreeing with the journal (a key, an event, an audit line per write).
 */
function checkFile (database: string, groupId: string, ops: Operation[], entries: number, problems: string[]): void {
  const db = new SQLite(database, { readonly: true, fileMustExist: true })
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`PRAGMA integrity_check: ${String(integrity)}`)
    const orphans = db.pragma('foreign_key_check') as unknown[]
    if (orphans.length > 0) problems.push(`PRAGMA foreign_key_check: ${JSON.stringify(orphans.slice(0, 5))}`)
    const count = (sql: string, ...params: unknown[]): number => Number((db.prepare(sql).pluck().get(...params) as number | bigint | undefined) ?? -1)
    const rows = count('SELECT count(*) FROM journal_entries WHERE group_id = ?', groupId)
    if (rows !== entries) problems.push(`journal_entries holds ${rows} rows, the API listed ${entries}`)
    const keys = count("SELECT count(*) FROM idempotency_keys WHERE key LIKE 'crash-%' AND key <> 'crash-setup-grant' AND status BETWEEN 200 AND 299")
    if (keys !== ops.length) problems.push(`${keys} acknowledged idempotency keys stored, ${ops.length} writes made`)
    const posted = count("SELECT count(*) FROM events WHERE group_id = ? AND type = 'entry.posted'", groupId)
    if (posted !== entries) problems.push(`${posted} entry.posted events for ${entries} entries`)
    const expenses = ops.filter(op => op.kind === 'expense').length
    const recorded = count("SELECT count(*) FROM events WHERE group_id = ? AND type = 'expense.recorded'", groupId)
    if (recorded !== expenses) problems.push(`${recorded} expense.recorded events for ${expenses} expenses`)
    const audited = count("SELECT count(*) FROM audit_log WHERE group_id = ? AND outcome = 'ok' AND (action LIKE '%/expenses' OR action LIKE '%/journal-entries')", groupId)
    if (audited !== ops.length) problems.push(`${audited} audit lines for ${ops.length} writes`)
  } finally {
    db.close()
  }
}
