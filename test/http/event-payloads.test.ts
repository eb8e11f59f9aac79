import { readFileSync } from 'node:fs'
import t from 'tap'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { isIsoDate } from '../../src/domain/dates.js'
import { payloadOf, type FeedEvent } from '../../src/domain/webhooks/delivery.js'
import { COMPONENTS } from '../../src/http/schemas/components.js'
import { EVENT_DATA } from '../../src/http/schemas/event-data.js'
import { EVENT_TYPES, type EventType } from '../../src/services/events.js'
import { documentValidator } from '../document-validator.js'
import { expectStatus, type Api } from '../helpers.js'
import { fullYears, twoYearApi } from '../scenario.js'

/*
 * The OpenAPI document describes each event type's payload (components.schemas.WebhookEvent, one variant per type, and
 * EVENT_DATA for the feed's `data`). Two years of a group's books make every type of event at least once; each one, as
 * the feed gives it and as payloadOf makes its delivery, must match its type's schema exactly.
 */

/** The route schemas, checked as the server's own Ajv checks a body (src/http/plugins/validation.ts). */
function routeAjv (): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: false, discriminator: true, strict: false })
  addFormats.default(ajv)
  ajv.addFormat('date', { type: 'string', validate: isIsoDate })
  for (const schema of COMPONENTS) ajv.addSchema(schema)
  return ajv
}

/** The committed document's WebhookEvent, as an integrator's validator reads it (OpenAPI 3.1: JSON Schema 2020-12). */
function documentedWebhookEvent (): ValidateFunction {
  const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as { components: { schemas: Record<string, unknown> } }
  const { ajv } = documentValidator(doc)
  const validate = ajv.getSchema('/components/WebhookEvent')
  if (validate === undefined) throw new Error('the document has no components.schemas.WebhookEvent')
  return validate as ValidateFunction
}

/** The rest of what fullYears leaves out: an entry reversed, and a repayment undone through its loan. */
async function reversals (api: Api, groupId: string, loanId: string): Promise<void> {
  const params = { groupId }
  const entry = expectStatus(await api.call('post', '/v1/groups/{groupId}/journal-entries', {
    params, body: { date: '2007-01-14', description: 'Sewa tenda (salah catat)', lines: [{ account: '1101', debit: '100000' }, { account: '4103', credit: '100000' }] }
  }), 201)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/journal-entries/{entryId}/reversal', { params: { ...params, entryId: entry.id }, body: { date: '2007-01-14', reason: 'Dicatat dua kali' } }), 201)
  const paid = expectStatus(await api.call('post', '/v1/groups/{groupId}/loans/{loanId}/repayments', { params: { ...params, loanId }, body: { date: '2007-01-15', amount: '60000' } }), 201)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/loans/{loanId}/repayments/{repaymentId}/reversal', {
    params: { ...params, loanId, repaymentId: paid.id }, body: { date: '2007-01-15', reason: 'Salah anggota' }
  }), 201)
}

/** An arisan of two slots: recorded, both holders paying round 1, one paying round 2 late after it was drawn. */
async function arisanRounds (api: Api, groupId: string, members: readonly string[]): Promise<void> {
  const params = { groupId }
  const [a = '', b = ''] = members
  const meeting = expectStatus(await api.call('post', '/v1/groups/{groupId}/meetings', { params, body: { date: '2007-01-16', attendees: [a, b], decisions: [{ type: 'general', text: 'Arisan Rp 10.000' }] } }), 201)
  const arisan = expectStatus(await api.call('post', '/v1/groups/{groupId}/arisan', {
    params, body: { meetingId: meeting.id, name: 'Arisan PKK', contribution: '10000', schedule: 'meeting', order: 'draw', slots: [[a], [b]] }
  }), 201)
  const at = { groupId, arisanId: arisan.id }
  const pay = async (round: number, slot: number, memberId: string): Promise<void> => {
    expectStatus(await api.call('post', '/v1/groups/{groupId}/arisan/{arisanId}/contributions', { params: at, body: { round, slot, memberId, date: '2007-01-16', amount: '10000' } }), 201)
  }
  await pay(1, 1, a)
  await pay(1, 2, b)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/arisan/{arisanId}/rounds', { params: at, body: { date: '2007-01-16', called: '7' } }), 201)
  await pay(2, 1, a)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/arisan/{arisanId}/rounds', { params: at, body: { date: '2007-01-16', called: '8' } }), 201)
  await pay(2, 2, b)
}

/** Every event of the group, read over HTTP a page at a time. */
async function feedOf (api: Api, groupId: string): Promise<FeedEvent[]> {
  const events: FeedEvent[] = []
  let after = '0'
  for (;;) {
    const page = expectStatus(await api.call('get', '/v1/groups/{groupId}/events', { params: { groupId }, query: { after, limit: 25 } }), 200)
    if (page.items.length === 0) return events
    events.push(...page.items)
    after = page.nextCursor
  }
}

const errorsOf = (v: ValidateFunction): string => JSON.stringify(v.errors ?? [])

