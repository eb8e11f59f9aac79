import t from 'tap'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from './fixture.js'
import { get, signIn } from './pages.js'

/** The ids a page declares more than once, and the labels whose `for` names no element of the page. */
function idProblems (html: string): { repeated: string[], dangling: string[] } {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map(m => m[1] ?? '')
  const seen = new Set<string>()
  const repeated = ids.filter(id => seen.has(id) || (seen.add(id), false))
  const dangling = [...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map(m => m[1] ?? '').filter(id => !seen.has(id))
  return { repeated, dangling }
}

t.test('every screen a treasurer opens declares each id once, and every label points at an input of its own form', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-01T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, g } = await grantedGroup(api)
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari', joinedOn: '2025-01-05' })
  // Sukarela to take out: the member page then shows the withdrawal form beside the deposit form.
  await ok(api, `${g}/savings`, { memberId: sari, date: '2025-01-15', amount: '50000', kind: 'sukarela' })
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })
  const { cookie } = await signIn(api, treasurer)
  const screens = ['beranda', 'rapat', 'anggota', `anggota/${sari}`, 'pinjaman', `pinjaman/${loan}`, 'kas', 'koreksi', 'shu', 'laporan']
  for (const screen of screens) {
    const page = await get(api, `/g/${groupId}/${screen}`, cookie)
    t.equal(page.status, 200, screen)
    const { repeated, dangling } = idProblems(page.body)
    t.same(repeated, [], `${screen}: no id declared twice`)
    t.same(dangling, [], `${screen}: no label for a missing input`)
  }
})
