import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { killAll, startNode, type Child } from './lib/children.js'
import { SERVER_NODE_ARGS, SERVER_SCRIPT } from './lib/server-command.js'

/**
 * npm run lighthouse [-- --out <dir> --only <screen,…>]: Lighthouse 12.2.3 (mobile preset: a Moto G-sized screen,
 * simulated slow 4G and a 4× slower CPU) on every screen of the web app, performance and accessibility. The real
 * server runs as a child (as `npm start` runs it) on a scratch SQLite file, seeded over the REST API with the
 * Abiansemal group of `npm run seed:demo` (50 households) and a year and a bit of its books: the closed year before
 * this one with its RAT's SHU rule, this year's meetings, savings, loans (two in arrears) and repayments. The signed-in
 * screens are measured with a treasurer's session cookie (signed in with her API key on /masuk). Prints a table,
 * writes lighthouse-scores.json and every report to the output directory (a temp directory unless --out), and exits 1
 * if a screen scores below 90 for performance or 100 for accessibility. Needs /usr/bin/chromium (Debian's chromium).
 */
const LIGHTHOUSE = 'lighthouse@12.2.3'
const CHROME = '/usr/bin/chromium'
const MIN = { performance: 90, accessibility: 100 }
const ADMIN_TOKEN = 'lighthouse-admin-token-0123456789abcdef'
const TIMEZONE = 'Asia/Makassar'
const RUN_MS = 180_000
const ROOT = fileURLToPath(new URL('../', import.meta.url))

const { values } = parseArgs({ options: { out: { type: 'string' }, only: { type: 'string' } } })
const OUT = values.out === undefined ? mkdtempSync(join(tmpdir(), 'lumbung-lighthouse-')) : resolve(values.out)
const ONLY = values.only === undefined ? null : new Set(values.only.split(',').map(s => s.trim()))

interface Screen { name: string, route: string, path: string, signedIn: boolean }
interface Finding { id: string, title: string, score: number | null, value?: string, items: string[] }
interface Score {
  screen: string, route: string, path: string, performance: number, accessibility: number, seconds: number, runs?: number
  metrics: Record<string, string>, warnings: string[], failing: Finding[]
}
interface Seeded { groupId: string, memberId: string, loanId: string, repaymentId: string, entryId: string, personId: string, invitation: string, treasurerKey: string }
type Api = <T = Record<string, unknown>>(path: string, body?: unknown, token?: string) => Promise<T>
interface Id { id: string }

const lighthouses = new Set<ChildProcess>()
const stopAll = (): void => {
  // Lighthouse runs in a process group of its own (npx, node, chromium): end that group.
  for (const c of lighthouses) if (c.pid !== undefined && c.exitCode === null) { try { process.kill(-c.pid, 'SIGKILL') } catch { /* gone */ } }
  killAll()
}
process.on('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { stopAll(); process.exit(130) })

/** The REST API with a bearer token (the admin's unless told): JSON in, JSON out, anything but 2xx throws. */
function apiOf (base: string): Api {
  return async <T>(path: string, body?: unknown, token = ADMIN_TOKEN): Promise<T> => {
    const method = body === undefined ? 'GET' : 'POST'
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body)
    })
    const text = await r.text()
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
    return JSON.parse(text) as T
  }
}

/** Runs `work` on every item, `width` at a time (the server's writer takes them one after the other anyway). */
async function each<T> (items: readonly T[], work: (item: T, i: number) => Promise<unknown>, width = 8): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(async (item, j) => await work(item, i + j)))
}

