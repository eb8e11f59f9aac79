import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { killAll, memoryOf, startNode, type Child } from './bench/children.js'
import { generateFixture, type Fixture } from './bench/fixture.js'
import { batchLoad, cannon, sequentialGets, type Latency, type Throughput } from './bench/load.js'
import { currentLoad, machine, type Machine } from './bench/machine.js'
import { PAYLOAD, PAYLOAD_JSON, batchJson } from './bench/payload.js'
import { fmt, infoRow, limitRow, ratioRow, table, type Row } from './bench/report.js'
import { postgresFixture } from './bench/postgres.js'
import { SERVER_NODE_ARGS, SERVER_SCRIPT } from './lib/server-command.js'
import { measureSqlite } from './bench/sqlite-ceiling.js'
import type { Ceilings, Checks, FixturePhase, Posting, Reads, Run, Verification } from './bench/types.js'
import { measureWebhooks } from './bench/webhooks.js'
import { measureRollup } from './bench/rollup.js'

/**
 * npm run bench [-- --entries 1000000 --seconds 10 --keep --postgres postgres://…]: measures Lumbung (the real server,
 * a child process on a fresh database) against this machine's own ceilings measured in the same run with the same
 * entry (a bare Fastify POST route; raw better-sqlite3 inserts with synchronous=FULL), prints a table with the targets
 * of issue 6 and writes bench-results.json. With --postgres the server runs on PostgreSQL instead: the fixture is
 * copied into a schema of its own in that database (dropped at the end) and the ceilings stay the same. Every phase is
 * bounded in time; every child process is killed at the end, on error or on a signal.
 */
const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
    postgres: { type: 'string' }
  }
})
const FIXTURE_ENTRIES = Number(values.entries)
const SECONDS = Number(values.seconds)
if (!Number.isSafeInteger(FIXTURE_ENTRIES) || FIXTURE_ENTRIES < 1 || !(SECONDS > 0)) {
  process.stderr.write('usage: npm run bench [-- --entries N --seconds S --keep --postgres postgres://…]\n')
  process.exit(2)
}

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const RESULTS = join(ROOT, values.postgres === undefined ? 'bench-results.json' : 'bench-results-postgres.json')
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef'
const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` }
const WARMUP_SECONDS = 2
const SQLITE_SECONDS = 4
const BATCH_SIZE = 1000
const BATCH_CLIENTS = 4
const READS = 50
const READ_WARMUP = 5
const AS_OF = '2025-12-31'
/** The whole run is stopped (children killed, exit 1) if it takes longer than this. */
const HARD_LIMIT_MS = 9 * 60_000
const ROLLUP_GROUPS = 1000
const ROLLUPS = 5
const SHARE = 0.5

const dir = mkdtempSync(join(tmpdir(), 'lumbung-bench-'))
/** Drops the PostgreSQL schema of the run, if there is one. */
let dropPostgres = async (): Promise<void> => {}
const cleanUp = (): void => {
  killAll()
  if (!values.keep) rmSync(dir, { recursive: true, force: true })
}
process.on('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { cleanUp(); process.exit(130) })
}
const watchdog = setTimeout(() => {
  process.stderr.write(`\nbench aborted: over ${HARD_LIMIT_MS / 60_000} minutes\n`)
  cleanUp()
  process.exit(1)
}, HARD_LIMIT_MS)
watchdog.unref()

const began = performance.now()
const say = (line: string): void => { process.stdout.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${line}\n`) }
const describe = (t: Throughput): string =>
  `${fmt(t.perSecond)} req/s, p50 ${t.latencyMs.p50} ms, p99 ${t.latencyMs.p99} ms (${t.ok} × 2xx, ${t.non2xx} other, ${t.errors} errors)`

async function api<T> (base: string, method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 30_000): Promise<{ status: number, body: T }> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { ...AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs)
  })
  return { status: r.status, body: await r.json() as T }
}

