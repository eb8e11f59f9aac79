import t from 'tap'
import { testApi } from '../helpers.js'
import { groupWithKeys, ok } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

t.test('the meeting form for many members: Semua hadir and the search above the list, one wajib for everyone present, the denda shown before paying', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer } = await groupWithKeys(api)
  const g = `/v1/groups/${groupId}`
  await ok(api, `${g}/grants`, { date: '2025-01-05', amount: '2500000', source: 'Program P2WKSS Provinsi Bali' })
  const [sari, rai, suci] = [await ok(api, `${g}/members`, { name: 'Ni Made Sari' }), await ok(api, `${g}/members`, { name: 'Ni Ketut Rai' }), await ok(api, `${g}/members`, { name: 'Ni Wayan Suci' })]
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })
  const penalty = ((await api.get(`${g}/loans/${loan}?asOf=2025-03-20`)).json as { outstanding: { penalty: string } }).outstanding.penalty
  t.ok(BigInt(penalty) > 0n, `the February instalment is overdue: denda ${penalty}`)
  const { cookie } = await signIn(api, treasurer)

  const form = await get(api, `/g/${groupId}/rapat`, cookie)
  t.equal(form.status, 200)
  const list = form.body.indexOf('id="daftar-hadir"')
  t.ok(form.body.indexOf('data-check-all="hadir"') > 0 && form.body.indexOf('data-check-all="hadir"') < list, 'Semua hadir sits above the list, not below the 50th member')
  t.ok(form.body.indexOf('id="cari-anggota"') > 0 && form.body.indexOf('id="cari-anggota"') < list, 'and so does the search')
  t.match(form.body, new RegExp(`denda Rp\u00a0${Number(penalty).toLocaleString('id-ID').replace(/\./g, '\\.')} \\(dibayar lebih dulu\\)`), 'the denda she owes, before her payment is split')

  const typed = {
    _csrf: csrfOf(form.body), _idem: idemOf(form.body, 'form-rapat'), tanggal: '15 Maret 2025', hadir: `${sari}\n${rai}`,
    wajib_semua: '5.000', [`wajib:${rai}`]: '7.000', [`wajib:${suci}`]: ''
  }
  const review = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'periksa' })
  t.equal(review.status, 200)
  t.match(review.body, /Rapat <strong>15 Maret 2025<\/strong>/, 'the date typed the Indonesian way')
  t.match(review.body, /Simpanan wajib Ni Made Sari: <strong>Rp\u00a05\.000<\/strong>/, 'the wajib for everyone present')
  t.match(review.body, /Simpanan wajib Ni Ketut Rai: <strong>Rp\u00a07\.000<\/strong>/, 'a wajib typed for one member stays hers')
  t.notMatch(review.body, /Simpanan wajib Ni Wayan Suci/, 'not for a member who is absent')

  const saved = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'simpan' })
  t.equal(saved.status, 200)
  const wajib = async (member: string): Promise<Array<{ date: string, deposit: string }>> =>
    ((await api.get(`${g}/members/${member}/savings`)).json.rows as Array<{ kind: string, date: string, deposit: string }>).filter(r => r.kind === 'wajib')
  t.same((await wajib(sari)).map(r => [r.date, r.deposit]), [['2025-03-15', '5000']])
  t.same((await wajib(rai)).map(r => [r.date, r.deposit]), [['2025-03-15', '7000']])
  t.same(await wajib(suci), [])
})
