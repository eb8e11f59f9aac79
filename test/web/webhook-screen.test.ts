import t from 'tap'
import { receiver } from '../webhook-receiver.js'
import { kubeWithKetua } from './fixture.js'
import { csrfOf, get, post, signIn } from './pages.js'

const PIN = '482915'

t.test('Webhook in the web app: the ketua adds one with her PIN again, sees its secret once and its deliveries, and stops it; the bendahara does not', async t => {
  const { api, cookie, groupId } = await kubeWithKetua(t)
  const r = await receiver()
  t.teardown(r.close)
  const pengurus = await get(api, `/g/${groupId}/pengurus`, cookie)
  t.match(pengurus.body, new RegExp(`href="/g/${groupId}/webhook">Webhook</a>`), 'Pengurus leads to it')
  const screen = await get(api, `/g/${groupId}/webhook`, cookie)
  t.equal(screen.status, 200)
  t.match(screen.body, /Belum ada webhook\./)
  const csrf = csrfOf(screen.body)
  const typed = { _csrf: csrf, _idem: 'idem-webhook-1', url: r.url, keterangan: 'Aplikasi kasir BUMDes' }

  const wrong = await post(api, `/g/${groupId}/webhook`, cookie, { ...typed, pin: '000001' })
  t.equal(wrong.status, 422)
  t.match(wrong.body, /PIN salah/, 'a wrong PIN is refused next to its field')
  t.same((await api.get('/v1/webhooks')).json.items, [], 'and nothing is made')

  const made = await post(api, `/g/${groupId}/webhook`, cookie, { ...typed, pin: PIN })
  t.equal(made.status, 200)
  const secret = /<code class="break">(whsec_[^<]+)<\/code>/.exec(made.body)?.[1]
  t.ok(secret, 'the secret, shown once')
  const list = (await api.get('/v1/webhooks')).json.items as Array<{ id: string, url: string, groupId: string, description: string }>
  t.same(list.map(w => [w.url, w.groupId, w.description]), [[r.url, groupId, 'Aplikasi kasir BUMDes']])
  t.notOk((await get(api, `/g/${groupId}/webhook`, cookie)).body.includes(secret ?? 'none'), 'and never again')

  await api.post(`/v1/groups/${groupId}/members`, { name: 'Ni Made Sari' })
  await api.app.lumbung.webhooks.tick()
  t.equal(r.got.length, 1, 'the receiver got the new member')
  t.match((await get(api, `/g/${groupId}/webhook`, cookie)).body, /#\d+: terkirim, 1× dicoba · terakhir .* \(HTTP 204\)/, 'the screen shows the delivery')

  const bendahara = (await api.post('/v1/api-keys', { name: 'Bu Made (bendahara)', role: 'treasurer', groupIds: [groupId] })).json.key as string
  const hers = await signIn(api, bendahara)
  const herScreen = await get(api, `/g/${groupId}/webhook`, hers.cookie)
  t.match(herScreen.body, /Hanya ketua dan pengelola/, 'the bendahara sees no webhook')
  t.notMatch(herScreen.body, new RegExp(r.url.replace(/[.]/g, '\\.')), 'not even where they go')

  const wid = list[0]?.id ?? ''
  const stopped = await post(api, `/g/${groupId}/webhook/${wid}/hentikan`, cookie, { _csrf: csrf, _idem: 'idem-stop', pin: PIN })
  t.equal(stopped.status, 303)
  t.not((await api.get(`/v1/webhooks/${wid}`)).json.disabledAt, null, 'stopped')
  await api.post(`/v1/groups/${groupId}/members`, { name: 'Ni Ketut Rai' })
  await api.app.lumbung.webhooks.tick()
  t.equal(r.got.length, 1, 'nothing more is sent')
})