async function expect2xx<T> (base: string, method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs?: number): Promise<T> {
  const r = await api<T>(base, method, path, body, timeoutMs)
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`)
  return r.body
}

/** Refuses a figure built on refusals: a load run whose answers were not all 2xx measured something else. */
function allOk (what: string, t: Throughput): void {
  if (t.non2xx > 0 || t.errors > 0) throw new Error(`${what}: ${t.non2xx} answers other than 2xx and ${t.errors} errors: ${JSON.stringify(t.statuses)}`)
}


/** Writes the fixture before the server starts (a group with FIXTURE_ENTRIES entries over 2015–2025), copied to PostgreSQL with --postgres. */
async function prepareFixture (database: string): Promise<FixturePhase> {
  say(`fixture: ${fmt(FIXTURE_ENTRIES)} entries into ${database} …`)
  let lastReport = 0
  const fixture = await generateFixture(database, {
    entries: FIXTURE_ENTRIES,
    progress: n => { if (n - lastReport >= 250_000) { lastReport = n; say(`  ${fmt(n)} entries`) } }
  })
  say(`fixture: group ${fixture.groupId}, ${fmt(fixture.entries)} entries in ${(fixture.ms / 1000).toFixed(1)} s`)
  let serverDatabase = database
  if (values.postgres !== undefined) {
    say('fixture: copying it into PostgreSQL (migrate-to-postgres) …')
    const moved = await postgresFixture(values.postgres, database)
    dropPostgres = moved.drop
    serverDatabase = moved.url
    say(`fixture: on PostgreSQL in ${(moved.ms / 1000).toFixed(1)} s`)
  }
  return { fixture, serverDatabase }
}

/** Measures the ceilings with the same entry: a bare Fastify POST route, raw SQLite inserts, raw SQL through Lumbung's schema. */
async function measureCeilings (): Promise<Ceilings> {
  say(`ceiling: bare Fastify POST, 64 connections, ${SECONDS} s …`)
  const bare = await startNode({ cwd: ROOT, script: 'scripts/bench/bare-fastify.ts', env: {}, healthPath: '/health', startMs: 30_000 })
  let fastify: Throughput
  try {
    const url = `${bare.base}/v1/groups/grp_bench/journal-entries`
    await cannon(url, { connections: 64, seconds: WARMUP_SECONDS, body: PAYLOAD_JSON, headers: {} })
    fastify = await cannon(url, { connections: 64, seconds: SECONDS, body: PAYLOAD_JSON, headers: {} })
    allOk('bare Fastify', fastify)
  } finally {
    await bare.stop()
  }
  say(`ceiling: bare Fastify ${describe(fastify)}`)

  say(`ceiling: raw better-sqlite3 (WAL, synchronous=FULL), a commit per entry, ${SQLITE_SECONDS} s …`)
  const perEntry = measureSqlite(join(dir, 'raw-per-entry.sqlite'), 1, SQLITE_SECONDS)
  say(`ceiling: raw SQLite, a commit per entry: ${fmt(perEntry.perSecond)} entries/s`)
  const batched = measureSqlite(join(dir, 'raw-batched.sqlite'), BATCH_SIZE, SQLITE_SECONDS)
  say(`ceiling: raw SQLite, ${BATCH_SIZE} entries per commit: ${fmt(batched.perSecond)} entries/s`)
  const schemaOnly = await generateFixture(join(dir, 'schema-only.sqlite'), { entries: 50_000, perTransaction: BATCH_SIZE, durable: true })
  const schemaPerSecond = schemaOnly.entries / (schemaOnly.entriesMs / 1000)
  say(`for reference: two-line entries written by raw SQL through Lumbung's schema (triggers, indexes, daily totals, events, SHA-256 chain), ${BATCH_SIZE} per commit: ${fmt(schemaPerSecond)} entries/s`)
  return { fastify, perEntry, batched, schemaOnly, schemaPerSecond }
}

/** Starts Lumbung itself on the fixture's database and times its start until /health answers. */
async function startLumbung (serverDatabase: string): Promise<{ server: Child, startMs: number }> {
  say('Lumbung: starting node --import tsx src/server.ts …')
  const startedAt = performance.now()
  const server: Child = await startNode({
    cwd: ROOT,
    script: SERVER_SCRIPT,
    nodeArgs: SERVER_NODE_ARGS,
    // The full check of a million entries at start would be timed as start-up: the bench verifies it below instead.
    env: {
      DATABASE_URL: serverDatabase, HOST: '127.0.0.1', ADMIN_TOKEN, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', STARTUP_CHECK: 'tail', SIGNING_KEY_FILE: join(dir, 'signing.key'),
      WEBHOOK_ALLOW_PRIVATE: 'true'
    },
    healthPath: '/health',
    startMs: 120_000
  })
  return { server, startMs: performance.now() - startedAt }
}

