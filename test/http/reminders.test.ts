import t from 'tap'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onPostgres, testApi, type Api } from '../helpers.js'
import { fakeGateway } from '../message-gateway.js'

/*
 * Reminders and balance alerts over simulated days: the test's clock moves a day at a time, the worker turns several
 * times a day, and the service is restarted over the same database file every ten days.
 */

const day = (iso: string, hourWita: number): number => Date.parse(`${iso}T00:00:00Z`) + (hourWita - 8) * 3600_000
const dates = (from: string, to: string): string[] => {
  const out: string[] = []
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10))
  return out
}

t.test('H-3, H-0 and overdue reminders go out once each, at the gateway\'s hour, across restarts, over five weeks', { skip: onPostgres ? 'restarts over one SQLite file' : false }, async t => {
  const file = join(mkdtempSync(join(tmpdir(), 'lumbung-reminders-')), 'books.sqlite')
  const clock = { ms: day('2025-03-01', 9) }
  const gw = await fakeGateway()
  t.teardown(gw.close)
  const open = async (): Promise<Api> => await testApi({ database: file, env: { now: () => new Date(clock.ms) }, app: { webhooks: { allowPrivate: true, timeoutMs: 1000 } } })
  let api = await open()
  const gid = (await api.post('/v1/groups', { name: 'PKK Dusun Kaja', kind: 'pkk' })).json.id as string
  const g = `/v1/groups/${gid}`
  await api.post(`${g}/grants`, { date: '2025-03-01', amount: '1000000', source: 'Dana desa' })
  const sari = (await api.post(`${g}/members`, { name: 'Ni Sari' })).json.id as string
  await api.post(`${g}/members/${sari}/contact`, { phone: '0812 3456 7890', optedOut: false })
  await api.post(`${g}/meetings`, {
    date: '2025-03-01', attendees: [sari],
    decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', penalty: { percentOfOverdue: '0', fixed: '2000', per: 'once', graceDays: 0 } }]
  })
  const loan = (await api.post(`${g}/loans`, { memberId: sari, principal: '500000', termCount: 5, frequency: 'monthly', disbursedOn: '2025-03-01' })).json
  t.same(loan.schedule.slice(0, 2).map((i: { dueDate: string }) => i.dueDate), ['2025-04-01', '2025-05-01'])
  t.equal((await api.post(`${g}/message-gateway`, { kind: 'http', url: gw.url, reminderHour: 8 })).status, 200)
  let restarts = 0
  for (const [i, d] of dates('2025-03-20', '2025-05-10').entries()) {
    if (i > 0 && i % 10 === 0) { await api.close(); api = await open(); restarts++ }
    for (const hour of [6, 9, 9, 15, 23]) {
      clock.ms = day(d, hour)
      await api.app.lumbung.messages.tick()
    }
    // She pays the first instalment four days late (with its denda).
    if (d === '2025-04-05') t.equal((await api.post(`${g}/loans/${loan.id as string}/repayments`, { date: d, amount: '122000' })).status, 201)
  }
  t.equal(restarts, 5)
  const reminders = ((await api.get(`${g}/messages?kind=reminder&limit=500`)).json.items as Array<{ text: string, status: string, createdAt: string }>).reverse()
  t.same(reminders.map(r => [r.createdAt.slice(0, 10), r.status]), [
    ['2025-03-29', 'sent'], ['2025-04-01', 'sent'], ['2025-04-02', 'sent'], ['2025-04-28', 'sent'], ['2025-05-01', 'sent'], ['2025-05-02', 'sent'], ['2025-05-08', 'sent']
  ], 'H-3, H-0 and 1 and 7 days late for each instalment that fell due, while unpaid; none twice, none before the hour; none after she paid')
  t.same(reminders.map(r => r.text), [
    'PKK Dusun Kaja: pengingat angsuran ke-1 jatuh tempo 1 April 2025 (3 hari lagi). Yang dibayar Rp 110.000.',
    'PKK Dusun Kaja: angsuran ke-1 jatuh tempo hari ini, 1 April 2025. Yang dibayar Rp 110.000.',
    'PKK Dusun Kaja: angsuran ke-1 lewat jatuh tempo 1 hari (1 April 2025). Yang harus dibayar Rp 112.000, termasuk denda Rp 2.000.',
    // Her Rp 122.000 paid the denda, the first instalment and Rp 10.000 of the second's jasa.
    'PKK Dusun Kaja: pengingat angsuran ke-2 jatuh tempo 1 Mei 2025 (3 hari lagi). Yang dibayar Rp 100.000.',
    'PKK Dusun Kaja: angsuran ke-2 jatuh tempo hari ini, 1 Mei 2025. Yang dibayar Rp 100.000.',
    'PKK Dusun Kaja: angsuran ke-2 lewat jatuh tempo 1 hari (1 Mei 2025). Yang harus dibayar Rp 102.000, termasuk denda Rp 2.000.',
    'PKK Dusun Kaja: angsuran ke-2 lewat jatuh tempo 7 hari (1 Mei 2025). Yang harus dibayar Rp 102.000, termasuk denda Rp 2.000.'
  ], 'the amount due, with the denda once it accrues')
  const sentTexts = gw.got.map(s => String(s.fields.message)).filter(m => !m.includes('Cek:'))
  t.same(sentTexts, reminders.map(r => r.text), 'the gateway got each reminder exactly once')
  await api.close()
})

