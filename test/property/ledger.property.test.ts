import fc from 'fast-check'
import t, { type Test } from 'tap'
import { testApi, type Api } from '../helpers.js'

/**
 * Random sequences of valid and invalid entries, expenses, reversals and retries. After every step: the trial balance
 * totals are equal, every account's balance equals the sum of its postings, verify is valid, and a refused request
 * changed nothing.
 */
const accounts = ['1101', '1102', '1301', '3201', '3202', '4103', '5101', '5102', '9999'] as const
const amount = fc.integer({ min: 1, max: 3_000_000 }).map(String)
const date = fc.integer({ min: 1, max: 28 }).map(d => `2025-03-${String(d).padStart(2, '0')}`)
const line = fc.record({ account: fc.constantFrom(...accounts), side: fc.constantFrom('debit', 'credit'), amount })

const op = fc.oneof(
  fc.record({ kind: fc.constant('donation' as const), amount, date }),
  fc.record({ kind: fc.constant('expense' as const), amount, date, account: fc.constantFrom('5101', '5102', '1301', '3201') }),
  fc.record({ kind: fc.constant('entry' as const), date, lines: fc.array(line, { minLength: 0, maxLength: 4 }), balance: fc.boolean() }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(), date }),
  fc.record({ kind: fc.constant('retry' as const), pick: fc.nat(), tweak: fc.boolean() }),
  fc.record({ kind: fc.constant('bad' as const), body: fc.anything() })
)

interface Sent { url: string, body: unknown, key: string, status: number, json: unknown }

async function snapshot (api: Api, gid: string): Promise<{ head: number, balances: string }> {
  const v = await api.get(`/v1/groups/${gid}/verify`)
  const accts = await api.get(`/v1/groups/${gid}/accounts`)
  return { head: v.json.head.seq as number, balances: JSON.stringify(accts.json.items) }
}

async function checkInvariants (t: Test, api: Api, gid: string): Promise<void> {
  const tb = await api.get(`/v1/groups/${gid}/trial-balance?asOf=2025-12-31`)
  if (tb.json.totals.debit !== tb.json.totals.credit) t.fail(`trial balance ${tb.json.totals.debit} ≠ ${tb.json.totals.credit}`)
  const v = await api.get(`/v1/groups/${gid}/verify`)
  if (v.json.valid !== true) t.fail(`verify: ${v.json.problem as string}`)
  // Balances from the postings, recomputed here from the journal itself.
  const net = new Map<string, bigint>()
  let cursor: string | null = null
  do {
    const page: { json: { items: Array<{ lines: Array<{ account: string, debit?: string, credit?: string }> }>, nextCursor: string | null } } =
      await api.get(`/v1/groups/${gid}/journal-entries?limit=500${cursor === null ? '' : `&cursor=${cursor}`}`)
    for (const e of page.json.items) {
      for (const l of e.lines) net.set(l.account, (net.get(l.account) ?? 0n) + BigInt(l.debit ?? '0') - BigInt(l.credit ?? '0'))
    }
    cursor = page.json.nextCursor
  } while (cursor !== null)
  const accts = (await api.get(`/v1/groups/${gid}/accounts`)).json.items as Array<{ code: string, normalBalance: string, balance: string }>
  for (const a of accts) {
    const n = net.get(a.code) ?? 0n
    const expected = a.normalBalance === 'debit' ? n : -n
    if (BigInt(a.balance) !== expected) t.fail(`account ${a.code}: balance ${a.balance} ≠ postings ${expected}`)
    if ((a.code === '1101' || a.code === '1102') && BigInt(a.balance) < 0n) t.fail(`cash ${a.code} negative`)
  }
}

t.test('random sequences of writes keep the ledger balanced, verifiable and unchanged by refusals', async t => {
  await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 18 }), async ops => {
    const api = await testApi({ env: { now: () => new Date('2025-06-01T00:00:00Z') } })
    try {
      const g = await api.post('/v1/groups', { name: 'KUBE Sari', kind: 'kube' })
      const gid = g.json.id as string
      await api.post(`/v1/groups/${gid}/grants`, { date: '2025-03-01', amount: '5000000', source: 'Dinas Sosial' })
      const sent: Sent[] = []
      let n = 0
      for (const o of ops) {
        const before = await snapshot(api, gid)
        let url = ''
        let body: unknown
        let key = `k${n++}`
        if (o.kind === 'donation') { url = `/v1/groups/${gid}/donations`; body = { date: o.date, amount: o.amount, source: 'Desa' } }
        if (o.kind === 'expense') { url = `/v1/groups/${gid}/expenses`; body = { date: o.date, amount: o.amount, account: o.account, description: 'belanja' } }
        if (o.kind === 'entry') {
          const lines = o.lines.map(l => ({ account: l.account, [l.side]: l.amount }))
          if (o.balance && o.lines.length > 0) {
            const net = o.lines.reduce((s, l) => s + (l.side === 'debit' ? BigInt(l.amount) : -BigInt(l.amount)), 0n)
            if (net !== 0n) lines.push(net > 0n ? { account: '3202', credit: String(net) } : { account: '1101', debit: String(-net) })
          }
          url = `/v1/groups/${gid}/journal-entries`
          body = { date: o.date, description: 'acak', lines }
        }
        if (o.kind === 'reverse') {
          const list = (await api.get(`/v1/groups/${gid}/journal-entries?limit=500`)).json.items as Array<{ id: string, date: string }>
          const target = list[o.pick % list.length]!
          url = `/v1/groups/${gid}/journal-entries/${target.id}/reversal`
          body = { reason: 'koreksi', date: o.date > target.date ? o.date : target.date }
        }
        if (o.kind === 'retry') {
          if (sent.length === 0) continue
          const prev = sent[o.pick % sent.length]!
          url = prev.url
          key = prev.key
          body = o.tweak ? { ...(prev.body as object), description: 'lain' } : prev.body
        }
        if (o.kind === 'bad') { url = `/v1/groups/${gid}/journal-entries`; body = o.body }
        const r = await api.post(url, body, { 'idempotency-key': key })
        if (r.status >= 500) t.fail(`5xx for ${JSON.stringify(body)}`)
        if (o.kind === 'retry') {
          const prev = sent.find(s => s.key === key)!
          const sameBody = JSON.stringify(prev.body) === JSON.stringify(body)
          if (sameBody && (r.status !== prev.status || JSON.stringify(r.json) !== JSON.stringify(prev.json)) && prev.status < 300) t.fail('a replay differs from the first answer')
          // A reused key with another body is refused; a body that is itself malformed is refused before the key is looked at.
          if (!sameBody && r.json?.code !== 'IDEMPOTENCY_KEY_REUSED' && r.status !== 400) t.fail(`reused key with another body gave ${r.status}`)
        } else {
          sent.push({ url, body, key, status: r.status, json: r.json })
        }
        if (r.status >= 400 || r.headers['idempotent-replayed'] === 'true') {
          const after = await snapshot(api, gid)
          if (after.head !== before.head || after.balances !== before.balances) t.fail(`a refused or replayed request changed the ledger (${r.status})`)
        }
        await checkInvariants(t, api, gid)
      }
    } finally {
      await api.close()
    }
  }), { numRuns: 30, verbose: 1 })
  t.pass('no sequence broke an invariant')
})
