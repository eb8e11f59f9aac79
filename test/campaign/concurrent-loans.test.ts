import t from 'tap'
import { ADMIN_TOKEN, testApi, type Api } from '../helpers.js'

/**
 * Fifty members ask for a loan at the same moment against a cash box (Kas) that can pay only some of them. The single
 * writer gathers the requests into shared transactions; inside them each loan is checked against the cash left by the
 * loans before it. Exactly the affordable ones are disbursed, the others are refused with INSUFFICIENT_FUNDS, and Kas
 * never goes below zero.
 */

const LOAN = 100_000n
const MEMBERS = 50

interface Setup { gid: string, members: string[] }

async function groupWithCash (api: Api, cash: bigint): Promise<Setup> {
  const created = async (url: string, body: unknown): Promise<string> => {
    const r = await api.post(url, body)
    if (r.status !== 201) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.json)}`)
    return r.json.id as string
  }
  const gid = await created('/v1/groups', { name: 'KUBE Sekar Jagat', kind: 'kube', village: 'Sibang Gede' })
  const g = `/v1/groups/${gid}`
  const members: string[] = []
  for (let i = 1; i <= MEMBERS; i++) members.push(await created(`${g}/members`, { name: `Anggota ${i}`, householdNo: `KK-${String(i).padStart(3, '0')}` }))
  await created(`${g}/grants`, { date: '2025-01-10', amount: cash.toString(), source: 'Dinas Sosial Kabupaten Badung' })
  await created(`${g}/meetings`, {
    date: '2025-01-15', attendees: members.slice(0, 10), notes: 'Pinjaman paling banyak Rp 500.000, 10 bulan.',
    decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month', maxTermCount: 10, maxPrincipal: '500000' }]
  })
  return { gid, members }
}

async function balances (api: Api, gid: string): Promise<Map<string, bigint>> {
  const r = await api.get(`/v1/groups/${gid}/accounts`)
  return new Map((r.json.items as Array<{ code: string, balance: string }>).map(a => [a.code, BigInt(a.balance)]))
}

for (const cash of [1_000_000n, 1_050_000n, 99_999n]) {
  const affordable = Number(cash / LOAN)
  t.test(`50 parallel loans of Rp 100.000 from a Kas of Rp ${cash.toLocaleString('id-ID')}: exactly ${affordable} are disbursed`, async t => {
    const api = await testApi({ env: { now: () => new Date('2025-03-01T02:00:00Z') } })
    t.teardown(api.close)
    const { gid, members } = await groupWithCash(api, cash)
    const g = `/v1/groups/${gid}`

    const answers = await Promise.all(members.map(async memberId => await api.app.inject({
      method: 'POST',
      url: `${g}/loans`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ memberId, principal: LOAN.toString(), termCount: 10, frequency: 'monthly', disbursedOn: '2025-02-01', purpose: 'Modal dagang canang' })
    })))

    const granted = answers.filter(a => a.statusCode === 201)
    const refused = answers.filter(a => a.statusCode !== 201)
    t.equal(granted.length, affordable, 'exactly the affordable loans are disbursed')
    t.equal(refused.length, MEMBERS - affordable)
    t.same(refused.map(r => [r.statusCode, String(r.headers['content-type']).split(';')[0], r.json().code, r.json().status]),
      refused.map(() => [422, 'application/problem+json', 'INSUFFICIENT_FUNDS', 422]), 'every other request is a 422 INSUFFICIENT_FUNDS problem')
    const borrowers = granted.map(a => a.json().memberId as string)
    t.equal(new Set(borrowers).size, affordable, 'one loan per successful request')

    const after = await balances(api, gid)
    t.equal(after.get('1101'), cash - BigInt(affordable) * LOAN, 'Kas holds what the refused loans left')
    t.equal(after.get('1201'), BigInt(affordable) * LOAN, 'Piutang Pinjaman Anggota equals the disbursed principal')

    const loans = await api.get(`${g}/loans`)
    t.same((loans.json.items as Array<{ memberId: string }>).map(l => l.memberId).sort(), [...borrowers].sort(), 'the loan register lists exactly the disbursed loans')

    // Kas never went below zero at any point of the journal, not just at the end.
    const kas = await api.get(`${g}/accounts/1101/ledger`)
    t.equal(kas.status, 200)
    const running = (kas.json.rows as Array<{ balance: string }>).map(r => BigInt(r.balance))
    t.equal(running.length, 1 + affordable, 'the grant and one payout per loan')
    t.ok(running.every(b => b >= 0n), `Kas never negative: ${running.join(', ')}`)
    t.equal(running.at(-1), cash - BigInt(affordable) * LOAN)

    const v = await api.get(`${g}/verify`)
    t.match(v.json, { valid: true, entries: 1 + affordable, head: { seq: 1 + affordable } })
    const tb = await api.get(`${g}/trial-balance`)
    t.equal(tb.json.totals.debit, tb.json.totals.credit, 'the trial balance balances')
    t.equal(tb.json.totals.debit, cash.toString())
  })
}
