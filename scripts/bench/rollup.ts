import { sequentialGets, type Latency } from './load.js'

/** The roll-up over many groups (issue 18): how long GET /v1/rollup takes for a kecamatan of `groups` groups. */
export interface RollupRead {
  groups: number
  /** Seconds to write them through the API: group, place, member, grant, meeting with terms, a deposit, a loan. */
  setupSeconds: number
  latency: Omit<Latency, 'last'>
  /** The roll-up's own count and its savings total (each group saved Rp 10.000): what the figure was measured on. */
  counted: number
  savingsTotal: string
}

const REGION = '51.03.05'

/**
 * Writes `groups` small groups placed in one kecamatan (eight at a time), then times `n` sequential roll-ups of that
 * kecamatan (other groups on the server stay out of it), checking each covered every group.
 */
export async function measureRollup (base: string, headers: Record<string, string>, opts: { groups: number, n: number }): Promise<RollupRead> {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
    return await r.json() as T
  }
  const one = async (i: number): Promise<void> => {
    const g = `/v1/groups/${(await post<{ id: string }>('/v1/groups', { name: `Bench rekap ${String(i).padStart(4, '0')}`, kind: i % 5 === 0 ? 'pkk' : 'p2wkss' })).id}`
    await post(`${g}/place`, { regionCode: `${REGION}.${String(2001 + (i % 20))}`, province: 'Bali', regency: 'Badung', district: 'Abiansemal', village: null })
    const m = (await post<{ id: string }>(`${g}/members`, { name: 'Ni Made Sari', joinedOn: '2025-01-01' })).id
    await post(`${g}/grants`, { date: '2025-01-02', amount: '2500000', source: 'Dinas' })
    await post(`${g}/meetings`, { date: '2025-01-05', attendees: [m], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] })
    await post(`${g}/savings`, { memberId: m, kind: 'wajib', date: '2025-01-05', amount: '10000' })
    await post(`${g}/loans`, { memberId: m, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })
  }
  const started = performance.now()
  for (let i = 0; i < opts.groups; i += 8) await Promise.all(Array.from({ length: Math.min(8, opts.groups - i) }, async (_, k) => { await one(i + k) }))
  const setupSeconds = (performance.now() - started) / 1000
  const l = await sequentialGets(`${base}/v1/rollup?asOf=2025-06-30&region=${REGION}`, { n: opts.n, warmup: 1, headers })
  const last = l.last as { totals: { groups: number, savings: { total: string } } }
  if (last.totals.groups !== opts.groups) throw new Error(`the roll-up counted ${last.totals.groups} groups, not ${opts.groups}`)
  const latency = { requests: l.requests, medianMs: l.medianMs, p99Ms: l.p99Ms, maxMs: l.maxMs }
  return { groups: opts.groups, setupSeconds, latency, counted: last.totals.groups, savingsTotal: last.totals.savings.total }
}