/** The posting loads on a fresh group with a grant: single entries at 64 and 8 connections, then atomic batches. */
async function measurePosting (server: Child): Promise<Posting> {
  const base = server.base
  const group = await expect2xx<{ id: string }>(base, 'POST', '/v1/groups', { name: 'Bench: posting', kind: 'other', village: 'Abiansemal, Badung, Bali' })
  await expect2xx(base, 'POST', `/v1/groups/${group.id}/grants`, { date: '2025-01-01', amount: '100000000000000', source: 'Bench' })
  const peakAfter: Record<string, number> = { start: memoryOf(server.pid).peakMiB }
  let posted = 1
  let inFlight = 0
  const entriesUrl = `${base}/v1/groups/${group.id}/journal-entries`

  say(`Lumbung: single-entry POST, 64 connections, ${SECONDS} s …`)
  /** One autocannon run of single-entry POSTs: every answer 2xx, its entries counted as posted or in flight. */
  const load = async (connections: number, seconds: number, what: string): Promise<Throughput> => {
    const t = await cannon(entriesUrl, { connections, seconds, body: PAYLOAD_JSON, headers: AUTH })
    allOk(what, t)
    posted += t.ok
    inFlight += t.connections
    return t
  }
  await load(8, WARMUP_SECONDS, 'Lumbung warm-up')
  const single64 = await load(64, SECONDS, 'Lumbung, 64 connections')
  peakAfter.single64 = memoryOf(server.pid).peakMiB
  say(`Lumbung: 64 connections: ${describe(single64)}`)
  say(`Lumbung: single-entry POST, 8 connections, ${SECONDS} s …`)
  const single8 = await load(8, SECONDS, 'Lumbung, 8 connections')
  peakAfter.single8 = memoryOf(server.pid).peakMiB
  say(`Lumbung: 8 connections: ${describe(single8)}`)

  say(`Lumbung: atomic batches of ${BATCH_SIZE}, ${BATCH_CLIENTS} clients, ${SECONDS} s …`)
  const batchBody = batchJson(BATCH_SIZE)
  await expect2xx(base, 'POST', `/v1/groups/${group.id}/journal-entries/batch`, JSON.parse(batchBody), 60_000)
  posted += BATCH_SIZE
  const batch = await batchLoad(`${entriesUrl}/batch`, { clients: BATCH_CLIENTS, seconds: SECONDS, body: batchBody, batchSize: BATCH_SIZE, headers: AUTH })
  if (batch.failures > 0) throw new Error(`batch posting: ${batch.failures} refused batches, the first: ${batch.firstFailure ?? ''}`)
  posted += batch.entries
  peakAfter.batch = memoryOf(server.pid).peakMiB
  say(`Lumbung: batches: ${fmt(batch.entriesPerSecond)} entries/s (${batch.batches} batches, p50 ${fmt(batch.batchLatencyMs.p50)} ms per batch)`)
  return { groupId: group.id, single64, single8, batch, posted, inFlight, peakAfter }
}

/** The trial balance (which must balance) and the balance sheet on the fixture group, READS sequential requests each. */
async function measureReads (base: string, fixtureGroupId: string): Promise<Reads> {
  say(`Lumbung: trial balance and balance sheet on the ${fmt(FIXTURE_ENTRIES)}-entry group, ${READS} sequential requests each …`)
  const fx = `${base}/v1/groups/${fixtureGroupId}`
  const trial = await sequentialGets(`${fx}/trial-balance?asOf=${AS_OF}`, { n: READS, warmup: READ_WARMUP, headers: AUTH })
  const tb = trial.last as { totals?: { debit?: string, credit?: string } }
  if (tb.totals?.debit === undefined || tb.totals.debit !== tb.totals.credit) throw new Error(`the trial balance does not balance: ${JSON.stringify(tb.totals)}`)
  say(`Lumbung: trial balance median ${trial.medianMs.toFixed(1)} ms, p99 ${trial.p99Ms.toFixed(1)} ms (totals ${tb.totals.debit} = ${tb.totals.credit})`)
  const sheet = await sequentialGets(`${fx}/statements/balance-sheet?asOf=${AS_OF}`, { n: READS, warmup: READ_WARMUP, headers: AUTH })
  const bs = sheet.last as { ledgerHead?: { seq?: number } }
  say(`Lumbung: balance sheet median ${sheet.medianMs.toFixed(1)} ms, p99 ${sheet.p99Ms.toFixed(1)} ms (ledger head seq ${String(bs.ledgerHead?.seq)})`)
  return { trial, sheet }
}

