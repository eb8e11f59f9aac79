import t from 'tap'
import { readFileSync } from 'node:fs'
import { testApi } from '../helpers.js'
import { phones, shooter, skip } from './phone.js'

/*
 * A group's public page on a villager's phone at 360 px (issue 18): no sign-in, the group's name and place, the fund's
 * growth, the balance sheet and income statement, the signed checkpoint, a PDF to keep; no member's name. Screenshot 45.
 */

t.test('anyone opens a group\'s public page on a phone, once the meeting opened it, and keeps its balance sheet as PDF', { skip }, async t => {
  const api = await testApi()
  const today = new Date().toISOString().slice(0, 10)
  const g = `/v1/groups/${(await api.post('/v1/groups', { name: 'P2WKSS Sedana Mertha', kind: 'p2wkss', village: 'Abiansemal' })).json.id as string}`
  const gid = g.split('/')[3] as string
  await api.post(`${g}/place`, { regionCode: '51.03.05.2001', province: 'Bali', regency: 'Badung', district: 'Abiansemal', village: 'Abiansemal' })
  const sari = (await api.post(`${g}/members`, { name: 'Ni Made Sari' })).json.id as string
  await api.post(`${g}/grants`, { date: today, amount: '2500000', source: 'Dinas PMD' })
  await api.post(`${g}/savings`, { memberId: sari, kind: 'wajib', date: today, amount: '20000' })
  await api.post(`${g}/loans`, { memberId: sari, principal: '500000', termCount: 5, frequency: 'monthly', disbursedOn: today })
  const { base, phone } = await phones(t, api)
  const shot = shooter(t)
  const p = await phone()
  t.equal((await p.goto(`${base}/publik/${gid}`))?.status(), 404, 'closed until a meeting opens it')
  t.match(await p.locator('main').innerText(), /belum dibuka oleh rapat/)
  await api.post(`${g}/meetings`, { date: today, attendees: [sari], decisions: [{ type: 'publication', public: true }] })
  t.equal((await p.goto(`${base}/publik/${gid}`))?.status(), 200)
  const text = await p.locator('main').innerText()
  t.match(text, /P2WKSS Sedana Mertha/)
  t.match(text, /Desa Abiansemal, Kec\. Abiansemal, Badung, Bali/)
  t.match(text, /Neraca[\s\S]*Jumlah Aset[\s\S]*Rp 2\.520\.000/)
  t.match(text, /Bukti dari buku kelompok/)
  t.notMatch(text, /Ni Made Sari/, 'no member named')
  await shot(p, '45-halaman-publik')
  const download = p.waitForEvent('download')
  await p.getByRole('link', { name: 'Unduh neraca (PDF)' }).click()
  const file = await download
  t.match(file.suggestedFilename(), /^neraca_\d{4}-\d{2}-\d{2}\.pdf$/)
  t.equal(readFileSync(await file.path()).subarray(0, 5).toString(), '%PDF-')
})
