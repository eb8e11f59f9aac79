import type { Api } from './helpers.js'
import { expectStatus, testApi } from './helpers.js'
import type { PathsWith, Request } from './typed-call.js'

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
  const made = async <P extends PathsWith<'post'>>(path: P, request: Request<P, 'post'>): Promise<void> => {
    const r = await api.call('post', path, request)
    if (r.status !== 201 && r.status !== 200) throw new Error(`${path}: ${String(r.status)} ${JSON.stringify(r.json)}`)
  }
  const gid = expectStatus(await api.call('post', '/v1/groups', { body: { name: 'Kelompok P2WKSS Desa Abiansemal', kind: 'p2wkss', village: 'Abiansemal, Badung, Bali' } }), 201).id
  const params = { groupId: gid }
  const members: string[] = []
  for (const [name, kk] of [['Ni Wayan Sari', 'KK-001'], ['Ni Made Rasmiati', 'KK-002'], ['Ni Nyoman Suartini', 'KK-003']] as const) {
    members.push(expectStatus(await api.call('post', '/v1/groups/{groupId}/members', { params, body: { name, householdNo: kk, joinedOn: '2005-01-05' } }), 201).id)
  }
  const [sari = '', rasmiati = '', nyoman = ''] = members
  await made('/v1/groups/{groupId}/grants', { params, body: { date: '2005-01-10', amount: '2500000', source: 'Program P2WKSS Provinsi Bali', description: 'Dana stimulan P2WKSS' } })
  for (const m of members) await made('/v1/groups/{groupId}/savings', { params, body: { memberId: m, kind: 'pokok', date: '2005-01-15', amount: '10000' } })
  await made('/v1/groups/{groupId}/meetings', {
    params,
    body: {
      date: '2005-01-15', attendees: members, notes: 'Rapat pembentukan usaha simpan pinjam.',
      decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', maxTermCount: 10, maxPrincipal: '500000', instalmentRoundTo: '100', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } }]
    }
  })
  await made('/v1/groups/{groupId}/expenses', { params, body: { date: '2005-01-15', amount: '25000', account: '5101', description: 'Konsumsi rapat Januari' } })
  const lend = async (body: Request<'/v1/groups/{groupId}/loans', 'post'>['body']): Promise<string> =>
    expectStatus(await api.call('post', '/v1/groups/{groupId}/loans', { params, body }), 201).id
  const loans = [
    await lend({ memberId: sari, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-20', purpose: 'Modal telur asin' }),
    await lend({ memberId: rasmiati, principal: '300000', termCount: 6, frequency: 'monthly', disbursedOn: '2005-02-01', purpose: 'Jajan bali' })
  ]
  const [a = '', b = ''] = loans
  const repay = async (loanId: string, date: string, amount: string): Promise<void> =>
    await made('/v1/groups/{groupId}/loans/{loanId}/repayments', { params: { groupId: gid, loanId }, body: { date, amount } })
  for (const m of ['02', '03', '04', '05', '06', '07']) await repay(a, `2005-${m}-20`, '60000')
  await repay(b, '2005-03-01', '56000')
  await repay(b, '2005-04-10', '56000')
  await made('/v1/groups/{groupId}/savings', { params, body: { memberId: nyoman, kind: 'sukarela', date: '2005-05-05', amount: '75000' } })
  await made('/v1/groups/{groupId}/savings/withdrawals', { params, body: { memberId: nyoman, date: '2005-08-05', amount: '25000' } })
  await made('/v1/groups/{groupId}/donations', { params, body: { date: '2005-06-01', amount: '200000', source: 'Kepala Desa Abiansemal' } })
  await made('/v1/groups/{groupId}/expenses', { params, body: { date: '2005-06-15', amount: '300000', account: '5201', description: 'Bantuan Posyandu Melati' } })
  await made('/v1/groups/{groupId}/expenses', { params, body: { date: '2005-08-17', amount: '450000', account: '1301', description: 'Gamelan untuk kelompok Sike' } })
  await made('/v1/groups/{groupId}/periods', { params, body: { through: '2005-12-31' } })
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
  const params = { groupId: s.gid }
  const [sari = '', rasmiati = ''] = s.members
  const [first = '', second = ''] = s.loans
  expectStatus(await api.call('post', '/v1/groups/{groupId}/accounts', { params, body: { code: '2104', name: 'Dana Sosial', type: 'liability' } }), 201)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/journal-entries', {
    params, body: { date: '2006-03-01', description: 'Sewa tenda', lines: [{ account: '1101', debit: '400000' }, { account: '4103', credit: '400000' }] }
  }), 201)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/periods', { params, body: { through: '2006-12-31' } }), 201)
  const rat = expectStatus(await api.call('post', '/v1/groups/{groupId}/meetings', {
    params,
    body: {
      date: '2007-01-10', attendees: [sari, rasmiati], notes: 'RAT 2006',
      decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Cadangan', percent: '50', account: '3301' }, { name: 'Jasa modal', percent: '40', basis: 'savings' }, { name: 'Dana sosial', percent: '10', account: '2104' }] }]
    }
  }), 201)
  const dist = expectStatus(await api.call('post', '/v1/groups/{groupId}/shu/distributions', { params, body: { through: '2006-12-31', meetingId: rat.id, date: '2007-01-10' } }), 201)
  const payout = expectStatus(await api.call('post', '/v1/groups/{groupId}/shu/payouts', { params, body: { memberId: sari, date: '2007-01-11', to: 'cash' } }), 201)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/loans/{loanId}/write-off', { params: { ...params, loanId: second }, body: { date: '2007-01-12', reason: 'Pindah ke luar desa' } }), 201)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/expenses', { params, body: { date: '2007-01-13', amount: '15000', account: '5102', description: 'ATK' } }), 201)
  const period = expectStatus(await api.call('get', '/v1/groups/{groupId}/periods', { params }), 200).items[1]?.id ?? ''
  const rep = expectStatus(await api.call('get', '/v1/groups/{groupId}/loans/{loanId}', { params: { ...params, loanId: first } }), 200).repayments[0]?.id ?? ''
  const fund = expectStatus(await api.call('get', '/v1/groups/{groupId}/funds', { params }), 200).items[0]?.id ?? ''
  return { ...s, ids: { rat: rat.id, dist: dist.id, payout: payout.id, period, rep, fund } }
}
