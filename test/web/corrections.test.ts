import t from 'tap'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

t.test('a wrong expense corrected on screen: the reversing lines shown first, a reason required, recorded once, seen by the pengawas with who and why', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, auditor, g } = await grantedGroup(api, '2025-03-01')
  const wrong = await ok(api, `${g}/expenses`, { date: '2025-03-05', amount: '600000', account: '5101', description: 'Konsumsi rapat Maret' })
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari' })
  await ok(api, `${g}/meetings`, { date: '2025-03-01', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '500000', termCount: 5, frequency: 'monthly', disbursedOn: '2025-03-10' })
  const { cookie } = await signIn(api, treasurer)

  const list = await get(api, `/g/${groupId}/koreksi`, cookie)
  t.equal(list.status, 200)
  t.match(list.body, /Pengeluaran: Konsumsi rapat Maret/)
  t.match(list.body, /Konsumsi rapat Maret <\/span>\s*<span class="muted">dicatat oleh admin · 2025-03-20 02:00 UTC/, 'who recorded it, and when')
  t.match(list.body, new RegExp(`href="/g/${groupId}/koreksi/${wrong}">Koreksi transaksi #2<`), 'the expense can be corrected')
  t.notMatch(list.body, /Koreksi transaksi #4</, 'the loan\'s disbursement (entry 4) is not offered: it belongs to its loan')
  t.ok(loan.length > 0)

  const confirm = await get(api, `/g/${groupId}/koreksi/${wrong}`, cookie)
  t.match(confirm.body, /Jurnal balik yang akan dicatat[\s\S]*?5101 Beban Konsumsi Rapat<\/td><td class="amount">–<\/td><td class="amount">Rp\u00a0600\.000<\/td><\/tr><tr><td>1101 Kas<\/td><td class="amount">Rp\u00a0600\.000<\/td>/,
    'the reversing lines, Kas debited back and the expense credited, before anything is recorded')
  const form = { _csrf: csrfOf(confirm.body), _idem: idemOf(confirm.body, 'form-koreksi'), tanggal: '20 Maret 2025', pin: treasurer }
  t.match(confirm.body, /id="form-koreksi"[^>]*data-online-only/, 'never kept on the phone to send later')
  const noPin = await post(api, `/g/${groupId}/koreksi/${wrong}`, cookie, { ...form, pin: auditor, alasan: 'Salah catat' })
  t.equal(noPin.status, 422, 'the session cookie alone does not correct: the key (for a PIN session, the PIN) is asked again')
  t.match(noPin.body, /id="koreksi-pin-err"/)
  t.equal((await api.get(`${g}/journal-entries/${wrong}`)).json.reversedBy, null, 'nothing recorded without it')
  const noReason = await post(api, `/g/${groupId}/koreksi/${wrong}`, cookie, { ...form, alasan: '' })
  t.equal(noReason.status, 422, 'a correction needs its reason')
  t.match(noReason.body, /id="koreksi-alasan-err"/)
  t.equal((await api.get(`${g}/journal-entries/${wrong}`)).json.reversedBy, null, 'nothing recorded')

  const done = await post(api, `/g/${groupId}/koreksi/${wrong}`, cookie, { ...form, alasan: 'Salah catat: seharusnya Rp 60.000' })
  t.equal(done.status, 303)
  const again = await post(api, `/g/${groupId}/koreksi/${wrong}`, cookie, { ...form, alasan: 'Salah catat: seharusnya Rp 60.000' })
  t.equal(again.status, 303, 'sent twice (a double tap, a dropped connection): replayed')
  const entries = (await api.get(`${g}/journal-entries`)).json.items as Array<{ kind: string, reverses: string | null, description: string, date: string }>
  const reversals = entries.filter(e => e.kind === 'reversal')
  t.equal(reversals.length, 1, 'one reversing entry')
  t.equal(reversals[0]?.reverses, wrong)
  t.equal(reversals[0]?.date, '2025-03-20', 'dated as typed, the Indonesian way')
  t.match(reversals[0]?.description ?? '', /Salah catat: seharusnya Rp 60\.000/)
  const kas = ((await api.get(`${g}/accounts`)).json.items as Array<{ code: string, balance: string }>).find(a => a.code === '1101')
  t.equal(kas?.balance, '2000000', 'Kas as if the expense had not been: 2.500.000 − 500.000 lent')

  const after = await get(api, String(done.headers.location), cookie)
  t.match(after.body, /Koreksi tercatat\./)
  t.match(after.body, /Koreksi bulan ini \(1\)[\s\S]*?Koreksi \(jurnal balik\): Pembalikan entri #2: Salah catat/)
  t.notMatch(after.body, new RegExp(`koreksi/${wrong}"`), 'a corrected entry is not offered again')
  const twice = await get(api, `/g/${groupId}/koreksi/${wrong}`, cookie)
  t.match(twice.body, /Transaksi ini sudah dibatalkan sebelumnya\./)
  t.notMatch(twice.body, /id="form-koreksi"/)

  const pengawas = (await signIn(api, auditor)).cookie
  const seen = await get(api, `/g/${groupId}/koreksi`, pengawas)
  t.match(seen.body, /Koreksi bulan ini \(1\)[\s\S]*?Salah catat: seharusnya Rp 60\.000[\s\S]*?dicatat oleh Bu Made \(bendahara\)/, 'the pengawas sees the correction, who made it and why')
  t.notMatch(seen.body, /Koreksi transaksi #/, 'and nothing to correct with')
  t.notMatch((await get(api, `/g/${groupId}/koreksi/${wrong}`, pengawas)).body, /<form method="post"[^>]*id="form-koreksi"/)
})

t.test('a loan\'s latest instalment undone from its page: its split shown reversed, a reason required, the loan owes it again', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, g } = await grantedGroup(api)
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari' })
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })
  await ok(api, `${g}/loans/${loan}/repayments`, { date: '2025-02-10', amount: '115000' })
  const wrong = await ok(api, `${g}/loans/${loan}/repayments`, { date: '2025-03-10', amount: '150000' })
  const before = (await api.get(`${g}/loans/${loan}`)).json as { outstanding: { principal: string } }
  const { cookie } = await signIn(api, treasurer)

  const card = await get(api, `/g/${groupId}/pinjaman/${loan}`, cookie)
  t.match(card.body, new RegExp(`href="/g/${groupId}/pinjaman/${loan}/koreksi/${wrong}">Batalkan angsuran terakhir \\(10 Maret 2025, Rp\u00a0150\\.000\\)`), 'only the latest is offered')
  const confirm = await get(api, `/g/${groupId}/pinjaman/${loan}/koreksi/${wrong}`, cookie)
  t.equal(confirm.status, 200)
  t.match(confirm.body, /Angsuran · 10 Maret 2025 · Rp\u00a0150\.000/)
  t.match(confirm.body, /Jurnal balik yang akan dicatat[\s\S]*?1101 Kas<\/td><td class="amount">–<\/td><td class="amount">Rp\u00a0150\.000/, 'Kas credited back')
  const form = { _csrf: csrfOf(confirm.body), _idem: idemOf(confirm.body, 'form-koreksi'), tanggal: '20/3/2025', pin: treasurer }
  t.equal((await post(api, `/g/${groupId}/pinjaman/${loan}/koreksi/${wrong}`, cookie, { ...form, alasan: '' })).status, 422)
  const done = await post(api, `/g/${groupId}/pinjaman/${loan}/koreksi/${wrong}`, cookie, { ...form, alasan: 'Uang Rp 150.000 belum diterima' })
  t.equal(done.status, 303)
  t.equal(String(done.headers.location), `/g/${groupId}/pinjaman/${loan}?ok=koreksi`)
  t.equal((await post(api, `/g/${groupId}/pinjaman/${loan}/koreksi/${wrong}`, cookie, { ...form, alasan: 'Uang Rp 150.000 belum diterima' })).status, 303, 'sent twice: replayed')
  const after = (await api.get(`${g}/loans/${loan}`)).json as { repayments: Array<{ id: string }>, outstanding: { principal: string } }
  t.same(after.repayments.map(r => r.id).includes(wrong), false, 'the instalment no longer stands')
  t.equal(after.repayments.length, 1)
  t.ok(BigInt(after.outstanding.principal) > BigInt(before.outstanding.principal), 'the principal it paid is owed again')
  const page = await get(api, String(done.headers.location), cookie)
  t.match(page.body, /Angsuran dibatalkan dengan jurnal balik\./)
})
