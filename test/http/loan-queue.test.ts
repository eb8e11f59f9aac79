import t from 'tap'
import { registerFindings } from '../../src/domain/integrity/registers.js'
import { loadBooks } from '../../src/services/books-service.js'
import { testApi } from '../helpers.js'
import { lit, tamper } from '../tamper.js'

/*
 * Giliran pinjaman (issue 19): a meeting decides who borrows next from the revolving fund; the next member is shown; a
 * loan to anyone else while someone waits is refused without a recorded reason, and verify checks every loan against
 * the queue in force on its day.
 */
t.test('the queue a meeting decided: next in line, out of turn only with a reason, kept and verified', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'P2WKSS Sedana', kind: 'p2wkss' })).json.id as string
  const g = `/v1/groups/${gid}`
  await api.post(`${g}/grants`, { date: '2025-01-02', amount: '2500000', source: 'Pemprov' })
  const [ani = '', budi = '', citra = '', dewi = ''] = await Promise.all(['Ani', 'Budi', 'Citra', 'Dewi'].map(async n => (await api.post(`${g}/members`, { name: `Bu ${n}` })).json.id as string))
  const terms = { type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', maxPrincipal: '500000' }
  t.equal((await api.post(`${g}/meetings`, { date: '2025-01-05', attendees: [ani], decisions: [terms, { type: 'loan-queue', memberIds: [budi, 'mbr_nope'] }] })).json.code, 'MEMBER_NOT_FOUND')
  t.equal((await api.post(`${g}/meetings`, { date: '2025-01-05', attendees: [ani], decisions: [terms, { type: 'loan-queue', memberIds: [budi, budi] }] })).status, 400, 'a member twice')
  const meeting = await api.post(`${g}/meetings`, { date: '2025-01-05', attendees: [ani, budi, citra, dewi], decisions: [terms, { type: 'loan-queue', memberIds: [budi, citra] }] })
  t.equal(meeting.status, 201)
  t.same(meeting.json.decisions[1].memberIds, [budi, citra])

  const queue = async (): Promise<any> => (await api.get(`${g}/loan-queue?asOf=2025-03-20`)).json // eslint-disable-line @typescript-eslint/no-explicit-any
  let q = await queue()
  t.same(q.next, { memberId: budi, name: 'Bu Budi' })
  t.equal(q.kasAllows, true, 'Kas holds a loan of the largest the terms allow')
  t.equal(q.history.length, 1)

  const loan = (memberId: string, extra: Record<string, unknown> = {}): Promise<{ status: number, json: any }> => // eslint-disable-line @typescript-eslint/no-explicit-any
    api.post(`${g}/loans`, { memberId, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-02-01', ...extra })
  const entries = async (): Promise<number> => (await api.get(`${g}/journal-entries`)).json.items.length
  const before = await entries()
  const jump = await loan(citra)
  t.equal(jump.status, 422)
  t.equal(jump.json.code, 'LOAN_OUT_OF_TURN')
  t.same(jump.json.errors.map((e: { path: string }) => e.path), ['/body/outOfTurnReason'])
  t.equal(await entries(), before, 'the refused loan wrote nothing')
  t.equal((await loan(budi, { outOfTurnReason: 'Tidak perlu' })).status, 400, 'a reason for a loan in turn is refused')
  t.equal((await loan(budi)).status, 201, 'the next in line borrows')
  q = await queue()
  t.same(q.next, { memberId: citra, name: 'Bu Citra' })
  t.same(q.places.map((p: { loanId: string | null }) => p.loanId !== null), [true, false])
  t.equal((await loan(dewi)).json.code, 'LOAN_OUT_OF_TURN', 'a member not in the queue waits too')
  const urgent = await loan(dewi, { principal: '300000', outOfTurnReason: 'Anak sakit, disetujui rapat darurat' })
  t.equal(urgent.status, 201)
  t.equal(urgent.json.outOfTurnReason, 'Anak sakit, disetujui rapat darurat', 'the reason is kept on the loan')
  t.equal((await loan(citra, { principal: '400000' })).status, 201)
  q = await queue()
  t.equal(q.next, null, 'everyone in the line has borrowed')
  t.equal((await loan(ani, { principal: '100000' })).status, 201, 'no one waits: no reason needed')

  const meetings = (await api.get(`${g}/statements/meetings?to=2025-03-20`)).json
  t.match(JSON.stringify(meetings.tables[0].rows), /Giliran pinjaman: 1\. Bu Budi, 2\. Bu Citra/)
  t.equal((await api.get(`${g}/verify`)).json.valid, true)

  // An attacker who erases the reason (and so the record chain's copy disagrees) is named; so is one who rewrites the
  // books consistently, because the loan no longer fits the queue in force on its day.
  const books = await loadBooks(api.store.db, gid, { entries: true })
  const byId = new Map((books.entries ?? []).map(e => [e.id, e]))
  const forged = { ...books, loans: books.loans.map(l => l.loan.id === urgent.json.id ? { ...l, loan: { ...l.loan, outOfTurnReason: null } } : l) }
  t.ok(registerFindings(forged, id => byId.get(id)).some(f => f.table === 'loans' && f.id === urgent.json.id && /no reason recorded/.test(f.detail)))
  await tamper(api, [`UPDATE loans SET out_of_turn_reason = NULL WHERE id = ${lit(urgent.json.id)}`])
  const found = (await api.get(`${g}/verify`)).json.findings as Array<{ table: string, id: string }>
  t.ok(found.some(f => f.table === 'loans' && f.id === urgent.json.id), 'verify names the loan')
})
