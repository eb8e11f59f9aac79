import t from 'tap'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

/*
 * The monthly arisan from the meeting form (issue 19): the treasurer ticks who paid, ticks Kocok and types the number
 * a member called out; the review says it; saving records each contribution and the drawn round once, and the next
 * month's form offers the round after, with a missed payment as susulan.
 */
t.test('a drawn arisan run from the meeting form: ticked contributions, the kocok with its called number, once', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, g } = await grantedGroup(api)
  const [sari, rai, suci] = [await ok(api, `${g}/members`, { name: 'Ni Made Sari' }), await ok(api, `${g}/members`, { name: 'Ni Ketut Rai' }), await ok(api, `${g}/members`, { name: 'Ni Wayan Suci' })]
  const meeting = await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari, rai, suci], decisions: [{ type: 'general', text: 'Arisan Rp 20.000' }] })
  const arisan = await ok(api, `${g}/arisan`, { meetingId: meeting, name: 'Arisan Ibu-ibu', contribution: '20000', schedule: 'monthly', order: 'draw', slots: [[sari], [rai], [suci]] })
  const { cookie } = await signIn(api, treasurer)

  const form = await get(api, `/g/${groupId}/rapat`, cookie)
  t.match(form.body, /Arisan Ibu-ibu · putaran 1 dari 3/)
  t.match(form.body, new RegExp(`name="arisan_setor" value="${arisan} 1 1 ${sari}"`), 'a box for each holder of the collecting round')
  const typed = {
    _csrf: csrfOf(form.body), _idem: idemOf(form.body, 'form-rapat'), tanggal: '5 Februari 2025', hadir: `${sari}\n${rai}\n${suci}`,
    arisan_setor: `${arisan} 1 1 ${sari}\n${arisan} 1 2 ${rai}`, arisan_kocok: arisan
  }
  const missing = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'periksa' })
  t.equal(missing.status, 422, 'a kocok without the called number is sent back')
  t.match(missing.body, /Isi angka yang diseru anggota/)

  const withCalled = { ...typed, [`arisan_seru:${arisan}`]: '27' }
  const review = await post(api, `/g/${groupId}/rapat`, cookie, { ...withCalled, langkah: 'periksa' })
  t.equal(review.status, 200)
  t.match(review.body, /Setoran Arisan Ibu-ibu: 2 nomor, <strong>Rp\u00a040\.000<\/strong>/)
  t.match(review.body, /Arisan Ibu-ibu putaran 1: dikocok, angka diseru 27/)
  t.match(review.body, new RegExp(`name="arisan_setor" value="${arisan} 1 2 ${rai}"`), 'each ticked box is carried to the save, one input each')

  const saved = await post(api, `/g/${groupId}/rapat`, cookie, { ...withCalled, langkah: 'simpan' })
  t.equal(saved.status, 200)
  t.match(saved.body, /Arisan Ibu-ibu putaran 1: No\. \d \((Ni Made Sari|Ni Ketut Rai|Ni Wayan Suci)\) menerima <strong>Rp\u00a040\.000<\/strong> · bukti undian/)
  const again = await post(api, `/g/${groupId}/rapat`, cookie, { ...withCalled, langkah: 'simpan' })
  t.equal(again.status, 200, 'sending the form again')
  const a = (await api.get(`${g}/arisan/${arisan}`)).json
  t.equal(a.rounds.length, 1, 'records the round once')
  t.equal(a.rounds[0].draw.called, '27')
  t.equal(a.rounds[0].meetingId !== null, true, 'the round names the meeting it was drawn at')
  t.equal(a.paidIn, '40000')
  t.same(a.standing.find((s: { memberId: string }) => s.memberId === suci).unpaid, [1], 'Bu Suci has not paid round 1')

  const next = await get(api, `/g/${groupId}/rapat`, cookie)
  t.match(next.body, /Arisan Ibu-ibu · putaran 2 dari 3/)
  t.match(next.body, new RegExp(`name="arisan_setor" value="${arisan} 1 3 ${suci}"`), 'her round 1 offered as susulan')
})
