import t from 'tap'
import { setupLinkIfNeeded } from '../../src/services/people-service.js'
import { ONLINE_ONLY, pinNote } from '../../src/web/pin.js'
import { testApi, type Api } from '../helpers.js'

/*
 * Forms that carry a secret (a PIN, an API key) or need their answer at once are never kept on the phone to be sent
 * later: they are marked data-online-only, and the script refuses to put them (or any form with a password field)
 * into its offline outbox; with no signal it says so in the form instead.
 */

/** The opening tag of every form on a page, with whether the form holds a password field. */
function formsOf (body: string): Array<{ tag: string, secret: boolean }> {
  return [...body.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)].map(m => ({ tag: m[1] ?? '', secret: /type="password"/.test(m[2] ?? '') }))
}

async function page (api: Api, url: string): Promise<string> {
  const r = await api.app.inject({ method: 'GET', url })
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`)
  return r.body
}

t.test('signing in, the first run and an invitation: every form is online-only', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const setup = await api.store.db.transaction().execute(async tx => await setupLinkIfNeeded(tx, api.app.lumbung.env))
  if (setup === null) throw new Error('no setup link')
  const setupPage = await page(api, `/mulai/${setup.token}`)

  const groupId = (await api.post('/v1/groups', { name: 'P2WKSS Mawar', kind: 'p2wkss' })).json.id as string
  const invited = await api.post(`/v1/groups/${groupId}/people`, { name: 'Bu Made', login: 'made.bendahara', role: 'bendahara' })
  t.equal(invited.status, 201)
  const pages: Record<string, string> = {
    '/masuk': await page(api, '/masuk'),
    '/mulai/<token>': setupPage,
    '/undangan/<token>': await page(api, invited.json.invitation.path as string)
  }
  for (const [url, body] of Object.entries(pages)) {
    const forms = formsOf(body)
    t.ok(forms.length > 0, `${url} has a form`)
    for (const f of forms) t.match(f.tag, /\sdata-online-only[\s>]/, `${url}: ${f.tag}`)
    t.ok(forms.some(f => f.secret), `${url} asks for a PIN or a key`)
  }
  t.equal(formsOf(pages['/masuk'] ?? '').length, 2, '/masuk: the PIN form and the folded API key form')
})

t.test('the mark other screens put on a form with a PIN step-up, and the note under it', async t => {
  t.equal(ONLINE_ONLY.value, ' data-online-only')
  t.match(pinNote.value, /perlu sinyal/i)
})

t.test('the script as served keeps online-only and password forms out of its outbox and asks for a signal', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const r = await api.app.inject({ method: 'GET', url: '/aset/app.js' })
  t.equal(r.statusCode, 200)
  const script = r.body
  t.match(script, /hasAttribute\('data-online-only'\)/, 'the mark is read')
  t.match(script, /type === 'password'/, 'a password field is refused whatever the mark')
  t.match(script, /Perlu sinyal: formulir ini tidak disimpan di ponsel\. Coba lagi saat ada sinyal\./, 'the sentence shown in the form')
  t.match(script, /aria-live/, 'read out by a screen reader')
  const guard = script.indexOf('if (onlineOnly(form))')
  const store = script.indexOf('s.add(item)')
  t.ok(guard > 0 && store > guard, 'the guard stands before the outbox is written')
  t.match(script.slice(guard, script.indexOf('\n', guard)), /e\.preventDefault\(\)[^\n]*return/, 'offline, the form is neither sent nor kept')
})
