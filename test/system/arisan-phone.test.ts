import t from 'tap'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from '../web/fixture.js'
import { phones, shooter, signInWithKey, skip } from './phone.js'

/*
 * The monthly arisan on a treasurer's phone at 360 px (issue 19): the meeting form's Arisan card, ticking who paid,
 * Kocok with the number called out, Periksa and Simpan rapat; the saved page says who took the pot. Screenshots
 * 50-… to 52-… in test-artifacts/web.
 */
t.test('a drawn arisan round recorded from the meeting form on a phone', { skip }, async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  const { groupId, treasurer, g } = await grantedGroup(api)
  const names = ['Ni Made Sari', 'Ni Ketut Rai', 'Ni Wayan Suci', 'Ni Luh Ayu']
  const ids: string[] = []
  for (const name of names) ids.push(await ok(api, `${g}/members`, { name }))
  const meeting = await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: ids, decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }, { type: 'loan-queue', memberIds: [ids[2], ids[3]] }] })
  await ok(api, `${g}/arisan`, { meetingId: meeting, name: 'Arisan Dasawisma', contribution: '20000', schedule: 'monthly', order: 'draw', slots: [[ids[0]], [ids[0]], [ids[1]], [ids[2], ids[3]]] })
  const { base, phone } = await phones(t, api)
  const shot = shooter(t)
  const page = await phone()
  await signInWithKey(page, base, treasurer)
  await page.goto(`${base}/g/${groupId}/rapat`)
  await page.getByLabel('Tanggal rapat').fill('5 Februari 2025')
  for (const label of ['No. 1 Ni Made Sari', 'No. 2 Ni Made Sari', 'No. 3 Ni Ketut Rai', 'No. 4 Ni Wayan Suci', 'No. 4 Ni Luh Ayu']) await page.getByLabel(label).check()
  await page.getByLabel('Kocok putaran 1 hari ini').check()
  await page.getByLabel('Angka yang diseru anggota').fill('31')
  const card = page.locator('section.card', { hasText: 'Arisan Dasawisma' })
  await card.scrollIntoViewIfNeeded()
  await card.screenshot({ path: `${(await import('./phone.js')).OUT}/50-arisan-card-360.png` })
  await shot(page, '50-meeting-form-arisan')
  await page.getByRole('button', { name: 'Periksa sebelum simpan' }).click()
  t.ok(await page.getByText('Setoran Arisan Dasawisma: 5 nomor').isVisible(), 'the review counts the slots paid')
  await shot(page, '51-meeting-review-arisan')
  await page.getByRole('button', { name: 'Simpan rapat' }).click()
  t.ok(await page.getByText(/Arisan Dasawisma putaran 1: No\. \d/).isVisible(), 'the saved page says who took the pot')
  await shot(page, '52-meeting-saved-arisan')
  const a = (await api.get(`${g}/arisan`)).json.items[0]
  t.equal(a.rounds.length, 1)
  t.equal(a.rounds[0].pot, '80000')
})