const todayIn = (tz: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
const pad = (n: number): string => String(n).padStart(2, '0')
const birthOrder = ['Wayan', 'Made', 'Nyoman', 'Ketut', 'Putu', 'Kadek', 'Komang', 'Luh', 'Gede', 'Nengah']
const given = ['Sari', 'Rasmiati', 'Suartini', 'Ariani', 'Sukerti', 'Widiastuti']
/** This year's loans are made at its third meeting (March), so that in December they still run. */
const LEND_AT = 2
const LOAN_TERMS = { type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', maxTermCount: 10, maxPrincipal: '500000', instalmentRoundTo: '100' }

/** A month of meetings: attendance (one in seven away, in turn), wajib Rp 5.000 from each, refreshments from the grant's fund. */
async function meetingMonth (api: Api, t: string, g: string, date: string, members: string[], fund: string, decisions: unknown[]): Promise<void> {
  const month = Number(date.slice(5, 7))
  const present = members.filter((_, i) => i % 7 !== month % 7)
  await api(`/v1/groups/${g}/meetings`, { date, attendees: present, notes: 'Rapat bulanan: simpanan wajib dan angsuran.', decisions }, t)
  await each(present, async m => await api(`/v1/groups/${g}/savings`, { memberId: m, kind: 'wajib', date, amount: '5000' }, t))
  await api(`/v1/groups/${g}/expenses`, { date, amount: '25000', account: '5101', description: 'Konsumsi rapat', fund }, t)
}

/** Loans of Rp 500.000 over 10 months to `who`, disbursed on `date`: the loan ids. */
async function lend (api: Api, t: string, g: string, date: string, who: string[], purposes: string[]): Promise<string[]> {
  const ids: string[] = []
  await each(who, async (m, i) => {
    ids[i] = (await api<Id>(`/v1/groups/${g}/loans`, { memberId: m, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: date, purpose: purposes[i % purposes.length] }, t)).id
  })
  return ids
}

const repayAll = async (api: Api, t: string, g: string, loans: string[], date: string): Promise<void> =>
  await each(loans, async l => await api(`/v1/groups/${g}/loans/${l}/repayments`, { date, amount: '60000' }, t))

/** The group, its 50 households, their pokok, and the treasurer's key (this group and a second one, so /kelompok lists both). */
async function seedGroup (api: Api, year: number): Promise<{ g: string, t: string, members: string[], fund: string }> {
  const g = (await api<Id>('/v1/groups', { name: 'Kelompok P2WKSS Desa Abiansemal', kind: 'p2wkss', village: 'Abiansemal, Kabupaten Badung, Bali' })).id
  const other = (await api<Id>('/v1/groups', { name: 'Kelompok PKK Banjar Tengah', kind: 'pkk', village: 'Sibang Gede, Kabupaten Badung, Bali' })).id
  const t = (await api<{ key: string }>('/v1/api-keys', { name: 'Bu Made (bendahara)', role: 'treasurer', groupIds: [g, other] })).key
  const fund = (await api<{ lines: Array<{ fund: string }> }>(`/v1/groups/${g}/grants`, { date: `${year}-01-10`, amount: '2500000', source: 'Program P2WKSS Provinsi Bali', description: 'Dana stimulan P2WKSS' }, t)).lines[0]?.fund ?? ''
  const members: string[] = []
  await each(Array.from({ length: 50 }, (_, i) => i), async i => {
    const name = `Ni ${birthOrder[i % birthOrder.length] ?? ''} ${given[Math.floor(i / birthOrder.length) % given.length] ?? ''}`
    members[i] = (await api<Id>(`/v1/groups/${g}/members`, { name, householdNo: `KK-${String(i + 1).padStart(3, '0')}`, joinedOn: `${year}-01-15` }, t)).id
  })
  await each(members, async m => await api(`/v1/groups/${g}/savings`, { memberId: m, kind: 'pokok', date: `${year}-01-15`, amount: '10000' }, t))
  return { g, t, members, fund }
}

/**
 * Last year in full (12 meetings, five loans repaid, closed, its SHU rule decided at this year's RAT, not yet shared
 * out), then this year up to today: a meeting a month (the 15th, and the 1st of this month), six new loans in March, two
 * of them in arrears since their third instalment, and an expense today. Dates follow today, so the screens' "this month" is never empty.
 */
async function seed (api: Api): Promise<Omit<Seeded, 'personId' | 'invitation'>> {
  const today = todayIn(TIMEZONE)
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const last = year - 1
  const { g, t, members, fund } = await seedGroup(api, last)
  const wajib = { type: 'savings-terms', wajibAmount: '5000' }
  let old: string[] = []
  for (let m = 1; m <= 12; m++) {
    await meetingMonth(api, t, g, `${last}-${pad(m)}-15`, members, fund, m === 1 ? [LOAN_TERMS, wajib] : [])
    if (m === 1) old = await lend(api, t, g, `${last}-01-20`, members.slice(0, 5), ['Modal telur asin', 'Modal jajan bali', 'Modal canang'])
    if (m >= 2 && m <= 11) await repayAll(api, t, g, old, `${last}-${pad(m)}-20`)
  }
  await api(`/v1/groups/${g}/periods`, { through: `${last}-12-31` }, t)
  const rat = `${year}-01-10` <= today ? `${year}-01-10` : today
  await api(`/v1/groups/${g}/meetings`, {
    date: rat, attendees: members, notes: `Rapat anggota tahunan: pembagian SHU ${last}.`,
    decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Cadangan', percent: '40', account: '3301' }, { name: 'Jasa modal', percent: '30', basis: 'savings' }, { name: 'Jasa anggota', percent: '30', basis: 'interest-paid' }] }]
  }, t)
  const dates = [...Array.from({ length: month - 1 }, (_, i) => `${year}-${pad(i + 1)}-15`), `${year}-${pad(month)}-01`]
  let loans: string[] = []
  for (const [i, date] of dates.entries()) {
    if (date < rat) continue
    await meetingMonth(api, t, g, date, members, fund, [])
    // The two last borrowers stop paying after three instalments: Beranda and Pinjaman show them in arrears.
    if (loans.length > 0) await repayAll(api, t, g, i <= LEND_AT + 3 ? loans : loans.slice(0, -2), date)
    if (i === LEND_AT) loans = await lend(api, t, g, date, members.slice(10, 16), ['Modal warung', 'Bibit babi', 'Modal tenun endek', 'Alat sablon'])
  }
  const running = loans[0] ?? old[0] ?? ''
  const loan = await api<{ memberId: string, repayments: Array<{ id: string }> }>(`/v1/groups/${g}/loans/${running}`, undefined, t)
  const expense = await api<Id>(`/v1/groups/${g}/expenses`, { date: today, amount: '45000', account: '5101', description: 'ATK: buku kas dan map' }, t)
  return { groupId: g, memberId: loan.memberId, loanId: running, repaymentId: loan.repayments.at(-1)?.id ?? '', entryId: expense.id, treasurerKey: t }
}

/** The group's people: a bendahara and a pengawas invited (one of their links is measured, the other is kept unused). */
async function invite (api: Api, g: string): Promise<{ personId: string, invitation: string }> {
  type Invited = { person: Id, invitation: { path: string } }
  const made = await api<Invited>(`/v1/groups/${g}/people`, { name: 'Bu Made Suartini', login: '081234567890', role: 'bendahara' })
  await api<Invited>(`/v1/groups/${g}/people`, { name: 'Pak Ketut Arsana', login: 'ketut.pengawas', role: 'pengawas' })
  return { personId: made.person.id, invitation: made.invitation.path }
}

/** A web session of the treasurer, signed in with her API key on /masuk: the Cookie header value. */
async function signIn (base: string, key: string): Promise<string> {
  const r = await fetch(`${base}/masuk`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ kunci: key }).toString()
  })
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  if (r.status !== 303 || !cookie.startsWith('lumbung_sesi=')) throw new Error(`sign-in with the treasurer's key failed: ${r.status} ${await r.text()}`)
  return cookie
}

