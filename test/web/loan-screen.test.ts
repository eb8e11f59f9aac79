import t from 'tap'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

/*
 * The loan page (Pinjaman) through its forms: an angsuran paid early at the meeting is that angsuran, and a Pelunasan
 * settles the loan for its payoff. Rp 1.000.000 over 10 months at 1,5 %/month flat: 100.000 pokok + 15.000 jasa.
 */
t.test('the loan page: an angsuran paid early, then Pelunasan dipercepat for the payoff shown, a wrong amount refused by its field', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-01T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, auditor, g } = await grantedGroup(api)
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari', joinedOn: '2025-01-05' })
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })
  const { cookie } = await signIn(api, treasurer)
  const url = `/g/${groupId}/pinjaman/${loan}`

  const page = await get(api, url, cookie)
  t.equal(page.status, 200)
  t.match(page.body, /id="form-angsuran"/)
  t.match(page.body, /id="form-pelunasan"/)
  t.match(page.body, /Lunas hari ini: <strong>Rp\u00a01\.016\.150<\/strong>/, 'the pokok, the jasa of instalment 1 (due 02-10) and its denda of 02-14')

  // At the meeting of 1 March: instalment 1 with its denda, and instalment 2 (due 03-10) early.
  const paid = await post(api, `${url}/angsuran`, cookie, { _csrf: csrfOf(page.body), _idem: idemOf(page.body, 'form-angsuran'), tanggal: '2025-03-01', jumlah: '231.150' })
  t.equal(paid.status, 303)
  const after = await get(api, String(paid.headers.location), cookie)
  t.match(after.body, /Denda<\/dt><dd>Rp\u00a01\.150<\/dd><\/div><div><dt>Jasa<\/dt><dd>Rp\u00a030\.000<\/dd><\/div><div><dt>Pokok<\/dt><dd>Rp\u00a0200\.000/, 'denda, then both angsuran with their jasa')
  t.match(after.body, /Lunas hari ini: <strong>Rp\u00a0800\.000<\/strong>/)

  // A wrong amount is refused by the amount field, nothing recorded.
  const wrong = await post(api, `${url}/pelunasan`, cookie, { _csrf: csrfOf(after.body), _idem: idemOf(after.body, 'form-pelunasan'), tanggal: '2025-03-01', jumlah: '799.000' })
  t.equal(wrong.status, 422)
  t.match(wrong.body, /id="lunas-jumlah-err" class="error">Jumlah pelunasan tidak sama/)
  t.match(wrong.body, /name="jumlah" type="text" value="799\.000"/, 'what was typed is kept')
  t.equal((await api.get(`${g}/loans/${loan}`)).json.repayments.length, 1)

  const done = await post(api, `${url}/pelunasan`, cookie, { _csrf: csrfOf(after.body), _idem: idemOf(after.body, 'form-pelunasan'), tanggal: '2025-03-01', jumlah: '800000' })
  t.equal(done.status, 303)
  const settled = await get(api, String(done.headers.location), cookie)
  t.match(settled.body, /Pinjaman lunas\./)
  t.notMatch(settled.body, /id="form-pelunasan"/, 'no payment forms on a paid-off loan')
  const l = (await api.get(`${g}/loans/${loan}`)).json
  t.equal(l.status, 'paid_off')
  t.match(l.repayments.at(-1), { amount: '800000', penalty: '0', interest: '0', principal: '800000' })

  // The pengawas reads the page, without the forms.
  const { cookie: reader } = await signIn(api, auditor)
  const seen = await get(api, url, reader)
  t.equal(seen.status, 200)
  t.notMatch(seen.body, /form-pelunasan|form-angsuran/)
})