/** Verifies the fixture group (whole) and the posting group (every acknowledged entry, none lost); adds to posting.peakAfter. */
async function verifyGroups (server: Child, fixtureGroupId: string, posting: Posting): Promise<Checks> {
  const { posted, inFlight, peakAfter } = posting
  const beforeVerify = memoryOf(server.pid)
  peakAfter.reads = beforeVerify.peakMiB
  say(`Lumbung: peak RSS so far ${beforeVerify.peakMiB.toFixed(0)} MiB; GET …/verify on the ${fmt(FIXTURE_ENTRIES)}-entry group …`)
  const verifyStarted = performance.now()
  const fixtureCheck = await expect2xx<Verification>(server.base, 'GET', `/v1/groups/${fixtureGroupId}/verify`, undefined, 300_000)
  const verifyMs = performance.now() - verifyStarted
  if (!fixtureCheck.valid || fixtureCheck.entries !== FIXTURE_ENTRIES) throw new Error(`the fixture group does not verify: ${JSON.stringify(fixtureCheck)}`)
  say(`Lumbung: verify valid, ${fmt(fixtureCheck.entries)} entries in ${(verifyMs / 1000).toFixed(1)} s`)
  const postingStarted = performance.now()
  const postingCheck = await expect2xx<Verification>(server.base, 'GET', `/v1/groups/${posting.groupId}/verify`, undefined, 300_000)
  const postingVerifyMs = performance.now() - postingStarted
  if (!postingCheck.valid || postingCheck.entries < posted || postingCheck.entries > posted + inFlight) {
    throw new Error(`the posting group does not verify or lost entries: ${posted} acknowledged (+ at most ${inFlight} unanswered), ${JSON.stringify(postingCheck)}`)
  }
  say(`Lumbung: the posting group verifies too: ${fmt(postingCheck.entries)} entries (${fmt(posted)} acknowledged + ${postingCheck.entries - posted} in flight when autocannon stopped) in ${(postingVerifyMs / 1000).toFixed(1)} s`)
  const end = memoryOf(server.pid)
  peakAfter.verify = end.peakMiB
  say(`Lumbung: peak RSS after each phase (MiB): ${Object.entries(peakAfter).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`)
  return { beforeVerify, end, verifyMs, fixtureCheck, postingVerifyMs, postingCheck }
}

