import autocannon from 'autocannon'

/* The load generators: autocannon for single requests, a few looping clients for batches, sequential timed reads. */

export interface Throughput {
  connections: number
  seconds: number
  /** 2xx answers per second over the run. */
  perSecond: number
  ok: number
  /** Answers other than 2xx, connection errors and timeouts: all must be 0 for the figure to stand. */
  non2xx: number
  errors: number
  timeouts: number
  latencyMs: { p50: number, p90: number, p99: number, max: number }
  /** How many answers each status got, e.g. {"201": 31000}. */
  statuses: Record<string, number>
}

/** `connections` clients sending the same POST back to back for `seconds` (autocannon; latency of 2xx, 1 ms steps). */
export async function cannon (url: string, opts: { connections: number, seconds: number, body: string, headers: Record<string, string> }): Promise<Throughput> {
  const r = await autocannon({
    url,
    method: 'POST',
    body: opts.body,
    headers: { 'content-type': 'application/json', ...opts.headers },
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30
  })
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]))
  return {
    connections: opts.connections,
    seconds: r.duration,
    perSecond: r['2xx'] / r.duration,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    statuses
  }
}

export interface BatchThroughput {
  clients: number
  batchSize: number
  seconds: number
  batches: number
  entries: number
  entriesPerSecond: number
  failures: number
  batchLatencyMs: { p50: number, max: number }
  firstFailure: string | null
}

/**
 * `clients` clients each posting the same batch request back to back until `seconds` have passed; every entry of a
 * 201 counts. The clock stops when the last answer arrives.
 */
export async function batchLoad (url: string,
  opts: { clients: number, seconds: number, body: string, batchSize: number, headers: Record<string, string> }): Promise<BatchThroughput> {
  const started = performance.now()
  const until = started + opts.seconds * 1000
  const latencies: number[] = []
  let failures = 0
  let firstFailure: string | null = null
  const client = async (): Promise<void> => {
    while (performance.now() < until) {
      const t = performance.now()
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...opts.headers },
        body: opts.body,
        signal: AbortSignal.timeout(60_000)
      })
      const text = await r.text()
      if (r.status === 201) latencies.push(performance.now() - t)
      else {
        failures++
        firstFailure ??= `${r.status} ${text.slice(0, 300)}`
      }
    }
  }
  await Promise.all(Array.from({ length: opts.clients }, client))
  const ms = performance.now() - started
  const entries = latencies.length * opts.batchSize
  return {
    clients: opts.clients,
    batchSize: opts.batchSize,
    seconds: ms / 1000,
    batches: latencies.length,
    entries,
    entriesPerSecond: entries / (ms / 1000),
    failures,
    batchLatencyMs: { p50: percentile(latencies, 50), max: Math.max(0, ...latencies) },
    firstFailure
  }
}

export interface Latency {
  requests: number
  medianMs: number
  p99Ms: number
  maxMs: number
  /** The body of the last answer, to check what was measured. */
  last: unknown
}

/** `warmup` untimed requests, then `n` sequential timed GETs; any answer but 200 aborts. */
export async function sequentialGets (url: string, opts: { n: number, warmup: number, headers: Record<string, string> }): Promise<Latency> {
  const times: number[] = []
  let last: unknown = null
  for (let i = 0; i < opts.warmup + opts.n; i++) {
    const t = performance.now()
    const r = await fetch(url, { headers: opts.headers, signal: AbortSignal.timeout(60_000) })
    const text = await r.text()
    const ms = performance.now() - t
    if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${text.slice(0, 300)}`)
    if (i >= opts.warmup) times.push(ms)
    last = JSON.parse(text) as unknown
  }
  return { requests: times.length, medianMs: percentile(times, 50), p99Ms: percentile(times, 99), maxMs: Math.max(...times), last }
}

/** The nearest-rank percentile (the smallest value with at least p % of the values at or below it). */
export function percentile (values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)] ?? Number.NaN
}