/** Every GET screen of src/web (not the redirects /, /g/:groupId, the downloads /laporan/unduh and /laporan/bundel, nor the assets). */
function screensOf (s: Seeded, setup: string): Screen[] {
  const g = `/g/${s.groupId}`
  const rows: Array<[string, string, string, boolean]> = [
    ['Masuk', '/masuk', '/masuk', false],
    ['Mulai (first run)', '/mulai/:token', `/mulai/${setup}`, false],
    ['Undangan', '/undangan/:token', s.invitation, false],
    ['Kelompok', '/kelompok', '/kelompok', true],
    ['Beranda', '/g/:groupId/beranda', `${g}/beranda`, true],
    ['Rapat', '/g/:groupId/rapat', `${g}/rapat`, true],
    ['Anggota', '/g/:groupId/anggota', `${g}/anggota`, true],
    ['Anggota: buku', '/g/:groupId/anggota/:memberId', `${g}/anggota/${s.memberId}`, true],
    ['Pinjaman', '/g/:groupId/pinjaman', `${g}/pinjaman`, true],
    ['Pinjaman: kartu', '/g/:groupId/pinjaman/:loanId', `${g}/pinjaman/${s.loanId}`, true],
    ['Pinjaman: koreksi angsuran', '/g/:groupId/pinjaman/:loanId/koreksi/:repaymentId', `${g}/pinjaman/${s.loanId}/koreksi/${s.repaymentId}`, true],
    ['Kas', '/g/:groupId/kas', `${g}/kas`, true],
    ['Bagan akun', '/g/:groupId/akun', `${g}/akun`, true],
    ['Koreksi', '/g/:groupId/koreksi', `${g}/koreksi`, true],
    ['Koreksi: entri', '/g/:groupId/koreksi/:entryId', `${g}/koreksi/${s.entryId}`, true],
    ['Laporan', '/g/:groupId/laporan', `${g}/laporan`, true],
    ['SHU', '/g/:groupId/shu', `${g}/shu`, true],
    ['Pengurus', '/g/:groupId/pengurus', `${g}/pengurus`, true],
    ['Pengurus: orang', '/g/:groupId/pengurus/:personId', `${g}/pengurus/${s.personId}`, true]
  ]
  return rows.map(([name, route, path, signedIn]) => ({ name, route, path, signedIn }))
}

