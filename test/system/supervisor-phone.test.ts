import t from 'tap'
import { readFileSync } from 'node:fs'
import { testApi, type Api } from '../helpers.js'
import { phones, shooter, signInWithKey, skip } from './phone.js'

/*
 * A pendamping on her phone at 360 px (issue 18): signed in with her region key, she opens Rekap kelompok from her
 * groups, sees the totals, PAR30 by group, savings by kind and the fund over six month-ends, sorts the table, filters
 * it by programme, opens a group's (read-only) pages from its row, and downloads the table as XLSX. Screenshots 43-….
 */

async function group (api: Api, name: string, kind: string, code: string, late: boolean): Promise<string> {
  const today = new Date().toISOString().slice(0, 10)
  const long = new Date(Date.now() - 75 * 86400_000).toISOString().slice(0, 10)
  const g = `/v1/groups/${(await api.post('/v1/groups', { name, kind })).json.id as string}`
  await api.post(`${g}/place`, { regionCode: code, province: 'Bali', regency: 'Badung', district: code.startsWith('51.03.05') ? 'Abiansemal' : 'Mengwi', village: null })
  const m = (await api.post(`${g}/members`, { name: 'Ni Made Sari', joinedOn: long })).json.id as string
  await api.post(`${g}/grants`, { date: long, amount: '2500000', source: 'Dinas' })
  await api.post(`${g}/meetings`, { date: long, attendees: [m], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] })
  await api.post(`${g}/savings`, { memberId: m, kind: 'wajib', date: late ? long : today, amount: '20000' })
  await api.post(`${g}/savings`, { memberId: m, kind: 'sukarela', date: late ? long : today, amount: '15000' })
  await api.post(`${g}/loans`, { memberId: m, principal: late ? '800000' : '300000', termCount: 10, frequency: 'monthly', disbursedOn: late ? long : today })
  return g.split('/')[3] as string
}

t.test('the pendamping sees her kecamatan\'s groups on one screen, sorts, filters, opens one and downloads the table', { skip }, async t => {
  const api = await testApi()
  const mawar = await group(api, 'P2WKSS Mawar', 'p2wkss', '51.03.05.2001', true)
  await group(api, 'P2WKSS Melati', 'p2wkss', '51.03.05.2002', false)
  await group(api, 'PKK Kenanga', 'pkk', '51.03.05.2003', false)
  await group(api, 'P2WKSS Mengwi', 'p2wkss', '51.03.06.2001', false)
  const key = (await api.post('/v1/api-keys', { name: 'Pendamping Abiansemal', role: 'auditor', region: { code: '51.03.05' } })).json.key as string
  const { base, phone } = await phones(t, api)
  const shot = shooter(t)
  const p = await phone()
  await signInWithKey(p, base, key)
  await p.goto(`${base}/kelompok`)
  await p.getByRole('link', { name: 'Rekap semua kelompok' }).click()
  await p.waitForURL('**/rekap')
  const text = await p.locator('main').innerText()
  t.match(text, /3 kelompok · 3 anggota/, 'her three groups, not the next kecamatan\'s')
  t.notMatch(text, /Mengwi/)
  t.equal(await p.locator('figure.chart svg').count(), 3, 'three charts')
  t.match(await p.locator('figure.chart').first().innerText(), /PAR30 per kelompok/)
  await shot(p, '43-rekap')
  const names = async (): Promise<string[]> => (await p.locator('tbody tr td:first-child a').allInnerTexts()).map(x => x.trim())
  t.equal((await names())[0], 'P2WKSS Mawar', 'sorted by PAR30, the group in arrears first')
  await p.getByRole('link', { name: /^Kelompok/ }).click()
  t.same(await names(), ['P2WKSS Mawar', 'P2WKSS Melati', 'PKK Kenanga'], 'sorted by name')
  await p.getByRole('link', { name: /^Kelompok/ }).click()
  t.same(await names(), ['PKK Kenanga', 'P2WKSS Melati', 'P2WKSS Mawar'], 'and reversed')
  await p.getByLabel('Program').selectOption('p2wkss')
  await p.getByRole('button', { name: 'Saring' }).click()
  t.equal(await p.locator('tbody tr').count(), 2, 'P2WKSS only')
  await shot(p, '44-rekap-p2wkss')
  const download = p.waitForEvent('download')
  await p.getByRole('link', { name: 'Unduh XLSX' }).click()
  const file = await download
  t.match(file.suggestedFilename(), /^rekap-kelompok_.*\.xlsx$/)
  const bytes = readFileSync(await file.path())
  t.equal(bytes.subarray(0, 2).toString(), 'PK', 'an XLSX (a zip)')
  await p.getByRole('link', { name: 'P2WKSS Mawar' }).click()
  await p.waitForURL(`**/g/${mawar}/beranda`)
  t.match(await p.locator('main').innerText(), /Beranda[\s\S]*KAS/i, 'the group\'s own Beranda')
  t.equal(await p.locator('main form[method="post"]').count(), 0, 'read-only: no form that writes')
})
