import t from 'tap'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../scripts/lib/ports.js'
import { SERVER_NODE_ARGS, SERVER_SCRIPT } from '../../scripts/lib/server-command.js'
import { onPostgres } from '../postgres.js'

/*
 * The README's walkthrough, run as a newcomer pastes it: every ```bash block under "## Walkthrough", in order, in one
 * bash process with `set -euo pipefail`, against a real server on a fresh SQLite file. The block that starts the
 * server (marked `<!-- readme-walkthrough: skip … -->`) is done here instead, the same way: the same variables
 * (DATABASE_URL and SIGNING_KEY_FILE in $W, its output in $W/server.log), on a free port given to the blocks as $L.
 * Every line `# → text` in a block is what that block must print, and is checked against what it printed.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Attempts of GET /health, 100 ms apart, before the start counts as failed. */
const HEALTH_ATTEMPTS = 600
/** A walkthrough that hangs is killed after this long: a bound on a failure, not a timing assertion. */
const WALK_LIMIT_MS = 300_000
const SKIP_MARKER = '<!-- readme-walkthrough: skip'
const CLAIM = /^# → (.*)$/

export interface Block { n: number, code: string, skipped: boolean, claims: string[] }

/** The ```bash blocks between "## Walkthrough" and the next second-level heading, numbered from 1. */
export function walkthroughBlocks (readme: string): Block[] {
  const lines = readme.split('\n')
  const start = lines.findIndex(l => l.startsWith('## Walkthrough'))
  if (start < 0) return []
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  const section = lines.slice(start + 1, end < 0 ? undefined : end)
  const blocks: Block[] = []
  let skipNext = false
  for (let i = 0; i < section.length; i++) {
    const line = section[i] ?? ''
    if (line.startsWith(SKIP_MARKER)) skipNext = true
    if (line !== '```bash') continue
    const body: string[] = []
    for (i++; i < section.length && section[i] !== '```'; i++) body.push(section[i] ?? '')
    const claims = body.map(l => CLAIM.exec(l)?.[1]).filter((c): c is string => c !== undefined)
    blocks.push({ n: blocks.length + 1, code: body.join('\n'), skipped: skipNext, claims })
    skipNext = false
  }
  return blocks
}

/** Why this machine cannot run the walkthrough, or false when it can. */
function missingTools (): string | false {
  if (onPostgres) return 'the walkthrough runs on the SQLite pass only (it starts `npm start` on an SQLite file)'
  for (const tool of ['bash', 'curl', 'jq']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' })
    if (found.status !== 0) return `${tool} is not installed: the README's walkthrough needs bash, curl and jq`
  }
  const help = spawnSync('curl', ['--help', 'all'], { encoding: 'utf8' })
  if (!help.stdout.includes('--fail-with-body')) return 'curl is older than 7.76 (no --fail-with-body), which the walkthrough uses'
  return false
}

const running = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null
const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => { setTimeout(resolve, ms) }) }

/** Only what a shell needs: the test runner's NODE_OPTIONS (its loader and coverage hooks) must not follow a child. */
const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? tmpdir(),
  ...(process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR }),
  ...extra
})

