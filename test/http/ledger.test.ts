import t from 'tap'
import { groupWithGrant, testApi } from '../helpers.js'

t.test('the treasurer\'s first month: grant, refreshments, balances, trial balance, verify', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const g = await api.post('/v1/groups', { name: 'P2WKSS Abiansemal', kind: 'p2wkss', village: 'Abiansemal, Badung' })
  t.equal(g.status, 201)
  t.match(g.json, { name: 'P2WKSS Abiansemal', kind: 'p2wkss', village: 'Abiansemal, Badung', actor: { id: 'key_admin' } })
  const gid = g.json.id as string

  const accounts = await api.get(`/v1/groups/${gid}/accounts`)
  t.equal(accounts.json.items.length, 21, 'the default chart of accounts')
  t.same(accounts.json.items.map((a: { code: string }) => a.code).slice(0, 3), ['1101', '1102', '1201'])
  t.match(accounts.json.items.find((a: { code: string }) => a.code === '1209'), { type: 'asset', normalBalance: 'credit' })

  const grant = await api.post(`/v1/groups/${gid}/grants`, { date: '2025-01-10', amount: '2500000', source: 'Pemkab Badung', description: 'Dana stimulan P2WKSS' })
  t.equal(grant.status, 201)
  t.match(grant.json, { seq: 1, date: '2025-01-10', lines: [{ account: '1101', debit: '2500000' }, { account: '3201', credit: '2500000' }] })
  t.equal(grant.json.lines[0].fund, grant.json.lines[1].fund, 'both lines carry the grant\'s fund')
  const funds = await api.get(`/v1/groups/${gid}/funds`)
  t.match(funds.json.items, [{ id: grant.json.lines[0].fund, kind: 'grant', source: 'Pemkab Badung' }])

  const expense = await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '60000', account: '5101', description: 'Konsumsi rapat Januari', fund: grant.json.lines[0].fund })
  t.equal(expense.status, 201)
  t.match(expense.json, { seq: 2, prevHash: grant.json.hash, lines: [{ account: '5101', debit: '60000' }, { account: '1101', credit: '60000' }] })

  const kas = (await api.get(`/v1/groups/${gid}/accounts`)).json.items.find((a: { code: string }) => a.code === '1101')
  t.equal(kas.balance, '2440000')

  const tb = await api.get(`/v1/groups/${gid}/trial-balance?asOf=2025-12-31`)
  t.equal(tb.status, 200)
  t.same(tb.json.totals, { debit: '2500000', credit: '2500000' })
  t.match(tb.json.rows.find((r: { account: string }) => r.account === '1101'), { debit: '2440000', credit: '0' })
  t.match(tb.json.rows.find((r: { account: string }) => r.account === '5101'), { debit: '60000', credit: '0' })
  t.match(tb.json.rows.find((r: { account: string }) => r.account === '3201'), { debit: '0', credit: '2500000' })
  const early = await api.get(`/v1/groups/${gid}/trial-balance?asOf=2025-01-15`)
  t.same(early.json.totals, { debit: '2500000', credit: '2500000' })
  t.match(early.json.rows.find((r: { account: string }) => r.account === '1101'), { debit: '2500000' })

  const ledger = await api.get(`/v1/groups/${gid}/accounts/1101/ledger?from=2025-01-15`)
  t.match(ledger.json, { opening: '2500000', closing: '2440000', rows: [{ seq: 2, credit: '60000', balance: '2440000' }] })

  const v = await api.get(`/v1/groups/${gid}/verify`)
  t.match(v.json, { valid: true, entries: 2, head: { seq: 2, hash: expense.json.hash }, firstBadSeq: null, problem: null, findings: [] })
})

t.test('a reversal swaps the sides, links both ways, and happens at most once', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const exp = await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '60000', account: '5101', description: 'Konsumsi' })
  const rev = await api.post(`/v1/groups/${gid}/journal-entries/${exp.json.id as string}/reversal`, { reason: 'Salah catat', date: '2025-01-21' })
  t.equal(rev.status, 201)
  t.match(rev.json, { reverses: exp.json.id, date: '2025-01-21', lines: [{ account: '5101', credit: '60000' }, { account: '1101', debit: '60000' }] })
  t.match(rev.json.description, /Salah catat/)
  const original = await api.get(`/v1/groups/${gid}/journal-entries/${exp.json.id as string}`)
  t.equal(original.json.reversedBy, rev.json.id)
  const again = await api.post(`/v1/groups/${gid}/journal-entries/${exp.json.id as string}/reversal`, { reason: 'lagi' })
  t.equal(again.status, 409)
  t.equal(again.json.code, 'ENTRY_ALREADY_REVERSED')
  const ofReversal = await api.post(`/v1/groups/${gid}/journal-entries/${rev.json.id as string}/reversal`, { reason: 'x' })
  t.equal(ofReversal.status, 409)
  t.equal(ofReversal.json.code, 'ENTRY_IS_REVERSAL', 'a reversal is not itself reversed: the entry is posted again')
  const other = await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '1000', account: '5102', description: 'ATK' })
  const early = await api.post(`/v1/groups/${gid}/journal-entries/${other.json.id as string}/reversal`, { reason: 'x', date: '2025-01-01' })
  t.equal(early.json.code, 'REVERSAL_BEFORE_ORIGINAL')
  await api.post(`/v1/groups/${gid}/journal-entries/${other.json.id as string}/reversal`, { reason: 'x', date: '2025-01-22' })
  const kas = (await api.get(`/v1/groups/${gid}/accounts`)).json.items.find((a: { code: string }) => a.code === '1101')
  t.equal(kas.balance, '2500000')
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.valid, true)
})

