import t from 'tap'
import { expectStatus, testApi } from '../helpers.js'
import { groupWithKeys } from './fixture.js'
import { get, signIn } from './pages.js'

const TERMS = 'Ketentuan pinjaman: jasa 1,5 % per bulan, menurun, maks. Rp 2.000.000, maks. 12 angsuran, denda 1 % dari tunggakan per bulan setelah 7 hari'

t.test('a meeting\'s decisions read in full, in the same words, on the home screen, the meeting screen and the meetings statement', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { groupId, treasurer } = await groupWithKeys(api)
  const params = { groupId }
  const sari = expectStatus(await api.call('post', '/v1/groups/{groupId}/members', { params, body: { name: 'Ni Wayan Sari' } }), 201).id
  expectStatus(await api.call('post', '/v1/groups/{groupId}/meetings', {
    params,
    body: {
      date: '2025-01-15', attendees: [sari],
      decisions: [
        { type: 'loan-terms', method: 'declining', ratePercent: '1.5', ratePer: 'month', maxTermCount: 12, maxPrincipal: '2000000', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 7 } },
        { type: 'general', text: 'Arisan tiap tanggal 5' }
      ]
    }
  }), 201)
  const { cookie } = await signIn(api, treasurer)
  const home = await get(api, `/g/${groupId}/beranda`, cookie)
  t.equal(home.status, 200)
  t.ok(home.body.includes(TERMS), 'the home screen names the denda and the limits, with a decimal comma')
  t.ok(home.body.includes('Arisan tiap tanggal 5'))
  const meeting = await get(api, `/g/${groupId}/rapat`, cookie)
  t.ok(meeting.body.includes(`• ${TERMS}`), 'the meeting screen\'s list of past meetings says the same')
  t.ok(meeting.body.includes(`Berlaku sekarang: ${TERMS}.`), 'and so does the card of the terms in force')
  t.notMatch(meeting.body, /jasa\s+%/, 'never a rate left empty')
  const statement = expectStatus(await api.call('get', '/v1/groups/{groupId}/statements/{kind}', { params: { groupId, kind: 'meetings' }, query: { asOf: '2025-12-31' } }), 200)
  t.equal(statement.tables[0]?.rows[0]?.decisions, `${TERMS}; Arisan tiap tanggal 5`, 'the statement uses the same sentence')
})