/** Stops a child (SIGTERM to its process group, then SIGKILL) and waits until it is reaped. */
async function stop (child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (!running(child) || child.pid === undefined) return
  process.kill(-child.pid, 'SIGTERM')
  const timer = setTimeout(() => { if (running(child) && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL') }, 10_000)
  await exited
  clearTimeout(timer)
}

t.test('the README opens with what Lumbung is and the two commands, and its walkthrough has no placeholders', async t => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const opening = readme.slice(0, readme.indexOf('## '))
  t.match(opening, /npm ci && npm start/)
  t.match(opening, /npm test/)
  const blocks = walkthroughBlocks(readme)
  t.ok(blocks.length >= 10, `the walkthrough has its blocks (found ${blocks.length})`)
  t.equal(blocks.filter(b => b.skipped).length, 1, 'one block is skipped: the one that starts the server')
  t.match(blocks.find(b => b.skipped)?.code ?? '', /npm start/)
  for (const b of blocks) {
    t.notMatch(b.code, /…|\[\.\.\.\]|<[a-z ]+>/, `block ${b.n} has no placeholder`)
    t.notMatch(b.code, /export T=\S+ +H=/, `block ${b.n} does not set T and H on one line`)
  }
})

t.test('the README walkthrough runs against a live server and prints the figures it states', { skip: missingTools() }, async t => {
  const blocks = walkthroughBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'))
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-readme-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })

  // The skipped block, done here: `DATABASE_URL=$W/lumbung.sqlite SIGNING_KEY_FILE=$W/signing.key npm start > $W/server.log 2>&1 &`
  const port = await freePort()
  const log = openSync(join(dir, 'server.log'), 'w')
  const server = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', SERVER_SCRIPT], {
    cwd: ROOT,
    env: childEnv({ DATABASE_URL: join(dir, 'lumbung.sqlite'), SIGNING_KEY_FILE: join(dir, 'signing.key'), PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', log, log],
    detached: true
  })
  closeSync(log)
  const serverExited = once(server, 'exit')
  process.once('exit', () => { if (running(server) && server.pid !== undefined) process.kill(-server.pid, 'SIGKILL') })
  t.teardown(async () => { await stop(server, serverExited) })
  const L = `http://127.0.0.1:${port}`
  let healthy = false
  for (let i = 0; i < HEALTH_ATTEMPTS && running(server) && !healthy; i++) {
    healthy = await fetch(`${L}/health`).then(r => r.ok, () => false)
    if (!healthy) await sleep(100)
  }
  t.ok(healthy, 'the server answers /health')
  if (!healthy) return t.fail(readFileSync(join(dir, 'server.log'), 'utf8'))

  const script = ['set -euo pipefail', ...blocks.filter(b => !b.skipped).flatMap(b => [`echo '::readme-block ${b.n}::'`, b.code])].join('\n')
  const bash = spawn('bash', ['-c', script], { cwd: ROOT, env: childEnv({ W: dir, L }), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const bashExited = once(bash, 'exit')
  const killer = setTimeout(() => { if (running(bash) && bash.pid !== undefined) process.kill(-bash.pid, 'SIGKILL') }, WALK_LIMIT_MS)
  let stdout = ''
  let stderr = ''
  bash.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8') })
  bash.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8') })
  const [code] = await bashExited as [number | null]
  clearTimeout(killer)

  // What each block printed: the text after its marker, up to the next one.
  const printed = new Map<number, string>()
  const parts = stdout.split(/^::readme-block (\d+)::$/m)
  for (let i = 1; i + 1 < parts.length; i += 2) printed.set(Number(parts[i]), parts[i + 1] ?? '')
  const ran = [...printed.keys()]
  const last = ran.at(-1)
  t.equal(code, 0, `every block succeeds (the last one to start was block ${String(last)})`, { stderr: stderr.slice(-3000), printed: printed.get(last ?? 0)?.slice(-3000) })
  for (const b of blocks.filter(b => !b.skipped)) {
    const out = printed.get(b.n)
    t.ok(out !== undefined, `block ${b.n} ran`)
    for (const claim of b.claims) t.ok(out?.includes(claim), `block ${b.n} prints "${claim}"`, { found: out })
  }
  // The paper's figures, whatever the README's comments say: the grant of 2.500.000 grew to 2.640.000.
  t.match(stdout, /^Dana diterima: 2500000$/m)
  t.match(stdout, /^Sisa dana: 2640000$/m)
  t.match(stdout, /"shu":"140000"/)
  t.match(stdout, /^OK: Kelompok P2WKSS Desa Abiansemal: /m, 'the offline verifier accepts the audit bundle')
})