t.test('every event type is documented, and every event of two years of books matches its type\'s schema as the feed gives it and as a webhook delivers it', async t => {
  t.same(Object.keys(EVENT_DATA).sort(), [...EVENT_TYPES].sort(), 'EVENT_DATA has one schema per event type')
  const api = await twoYearApi()
  t.teardown(api.close)
  const books = await fullYears(api)
  await reversals(api, books.gid, books.loans[0] ?? '')
  await arisanRounds(api, books.gid, books.members)
  const feed = await feedOf(api, books.gid)
  t.same([...new Set(feed.map(e => e.type))].sort(), [...EVENT_TYPES].sort(), 'the books made every type of event')
  t.same(feed.map(e => e.seq), feed.map((_, i) => i + 1), 'the whole feed was read, in order')

  const ajv = routeAjv()
  const dataOf = Object.fromEntries(EVENT_TYPES.map(type => [type, ajv.compile(EVENT_DATA[type])])) as Record<EventType, ValidateFunction>
  const routeSchema = ajv.getSchema('WebhookEvent') as ValidateFunction
  const documented = documentedWebhookEvent()
  for (const e of feed) {
    const own = dataOf[e.type as EventType]
    t.ok(own(e.data), `${e.seq} ${e.type}: the feed's data matches EVENT_DATA['${e.type}'] ${errorsOf(own)}`)
    const payload = payloadOf(e)
    t.ok(routeSchema(payload), `${e.seq} ${e.type}: its delivery matches the route schema WebhookEvent ${errorsOf(routeSchema)}`)
    t.ok(documented(payload), `${e.seq} ${e.type}: and the committed document's WebhookEvent ${errorsOf(documented)}`)
    t.equal(payload.data.seq, e.seq, `${e.seq} ${e.type}: the delivery's seq is the feed's`)
    const ownSeq = (e.data as { seq?: number }).seq
    if (ownSeq !== undefined) t.equal(payload.data.entrySeq, ownSeq, `${e.seq} ${e.type}: its own seq is entrySeq`)
  }
})

t.test('the schemas are exact: an unknown field, an amount that is not a string of digits, a missing field or another type\'s tag is refused', async t => {
  const ajv = routeAjv()
  const validators = { route: ajv.getSchema('WebhookEvent') as ValidateFunction, document: documentedWebhookEvent() }
  const repaid = {
    type: 'loan.repaid',
    timestamp: '2007-01-20T02:00:00.000Z',
    data: {
      eventId: 'evt_000101', groupId: 'grp_000001', seq: 57, entityId: 'lon_000030', actor: { id: 'key_admin', name: 'admin' },
      repaymentId: 'rep_000102', date: '2007-01-15', amount: '60000', entryId: 'ent_000103', penalty: '0', interest: '10000', principal: '50000'
    }
  }
  const own = ajv.compile(EVENT_DATA['loan.repaid'])
  const { eventId: _e, groupId: _g, seq: _s, entityId: _i, actor: _a, ...feedData } = repaid.data
  t.ok(own(feedData), `the feed's data of loan.repaid ${errorsOf(own)}`)
  t.notOk(own({ ...feedData, note: 'x' }), 'EVENT_DATA refuses an unknown field')
  t.notOk(own({ ...feedData, amount: 60000 }), 'and an amount as a number')
  const wrong: Array<[string, unknown]> = [
    ['an unknown field in data', { ...repaid, data: { ...repaid.data, note: 'tunai' } }],
    ['an unknown field beside data', { ...repaid, extra: true }],
    ['an amount as a number', { ...repaid, data: { ...repaid.data, amount: 60000 } }],
    ['an amount with decimals', { ...repaid, data: { ...repaid.data, amount: '60000.50' } }],
    ['a negative part', { ...repaid, data: { ...repaid.data, penalty: '-1' } }],
    ['a date that is not YYYY-MM-DD', { ...repaid, data: { ...repaid.data, date: '15/01/2007' } }],
    ['no envelope seq', { ...repaid, data: { ...repaid.data, seq: undefined } }],
    ['another type\'s tag over this data', { ...repaid, type: 'loan.written_off' }],
    ['an unknown type', { ...repaid, type: 'loan.forgiven' }]
  ]
  for (const [name, validate] of Object.entries(validators)) {
    t.ok(validate(repaid), `${name}: the payload as it stands validates ${errorsOf(validate)}`)
    for (const [what, payload] of wrong) t.notOk(validate(JSON.parse(JSON.stringify(payload))), `${name}: ${what} is refused`)
  }
  const nullable = { ...repaid, type: 'expense.recorded', data: { ...repaid.data, ...{ repaymentId: undefined, date: undefined, entryId: undefined, penalty: undefined, interest: undefined, principal: undefined }, account: '5101', amount: '25000', fund: null } }
  for (const [name, validate] of Object.entries(validators)) {
    t.ok(validate(JSON.parse(JSON.stringify(nullable))), `${name}: expense.recorded takes fund: null ${errorsOf(validate)}`)
    t.notOk(validate(JSON.parse(JSON.stringify({ ...nullable, data: { ...nullable.data, fund: undefined } }))), `${name}: but not without fund`)
  }
})