/** Runs Lighthouse once on `url` (its own Chromium, in a process group of its own), writing the JSON report to `file`. */
async function runLighthouse (url: string, cookie: string | null, file: string): Promise<void> {
  const args = [
    '--yes', LIGHTHOUSE, url, '--quiet', '--output=json', `--output-path=${file}`,
    '--only-categories=performance,accessibility', '--form-factor=mobile', '--chrome-flags=--headless=new --no-sandbox',
    ...(cookie === null ? [] : [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`])
  ]
  const { NODE_OPTIONS: _, ...env } = process.env
  const child = spawn('npx', args, { cwd: OUT, env: { ...env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
  lighthouses.add(child)
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => { errors = (errors + chunk.toString('utf8')).slice(-4000) })
  const timer = setTimeout(() => { if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL') }, RUN_MS)
  const [code] = await once(child, 'exit') as [number | null]
  clearTimeout(timer)
  lighthouses.delete(child)
  if (code !== 0) throw new Error(`lighthouse ${url} exited ${String(code)}:\n${errors}`)
}

interface Audit { id: string, title: string, score: number | null, scoreDisplayMode: string, displayValue?: string, details?: { items?: Array<Record<string, unknown>> } }
interface Report {
  runtimeError?: { code: string, message: string }, runWarnings?: string[]
  categories: Record<string, { score: number | null, auditRefs: Array<{ id: string, weight: number, group?: string }> }>, audits: Record<string, Audit>
}

/** What an audit points at: the elements (selector and snippet) or the URLs, at most five. */
function itemsOf (a: Audit): string[] {
  return (a.details?.items ?? []).slice(0, 5).map(item => {
    const node = item.node as { selector?: string, snippet?: string } | undefined
    if (node !== undefined) return `${node.selector ?? ''} ${node.snippet ?? ''}`.trim()
    return typeof item.url === 'string' ? item.url : JSON.stringify(item).slice(0, 200)
  })
}

/** The scores of a report, its metrics, and the audits that cost points: every accessibility audit below 1, performance audits below 0.9 (diagnostics included). */
function scoreOf (screen: Screen, report: Report, seconds: number): Score {
  const pct = (c: string): number => Math.round((report.categories[c]?.score ?? 0) * 100)
  const failing: Finding[] = []
  for (const [category, below] of [['accessibility', 1], ['performance', 0.9]] as const) {
    for (const ref of report.categories[category]?.auditRefs ?? []) {
      const a = report.audits[ref.id]
      // A hidden audit (max-potential-fid) counts for nothing.
      if (ref.group === 'hidden') continue
      if (a === undefined || a.score === null || a.score >= below || ['notApplicable', 'informative', 'manual'].includes(a.scoreDisplayMode)) continue
      failing.push({ id: a.id, title: a.title, score: a.score, ...(a.displayValue === undefined ? {} : { value: a.displayValue }), items: itemsOf(a) })
    }
  }
  const metrics = Object.fromEntries(['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
    .map(id => [id, report.audits[id]?.displayValue ?? '?']))
  const warnings = report.runWarnings ?? []
  return { screen: screen.name, route: screen.route, path: screen.path, performance: pct('performance'), accessibility: pct('accessibility'), seconds, metrics, warnings, failing }
}

/** Checks the page answers 200 with this cookie (not a redirect to /masuk, not a 410 link), then measures it. */
async function measure (base: string, screen: Screen, cookie: string): Promise<Score> {
  const url = `${base}${screen.path}`
  const check = await fetch(url, { redirect: 'manual', headers: screen.signedIn ? { cookie } : {} })
  if (check.status !== 200) throw new Error(`${screen.name} (${screen.path}) answered ${check.status}, not 200`)
  const file = join(OUT, 'reports', `${screen.route.replace(/^\/|\/$/g, '').replace(/[/:]+/g, '_') || 'root'}.json`)
  const started = Date.now()
  // Lighthouse 12.2.3 on a newer Chromium now and then loses the trace of the load (NO_NAVSTART): run it again, at most twice.
  for (let attempt = 1; ; attempt++) {
    try {
      await runLighthouse(url, screen.signedIn ? cookie : null, file)
      const report = JSON.parse(readFileSync(file, 'utf8')) as Report
      if (report.runtimeError !== undefined) throw new Error(`lighthouse ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`)
      const score = scoreOf(screen, report, Math.round((Date.now() - started) / 100) / 10)
      process.stderr.write(`  ${screen.name}: performance ${score.performance}, accessibility ${score.accessibility} (${score.seconds} s${attempt > 1 ? `, run ${attempt}` : ''})\n`)
      return { ...score, runs: attempt }
    } catch (err) {
      if (attempt >= 3) throw err
      process.stderr.write(`  ${screen.name}: run ${attempt} failed, again (${(err instanceof Error ? err.message : String(err)).split('\n').slice(0, 2).join(' ')})\n`)
    }
  }
}

function table (scores: Score[]): string {
  const rows = [['screen', 'route', 'performance', 'accessibility'], ...scores.map(s => [s.screen, s.route, String(s.performance), String(s.accessibility)])]
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map(r => (r[i] ?? '').length))) ?? []
  return rows.map(r => r.map((c, i) => i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)).join('  ')).join('\n')
}

/** The scratch server: its own SQLite file, signing key and checkpoints in the output directory's db/, no rate limit. */
async function startServer (): Promise<Child> {
  const db = join(OUT, 'db')
  mkdirSync(db, { recursive: true })
  return await startNode({
    cwd: ROOT, script: SERVER_SCRIPT, nodeArgs: SERVER_NODE_ARGS, healthPath: '/health', startMs: 60_000,
    env: { DATABASE_URL: join(db, 'lumbung.sqlite'), SIGNING_KEY_FILE: join(db, 'signing.key'), ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', TIMEZONE }
  })
}

async function main (): Promise<number> {
  const started = Date.now()
  mkdirSync(join(OUT, 'reports'), { recursive: true })
  const server = await startServer()
  try {
    const setup = /\/mulai\/([A-Za-z0-9_-]+)/.exec(server.output())?.[1]
    if (setup === undefined) throw new Error(`the server printed no setup link:\n${server.output()}`)
    const api = apiOf(server.base)
    const wanted = (s: Screen): boolean => ONLY === null || ONLY.has(s.name) || ONLY.has(s.route)
    const scores: Score[] = []
    // The setup link works only while no one has been invited: measure it (and /masuk) before the books are seeded.
    const pre = screensOf({ groupId: '', memberId: '', loanId: '', repaymentId: '', entryId: '', personId: '', invitation: '', treasurerKey: '' }, setup).slice(0, 2)
    process.stderr.write(`Lighthouse ${LIGHTHOUSE.split('@')[1] ?? ''} (mobile) on ${server.base}, reports in ${OUT}\n`)
    for (const screen of pre.filter(wanted)) scores.push(await measure(server.base, screen, ''))
    const seedStarted = Date.now()
    const books = await seed(api)
    const seeded: Seeded = { ...books, ...await invite(api, books.groupId) }
    process.stderr.write(`  seeded over the API in ${Math.round((Date.now() - seedStarted) / 1000)} s\n`)
    const cookie = await signIn(server.base, seeded.treasurerKey)
    for (const screen of screensOf(seeded, setup).slice(2).filter(wanted)) scores.push(await measure(server.base, screen, cookie))
    const seconds = Math.round((Date.now() - started) / 1000)
    const failed = scores.filter(s => s.performance < MIN.performance || s.accessibility < MIN.accessibility)
    writeFileSync(join(OUT, 'lighthouse-scores.json'), JSON.stringify({ measuredAt: new Date().toISOString(), lighthouse: LIGHTHOUSE, chrome: CHROME, preset: 'mobile', minimum: MIN, seconds, screens: scores }, null, 2) + '\n')
    process.stdout.write(`\n${table(scores)}\n\n${scores.length} screens in ${seconds} s; ${join(OUT, 'lighthouse-scores.json')}\n`)
    for (const s of failed) {
      process.stdout.write(`\nBELOW ${MIN.performance}/${MIN.accessibility}: ${s.screen} (${s.path}): performance ${s.performance}, accessibility ${s.accessibility}\n`)
      for (const f of s.failing) process.stdout.write(`  ${f.id} (${f.value ?? f.score}): ${f.title}\n${f.items.map(i => `    ${i}\n`).join('')}`)
    }
    return failed.length === 0 ? 0 : 1
  } finally {
    await server.stop()
    rmSync(join(OUT, 'db'), { recursive: true, force: true })
  }
}

main().then(code => { process.exitCode = code }, (err: unknown) => {
  process.stderr.write(`npm run lighthouse failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
  process.exitCode = 2
})
