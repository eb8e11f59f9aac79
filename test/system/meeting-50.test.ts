import t from 'tap'
import { join } from 'node:path'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from '../web/fixture.js'
import { OUT, phones, signInWithKey, skip } from './phone.js'

/*
 * The monthly meeting of the source paper's group, 50 households, on a phone at 360 px in Debian's Chromium: the wajib
 * the group agreed is already there, *Semua hadir* ticks everyone, three borrowers pay their instalment (each split
 * shown before saving), two put in sukarela, refreshments are paid, and the whole meeting is recorded once with a
 * handful of taps. Screenshots go to test-artifacts/web/.
 */
t.test('a 50-member meeting: the agreed wajib pre-filled, Semua hadir, three instalments, recorded once', { skip }, async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  const { groupId, treasurer, g } = await grantedGroup(api)
  const members: string[] = []
  for (let i = 0; i < 50; i++) members.push(await ok(api, `${g}/members`, { name: `Ni Anggota ${String(i + 1).padStart(2, '0')}` }))
  await ok(api, `${g}/meetings`, {
    date: '2025-01-15', attendees: members,
    decisions: [{ type: 'savings-terms', wajibAmount: '5000' }, { type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }]
  })
  const borrowers = members.slice(0, 3)
  for (const m of borrowers) await ok(api, `${g}/loans`, { memberId: m, principal: '300000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-02-15' })

  const { base, phone } = await phones(t, api)
  const page = await phone()
  await signInWithKey(page, base, treasurer)
  await page.waitForURL(`**/g/${groupId}/beranda`)

  await page.goto(`${base}/g/${groupId}/rapat`)
  const form = page.locator('#form-rapat')
  t.equal(await form.getByLabel('Wajib yang sama untuk semua yang hadir').inputValue(), '5.000', 'the wajib agreed in January is there')
  await form.getByLabel('Tanggal rapat').fill('15 Maret 2025')
  await form.getByRole('button', { name: 'Semua hadir' }).click()
  t.equal(await form.locator('input[name=hadir]:checked').count(), 50, 'one tap ticks all fifty')
  for (const name of ['Ni Anggota 01', 'Ni Anggota 02', 'Ni Anggota 03']) await form.getByRole('textbox', { name: `Angsuran ${name}` }).fill('34.500')
  await form.getByLabel('Cari anggota').fill('anggota 17')
  await form.getByRole('textbox', { name: 'Sukarela Ni Anggota 17' }).fill('20.000')
  await form.getByLabel('Cari anggota').fill('anggota 42')
  await form.getByRole('textbox', { name: 'Sukarela Ni Anggota 42' }).fill('10.000')
  await form.getByLabel('Cari anggota').fill('')
  await form.getByLabel('Konsumsi rapat (dibayar dari kas)').fill('75.000')
  t.equal(await form.locator('[data-running]').textContent(), 'Sejauh ini: masuk Rp\u00a0383.500 · keluar Rp\u00a075.000', 'in: 50 × 5.000 + 3 × 34.500 + 30.000; out: the refreshments')
  await page.screenshot({ path: join(OUT, '30-rapat-50-360.png') })

  await form.getByRole('button', { name: 'Periksa sebelum simpan' }).click()
  await page.getByRole('heading', { name: 'Periksa rapat' }).waitFor()
  const stats = await page.locator('.stats').innerText()
  t.match(stats, /50 orang/)
  t.match(stats, /Rp\s280\.000/, 'savings in: fifty wajib and two sukarela')
  t.match(stats, /Rp\s103\.500/, 'instalments in')
  const review = await page.locator('.review').innerText()
  t.match(review, /Hadir: semua anggota \(50 orang\)/, 'fifty present, said in one line')
  t.match(review, /Simpanan wajib Rp\s5\.000 × 50 orang: Rp\s250\.000/, 'fifty wajib of the same amount, one line')
  t.match(review, /Simpanan sukarela Ni Anggota 17: Rp\s20\.000/, 'a sukarela of her own, by name')
  t.equal(await page.locator('.review .split').count(), 3, 'each instalment shows what it pays')
  t.match(await page.locator('.review .split').first().innerText(), /jasa Rp\s4\.500 · pokok Rp\s30\.000 · sisa pokok Rp\s270\.000/)
  await page.screenshot({ path: join(OUT, '31-rapat-50-periksa-360.png'), fullPage: true })
  await page.getByRole('button', { name: 'Simpan rapat' }).click()
  await page.getByText('Rapat 15 Maret 2025 tersimpan.', { exact: false }).waitFor()

  const wajib = (await Promise.all(members.map(async m => ((await api.get(`${g}/members/${m}/savings`)).json.rows as Array<{ kind: string, date: string }>)
    .filter(r => r.kind === 'wajib' && r.date === '2025-03-15').length)))
  t.same([...new Set(wajib)], [1], 'every one of the fifty has her wajib of that day, once')
  const repaid = await Promise.all(borrowers.map(async l => ((await api.get(`${g}/loans?memberId=${l}`)).json.items as Array<{ repayments: unknown[] }>)[0]?.repayments.length))
  t.same(repaid, [1, 1, 1], 'three instalments, once each')
  // The member's own proof: her page with the number for receipts, and the receipt of her wajib, as a phone shows it.
  const first = members[0] ?? ''
  await page.goto(`${base}/g/${groupId}/anggota/${first}`)
  await page.locator('#form-kontak').getByLabel('Nomor HP (WhatsApp)').fill('0813 9876 5432')
  await page.locator('#form-kontak').getByRole('button', { name: 'Simpan nomor' }).click()
  await page.getByText('Nomor HP tersimpan.').waitFor()
  t.match(await page.getByRole('link', { name: 'Kirim kuitansi terakhir via WhatsApp' }).getAttribute('href') ?? '', /^https:\/\/wa\.me\/6281398765432\?text=/)
  await page.screenshot({ path: join(OUT, '32-anggota-kuitansi-360.png'), fullPage: true })
  await page.getByRole('link', { name: 'Kuitansi 15 Maret 2025' }).first().click()
  await page.getByRole('heading', { name: 'Bukti di buku kelompok' }).waitFor()
  t.equal(await page.evaluate('document.documentElement.scrollWidth') as number <= 360, true, 'the receipt fits a phone')
  await page.screenshot({ path: join(OUT, '33-kuitansi-360.png'), fullPage: true })

  const meetings = (await api.get(`${g}/meetings`)).json.items as Array<{ date: string, attendees: string[] }>
  t.same(meetings.map(m => [m.date, m.attendees.length]), [['2025-01-15', 50], ['2025-03-15', 50]])
})
