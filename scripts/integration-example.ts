import { readFile, rename, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createLumbungClient } from '../src/client/index.js'

/**
 * An example integration, as an NGO dashboard or a village information system would run it (from cron, say):
 *
 *   tsx scripts/integration-example.ts --base http://127.0.0.1:3000 --key <integrator key> --group <groupId>
 *     --cursor-file ./sync.cursor [--limit 100] [--repay <loanId> --date YYYY-MM-DD --amount 51000 [--idempotency-key K]]
 *
 * 1. Sync: reads the last cursor from the cursor file (0 if there is none), pages through the group's events after it
 *    and prints one line per event (`seq type entityId`). The cursor file is replaced only after a page has been
 *    handled, so a crash handles that page again and never skips one: at least once, in seq order.
 * 2. Repay (with --repay): posts the repayment with an Idempotency-Key and prints its allocation and whether the server
 *    replayed an earlier answer. The default key is derived from loan, date and amount, so running the same command
 *    again after a lost answer replays instead of paying twice; two real payments of the same amount on the same day
 *    therefore need their own --idempotency-key each.
 *
 * Network failures, timeouts, 5xx and 429 are retried up to 3 times with backoff (the same key every time). Exit codes:
 * 0 done; 1 refused (a 4xx: its code and detail are printed) or the server still failing after the retries; 2 usage.
 */

const RETRIES = 3
const BACKOFF_MS = 250
const REQUEST_TIMEOUT_MS = 30_000
const DIGITS = /^(0|[1-9][0-9]*)$/

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    key: { type: 'string' },
    group: { type: 'string' },
    'cursor-file': { type: 'string' },
    limit: { type: 'string', default: '100' },
    repay: { type: 'string' },
    date: { type: 'string' },
    amount: { type: 'string' },
    'idempotency-key': { type: 'string' }
  }
})

function usage (problem: string): never {
  process.stderr.write(`${problem}\nusage: tsx scripts/integration-example.ts --base URL --key KEY --group GROUP --cursor-file FILE ` +
    '[--limit N] [--repay LOAN --date YYYY-MM-DD --amount RUPIAH [--idempotency-key K]]\n')
  process.exit(2)
}

function fail (message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

const required = (name: 'base' | 'key' | 'group' | 'cursor-file'): string => values[name] ?? usage(`--${name} is required`)
const base = required('base')
const client = createLumbungClient(base, required('key'))
const groupId = required('group')
const cursorFile = required('cursor-file')
const limit = Number(values.limit)
if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) usage(`--limit must be 1 … 1000, not ${values.limit}`)
if (values.repay === undefined && (values.date !== undefined || values.amount !== undefined || values['idempotency-key'] !== undefined)) {
  usage('--date, --amount and --idempotency-key go with --repay')
}

const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => { setTimeout(resolve, ms) }) }

/**
 * Sends until the server answers something other than a 5xx or a 429, at most 1 + RETRIES times, waiting
 * BACKOFF_MS · 2^n between attempts (or the 429's Retry-After). `send` must repeat the very same request.
 */
async function withRetries<T extends { response: Response }> (what: string, send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let reason: string
    let wait = BACKOFF_MS * 2 ** attempt
    try {
      const answer = await send()
      const status = answer.response.status
      if (status < 500 && status !== 429) return answer
      reason = `HTTP ${status}`
      const retryAfter = Number(answer.response.headers.get('retry-after'))
      if (status === 429 && Number.isFinite(retryAfter) && retryAfter > 0) wait = retryAfter * 1000
    } catch (err) {
      // A network failure or the timeout: the request may or may not have reached the server.
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : ''
      reason = `${err instanceof Error ? err.message : String(err)}${cause}`
    }
    if (attempt === RETRIES) fail(`${what}: still failing after ${RETRIES} retries (${reason})`)
    process.stderr.write(`${what}: ${reason}; retry ${attempt + 1} of ${RETRIES} in ${wait} ms\n`)
    await sleep(wait)
  }
}

/** A refusal: the problem document's code and detail, then exit 1. */
function refused (what: string, response: Response, error: unknown): never {
  const problem = typeof error === 'object' && error !== null ? error as { code?: unknown, detail?: unknown } : {}
  const code = typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`
  const detail = typeof problem.detail === 'string' ? problem.detail : String(error)
  const replayed = response.headers.get('idempotent-replayed') === 'true' ? ' (replayed)' : ''
  fail(`${what} refused${replayed}: ${response.status} ${code}: ${detail}`)
}

async function readCursor (file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch((err: unknown) => {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return '0'
    throw err
  })
  const cursor = text.trim()
  if (!DIGITS.test(cursor)) fail(`${file} does not hold a cursor (a whole number): ${JSON.stringify(cursor.slice(0, 40))}`)
  return cursor
}

/** Replaces the cursor file in one step (write beside it, then rename): a crash leaves the old cursor or the new one. */
async function writeCursor (file: string, cursor: string): Promise<void> {
  const temporary = `${file}.tmp`
  await writeFile(temporary, `${cursor}\n`)
  await rename(temporary, file)
}

async function sync (): Promise<void> {
  let cursor = await readCursor(cursorFile)
  const first = cursor
  let events = 0
  for (;;) {
    const after = cursor
    const { data: page, error, response } = await withRetries('events', async () => await client.GET('/v1/groups/{groupId}/events', {
      params: { path: { groupId }, query: { after, limit } },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    }))
    if (page === undefined) refused('events', response, error)
    if (page.items.length === 0) break
    // The handling of an event: here, a line on stdout; a real integration updates its own records.
    for (const event of page.items) process.stdout.write(`${event.seq} ${event.type} ${event.entityId}\n`)
    events += page.items.length
    await writeCursor(cursorFile, page.nextCursor)
    cursor = page.nextCursor
  }
  process.stdout.write(`synced ${events} events: cursor ${first} → ${cursor}\n`)
}

async function repay (loanId: string): Promise<void> {
  const date = values.date ?? usage('--repay needs --date YYYY-MM-DD')
  const amount = values.amount ?? usage('--repay needs --amount (whole rupiah)')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) usage(`--date must be YYYY-MM-DD, not ${date}`)
  if (!DIGITS.test(amount)) usage(`--amount must be whole rupiah as digits, not ${amount}`)
  const key = values['idempotency-key'] ?? `repay-${loanId}-${date}-${amount}`
  const { data: repayment, error, response } = await withRetries('repayment', async () => await client.POST('/v1/groups/{groupId}/loans/{loanId}/repayments', {
    params: { path: { groupId, loanId }, header: { 'idempotency-key': key } },
    body: { date, amount },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  }))
  if (repayment === undefined) refused('repayment', response, error)
  const { penalty, interest, principal } = repayment.allocation
  process.stdout.write(`repayment ${repayment.id} of ${loanId}: penalty (denda) ${penalty}, interest (jasa) ${interest}, principal (pokok) ${principal}\n`)
  const replayed = response.headers.get('idempotent-replayed') === 'true'
  process.stdout.write(`replayed: ${replayed ? 'yes (recorded by an earlier run with this key; nothing paid twice)' : 'no (recorded now)'}\n`)
}

await sync()
if (values.repay !== undefined) await repay(values.repay)
