import t from 'tap'
import { Writable } from 'node:stream'
import { makeLogger } from '../../src/logger.js'
import { normalPhone, shownPhone } from '../../src/domain/contacts.js'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from '../web/fixture.js'
import { get, signIn } from '../web/pages.js'

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
