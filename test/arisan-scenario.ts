import { testApi, type Api } from './helpers.js'

/*
 * The PKK arisan of the tests (issue 19): twelve members, Bu Sari and Bu Made hold two slots each, Bu Ani and Bu Rina
 * share one, the other eight hold one: 13 slots of Rp 50.000 a round, drawn (kocok) at each meeting.
 */
export const ok = async (api: Api, url: string, body: unknown): Promise<any> => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await api.post(url, body)
  if (r.status !== 201 && r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.json)}`)
  return r.json
}

export const NAMES = ['Sari', 'Made', 'Ani', 'Rina', 'Wayan', 'Komang', 'Ketut', 'Putu', 'Nyoman', 'Kadek', 'Gede', 'Luh']
export const month = (round: number): string => `${2025 + Math.floor((round - 1) / 12)}-${String(((round - 1) % 12) + 1).padStart(2, '0')}-05`

export interface Setup { api: Api, g: string, gid: string, ids: Map<string, string>, arisan: any } // eslint-disable-line @typescript-eslint/no-explicit-any

export async function setup (): Promise<Setup> {
  const api = await testApi()
  const gid = (await ok(api, '/v1/groups', { name: 'PKK Dusun Sedana', kind: 'pkk', village: 'Sedana' })).id as string
  const g = `/v1/groups/${gid}`
  const ids = new Map<string, string>()
  for (const n of NAMES) ids.set(n, (await ok(api, `${g}/members`, { name: `Bu ${n}`, joinedOn: '2024-12-01' })).id)
  const id = (n: string): string => ids.get(n) ?? ''
  const meeting = await ok(api, `${g}/meetings`, { date: '2024-12-20', attendees: [...ids.values()], decisions: [{ type: 'general', text: 'Arisan Rp 50.000 sebulan, dikocok' }] })
  const slots = [[id('Sari')], [id('Sari')], [id('Made')], [id('Made')], [id('Ani'), id('Rina')], ...NAMES.slice(4).map(n => [id(n)])]
  const arisan = await ok(api, `${g}/arisan`, { meetingId: meeting.id, name: 'Arisan PKK', contribution: '50000', schedule: 'monthly', order: 'draw', slots })
  return { api, g, gid, ids, arisan }
}


/** Every holder pays and the round is drawn (`called` is the round times 7), for rounds 1 to `rounds`. Returns the rounds' answers. */
export async function playRounds (s: Setup, rounds: number): Promise<any[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const out = []
  for (let round = 1; round <= rounds; round++) {
    for (const h of s.arisan.holders as Array<{ slot: number, memberId: string, due: string }>) {
      await ok(s.api, `${s.g}/arisan/${s.arisan.id}/contributions`, { slot: h.slot, memberId: h.memberId, date: month(round), amount: h.due })
    }
    out.push(await ok(s.api, `${s.g}/arisan/${s.arisan.id}/rounds`, { date: month(round), called: String(round * 7) }))
  }
  return out
}
