import t from 'tap'
import { expectStatus, groupWithGrant, testApi } from '../helpers.js'
import { urlOf } from '../typed-call.js'

// The test helpers call documented routes typed by the OpenAPI document (src/client/generated): the compiler checks
// the path, its parameters and the body, and the answer's JSON follows its status. The @ts-expect-error lines are
// checked by `tsc --noEmit` in npm test: each would compile if the typing were loose, and then tsc fails on the
// unused directive.

t.test('a documented route called typed: path, params, body and answer', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const groupId = await groupWithGrant(api)
  const member = expectStatus(await api.call('post', '/v1/groups/{groupId}/members', { params: { groupId }, body: { name: 'Ni Wayan Sari', householdNo: 'KK-001', joinedOn: '2025-01-05' } }), 201)
  t.match(member.id, /^mbr_/, 'the 201 answer is typed as a member')
  const refused = await api.call('post', '/v1/groups/{groupId}/savings', { params: { groupId }, body: { memberId: member.id, kind: 'wajib', date: '2025-01-15', amount: '0' } })
  t.equal(refused.status, 400)
  if (refused.status === 400) t.equal(refused.json.errors[0]?.path, '/body/amount', 'a 400 narrows to the problem document')
  const group = expectStatus(await api.call('get', '/v1/groups/{groupId}', { params: { groupId } }), 200)
  t.equal(group.name, 'P2WKSS Abiansemal')
  const page = expectStatus(await api.call('get', '/v1/groups/{groupId}/journal-entries', { params: { groupId }, query: { limit: 1 } }), 200)
  t.equal(page.items.length, 1, 'the query is sent')
  t.throws(() => expectStatus(refused, 201), /expected 201, got 400/, 'another status than expected throws with the answer')
  const stranger = await api.call('get', '/v1/groups/{groupId}', { params: { groupId }, token: null })
  t.equal(stranger.status, 401, 'token: null sends no bearer')

  if (process.env.NEVER === 'run') {
    // @ts-expect-error: not a path of the document
    await api.call('get', '/v1/groups/{groupId}/nothing', { params: { groupId } })
    // @ts-expect-error: the path's parameter is missing
    await api.call('get', '/v1/groups/{groupId}', {})
    // @ts-expect-error: an amount is a string of digits, not a number
    await api.call('post', '/v1/groups/{groupId}/grants', { params: { groupId }, body: { date: '2025-01-10', amount: 2500000, source: 'x' } })
    // @ts-expect-error: a field the body does not have
    await api.call('post', '/v1/groups/{groupId}/grants', { params: { groupId }, body: { date: '2025-01-10', amount: '1', source: 'x', colour: 'red' } })
    // @ts-expect-error: the group route has no POST
    await api.call('post', '/v1/groups/{groupId}', { params: { groupId } })
    // @ts-expect-error: a 200 of this route is not documented, so it cannot be expected
    expectStatus(refused, 200)
  }
})

t.test('urlOf encodes each parameter into the template and appends the defined query values', async t => {
  t.equal(urlOf('/v1/groups/{groupId}/loans/{loanId}', { groupId: 'grp_1', loanId: 'a/b c' }), '/v1/groups/grp_1/loans/a%2Fb%20c')
  t.equal(urlOf('/v1/groups/{groupId}/loans', { groupId: 'g' }, { status: 'active', memberId: undefined }), '/v1/groups/g/loans?status=active')
  t.throws(() => urlOf('/v1/groups/{groupId}', {}), /no value for \{groupId\}/)
})
