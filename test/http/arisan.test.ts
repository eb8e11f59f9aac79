import t from 'tap'
import { checkDraw } from '../../src/domain/arisan/draw.js'
import type { Api } from '../helpers.js'
import { month, ok, setup } from '../arisan-scenario.js'

/*
 * A 12-member arisan over a whole cycle (issue 19): Bu Sari and Bu Made hold two slots each, Bu Ani and Bu Rina share
 * one, the other eight hold one: 13 slots of Rp 50.000 a round, drawn (kocok) at each meeting. Bu Wayan pays round 2
 * late; the holders of the slot drawn in round 3 stop paying after they win.
 */
const balanceOf = async (api: Api, g: string, code: string): Promise<string> =>
  ((await api.get(`${g}/accounts`)).json.items as Array<{ code: string, balance: string }>).find(a => a.code === code)?.balance ?? 'none'

t.test('a whole drawn cycle: each slot wins once, the pots are the rounds\' contributions, Titipan ends at 0, arrears are named', async t => {
  const { api, g, gid, ids, arisan } = await setup()
  t.teardown(api.close)
  const name = new Map([...ids].map(([n, m]) => [m, n]))
  t.equal(arisan.slots, 13)
  t.same(arisan.holders.filter((h: { slot: number }) => h.slot === 5).map((h: { due: string }) => h.due), ['25000', '25000'], 'the shared slot: each pays half')
  t.equal(await balanceOf(api, g, '2150'), '0', 'Titipan Arisan is in the chart')
  const holders = arisan.holders as Array<{ slot: number, memberId: string, due: string }>
  let stopped: Set<string> = new Set()
  let lateId = ''
  let lateLines = 0
  for (let round = 1; round <= 13; round++) {
    for (const h of holders) {
      if (stopped.has(h.memberId)) continue
      if (round === 2 && name.get(h.memberId) === 'Wayan') continue
      await ok(api, `${g}/arisan/${arisan.id}/contributions`, { slot: h.slot, memberId: h.memberId, date: month(round), amount: h.due })
    }
    const before = (await api.get(`${g}/arisan/${arisan.id}`)).json
    const r = await ok(api, `${g}/arisan/${arisan.id}/rounds`, { date: month(round), called: String(round * 7) })
    t.equal(r.pot, before.pot, `round ${round}: the pot is what the round collected`)
    t.equal(r.holders.reduce((s: bigint, x: { amount: string }) => s + BigInt(x.amount), 0n).toString(), r.pot, `round ${round}: the holders got the whole pot`)
    t.equal(checkDraw({ groupId: gid, arisanId: arisan.id, round, headHash: r.headHash, called: r.draw.called, eligible: r.draw.eligible }, { winner: String(r.slot), digest: r.draw.digest }), null, `round ${round}: the draw recomputes`)
    if (round === 2) {
      const wayan = holders.find(h => name.get(h.memberId) === 'Wayan')
      const late = await ok(api, `${g}/arisan/${arisan.id}/contributions`, { round: 2, slot: wayan?.slot, memberId: wayan?.memberId, date: month(2), amount: '50000' })
      t.equal(late.late, true, 'paid after round 2 was taken: late')
      lateId = late.entryId
      lateLines = 2 + 2 * holders.filter(h => h.slot === r.slot).length
    }
    if (round === 3) stopped = new Set(holders.filter(h => h.slot === r.slot).map(h => h.memberId))
    t.equal(await balanceOf(api, g, '2150'), '0', `round ${round}: Titipan Arisan holds nothing once the round is taken`)
  }
  const end = (await api.get(`${g}/arisan/${arisan.id}`)).json
  t.equal(end.nextRound, null, 'the cycle is complete')
  t.same(end.rounds.map((r: { slot: number }) => r.slot).sort((a: number, b: number) => a - b), Array.from({ length: 13 }, (_, i) => i + 1), 'each slot won exactly once')
  t.equal(end.held, '0')
  t.equal(end.paidIn, end.paidOut, 'money in equals money out')
  const late = (await api.get(`${g}/journal-entries/${lateId}`)).json
  t.equal(late.lines.length, lateLines, 'the late payment is passed on to the round\'s holders in its own entry')
  for (const s of end.standing as Array<{ slot: number, memberId: string, unpaid: number[], arrears: string, wonRound: number, stoppedAfterWinning: boolean, owesRest: string, due: string }>) {
    if (stopped.has(s.memberId)) {
      // She stopped for every slot she holds; a slot of hers drawn later still took its round.
      t.equal(s.stoppedAfterWinning, s.wonRound < 13, `${name.get(s.memberId) ?? ''} stopped paying after her slot ${s.slot} won round ${s.wonRound}`)
      t.same(s.unpaid, [4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
      t.equal(s.arrears, (BigInt(s.due) * 10n).toString())
      t.equal(s.owesRest, (BigInt(s.due) * BigInt(13 - s.wonRound)).toString(), 'what she owes of the rest of the cycle since her slot won')
    } else {
      t.same(s.unpaid, [], `${name.get(s.memberId) ?? ''} is paid up`)
      t.equal(s.arrears, '0')
    }
  }
  // The Laporan Arisan says the same: every round with its digest, every holder's arrears, Titipan at 0.
  const report = (await api.get(`${g}/statements/arisan?to=2026-01-31`)).json
  const [roundsTable, standingTable] = report.tables
  t.equal(roundsTable.rows.length, 14, '13 rounds and their total')
  t.same(roundsTable.rows.slice(0, 13).map((r: { digest: string }) => r.digest), end.rounds.map((r: { draw: { digest: string } }) => r.draw.digest), 'each round\'s proof')
  t.equal(standingTable.rows.at(-1).arrears, end.standing.reduce((s: bigint, x: { arrears: string }) => s + BigInt(x.arrears), 0n).toString(), 'the arrears in total')
  t.ok(standingTable.rows.filter((r: { note: string | null }) => r.note === 'Berhenti setor setelah dapat').length >= 1, 'the winner who stopped paying is named')
  t.equal(report.summary.at(-1).value, '0', 'Titipan Arisan holds nothing at the end of the cycle')
  const csv = await api.app.inject({ method: 'GET', url: `${g}/statements/arisan?to=2026-01-31&format=csv`, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
  t.match(csv.body, /Bukti Undian \(SHA-256\)/)
  const verify = (await api.get(`${g}/verify`)).json
  t.equal(verify.valid, true, JSON.stringify(verify.findings))
  const again = await api.post(`${g}/arisan/${arisan.id}/rounds`, { date: month(13), called: '1' })
  t.equal(again.status, 409)
  t.equal(again.json.code, 'ARISAN_CYCLE_COMPLETE')
})

t.test('refusals change nothing', async t => {
  const { api, g, ids, arisan } = await setup()
  t.teardown(api.close)
  const sari = ids.get('Sari') ?? ''
  const ani = ids.get('Ani') ?? ''
  const url = `${g}/arisan/${arisan.id}/contributions`
  const events = async (): Promise<number> => (await api.get(`${g}/events`)).json.items.length
  const before = await events()
  const refused: Array<[unknown, number, string]> = [
    [{ slot: 1, memberId: sari, date: '2025-01-05', amount: '40000' }, 422, 'ARISAN_WRONG_AMOUNT'],
    [{ slot: 3, memberId: sari, date: '2025-01-05', amount: '50000' }, 422, 'ARISAN_NOT_A_HOLDER'],
    [{ slot: 5, memberId: ani, date: '2025-01-05', amount: '50000' }, 422, 'ARISAN_WRONG_AMOUNT'],
    [{ round: 2, slot: 1, memberId: sari, date: '2025-01-05', amount: '50000' }, 422, 'ARISAN_ROUND_NOT_OPEN']
  ]
  for (const [body, status, code] of refused) {
    const r = await api.post(url, body)
    t.equal(r.status, status, code)
    t.equal(r.json.code, code)
  }
  t.equal((await api.post(`${g}/arisan/${arisan.id}/rounds`, { date: '2025-01-05', called: '3' })).json.code, 'ARISAN_POT_EMPTY')
  t.equal((await api.post(`${g}/arisan/${arisan.id}/rounds`, { date: '2025-01-05' })).status, 400, 'a drawn arisan needs the called number')
  t.equal(await events(), before, 'no refusal wrote anything')
  const paid = await ok(api, url, { slot: 1, memberId: sari, date: '2025-01-05', amount: '50000' })
  const twice = await api.post(url, { slot: 1, memberId: sari, date: '2025-01-05', amount: '50000' })
  t.equal(twice.status, 409)
  t.equal(twice.json.code, 'ARISAN_ALREADY_PAID')
  const undo = await api.post(`${g}/journal-entries/${paid.entryId}/reversal`, { reason: 'salah' })
  t.equal(undo.status, 409)
  t.equal(undo.json.code, 'ENTRY_BELONGS_TO_ARISAN')
  // Recorded in error: undone through the arisan while the round collects, then paid again; not once the round is taken.
  const corrected = await api.post(`${url}/${paid.id}/reversal`, { reason: 'Dicatat untuk nomor yang salah', date: '2025-01-05' })
  t.equal(corrected.status, 201)
  t.equal(corrected.json.reversedOn, '2025-01-05')
  t.equal((await api.post(`${url}/${paid.id}/reversal`, { reason: 'lagi' })).json.code, 'ENTRY_ALREADY_REVERSED')
  t.equal((await api.post(`${url}/arc_nope/reversal`, { reason: 'x' })).json.code, 'CONTRIBUTION_NOT_FOUND')
  const state = (await api.get(`${g}/arisan/${arisan.id}`)).json
  t.equal(state.pot, '0', 'the reversed contribution counts for nothing')
  const again = await ok(api, url, { slot: 1, memberId: sari, date: '2025-01-05', amount: '50000' })
  await ok(api, url, { slot: 2, memberId: sari, date: '2025-01-05', amount: '50000' })
  await ok(api, `${g}/arisan/${arisan.id}/rounds`, { date: '2025-01-05', called: '9' })
  const late = await api.post(`${url}/${again.id}/reversal`, { reason: 'terlambat' })
  t.equal(late.status, 409)
  t.equal(late.json.code, 'ARISAN_ROUND_TAKEN')
  const after = (await api.get(`${g}/arisan/${arisan.id}`)).json
  t.equal(after.rounds[0].pot, '100000', 'the round paid the two standing contributions')
  t.equal(after.held, '0')
  t.equal((await api.get(`${g}/verify`)).json.valid, true, 'a corrected arisan verifies')
  const slotsBad = await api.post(`${g}/arisan`, { meetingId: arisan.meetingId, name: 'X', contribution: '1000', schedule: 'meeting', order: 'agreed', slots: [[sari], [sari], [sari, ani]] })
  t.equal(slotsBad.json.code, 'ARISAN_SLOTS_INVALID', 'a member in three slots')
  const noMeeting = await api.post(`${g}/arisan`, { meetingId: 'mtg_nope', name: 'X', contribution: '1000', schedule: 'meeting', order: 'agreed', slots: [[sari], [ani]] })
  t.equal(noMeeting.json.code, 'MEETING_NOT_FOUND')
})

t.test('an agreed order: slot n takes round n, and a called number is refused', async t => {
  const { api, g, ids, arisan } = await setup()
  t.teardown(api.close)
  const sari = ids.get('Sari') ?? ''
  const ani = ids.get('Ani') ?? ''
  const a = await ok(api, `${g}/arisan`, { meetingId: arisan.meetingId, name: 'Arisan Ibu', contribution: '10000', hostFee: '2000', schedule: 'meeting', order: 'agreed', slots: [[ani], [sari]] })
  for (const round of [1, 2]) {
    await ok(api, `${g}/arisan/${a.id}/contributions`, { slot: 1, memberId: ani, date: month(round), amount: '10000' })
    await ok(api, `${g}/arisan/${a.id}/contributions`, { slot: 2, memberId: sari, date: month(round), amount: '10000' })
    t.equal((await api.post(`${g}/arisan/${a.id}/rounds`, { date: month(round), called: '5' })).status, 400)
    const r = await ok(api, `${g}/arisan/${a.id}/rounds`, { date: month(round) })
    t.equal(r.slot, round)
    t.equal(r.draw, null)
    t.same(r.holders.map((h: { amount: string }) => h.amount), ['18000'], 'the pot less the host\'s fee')
  }
  t.equal(await balanceOf(api, g, '2150'), '0')
  const income = ((await api.get(`${g}/accounts`)).json.items as Array<{ type: string, balance: string }>).filter(x => x.type === 'income').map(x => x.balance)
  t.ok(income.every(b => b === '0'), 'no arisan money touched income')
})
