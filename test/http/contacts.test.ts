import t from 'tap'
import { Writable } from 'node:stream'
import { makeLogger } from '../../src/logger.js'
import { normalPhone, shownPhone } from '../../src/domain/contacts.js'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from '../web/fixture.js'
import { csrfOf, get, idemOf, post, signIn } from '../web/pages.js'

t.test('phone numbers as people write them, kept in one form', async t => {
  for (const typed of ['0812 3456 7890', '+62 812-3456-7890', '62812.3456.7890', '(0812) 3456 7890']) t.equal(normalPhone(typed), '6281234567890', typed)
  t.equal(shownPhone('6281234567890'), '0812-3456-7890')
  for (const bad of ['0812', 'nomor', '+62 8123 4567 8901 2345', '']) t.throws(() => normalPhone(bad), { code: 'VALIDATION_FAILED' }, `${JSON.stringify(bad)} refused`)
})

t.test('a member\'s number: the treasurer\'s side sets and reads it, an auditor neither; no log line, list or statement carries it', async t => {
  const lines: string[] = []
  const logger = makeLogger('trace', new Writable({ write (chunk, _e, done) { lines.push(String(chunk)); done() } }))
  const api = await testApi({ app: { logger } })
  t.teardown(api.close)
  const { groupId, treasurer, auditor, g } = await grantedGroup(api)
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari' })
  const url = `${g}/members/${sari}/contact`
  t.same((await api.get(url, treasurer)).json, { memberId: sari, phone: null, optedOut: false, updatedAt: null }, 'none yet')
  const set = await api.post(url, { phone: '+62 813-9876-5432', optedOut: false }, { authorization: `Bearer ${treasurer}` })
  t.equal(set.status, 200)
  t.equal(set.json.phone, '6281398765432')
  t.equal((await api.get(url, treasurer)).json.phone, '6281398765432')
  t.equal((await api.get(url, auditor)).status, 403, 'the pengawas does not read members\' numbers')
  t.equal((await api.post(url, { phone: null, optedOut: true }, { authorization: `Bearer ${auditor}` })).status, 403)
  t.equal((await api.post(url, { phone: 'nomor saya', optedOut: false })).json.code, 'VALIDATION_FAILED')
  t.equal((await api.post(`${g}/members/mbr_nope/contact`, { phone: null, optedOut: false })).json.code, 'MEMBER_NOT_FOUND')

  const { cookie } = await signIn(api, treasurer)
  const page = await get(api, `/g/${groupId}/anggota/${sari}`, cookie)
  t.match(page.body, /id="form-kontak"/)
  t.match(page.body, /value="0813-9876-5432"/, 'the form shows it as people write it')
  await api.post(`${g}/savings`, { memberId: sari, kind: 'wajib', date: '2025-01-10', amount: '5000' })
  const withDeposit = await get(api, `/g/${groupId}/anggota/${sari}`, cookie)
  t.match(withDeposit.body, /href="https:\/\/wa\.me\/6281398765432\?text=/, 'the WhatsApp receipt goes to her number')
  const pengawas = await signIn(api, auditor)
  const hers = await get(api, `/g/${groupId}/anggota/${sari}`, pengawas.cookie)
  t.equal(hers.status, 200)
  t.notMatch(hers.body, /9876|form-kontak/, 'the pengawas sees neither the number nor the form')

  await api.post(url, { phone: '0813 9876 5432', optedOut: true })
  const optedOut = await get(api, `/g/${groupId}/anggota/${sari}`, cookie)
  t.notMatch(optedOut.body, /wa\.me/, 'opted out: no WhatsApp button')
  t.match(optedOut.body, /Ni Made Sari memilih tidak menerima pesan/)

  const everywhere = [
    JSON.stringify((await api.get(`${g}/members`)).json), JSON.stringify((await api.get(`${g}/members/${sari}`)).json),
    JSON.stringify((await api.get(`${g}/events?limit=1000`)).json), JSON.stringify((await api.get(`${g}/statements/member-savings?memberId=${sari}&asOf=2025-12-31`)).json),
    lines.join('')
  ].join('\n')
  for (const [i, part] of everywhere.split('\n').entries()) {
    const at = /.{0,200}(9876.?5432|81398765432).{0,80}/.exec(part)?.[0]
    t.equal(at, undefined, `part ${i}: no list, event, statement or log line carries the number`)
  }
})

t.test('a member\'s profile (her sex): set, corrected and cleared by the treasurer\'s side, read by the pengawas, counted by the roll-up', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-02-01T00:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, auditor, g } = await grantedGroup(api)
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari', joinedOn: '2025-01-05' })
  const wayan = await ok(api, `${g}/members`, { name: 'I Wayan Gede', joinedOn: '2025-01-05' })
  await ok(api, `${g}/members`, { name: 'Ni Ketut Rai', joinedOn: '2025-01-05' })
  const url = (m: string): string => `${g}/members/${m}/profile`
  const as = (key: string) => ({ authorization: `Bearer ${key}` })
  t.same((await api.get(url(sari), treasurer)).json, { memberId: sari, sex: null, updatedAt: null }, 'nothing recorded yet')
  const women = async (): Promise<[number, number, number]> => {
    const r = (await api.get('/v1/rollup?asOf=2025-02-01')).json
    return [r.totals.members, r.totals.women, r.totals.sexNotRecorded]
  }
  t.same(await women(), [3, 0, 3], 'the roll-up before: three members, none recorded')

  t.equal((await api.post(url(sari), { sex: 'male' }, as(treasurer))).status, 200, 'typed wrong')
  const fixed = await api.post(url(sari), { sex: 'female' }, as(treasurer))
  t.same([fixed.status, fixed.json.sex], [200, 'female'], 'and corrected')
  t.equal((await api.post(url(wayan), { sex: 'male' }, as(treasurer))).status, 200)
  t.same((await api.get(url(sari), auditor)).json.sex, 'female', 'the pengawas reads it')
  t.same(await women(), [3, 1, 1], 'one woman, one man, one not recorded')

  const before = JSON.stringify((await api.get(url(sari))).json)
  for (const bad of [{ sex: 'perempuan' }, { sex: 'F' }, {}, { sex: 'female', extra: 1 }, { sex: 1 }]) {
    const r = await api.post(url(sari), bad, as(treasurer))
    t.same([r.status, r.json.code], [400, 'VALIDATION_FAILED'], `${JSON.stringify(bad)} refused`)
  }
  t.equal(JSON.stringify((await api.get(url(sari))).json), before, 'and nothing changed')
  t.equal((await api.post(url(sari), { sex: null }, as(auditor))).status, 403, 'the pengawas writes nothing')
  t.equal((await api.post(`${g}/members/mbr_nope/profile`, { sex: 'female' })).json.code, 'MEMBER_NOT_FOUND')
  t.equal((await api.get(`${g}/members/mbr_nope/profile`)).status, 404)
  t.same((await api.post(url(wayan), { sex: null }, as(treasurer))).json.sex, null, 'cleared')
  t.same(await women(), [3, 1, 2])

  // The database refuses a value the API never writes, whoever writes it.
  await t.rejects(api.store.db.updateTable('member_profiles').set({ sex: 'x' as 'female' }).where('member_id', '=', sari).execute(), /CHECK|check/)

  // The web: the treasurer sees it on her page and sets it from the form; adding a member may record it at once.
  const { cookie } = await signIn(api, treasurer)
  const page = await get(api, `/g/${groupId}/anggota/${sari}`, cookie)
  t.match(page.body, /<p class="muted">Perempuan ·/, 'her page says Perempuan')
  t.match(page.body, /id="form-profil"/)
  const pengawas = await get(api, `/g/${groupId}/anggota/${sari}`, (await signIn(api, auditor)).cookie)
  t.notMatch(pengawas.body, /form-profil/, 'the pengawas has no form')
  const set = await post(api, `/g/${groupId}/anggota/${wayan}/profil`, cookie, { _csrf: csrfOf(page.body), _idem: idemOf(page.body, 'form-profil'), jk: 'laki-laki' })
  t.same([set.status, set.headers.location], [303, `/g/${groupId}/anggota/${wayan}?ok=profil`])
  t.equal((await api.get(url(wayan))).json.sex, 'male', 'the form set it')
  const list = await get(api, `/g/${groupId}/anggota`, cookie)
  const added = await post(api, `/g/${groupId}/anggota`, cookie, { _csrf: csrfOf(list.body), _idem: idemOf(list.body, 'form-anggota'), nama: 'Ni Luh Putu', bergabung: '2025-01-20', jk: 'perempuan' })
  t.equal(added.status, 303, 'a member added with her sex')
  const putu = ((await api.get(`${g}/members`)).json.items as Array<{ id: string, name: string }>).find(m => m.name === 'Ni Luh Putu')?.id ?? ''
  t.equal((await api.get(url(putu))).json.sex, 'female')
  t.same(await women(), [4, 2, 1])
})
