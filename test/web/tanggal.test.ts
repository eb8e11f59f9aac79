import t from 'tap'
import { parseTanggal, shownTanggal } from '../../src/web/tanggal.js'
import { testApi } from '../helpers.js'
import { groupWithKeys } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

t.test('a date typed the Indonesian way, or as ISO, is read as the one calendar day it names', async t => {
  const cases: Array<[string, string]> = [
    ['2 Desember 2026', '2026-12-02'], ['2 desember 2026', '2026-12-02'], ['02 Des 2026', '2026-12-02'], ['2 des. 2026', '2026-12-02'],
    ['2/12/2026', '2026-12-02'], ['2-12-2026', '2026-12-02'], ['2.12.2026', '2026-12-02'], ['  2 /12/2026 '.replace(' /', '/'), '2026-12-02'],
    ['2026-12-02', '2026-12-02'], ['17 Agustus 1945', '1945-08-17'], ['17 Agt 1945', '1945-08-17'], ['29 Februari 2024', '2024-02-29'],
    ['5 Mei 2025', '2025-05-05'], ['1 Okt 2025', '2025-10-01'], ['30 Nopember 2025', '2025-11-30']
  ]
  for (const [typed, iso] of cases) t.equal(parseTanggal(typed), iso, typed)
})

t.test('what is not one real day is refused, never guessed', async t => {
  for (const typed of ['', 'besok', '12/2026', '31 April 2025', '29 Februari 2025', '2026-13-01', '32/1/2026', '2 Desamber 2026', '2026/12/02', '12/02/26']) {
    t.equal(parseTanggal(typed), null, JSON.stringify(typed))
  }
  t.equal(parseTanggal('12/02/2026'), '2026-02-12', 'day first, the Indonesian way: 12 Februari, not 2 December')
})

t.test('a date field shows an ISO date as Indonesians write it, and what was typed as it was typed', async t => {
  t.equal(shownTanggal('2026-12-02'), '2 Desember 2026')
  t.equal(shownTanggal('2 des 2026'), '2 des 2026')
  t.equal(shownTanggal('2026-02-30'), '2026-02-30', 'not a day: left as typed, for the error beside it')
})

t.test('a deposit dated the Indonesian way is recorded on that day; a date that is not one is refused next to the field, nothing recorded', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-01T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer } = await groupWithKeys(api)
  const sari = (await api.post(`/v1/groups/${groupId}/members`, { name: 'Ni Made Sari' })).json.id as string
  const url = `/g/${groupId}/anggota/${sari}`
  const { cookie } = await signIn(api, treasurer)
  const page = await get(api, url, cookie)
  t.match(page.body, /id="setor-tanggal" name="tanggal" type="text" value="1 Maret 2025"/, 'today, as Indonesians write it, in a text field')
  const form = { _csrf: csrfOf(page.body), _idem: idemOf(page.body, 'form-setor'), jenis: 'wajib', jumlah: '10.000' }
  const refused = await post(api, `${url}/simpanan`, cookie, { ...form, tanggal: '31 April 2025' })
  t.equal(refused.status, 422)
  t.match(refused.body, /id="setor-tanggal-err" class="error">Isi tanggal seperti 2 Desember 2026 atau 2\/12\/2026\./)
  t.match(refused.body, /value="31 April 2025"/, 'what was typed is kept')
  t.equal((await api.get(`/v1/groups/${groupId}/members/${sari}/savings`)).json.rows.length, 0, 'nothing recorded')
  t.equal((await post(api, `${url}/simpanan`, cookie, { ...form, tanggal: '15 Februari 2025' })).status, 303)
  const rows = (await api.get(`/v1/groups/${groupId}/members/${sari}/savings`)).json.rows as Array<{ date: string }>
  t.same(rows.map(r => r.date), ['2025-02-15'])
})
