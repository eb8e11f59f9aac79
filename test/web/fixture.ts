import type { Test } from 'tap'
import { testApi, type Api } from '../helpers.js'
import { setupLinkIfNeeded } from '../../src/services/people-service.js'
import { cookieOf } from './pages.js'

/** A group, a treasurer key and an auditor key scoped to it, made through the admin API as the lead of a village would. */
export async function groupWithKeys (api: Api): Promise<{ groupId: string, treasurer: string, auditor: string, auditorId: string }> {
  const g = await api.post('/v1/groups', { name: 'Kelompok P2WKSS Desa Abiansemal', kind: 'p2wkss', village: 'Abiansemal, Badung, Bali' })
  if (g.status !== 201) throw new Error(`group: ${g.status}`)
  const groupId = g.json.id as string
  const t = await api.post('/v1/api-keys', { name: 'Bu Made (bendahara)', role: 'treasurer', groupIds: [groupId] })
  const a = await api.post('/v1/api-keys', { name: 'Pak Nyoman (pengawas)', role: 'auditor', groupIds: [groupId] })
  if (t.status !== 201 || a.status !== 201) throw new Error(`keys: ${t.status} ${a.status}`)
  return { groupId, treasurer: t.json.key as string, auditor: a.json.key as string, auditorId: a.json.id as string }
}

/** A write through the admin API that must succeed (201 or 200): its id, or an error naming the answer. */
export async function ok (api: Api, url: string, body: unknown): Promise<string> {
  const r = await api.post(url, body)
  if (r.status !== 201 && r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.json)}`)
  return (r.json as { id?: string }).id ?? ''
}

/** groupWithKeys with the P2WKSS stimulus of Rp 2.500.000 posted on `date`; `g` is the group's /v1 path. */
export async function grantedGroup (api: Api, date = '2025-01-05'): Promise<Awaited<ReturnType<typeof groupWithKeys>> & { g: string }> {
  const keys = await groupWithKeys(api)
  const g = `/v1/groups/${keys.groupId}`
  await ok(api, `${g}/grants`, { date, amount: '2500000', source: 'Program P2WKSS Provinsi Bali' })
  return { ...keys, g }
}

/**
 * The first run as the console's setup link offers it: the setup form posted with `fields` (the group, the person, her
 * PIN twice). Her session cookie and the group made.
 */
export async function setUpFromLink (api: Api, fields: Record<string, string>): Promise<{ cookie: string, groupId: string, location: string }> {
  const link = await api.store.db.transaction().execute(async tx => await setupLinkIfNeeded(tx, api.app.lumbung.env))
  if (link === null) throw new Error('no setup link')
  const r = await api.app.inject({
    method: 'POST', url: `/mulai/${link.token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString()
  })
  if (r.statusCode !== 303) throw new Error(`setup: ${r.statusCode}`)
  const groupId = ((await api.get('/v1/groups')).json.items as Array<{ id: string }>)[0]?.id ?? ''
  return { cookie: cookieOf(r), groupId, location: String(r.headers.location) }
}

/**
 * A KUBE group set up from the link by its ketua (PIN 482915), on an app that may reach receivers on this machine
 * (webhooks and message gateways started by the test); closed with the test.
 */
export async function kubeWithKetua (t: Test): Promise<{ api: Api, cookie: string, groupId: string }> {
  const api = await testApi({ app: { webhooks: { allowPrivate: true, timeoutMs: 2000 } } })
  t.teardown(api.close)
  const pin = '482915'
  const { cookie, groupId } = await setUpFromLink(api, { kelompok: 'KUBE Melati', jenis: 'kube', nama: 'Bu Ketut', peran: 'ketua', login: '081211112222', pin, pin2: pin })
  return { api, cookie, groupId }
}

