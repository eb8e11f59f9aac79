import t from 'tap'
import { testApi, type Api } from '../helpers.js'

/*
 * Supervisors: an auditor key scoped to a region (and a programme) reads exactly the groups placed inside it, those
 * placed there later too, and writes nothing.
 */

async function groupAt (api: Api, name: string, kind: string, regionCode: string | null): Promise<string> {
  const id = (await api.post('/v1/groups', { name, kind })).json.id as string
  if (regionCode !== null) t.equal((await api.post(`/v1/groups/${id}/place`, { regionCode, province: 'Bali', regency: 'Badung', district: 'Abiansemal', village: null })).status, 200)
  return id
}

const as = (api: Api, key: string) => ({
  get: async (url: string) => await api.get(url, key),
  post: async (url: string, body: unknown) => await api.post(url, body, { authorization: `Bearer ${key}` })
})

t.test('a kecamatan\'s supervisor sees exactly its groups of its programme, a group placed there later too, and writes nothing', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const mawar = await groupAt(api, 'P2WKSS Mawar', 'p2wkss', '51.03.05.2001')
  const melati = await groupAt(api, 'P2WKSS Melati', 'p2wkss', '51.03.05')
  const pkk = await groupAt(api, 'PKK Abiansemal', 'pkk', '51.03.05.2002')
  const elsewhere = await groupAt(api, 'P2WKSS Mengwi', 'p2wkss', '51.03.06.2001')
  await groupAt(api, 'P2WKSS tanpa tempat', 'p2wkss', null)
  const made = await api.post('/v1/api-keys', { name: 'Pendamping Abiansemal', role: 'auditor', region: { code: '51.03.05', programme: 'p2wkss' } })
  t.equal(made.status, 201)
  t.match(made.json, { role: 'auditor', groupIds: [], region: { code: '51.03.05', programme: 'p2wkss' } })
  const sup = as(api, made.json.key as string)
  const seen = async (): Promise<string[]> => ((await sup.get('/v1/groups')).json.items as Array<{ id: string }>).map(g => g.id).sort()
  t.same(await seen(), [mawar, melati].sort(), 'the kecamatan\'s P2WKSS groups: not its PKK, not the next kecamatan, not a group with no place')
  t.equal((await sup.get(`/v1/groups/${mawar}/accounts`)).status, 200, 'it reads their books')
  t.equal((await sup.get(`/v1/groups/${elsewhere}/accounts`)).json.code, 'GROUP_NOT_FOUND', 'another kecamatan\'s group does not exist for it')
  t.equal((await sup.get(`/v1/groups/${pkk}/accounts`)).json.code, 'GROUP_NOT_FOUND', 'nor another programme\'s')
  const later = await groupAt(api, 'P2WKSS Kenanga', 'p2wkss', '51.03.05.2003')
  t.same(await seen(), [mawar, melati, later].sort(), 'a group placed there later is in its scope at once')
  const spend = await sup.post(`/v1/groups/${mawar}/expenses`, { date: '2025-01-20', amount: '1000', account: '5101', description: 'x' })
  t.same([spend.status, spend.json.code], [403, 'FORBIDDEN'], 'it writes nothing')
  t.equal((await sup.post(`/v1/groups/${mawar}/place`, { regionCode: '51.03.06', province: null, regency: null, district: null, village: null })).status, 403, 'not even the place of a group')
  // A group moved out of the region leaves the scope.
  t.equal((await api.post(`/v1/groups/${melati}/place`, { regionCode: '51.71', province: 'Bali', regency: 'Denpasar', district: null, village: null })).status, 200)
  t.same(await seen(), [mawar, later].sort())
  const dinas = as(api, (await api.post('/v1/api-keys', { name: 'Dinas PMD Badung', role: 'auditor', region: { code: '51.03' } })).json.key as string)
  t.same(((await dinas.get('/v1/groups')).json.items as Array<{ id: string }>).map(g => g.id).sort(), [mawar, pkk, elsewhere, later].sort(), 'a kabupaten, every programme: not the group moved away, not the one with no place')
  const listed = (await api.get('/v1/api-keys')).json.items as Array<{ name: string, region: { code: string } | null }>
  t.same(listed.filter(k => k.region !== null).map(k => [k.name, k.region?.code]), [['Pendamping Abiansemal', '51.03.05'], ['Dinas PMD Badung', '51.03']])
})

t.test('a region scope is refused unless it is an auditor key with a real region code and no group list', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const g = await groupAt(api, 'P2WKSS Mawar', 'p2wkss', null)
  const bad = async (body: unknown): Promise<[number, string, string]> => {
    const r = await api.post('/v1/api-keys', body)
    return [r.status, r.json.code as string, (r.json.errors as Array<{ path: string }> | undefined)?.[0]?.path ?? '']
  }
  t.same(await bad({ name: 'x', role: 'treasurer', region: { code: '51.03' } }), [400, 'VALIDATION_FAILED', '/body/region'], 'a supervisor reads: no treasurer key by region')
  t.same(await bad({ name: 'x', role: 'auditor', groupIds: [g], region: { code: '51.03' } }), [400, 'VALIDATION_FAILED', '/body/groupIds'])
  t.same(await bad({ name: 'x', role: 'auditor', region: { code: '51.3' } }), [400, 'VALIDATION_FAILED', '/body/region/code'])
  t.same(await bad({ name: 'x', role: 'auditor', region: { code: '51.03', programme: 'arisan' } }), [400, 'VALIDATION_FAILED', '/body/region/programme'])
  const nowhere = { regionCode: null, province: null, regency: null, district: null, village: null }
  t.same((await api.post(`/v1/groups/${g}/place`, { ...nowhere, regionCode: 'Badung' })).json.code, 'VALIDATION_FAILED', 'a place\'s code is a code')
  t.same((await api.post(`/v1/groups/${g}/place`, {})).json.code, 'VALIDATION_FAILED', 'a careless {} wipes nothing: every field is asked for')
  t.same((await api.get(`/v1/groups/${g}/place`)).json, { regionCode: null, province: null, regency: null, district: null, village: null, updatedAt: null }, 'and nothing was set')
})