/** The verdicts: each target against its ceiling or limit, with the figures given for information. */
function verdictRows (fixture: Fixture, { fastify, perEntry, batched, schemaPerSecond }: Ceilings, run: Run): Row[] {
  const { single64, single8, batch } = run.posting
  const { trial, sheet } = run.reads
  const { beforeVerify, end, verifyMs } = run.checks
  const MB = 1024 * 1024 / 1e6
  return [
    ratioRow('single-entry durable POST, 64 conn', 'req/s', single64.perSecond, 'bare Fastify', fastify.perSecond, SHARE),
    infoRow('  latency at 64 connections', `p50 ${single64.latencyMs.p50} ms, p99 ${single64.latencyMs.p99} ms`,
      `bare Fastify p50 ${fastify.latencyMs.p50} ms, p99 ${fastify.latencyMs.p99} ms`),
    infoRow('  vs one commit per entry', `${fmt(single64.perSecond)} entries/s`, `raw SQLite ${fmt(perEntry.perSecond)} entries/s`,
      `${(single64.perSecond / perEntry.perSecond * 100).toFixed(1)} %`),
    limitRow('p99 latency, 8 connections', single8.latencyMs.p99, 'ms', 25, `p50 ${single8.latencyMs.p50} ms, ${fmt(single8.perSecond)} req/s`),
    ratioRow('posting with 3 webhook subscriptions, 8 conn', 'req/s', run.webhooks.posting.perSecond, 'with none', single8.perSecond, 0.9),
    infoRow('  their deliveries', `${run.webhooks.drained ? 'all' : 'not all'} ${fmt(run.webhooks.events)} × 3 acknowledged`,
      `${run.webhooks.drainSeconds.toFixed(1)} s after the load ended`),
    ratioRow(`batch posting (${BATCH_CLIENTS} × atomic ${BATCH_SIZE})`, 'entries/s', batch.entriesPerSecond, `raw SQLite ×${BATCH_SIZE}/commit`, batched.perSecond, SHARE),
    infoRow('  raw SQL through Lumbung\'s schema', `${fmt(schemaPerSecond)} entries/s`, `raw SQLite ${fmt(batched.perSecond)} entries/s`,
      `${(schemaPerSecond / batched.perSecond * 100).toFixed(1)} %`),
    limitRow(`trial balance, ${fmt(FIXTURE_ENTRIES)} entries (p99)`, trial.p99Ms, 'ms', 50, `median ${trial.medianMs.toFixed(1)} ms`),
    limitRow(`balance sheet, ${fmt(FIXTURE_ENTRIES)} entries (p99)`, sheet.p99Ms, 'ms', 50, `median ${sheet.medianMs.toFixed(1)} ms`),
    limitRow('peak RSS of the server (VmHWM)', end.peakMiB * MB, 'MB', 300, `${fmt(beforeVerify.peakMiB * MB, 1)} MB before verify`),
    infoRow(`verify, ${fmt(FIXTURE_ENTRIES)} entries`, `${(verifyMs / 1000).toFixed(1)} s, valid`),
    infoRow(`roll-up of ${fmt(run.rollup.groups)} groups (GET /v1/rollup)`, `median ${fmt(run.rollup.latency.medianMs)} ms`, `max ${fmt(run.rollup.latency.maxMs)} ms of ${run.rollup.latency.requests}`),
    infoRow('server start (migrations + start-up check)', `${(run.startMs / 1000).toFixed(1)} s`),
    infoRow('fixture generation', `${(fixture.ms / 1000).toFixed(1)} s`)
  ]
}

/** Prints the machine, the table and the targets missed, if any. */
function printVerdicts (box: Machine, rows: Row[], elapsed: number): void {
  process.stdout.write(`\nLumbung bench on ${values.postgres === undefined ? 'SQLite' : 'PostgreSQL'} — ${box.cpu}, ${box.cores} cores, ${box.memoryGiB.toFixed(1)} GiB RAM, Node ${box.node}, ` +
    `CPU ${(box.busyBefore * 100).toFixed(0)} % busy before the start; ${elapsed.toFixed(0)} s\n\n${table(rows)}\n\n`)
  const misses = rows.filter(r => r.pass === false).map(r => r.what.trim())
  process.stdout.write(misses.length === 0 ? 'All targets met.\n' : `Targets missed: ${misses.join('; ')}.\n`)
}

/** Writes every figure of the run, the settings and the verdict rows to RESULTS. */
function writeResults (box: Machine, fixture: Fixture, ceilings: Ceilings, run: Run, rows: Row[], elapsed: number): void {
  const { schemaOnly, schemaPerSecond } = ceilings
  const { single64, single8, batch, posted, inFlight, peakAfter } = run.posting
  const { end, verifyMs, fixtureCheck, postingVerifyMs, postingCheck } = run.checks
  const results = {
    at: new Date().toISOString(),
    database: values.postgres === undefined ? 'sqlite' : 'postgres',
    seconds: elapsed,
    machine: box,
    settings: {
      seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, sqliteSeconds: SQLITE_SECONDS, batchSize: BATCH_SIZE, batchClients: BATCH_CLIENTS,
      reads: READS, readWarmup: READ_WARMUP, fixtureEntries: FIXTURE_ENTRIES, payload: PAYLOAD
    },
    ceilings: {
      bareFastify: ceilings.fastify, sqlitePerEntryCommit: ceilings.perEntry, sqliteBatched: ceilings.batched,
      lumbungSchemaRawSql: { entries: schemaOnly.entries, ms: schemaOnly.entriesMs, perSecond: schemaPerSecond, perTransaction: BATCH_SIZE }
    },
    lumbung: {
      startMs: run.startMs,
      single64,
      single8,
      withWebhooks: run.webhooks,
      rollup: run.rollup,
      batch,
      trialBalance: strip(run.reads.trial),
      balanceSheet: strip(run.reads.sheet),
      verify: { ms: verifyMs, ...fixtureCheck },
      postingGroupVerify: { ms: postingVerifyMs, acknowledged: posted, unansweredAtMost: inFlight, ...postingCheck },
      memory: { peakMiB: end.peakMiB, peakMiBAfter: peakAfter, rssMiBAtEnd: end.rssMiB },
      fixture: { groupId: fixture.groupId, entries: fixture.entries, ms: fixture.ms, head: fixture.head }
    },
    targets: rows.filter(r => r.pass !== null),
    info: rows.filter(r => r.pass === null)
  }
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(`Written ${RESULTS}\n`)
}

