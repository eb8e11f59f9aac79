import t from 'tap'
import { month, ok, setup } from '../arisan-scenario.js'
import { get, memberSignIn } from '../web/pages.js'

/*
 * A member sees her arisan turn and what she owes (issue 19): Bu Sari holds slots 1 and 2 of the drawn arisan; after
 * two rounds in which she skipped round 2, /v1/me/arisan and her page say it, and the group's arisan routes refuse her.
 */
t.test('her slots, her turn, her arrears, from her own key only', async t => {
  const s = await setup()
  t.teardown(s.api.close)
  const sari = s.ids.get('Sari') ?? ''
  for (const round of [1, 2]) {
    for (const h of s.arisan.holders as Array<{ slot: number, memberId: string, due: string }>) {
      if (round === 2 && h.memberId === sari) continue
      await ok(s.api, `${s.g}/arisan/${s.arisan.id}/contributions`, { slot: h.slot, memberId: h.memberId, date: month(round), amount: h.due })
    }
    await ok(s.api, `${s.g}/arisan/${s.arisan.id}/rounds`, { date: month(round), called: String(round) })
  }
  t.equal((await s.api.post(`${s.g}/members/${sari}/sign-in`, { login: '0812 5555 6666', pin: '582914' })).status, 201)
  const { token, cookie } = await memberSignIn(s.api, '081255556666', '582914')
  const mine = (await s.api.get('/v1/me/arisan', token)).json
  t.same(mine.items.map((x: { slot: number }) => x.slot), [1, 2], 'her two slots')
  for (const x of mine.items) {
    t.same(x.unpaid, [2])
    t.equal(x.arrears, '50000')
    if (x.wonRound === null) t.equal(x.stillInDraw, 11, 'two slots have won: eleven left in the draw')
  }
  t.equal((await s.api.get(`${s.g}/arisan/${s.arisan.id}`, token)).status, 403, 'the group\'s arisan is not hers to read')
  const page = await get(s.api, '/saya', cookie)
  t.equal(page.status, 200)
  t.match(page.body, /Arisan saya/)
  t.match(page.body, /Arisan PKK · No\. 1/)
  t.match(page.body, /putaran 2/, 'the round she owes')
})
