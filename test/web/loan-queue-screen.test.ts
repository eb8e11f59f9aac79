import t from 'tap'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

/*
 * Giliran pinjaman on the treasurer's screens (issue 19): Beranda and the meeting form say who is next and whether
 * Kas allows her loan; lending to someone else from the form needs the reason, asked next to the loan.
 */
t.test('the next in line on Beranda and the meeting form; a loan out of turn needs its reason', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, g } = await grantedGroup(api)
  const [sari, rai] = [await ok(api, `${g}/members`, { name: 'Ni Made Sari' }), await ok(api, `${g}/members`, { name: 'Ni Ketut Rai' })]
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari, rai], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month', maxPrincipal: '1000000' }, { type: 'loan-queue', memberIds: [sari, rai] }] })
  const { cookie } = await signIn(api, treasurer)
  const home = await get(api, `/g/${groupId}/beranda`, cookie)
  t.match(home.body, /Giliran pinjaman berikutnya: Ni Made Sari<\/strong> \(urutan 1 dari 2\)\. Kas Rp\u00a02\.500\.000 cukup untuk pinjamannya\./)
  t.match(home.body, /Giliran pinjaman: 1\. Ni Made Sari, 2\. Ni Ketut Rai/, 'the decision read with names')

  const form = await get(api, `/g/${groupId}/rapat`, cookie)
  t.match(form.body, /Giliran pinjaman berikutnya: Ni Made Sari/)
  const typed = {
    _csrf: csrfOf(form.body), _idem: idemOf(form.body, 'form-rapat'), tanggal: '15 Maret 2025', hadir: `${sari}\n${rai}`,
    'pinjam:0:anggota': rai, 'pinjam:0:jumlah': '500.000', 'pinjam:0:tenor': '10'
  }
  const refused = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'simpan' })
  t.equal(refused.status, 422)
  t.match(refused.body, /Anggota lain masih menunggu giliran pinjaman lebih dulu/)
  t.equal((await api.get(`${g}/loans`)).json.items.length, 0, 'no loan was made')
  const saved = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, 'pinjam:0:alasan': 'Bu Sari belum perlu, disetujui rapat', langkah: 'simpan' })
  t.equal(saved.status, 200)
  const loans = (await api.get(`${g}/loans`)).json.items as Array<{ memberId: string, outOfTurnReason: string | null }>
  t.same(loans.map(l => [l.memberId, l.outOfTurnReason]), [[rai, 'Bu Sari belum perlu, disetujui rapat']])
})