/** The bench, phase by phase: fixture, ceilings, Lumbung's loads, reads and verifies, then the table and the results file. */
async function main (): Promise<void> {
  const box = await machine()
  say(`${box.cpu}, ${box.cores} cores, ${box.memoryGiB.toFixed(1)} GiB, Node ${box.node}, Linux ${box.kernel}; ` +
    `CPU ${(box.busyBefore * 100).toFixed(0)} % busy before the start, load average ${box.loadAtStart.toFixed(2)}`)
  if (box.busyBefore > 0.2) say(`warning: other processes keep the CPU ${(box.busyBefore * 100).toFixed(0)} % busy: every figure below shares the ${box.cores} cores with them`)
  const { fixture, serverDatabase } = await prepareFixture(join(dir, 'lumbung.sqlite'))
  const ceilings = await measureCeilings()
  const { server, startMs } = await startLumbung(serverDatabase)
  try {
    say(`Lumbung: healthy after ${(startMs / 1000).toFixed(1)} s (pid ${server.pid}, start-up check on the ${fmt(FIXTURE_ENTRIES)}-entry group included)`)
    const posting = await measurePosting(server)
    say(`Lumbung: single-entry POST, 8 connections, ${SECONDS} s, with 3 webhook subscriptions delivering …`)
    const webhooks = await measureWebhooks(server.base, AUTH, PAYLOAD_JSON, { connections: 8, seconds: SECONDS, drainLimitS: 120 })
    allOk('Lumbung with webhooks', webhooks.posting)
    say(`Lumbung: with 3 subscriptions: ${describe(webhooks.posting)}; ${webhooks.drained ? 'every' : 'not every'} delivery in ${webhooks.drainSeconds.toFixed(1)} s after the load (${webhooks.delivered.join(', ')} of ${webhooks.events})`)
    const reads = await measureReads(server.base, fixture.groupId)
    const checks = await verifyGroups(server, fixture.groupId, posting)
    say(`Lumbung: ${fmt(ROLLUP_GROUPS)} small groups in one kecamatan, then ${ROLLUPS} roll-ups of it …`)
    const rollup = await measureRollup(server.base, AUTH, { groups: ROLLUP_GROUPS, n: ROLLUPS })
    say(`Lumbung: roll-up of ${fmt(rollup.groups)} groups: median ${fmt(rollup.latency.medianMs)} ms, max ${fmt(rollup.latency.maxMs)} ms (written in ${rollup.setupSeconds.toFixed(0)} s; savings total ${rollup.savingsTotal})`)
    await server.stop(10_000)
    box.loadAtEnd = currentLoad()

    const run: Run = { startMs, posting, reads, checks, webhooks, rollup }
    const rows = verdictRows(fixture, ceilings, run)
    const elapsed = (performance.now() - began) / 1000
    printVerdicts(box, rows, elapsed)
    writeResults(box, fixture, ceilings, run, rows, elapsed)
  } catch (err) {
    process.stderr.write(`\nlast server output:\n${server.output()}\n`)
    throw err
  } finally {
    await server.stop(2000)
  }
}

const strip = (l: Latency): Omit<Latency, 'last'> => ({ requests: l.requests, medianMs: l.medianMs, p99Ms: l.p99Ms, maxMs: l.maxMs })

try {
  await main()
  clearTimeout(watchdog)
  if (!values.keep) await dropPostgres()
  cleanUp()
  if (values.keep) process.stdout.write(`Databases kept in ${dir}\n`)
} catch (err) {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
  cleanUp()
  if (!values.keep) await dropPostgres().catch(() => {})
  process.exit(1)
}
