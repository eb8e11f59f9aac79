import fc from 'fast-check'
import t from 'tap'
import { testApi } from '../helpers.js'

/**
 * Kas never goes below zero at the end of any day, whatever order money comes in and goes out, backdated or not. A
 * model keeps the accepted movements and decides each outflow itself: it is allowed exactly when the balance at the
 * end of its own day and of every later day still covers it. The service must agree with the model on every request.
 */
const DAYS = 12
const day = fc.integer({ min: 1, max: DAYS })
const move = fc.record({ inflow: fc.boolean(), day, amount: fc.integer({ min: 1, max: 100 }) })

function isoDay (d: number): string {
  return `2025-03-${String(d).padStart(2, '0')}`
}

/** The end-of-day balance of day `d` under the accepted movements. */
function balanceAt (accepted: ReadonlyArray<{ day: number, net: number }>, d: number): number {
  return accepted.filter(m => m.day <= d).reduce((s, m) => s + m.net, 0)
}

t.test('an outflow is posted exactly when Kas covers it at the end of its day and of every later day', async t => {
  const api = await testApi()
  t.teardown(api.close)
  let runs = 0
  await fc.assert(fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 14 }), async moves => {
    const g = await api.post('/v1/groups', { name: `Kas ${++runs}`, kind: 'pkk' })
    const base = `/v1/groups/${g.json.id as string}/journal-entries`
    const accepted: Array<{ day: number, net: number }> = []
    for (const m of moves) {
      const lines = m.inflow
        ? [{ account: '1101', debit: String(m.amount) }, { account: '3202', credit: String(m.amount) }]
        : [{ account: '5101', debit: String(m.amount) }, { account: '1101', credit: String(m.amount) }]
      const r = await api.post(base, { date: isoDay(m.day), description: m.inflow ? 'Donasi' : 'Belanja', lines })
      const allowed = m.inflow || Array.from({ length: DAYS - m.day + 1 }, (_, i) => balanceAt(accepted, m.day + i)).every(b => b >= m.amount)
      if (allowed !== (r.status === 201)) {
        throw new Error(`${m.inflow ? 'in' : 'out'} ${m.amount} on day ${m.day}: the model says ${allowed ? 'post' : 'refuse'}, the service answered ${r.status} ${JSON.stringify(r.json)} after ${JSON.stringify(accepted)}`)
      }
      if (r.status !== 201 && r.json.code !== 'INSUFFICIENT_FUNDS') throw new Error(`refused for ${r.json.code as string}, not INSUFFICIENT_FUNDS`)
      if (allowed) accepted.push({ day: m.day, net: m.inflow ? m.amount : -m.amount })
    }
    const lowest = Math.min(...Array.from({ length: DAYS }, (_, i) => balanceAt(accepted, i + 1)))
    if (lowest < 0) throw new Error(`Kas ended a day at ${lowest}`)
  }), { numRuns: 60 })
  t.pass('60 random sequences: the service posted and refused exactly as the model, and Kas ended no day below zero')
})

t.test('a member\'s sukarela is withdrawn exactly when her passbook covers it at the end of its day and of every later day', async t => {
  const api = await testApi()
  t.teardown(api.close)
  let runs = 0
  await fc.assert(fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 14 }), async moves => {
    const g = (await api.post('/v1/groups', { name: `Simpanan ${++runs}`, kind: 'pkk' })).json.id as string
    await api.post(`/v1/groups/${g}/grants`, { date: isoDay(1), amount: '1000000', source: 'Pemkab' })
    const member = (await api.post(`/v1/groups/${g}/members`, { name: 'Ni Made Sari' })).json.id as string
    const accepted: Array<{ day: number, net: number }> = []
    for (const m of moves) {
      const body = { memberId: member, date: isoDay(m.day), amount: String(m.amount) }
      const r = m.inflow ? await api.post(`/v1/groups/${g}/savings`, { ...body, kind: 'sukarela' }) : await api.post(`/v1/groups/${g}/savings/withdrawals`, body)
      const allowed = m.inflow || Array.from({ length: DAYS - m.day + 1 }, (_, i) => balanceAt(accepted, m.day + i)).every(b => b >= m.amount)
      if (allowed !== (r.status === 201)) {
        throw new Error(`${m.inflow ? 'deposit' : 'withdrawal'} ${m.amount} on day ${m.day}: the model says ${allowed ? 'post' : 'refuse'}, the service answered ${r.status} ${JSON.stringify(r.json)} after ${JSON.stringify(accepted)}`)
      }
      if (r.status !== 201 && r.json.code !== 'INSUFFICIENT_SAVINGS') throw new Error(`refused for ${r.json.code as string}, not INSUFFICIENT_SAVINGS`)
      if (allowed) accepted.push({ day: m.day, net: m.inflow ? m.amount : -m.amount })
    }
    const passbook = (await api.get(`/v1/groups/${g}/members/${member}/savings`)).json
    if (passbook.balances.sukarela !== String(accepted.reduce((s, m) => s + m.net, 0))) throw new Error(`passbook ${passbook.balances.sukarela as string}`)
  }), { numRuns: 40 })
  t.pass('40 random sequences: deposits and withdrawals posted and refused exactly as the model, the passbook never below zero')
})

t.test('money spent before a later inflow must have been in the box already (found by the model above)', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const g = (await api.post('/v1/groups', { name: 'Kas', kind: 'pkk' })).json.id as string
  const post = async (day: number, inflow: boolean, amount: string): Promise<number> => (await api.post(`/v1/groups/${g}/journal-entries`, {
    date: isoDay(day), description: 'x', lines: inflow ? [{ account: '1101', debit: amount }, { account: '3202', credit: amount }] : [{ account: '5101', debit: amount }, { account: '1101', credit: amount }]
  })).status
  t.equal(await post(10, true, '100000'), 201, 'Rp 100.000 in on the 10th')
  t.equal(await post(20, true, '50000'), 201, 'Rp 50.000 in on the 20th')
  t.equal(await post(15, false, '120000'), 422, 'Rp 120.000 out on the 15th: the box held only Rp 100.000 from the 15th to the 19th')
  t.equal(await post(20, false, '120000'), 201, 'on the 20th it can')
  t.equal(await post(10, false, '30000'), 201, 'spent the day it came in: the day ends at Rp 70.000, and the 20th at Rp 0')
  t.equal(await post(11, false, '1'), 422, 'one more rupiah would take the 20th below zero')

  // The same for a passbook: sukarela paid in on the 20th cannot have been taken out on the 10th.
  const sari = (await api.post(`/v1/groups/${g}/members`, { name: 'Ni Made Sari' })).json.id as string
  t.equal((await api.post(`/v1/groups/${g}/savings`, { memberId: sari, kind: 'sukarela', date: isoDay(20), amount: '50000' })).status, 201)
  const early = await api.post(`/v1/groups/${g}/savings/withdrawals`, { memberId: sari, date: isoDay(12), amount: '50000' })
  t.equal(early.json.code, 'INSUFFICIENT_SAVINGS')
  t.match(early.json.detail, /holds Rp 0 on account 2101 from 2025-03-12 on/)
  t.equal((await api.post(`/v1/groups/${g}/savings/withdrawals`, { memberId: sari, date: isoDay(20), amount: '50000' })).status, 201, 'on the 20th she can')
})