t.test('a monitor fires once per crossing: Kas below Rp 200.000, a member\'s arrears above Rp 50.000', async t => {
  const clock = { ms: day('2025-03-01', 9) }
  const api = await testApi({ env: { now: () => new Date(clock.ms) }, app: { webhooks: { allowPrivate: true, timeoutMs: 1000 } } })
  t.teardown(api.close)
  const gw = await fakeGateway()
  t.teardown(gw.close)
  const gid = (await api.post('/v1/groups', { name: 'KUBE Melati', kind: 'kube' })).json.id as string
  const g = `/v1/groups/${gid}`
  await api.post(`${g}/grants`, { date: '2025-03-01', amount: '1000000', source: 'Dinas Sosial' })
  const ayu = (await api.post(`${g}/members`, { name: 'Ni Ayu' })).json.id as string
  await api.post(`${g}/meetings`, { date: '2025-03-01', attendees: [ayu], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month' }] })
  await api.post(`${g}/message-gateway`, { kind: 'http', url: gw.url, reminderHour: null })
  const kas = await api.post(`${g}/monitors`, { kind: 'kas_below', threshold: '200000', phone: '0811 2222 3333' })
  t.equal(kas.status, 201)
  t.match(kas.json, { kind: 'kas_below', threshold: '200000', phone: '6281122223333' })
  await api.post(`${g}/monitors`, { kind: 'arrears_above', threshold: '50000', phone: '0811 2222 3333' })
  const w = api.app.lumbung.messages
  const spend = async (amount: string): Promise<void> => { t.equal((await api.post(`${g}/expenses`, { date: '2025-03-01', amount, account: '5101', description: 'Belanja bahan' })).status, 201) }
  await w.tick()
  t.equal(gw.got.length, 0, 'nothing while Kas stands above')
  t.equal((await api.post(`${g}/loans`, { memberId: ayu, principal: '600000', termCount: 3, frequency: 'monthly', disbursedOn: '2025-03-01' })).status, 201)
  await spend('250000')
  await w.tick()
  await w.tick()
  t.same(gw.got.map(s => s.fields.message), ['KUBE Melati: saldo Kas Rp 150.000, di bawah batas Rp 200.000 (1 Maret 2025).'], 'Kas crossed: one alert')
  t.ok(gw.got.every(s => s.fields.phone === '6281122223333'), 'to the monitor\'s number')
  await spend('10000')
  await w.tick()
  t.equal(gw.got.length, 1, 'still below: no second alert')
  await api.post(`${g}/donations`, { date: '2025-03-01', amount: '300000', source: 'Donatur' })
  await w.tick()
  await spend('300000')
  await w.tick()
  t.equal(gw.got.length, 2, 'back above, then below again: a second crossing, a second alert')
  t.match(String(gw.got[1]?.fields.message), /saldo Kas Rp 140\.000/)
  clock.ms = day('2025-04-10', 9)
  await w.tick()
  await w.tick()
  t.same(gw.got.slice(2).map(s => s.fields.message), ['KUBE Melati: tunggakan Ni Ayu Rp 212.000, di atas batas Rp 50.000 (10 April 2025).'], 'her instalment is nine days late: one alert')
  const monitors = (await api.get(`${g}/monitors`)).json.items as Array<{ id: string }>
  t.equal((await api.post(`${g}/monitors/${monitors[0]?.id ?? ''}/disable`, {})).json.disabledAt !== null, true)
})