t.test('cash never goes below zero, on the day or any later day', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api, '100000')
  const over = await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '100001', account: '5101', description: 'x' })
  t.equal(over.status, 422)
  t.equal(over.json.code, 'INSUFFICIENT_FUNDS')
  t.equal((await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '100000', account: '5101', description: 'x' })).status, 201)
  // Before the grant arrived there was nothing in the box.
  const backdated = await api.post(`/v1/groups/${gid}/journal-entries`, { date: '2025-01-05', description: 'x', lines: [{ account: '5102', debit: '1' }, { account: '1101', credit: '1' }] })
  t.equal(backdated.json.code, 'INSUFFICIENT_FUNDS')
  // A reversal of the grant after the money was spent would leave the box negative.
  const entries = await api.get(`/v1/groups/${gid}/journal-entries`)
  const rev = await api.post(`/v1/groups/${gid}/journal-entries/${entries.json.items[0].id as string}/reversal`, { reason: 'x', date: '2025-02-01' })
  t.equal(rev.json.code, 'INSUFFICIENT_FUNDS')
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.entries, 2)
})

t.test('the journal pages by seq with a stable cursor and filters by date and account', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  for (let d = 11; d <= 20; d++) {
    await api.post(`/v1/groups/${gid}/expenses`, { date: `2025-01-${d}`, amount: '1000', account: d % 2 === 0 ? '5101' : '5102', description: `e${d}` })
  }
  const seen: number[] = []
  let cursor: string | null = null
  do {
    const page: { json: { items: Array<{ seq: number }>, nextCursor: string | null } } = await api.get(`/v1/groups/${gid}/journal-entries?limit=4${cursor === null ? '' : `&cursor=${cursor}`}`)
    seen.push(...page.json.items.map(e => e.seq))
    cursor = page.json.nextCursor
  } while (cursor !== null)
  t.same(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  const filtered = await api.get(`/v1/groups/${gid}/journal-entries?account=5102&from=2025-01-13&to=2025-01-17`)
  t.same(filtered.json.items.map((e: { description: string }) => e.description), ['e13', 'e15', 'e17'])
  const bad = await api.get(`/v1/groups/${gid}/journal-entries?cursor=nonsense`)
  t.equal(bad.status, 400)
})

t.test('accounts: add one, a taken code is a conflict, an unknown one is not found', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const add = await api.post(`/v1/groups/${gid}/accounts`, { code: '1103', name: 'Kas Kecil', type: 'asset' })
  t.equal(add.status, 201)
  t.same(add.json, { code: '1103', name: 'Kas Kecil', type: 'asset', normalBalance: 'debit', balance: '0' })
  const taken = await api.post(`/v1/groups/${gid}/accounts`, { code: '1101', name: 'Kas lagi', type: 'asset' })
  t.equal(taken.status, 409)
  t.equal(taken.json.code, 'ACCOUNT_CODE_TAKEN')
  t.equal((await api.get(`/v1/groups/${gid}/accounts/9999/ledger`)).json.code, 'ACCOUNT_NOT_FOUND')
})

t.test('members: add, list and read one; unknown ids are 404', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const m = await api.post(`/v1/groups/${gid}/members`, { name: 'Ni Made Sari', householdNo: 'KK-017', joinedOn: '2025-01-05' })
  t.equal(m.status, 201)
  t.match(m.json, { name: 'Ni Made Sari', householdNo: 'KK-017', joinedOn: '2025-01-05', groupId: gid })
  t.equal((await api.get(`/v1/groups/${gid}/members`)).json.items.length, 1)
  t.equal((await api.get(`/v1/groups/${gid}/members/${m.json.id as string}`)).json.name, 'Ni Made Sari')
  t.equal((await api.get(`/v1/groups/${gid}/members/mbr_nope`)).json.code, 'MEMBER_NOT_FOUND')
  t.equal((await api.get('/v1/groups/grp_nope')).json.code, 'GROUP_NOT_FOUND')
  t.equal((await api.post('/v1/groups/grp_nope/members', { name: 'x' })).status, 404)
  t.equal((await api.get('/v1/groups')).json.items.length, 1)
})

t.test('a journal line may name a member; an unknown member or fund is refused', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const m = await api.post(`/v1/groups/${gid}/members`, { name: 'Ni Luh' })
  const ok = await api.post(`/v1/groups/${gid}/journal-entries`, { date: '2025-01-12', description: 'Simpanan pokok', lines: [{ account: '1101', debit: '10000', memberId: m.json.id }, { account: '3101', credit: '10000', memberId: m.json.id }] })
  t.equal(ok.status, 201)
  t.equal(ok.json.lines[0].memberId, m.json.id)
  const noMember = await api.post(`/v1/groups/${gid}/journal-entries`, { date: '2025-01-12', description: 'x', lines: [{ account: '1101', debit: '1', memberId: 'mbr_x' }, { account: '3101', credit: '1', memberId: 'mbr_x' }] })
  t.equal(noMember.json.code, 'MEMBER_NOT_FOUND')
  const noFund = await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-12', amount: '1', account: '5101', description: 'x', fund: 'fnd_x' })
  t.equal(noFund.json.code, 'UNKNOWN_FUND')
})
