import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLumbungClient, idempotencyKey, type LumbungClient, type LumbungEvent, type Problem } from '../../src/client/index.js'
import { freePort } from '../../scripts/lib/ports.js'
import { sqliteOnly } from '../postgres.js'

/** Whether two types are the same (not merely assignable). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false

/*
 * The typed client and the example integration against the real server: `node --import tsx src/server.ts` as a child
 * process on a fresh SQLite file, as an NGO dashboard would meet it.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const ADMIN_TOKEN = 'client-integration-admin-token-0123456789'
/** Attempts of GET /health, 100 ms apart, before the start counts as failed. */
const HEALTH_ATTEMPTS = 300
/** A child that hangs is killed after this long: a bound on a failure, not a timing assertion. */
const CHILD_LIMIT_MS = 120_000

/** A minimal environment: the test runner's NODE_OPTIONS (its loader and coverage hooks) must not follow a child. */
const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  ...(process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR }),
  ...extra
})


const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => { setTimeout(resolve, ms) }) }

const running = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null

/** Every child not yet reaped: SIGKILLed if the test process exits before its teardown ran. */
const children = new Set<ChildProcess>()
process.once('exit', () => { for (const child of children) if (running(child)) child.kill('SIGKILL') })

function track (child: ChildProcess): Promise<unknown> {
  children.add(child)
  if (child.pid !== undefined) pids.push(child.pid)
  const exited = running(child) ? once(child, 'exit') : Promise.resolve()
  return exited.finally(() => { children.delete(child) })
}

/** Asks the child to stop (SIGTERM, the server closes cleanly), then SIGKILLs it if it has not after a while. */
async function stop (child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (!running(child)) return
  child.kill('SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const gone = await Promise.race([exited.then(() => true), new Promise<false>(resolve => { timer = setTimeout(() => { resolve(false) }, 10_000) })])
  clearTimeout(timer)
  if (!gone) {
    child.kill('SIGKILL')
    await exited
  }
}

/** Whether a process id still runs (a zombie counts: not yet reaped). */
function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Every child started, to check at the end that none outlived the test. */
const pids: number[] = []

interface Run { status: number | null, stdout: string, stderr: string }

/** Runs scripts/integration-example.ts as a cron job would: its own process, plain node with tsx. */
async function example (args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/integration-example.ts', ...args], {
    cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: CHILD_LIMIT_MS
  })
  const exited = track(child)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  await exited
  return { status: child.exitCode, stdout, stderr }
}

