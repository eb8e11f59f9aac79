import t from 'tap'
import { testApi } from '../helpers.js'
import { phones, shooter, signInWithKey, skip } from './phone.js'

/*
 * A member on her own phone at 360 px (issue 18): the bendahara gives her access from her member page and sends the
 * one-time link; she chooses her PIN there and reads her passbook, her loan and her receipts, and nothing of the other
 * member. Screenshots go to test-artifacts/web/ (40-…).
 */

t.test('the bendahara sends a member her link; on her phone she chooses her PIN and checks her passbook and loan', { skip }, async t => {
  const api = await testApi()
  const today = new Date().toISOString().slice(0, 10)
  const g = `/v1/groups/${(await api.post('/v1/groups', { name: 'KUBE Mawar', kind: 'kube' })).json.id as string}`
  const sari = (await api.post(`${g}/members`, { name: 'Ni Made Sari' })).json.id as string
  const wayan = (await api.post(`${g}/members`, { name: 'Ni Wayan Rai' })).json.id as string
  await api.post(`${g}/grants`, { date: today, amount: '5000000', source: 'Dinas' })
  await api.post(`${g}/meetings`, { date: today, attendees: [sari, wayan], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }, { type: 'general', text: 'Rapat berikutnya tanggal 5' }] })
  for (const [m, amount] of [[sari, '20000'], [wayan, '35000']] as const) await api.post(`${g}/savings`, { memberId: m, kind: 'wajib', date: today, amount })
  await api.post(`${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: today, purpose: 'Modal warung' })
  await api.post(`${g}/loans`, { memberId: wayan, principal: '700000', termCount: 10, frequency: 'monthly', disbursedOn: today })
  const key = (await api.post('/v1/api-keys', { name: 'Bu Made (bendahara)', role: 'treasurer', groupIds: [g.split('/')[3]] })).json.key as string
  const { base, phone } = await phones(t, api)
  const shot = shooter(t)

  const bendahara = await phone()
  await signInWithKey(bendahara, base, key)
  await bendahara.goto(`${base}/g/${g.split('/')[3]}/anggota/${sari}`)
  const form = bendahara.locator('#form-akses')
  await form.getByLabel('Nomor HP untuk masuk').fill('0812 1111 2222')
  await form.getByRole('button', { name: 'Buat akses' }).click()
  await bendahara.getByRole('link', { name: 'Kirim via WhatsApp' }).waitFor()
  await shot(bendahara, '40-akses-anggota')
  const link = await bendahara.locator('main code').innerText()
  t.match(link, /\/undangan\//)

  const member = await phone()
  await member.goto(link)
  await member.getByLabel('Pilih PIN').fill('730519')
  await member.getByLabel('Ulangi PIN').fill('730519')
  await member.getByRole('button', { name: 'Simpan PIN dan masuk' }).click()
  await member.waitForURL('**/saya')
  const text = await member.locator('main').innerText()
  t.match(text, /Buku Ni Made Sari/)
  t.match(text, /Rp\s20\.000/, 'her wajib')
  t.match(text, /Sisa pokok\s*Rp\s1\.000\.000/i, 'her loan')
  t.match(text, /Rapat berikutnya tanggal 5/, 'the last meeting\'s decisions')
  t.notMatch(text, /Wayan|35\.000|700\.000/, 'nothing of the other member')
  t.equal(await member.locator('nav.tabs').count(), 0, 'no group screens')
  await shot(member, '41-buku-saya')
  await member.getByText('Jadwal angsuran').click()
  await shot(member, '42-buku-saya-jadwal')
  await member.goto(`${base}/g/${g.split('/')[3]}/anggota`)
  t.equal(new URL(member.url()).pathname, '/saya', 'the group\'s pages send her back to her own')
})
