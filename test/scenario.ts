import type { Api } from './helpers.js'
import { testApi } from './helpers.js'

/**
 * A fixed, fully deterministic P2WKSS year (2005): a fixed clock and counted ids, so every statement of it is the same
 * bytes on every run and can be compared with the golden files in test/golden/.
 */
export async function scenarioApi (database?: string): Promise<Api> {
  let n = 0
  const now = new Date('2006-01-15T02:00:00.000Z')
  return await testApi({
    ...(database === undefined ? {} : { database }),
    env: { now: () => now, newId: prefix => `${prefix}_${String(++n).padStart(6, '0')}` }
  })
}

export interface Scenario {
  gid: string
  members: string[]
  loans: string[]
}

export async function p2wkssYear (api: Api): Promise<Scenario> {
  const ok = async (url: string, body: unknown): Promise<{ id?: string }> => {
    const r = await api.post(url, body)
    if (r.status !== 201 && r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.json)}`)
    return r.json as { id?: string }
  }
  const gid = (await ok('/v1/groups', { name: 'Kelompok P2WKSS Desa Abiansemal', kind: 'p2wkss', village: 'Abiansemal, Badung, Bali' })).id ?? ''
  const g = `/v1/groups/${gid}`
  const members: string[] = []
  for (const [name, kk] of [['Ni Wayan Sari', 'KK-001'], ['Ni Made Rasmiati', 'KK-002'], ['Ni Nyoman Suartini', 'KK-003']] as const) {
    members.push((await ok(`${g}/members`, { name, householdNo: kk, joinedOn: '2005-01-05' })).id ?? '')
  }
  const [sari = '', made = '', nyoman = ''] = members
  await ok(`${g}/grants`, { date: '2005-01-10', amount: '2500000', source: 'Program P2WKSS Provinsi Bali', description: 'Dana stimulan P2WKSS' })
  for (const m of members) await ok(`${g}/savings`, { memberId: m, kind: 'pokok', date: '2005-01-15', amount: '10000' })
  await ok(`${g}/meetings`, {
    date: '2005-01-15', attendees: members, notes: 'Rapat pembentukan usaha simpan pinjam.',
    decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', maxTermCount: 10, maxPrincipal: '500000', instalmentRoundTo: '100', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } }]
  })
  await ok(`${g}/expenses`, { date: '2005-01-15', amount: '25000', account: '5101', description: 'Konsumsi rapat Januari' })
  const loans = [
    (await ok(`${g}/loans`, { memberId: sari, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-20', purpose: 'Modal telur asin' })).id ?? '',
    (await ok(`${g}/loans`, { memberId: made, principal: '300000', termCount: 6, frequency: 'monthly', disbursedOn: '2005-02-01', purpose: 'Jajan bali' })).id ?? ''
  ]
  const [a = '', b = ''] = loans
  for (const m of ['02', '03', '04', '05', '06', '07']) await ok(`${g}/loans/${a}/repayments`, { date: `2005-${m}-20`, amount: '60000' })
  await ok(`${g}/loans/${b}/repayments`, { date: '2005-03-01', amount: '56000' })
  await ok(`${g}/loans/${b}/repayments`, { date: '2005-04-10', amount: '56000' })
  await ok(`${g}/savings`, { memberId: nyoman, kind: 'sukarela', date: '2005-05-05', amount: '75000' })
  await ok(`${g}/savings/withdrawals`, { memberId: nyoman, date: '2005-08-05', amount: '25000' })
  await ok(`${g}/donations`, { date: '2005-06-01', amount: '200000', source: 'Kepala Desa Abiansemal' })
  await ok(`${g}/expenses`, { date: '2005-06-15', amount: '300000', account: '5201', description: 'Bantuan Posyandu Melati' })
  await ok(`${g}/expenses`, { date: '2005-08-17', amount: '450000', account: '1301', description: 'Gamelan untuk kelompok Sike' })
  await ok(`${g}/periods`, { through: '2005-12-31' })
  return { gid, members, loans }
}

/** A fixed clock at 2007-01-20 and counted ids: the two-year books of fullYears. */
export async function twoYearApi (): Promise<Api> {
  let n = 0
  const now = new Date('2007-01-20T02:00:00.000Z')
  return await testApi({ env: { now: () => now, newId: prefix => `${prefix}_${String(++n).padStart(6, '0')}` } })
}

export interface FullBooks extends Scenario {
  /** The ids of one row of each kind the rest of the books need: the RAT, the distribution, a payout, the 2006 period, a repayment, the grant's fund. */
  ids: { rat: string, dist: string, payout: string, period: string, rep: string, fund: string }
}

/**
 * The P2WKSS year 2005, then 2006 with other income, closed; its SHU shared by a meeting (RAT 2007), one share paid out,
 * a loan written off and one more expense in January 2007: a row in every protected table. Needs twoYearApi's clock.
 */
export async function fullYears (api: Api): Promise<FullBooks> {
  const s = await p2wkssYear(api)
  const g = `/v1/groups/${s.gid}`
  const ok = async (url: string, body: unknown): Promise<{ id: string }> => {
    const r = await api.post(url, body)
    if (r.status >= 300) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.json)}`)
    return r.json as { id: string }
  }
  await ok(`${g}/accounts`, { code: '2104', name: 'Dana Sosial', type: 'liability' })
  await ok(`${g}/journal-entries`, { date: '2006-03-01', description: 'Sewa tenda', lines: [{ account: '1101', debit: '400000' }, { account: '4103', credit: '400000' }] })
  await ok(`${g}/periods`, { through: '2006-12-31' })
  const rat = await ok(`${g}/meetings`, {
    date: '2007-01-10', attendees: s.members.slice(0, 2), notes: 'RAT 2006',
    decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Cadangan', percent: '50', account: '3301' }, { name: 'Jasa modal', percent: '40', basis: 'savings' }, { name: 'Dana sosial', percent: '10', account: '2104' }] }]
  })
  const dist = await ok(`${g}/shu/distributions`, { through: '2006-12-31', meetingId: rat.id, date: '2007-01-10' })
  const payout = await ok(`${g}/shu/payouts`, { memberId: s.members[0], date: '2007-01-11', to: 'cash' })
  await ok(`${g}/loans/${s.loans[1] ?? ''}/write-off`, { date: '2007-01-12', reason: 'Pindah ke luar desa' })
  await ok(`${g}/expenses`, { date: '2007-01-13', amount: '15000', account: '5102', description: 'ATK' })
  const period = ((await api.get(`${g}/periods`)).json.items as Array<{ id: string }>)[1]?.id ?? ''
  const rep = (((await api.get(`${g}/loans/${s.loans[0] ?? ''}`)).json.repayments ?? []) as Array<{ id: string }>)[0]?.id ?? ''
  const fund = ((await api.get(`${g}/funds`)).json.items as Array<{ id: string }>)[0]?.id ?? ''
  return { ...s, ids: { rat: rat.id, dist: dist.id, payout: payout.id, period, rep, fund } }
}