/** The `seq type entityId` lines of a run, parsed. */
function eventLines (stdout: string): Array<{ seq: number, type: string, entityId: string }> {
  return stdout.split('\n').flatMap(line => {
    const m = /^(\d+) (\S+) (\S+)$/.exec(line)
    return m === null ? [] : [{ seq: Number(m[1]), type: m[2] ?? '', entityId: m[3] ?? '' }]
  })
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/** Fails with the problem document when a call was refused, so that a broken set-up says why. */
function ok<T> (answer: { data?: T, error?: unknown, response: Response }, what: string): T {
  if (answer.data === undefined) throw new Error(`${what}: ${answer.response.status} ${JSON.stringify(answer.error)}`)
  return answer.data
}

async function allEvents (client: LumbungClient, groupId: string, after = '0'): Promise<LumbungEvent[]> {
  return ok(await client.GET('/v1/groups/{groupId}/events', { params: { path: { groupId }, query: { after, limit: 1000 } } }), 'events').items
}

t.test('an integrator syncs the event feed from a cursor file and retries a repayment without paying twice', { skip: sqliteOnly }, async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-client-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: childEnv({
      DATABASE_URL: join(dir, 'lumbung.sqlite'),
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_TOKEN,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0'
    }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const serverExited = track(server)
  let serverOutput = ''
  server.stdout.setEncoding('utf8').on('data', (chunk: string) => { serverOutput += chunk })
  server.stderr.setEncoding('utf8').on('data', (chunk: string) => { serverOutput += chunk })
  t.teardown(async () => {
    await stop(server, serverExited)
    rmSync(dir, { recursive: true, force: true })
  })

  let healthy = false
  for (let attempt = 0; attempt < HEALTH_ATTEMPTS && !healthy && running(server); attempt++) {
    healthy = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) }).then(r => r.ok, () => false)
    if (!healthy) await sleep(100)
  }
  if (!healthy) throw new Error(`the server did not become healthy:\n${serverOutput}`)

  // Set-up as the admin, through the typed client: paths, parameters and bodies are checked by tsc.
  const admin = createLumbungClient(base, ADMIN_TOKEN)
  const group = ok(await admin.POST('/v1/groups', { body: { name: 'KUBE Mawar', kind: 'kube', village: 'Abiansemal, Badung, Bali' } }), 'group')
  const groupId = group.id
  const member = ok(await admin.POST('/v1/groups/{groupId}/members', { params: { path: { groupId } }, body: { name: 'Ibu Ketut' } }), 'member')
  ok(await admin.POST('/v1/groups/{groupId}/grants', {
    params: { path: { groupId }, header: { 'idempotency-key': idempotencyKey() } },
    body: { date: '2025-01-01', amount: '5000000', source: 'Dinas Sosial' }
  }), 'grant')
  ok(await admin.POST('/v1/groups/{groupId}/meetings', {
    params: { path: { groupId } },
    body: { date: '2025-01-05', attendees: [member.id], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] }
  }), 'meeting')
  const loan = ok(await admin.POST('/v1/groups/{groupId}/loans', {
    params: { path: { groupId } },
    body: { memberId: member.id, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' }
  }), 'loan')
  const integrator = ok(await admin.POST('/v1/api-keys', { body: { name: 'Dasbor LSM', role: 'integrator', groupIds: [groupId] } }), 'api key')
  t.equal(integrator.role, 'integrator')

  const cursorFile = join(dir, 'sync.cursor')
  const common = ['--base', base, '--key', integrator.key, '--group', groupId, '--cursor-file', cursorFile, '--limit', '2']
  const repayArgs = ['--repay', loan.id, '--date', '2025-02-10', '--amount', '51000']
  const before = await allEvents(admin, groupId)
  const n = before.length
  t.ok(n >= 5, 'group, member, grant, meeting and loan have left events')

  const first = await example([...common, ...repayArgs])
  t.equal(first.status, 0, first.stderr)
  const firstEvents = eventLines(first.stdout)
  t.same(firstEvents.map(e => e.seq), range(1, n), 'every event from seq 1, in order, none missing or repeated, across pages of 2')
  t.same(firstEvents, before.map(e => ({ seq: e.seq, type: e.type, entityId: e.entityId })))
  t.equal(readFileSync(cursorFile, 'utf8').trim(), String(n), 'the cursor is the last event handled')
  const allocation = /^repayment (\S+) of (\S+): penalty \(denda\) 0, interest \(jasa\) 15000, principal \(pokok\) 36000$/m
  t.match(first.stdout, allocation, 'the allocation is printed: the jasa due first, the rest to pokok')
  const paid = allocation.exec(first.stdout)
  t.equal(paid?.[2], loan.id)
  t.match(first.stdout, /^replayed: no/m)

  const after = await allEvents(admin, groupId, String(n))
  t.same(after.map(e => e.type).sort(), ['entry.posted', 'loan.repaid'], 'the repayment left an entry and a loan.repaid')

  // The same command again, as after a lost answer: only the new events, and the repayment replayed, not paid again.
  const second = await example([...common, ...repayArgs])
  t.equal(second.status, 0, second.stderr)
  const secondEvents = eventLines(second.stdout)
  t.same(secondEvents.map(e => e.seq), range(n + 1, n + after.length), 'only the events after the cursor')
  t.same(secondEvents.map(e => e.type), after.map(e => e.type))
  t.equal(readFileSync(cursorFile, 'utf8').trim(), String(n + after.length))
  t.match(second.stdout, /^replayed: yes/m)
  t.equal(/^repayment (\S+) /m.exec(second.stdout)?.[1], paid?.[1], 'the replay answers with the first repayment')

  // A refusal: the problem's code and detail, a non-zero exit, nothing written and no event.
  const refused = await example([...common, '--repay', loan.id, '--date', '2025-02-11', '--amount', '99999999'])
  t.equal(refused.status, 1)
  t.match(refused.stderr, /422 REPAYMENT_EXCEEDS_PAYOFF: \S/)
  t.same(eventLines(refused.stdout), [], 'no new events')

  // The types are compile-time only: a wrong body compiles with the marker below, and the server refuses it at run time.
  const wrong = await admin.POST('/v1/groups/{groupId}/loans/{loanId}/repayments', {
    params: { path: { groupId, loanId: loan.id } },
    // @ts-expect-error amounts are strings of digits, never JSON numbers
    body: { date: '2025-02-12', amount: 51000 }
  })
  const problem: Problem | undefined = wrong.error
  // Checked by the compiler: a refusal is typed as the problem document (application/problem+json), not as `never`.
  const typedAsProblem: Same<NonNullable<typeof wrong.error>, Problem> = true
  const problemIsAType: Same<Problem, never> = false
  t.ok(typedAsProblem && !problemIsAType)
  t.equal(wrong.response.status, 400)
  t.equal(problem?.code, 'VALIDATION_FAILED')
  t.same(problem?.errors.map(e => e.path), ['/body/amount'])

  const card = ok(await admin.GET('/v1/groups/{groupId}/loans/{loanId}', { params: { path: { groupId, loanId: loan.id } } }), 'loan card')
  t.equal(card.repayments.length, 1, 'exactly one repayment, whatever the retries')
  t.match(card.repayments[0], { id: paid?.[1], date: '2025-02-10', amount: '51000', interest: '15000', principal: '36000' })
  t.same((await allEvents(admin, groupId)).map(e => e.seq), range(1, n + after.length), 'the feed is gapless')
})

t.test('an unreachable server: the example retries 3 times, exits 1 and leaves the cursor file alone', { skip: sqliteOnly }, async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-client-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const cursorFile = join(dir, 'sync.cursor')
  const closed = await freePort()
  const run = await example(['--base', `http://127.0.0.1:${closed}`, '--key', 'lmb_x', '--group', 'grp_x', '--cursor-file', cursorFile])
  t.equal(run.status, 1)
  t.match(run.stderr, /retry 3 of 3/)
  t.match(run.stderr, /still failing after 3 retries/)
  t.notOk(existsSync(cursorFile), 'no cursor written')
})

t.test('no server or example process outlives the test', { skip: sqliteOnly }, async t => {
  t.ok(pids.length >= 5, 'the server and the example runs were started')
  t.same(pids.filter(alive), [])
})
