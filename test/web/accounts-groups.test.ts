import t from 'tap'
import { testApi, type Api } from '../helpers.js'
import { grantedGroup, setUpFromLink } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

/*
 * What needed curl for a group's daily work, in the web app: the chart of accounts (Bagan akun) and, for the
 * pengelola, a new group (Kelompok baru).
 */

const accountsOf = async (api: Api, groupId: string): Promise<Array<{ code: string, name: string, type: string }>> =>
  (await api.get(`/v1/groups/${groupId}/accounts`)).json.items as Array<{ code: string, name: string, type: string }>

t.test('Bagan akun: every account with its balance; a treasurer adds one (the next free code offered), once; a taken or bad code is refused next to its field', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, auditor } = await grantedGroup(api)
  const { cookie } = await signIn(api, treasurer)
  const before = await accountsOf(api, groupId)
  const highest = Math.max(...before.filter(a => a.type === 'expense' && a.code.length === 4).map(a => Number(a.code)))

  const page = await get(api, `/g/${groupId}/akun`, cookie)
  t.equal(page.status, 200)
  t.match(page.body, /<td>1101<\/td><td class="text">Kas<\/td><td class="amount">Rp\u00a02\.500\.000<\/td>/, 'Kas with the stimulus in it')
  t.match(page.body, new RegExp(`name="kode" type="text" value="${highest + 1}"`), 'the next free expense code is offered')
  const kas = await get(api, `/g/${groupId}/kas`, cookie)
  t.match(kas.body, new RegExp(`href="/g/${groupId}/akun">Tambah akun`), 'the Kas expense form points at it')

  const typed = { _csrf: csrfOf(page.body), _idem: idemOf(page.body, 'form-akun'), nama: 'Beban Transport', jenis: 'expense', kode: String(highest + 1) }
  const saved = await post(api, `/g/${groupId}/akun`, cookie, typed)
  t.equal(saved.status, 303)
  t.equal(saved.headers.location, `/g/${groupId}/akun?ok=${highest + 1}`)
  t.equal((await post(api, `/g/${groupId}/akun`, cookie, typed)).status, 303, 'sent twice (a second tap, the outbox)')
  const after = await accountsOf(api, groupId)
  t.same(after.filter(a => a.name === 'Beban Transport').map(a => [a.code, a.type]), [[String(highest + 1), 'expense']], 'one account, an expense')
  t.match((await get(api, `/g/${groupId}/kas`, cookie)).body, new RegExp(`<option value="${highest + 1}">Beban Transport \\(${highest + 1}\\)</option>`), 'and Kas offers it for an expense')

  const taken = await post(api, `/g/${groupId}/akun`, cookie, { ...typed, _idem: 'idem-taken', nama: 'Beban lain', kode: '1101' })
  t.equal(taken.status, 422)
  t.match(taken.body, /id="akun-kode-err" class="error">Kode akun itu sudah dipakai\./, 'a taken code, next to the code')
  const bad = await post(api, `/g/${groupId}/akun`, cookie, { ...typed, _idem: 'idem-bad', nama: 'Beban lain', kode: '51a' })
  t.equal(bad.status, 422)
  t.match(bad.body, /id="akun-kode-err" class="error">Isi 4 sampai 8 angka/)
  t.match(bad.body, /value="Beban lain"/, 'what was typed is kept')
  t.equal((await accountsOf(api, groupId)).length, after.length, 'nothing more was added')

  const pengawas = await signIn(api, auditor)
  const read = await get(api, `/g/${groupId}/akun`, pengawas.cookie)
  t.equal(read.status, 200)
  t.notMatch(read.body, /id="form-akun"/, 'the pengawas reads the chart, with no form')
  const refused = await post(api, `/g/${groupId}/akun`, pengawas.cookie, { ...typed, _csrf: csrfOf(read.body), _idem: 'idem-auditor', kode: '5999' })
  t.equal(refused.status, 422, 'and posting it herself is refused')
  t.equal((await accountsOf(api, groupId)).length, after.length, 'nothing added')
})

t.test('Kelompok baru: the pengelola starts another group and lands on its Pengurus to invite the ketua; nobody else can', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { cookie, groupId: first, location } = await setUpFromLink(api, { kelompok: 'Kelompok P2WKSS Mawar', jenis: 'p2wkss', desa: 'Abiansemal', nama: 'Pak Wayan', peran: 'pengelola', login: 'pendamping', pin: '482915', pin2: '482915' })
  t.equal(location, '/kelompok', 'set up, she lands on her groups')
  const home = await get(api, `/g/${first}/beranda`, cookie)
  t.match(home.body, /<a href="\/kelompok">Semua kelompok<\/a> dan Kelompok baru/, 'her Beranda leads to it')
  const list = await get(api, '/kelompok', cookie)
  t.equal(list.status, 200, 'one group, yet the pengelola sees the list: she is the one who starts groups')
  t.match(list.body, /<h2>Kelompok baru<\/h2>/)
  const empty = await post(api, '/kelompok', cookie, { _csrf: csrfOf(list.body), _idem: idemOf(list.body, 'form-kelompok'), kelompok: ' ', jenis: 'pkk' })
  t.equal(empty.status, 422)
  t.match(empty.body, /id="baru-kelompok-err" class="error">Wajib diisi\./, 'a group needs a name')
  const typed = { _csrf: csrfOf(list.body), _idem: idemOf(list.body, 'form-kelompok'), kelompok: 'PKK Dusun Tengah', jenis: 'pkk', desa: 'Sibang Gede, Badung' }
  const made = await post(api, '/kelompok', cookie, typed)
  t.equal(made.status, 303)
  t.equal((await post(api, '/kelompok', cookie, typed)).status, 303, 'sent twice')
  const groups = (await api.get('/v1/groups')).json.items as Array<{ id: string, name: string, kind: string, village: string | null }>
  const pkk = groups.filter(g => g.name === 'PKK Dusun Tengah')
  t.same(pkk.map(g => [g.kind, g.village]), [['pkk', 'Sibang Gede, Badung']], 'one new group, of its kind and place')
  t.equal(made.headers.location, `/g/${pkk[0]?.id ?? ''}/pengurus?ok=kelompok`)
  const pengurus = await get(api, String(made.headers.location), cookie)
  t.match(pengurus.body, /Kelompok dibuat\. Undang ketuanya/)
  t.match(pengurus.body, /Undang pengurus/, 'with the invitation form right there')

  const treasurer = await signIn(api, await treasurerKey(api, pkk[0]?.id ?? ''))
  t.equal((await get(api, '/kelompok', treasurer.cookie)).status, 303, 'a treasurer of one group goes straight to it')
  const own = await get(api, `/g/${pkk[0]?.id ?? ''}/beranda`, treasurer.cookie)
  const refused = await post(api, '/kelompok', treasurer.cookie, { ...typed, _csrf: csrfOf(own.body), _idem: 'idem-treasurer', kelompok: 'Kelompok gelap' })
  t.equal(refused.status, 422, 'and cannot start a group')
  t.match(refused.body, /role="alert"/, 'she is told so')
  t.equal(((await api.get('/v1/groups')).json.items as unknown[]).length, 2, 'nothing was created')
})

/** A treasurer key of one group, as an admin makes it for an integration or a bendahara without a PIN yet. */
async function treasurerKey (api: Api, groupId: string): Promise<string> {
  return (await api.post('/v1/api-keys', { name: 'Bu Made (bendahara)', role: 'treasurer', groupIds: [groupId] })).json.key as string
}
