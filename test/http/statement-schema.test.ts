import { readFileSync } from 'node:fs'
import t from 'tap'
import { STATEMENT_KINDS } from '../../src/domain/statements/model.js'
import { documentValidator } from '../document-validator.js'
import { fullYears, twoYearApi } from '../scenario.js'

interface Content { schema: unknown }
const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, unknown> }
  paths: Record<string, { get: { responses: Record<string, { content: Record<string, Content> }> } }>
}
const documented = doc.paths['/v1/groups/{groupId}/statements/{kind}']?.get.responses['200']?.content ?? {}
const { ajv, rebased } = documentValidator(doc)
const validate = ajv.compile(rebased(documented['application/json']?.schema))

t.test('every statement kind in both languages is what the document\'s Statement schema says, and comes as a documented type', async t => {
  const api = await twoYearApi()
  t.teardown(api.close)
  const s = await fullYears(api)
  const [sari = ''] = s.members
  const [first = '', second = ''] = s.loans
  // Each kind once, and the kinds that take a parameter once more with it: a passbook, both loans' cards, Bank's book.
  const asked: Array<{ kind: string, query: string }> = [
    ...STATEMENT_KINDS.map(kind => ({ kind, query: kind === 'loan-card' ? `&loanId=${first}` : '' })),
    { kind: 'member-savings', query: `&memberId=${sari}` },
    { kind: 'loan-card', query: `&loanId=${second}` },
    { kind: 'cash-book', query: '&account=1102' },
    { kind: 'general-ledger', query: '&account=1101' }
  ]
  const seen = { tables: 0, rows: 0, checkpoints: 0 }
  for (const { kind, query } of asked) {
    for (const lang of ['id', 'en'] as const) {
      const url = `/v1/groups/${s.gid}/statements/${kind}?from=2006-01-01&to=2007-01-31&lang=${lang}${query}`
      const r = await api.get(url)
      t.equal(r.status, 200, url)
      t.equal(String(r.headers['content-type']).split(';')[0], 'application/json', `${url}: JSON by default`)
      t.ok(validate(r.json), `${url}: ${ajv.errorsText(validate.errors)}`)
      const body = r.json as { tables: Array<{ rows: unknown[] }>, checkpoint?: unknown }
      seen.tables += body.tables.length
      seen.rows += body.tables.reduce((n, table) => n + table.rows.length, 0)
      if (body.checkpoint !== undefined) seen.checkpoints++
    }
  }
  t.ok(seen.rows > 100, `${seen.rows} rows in ${seen.tables} tables checked`)
  t.equal(seen.checkpoints, asked.length * 2, 'every answer carries its signed checkpoint, checked by its own schema')

  for (const format of ['csv', 'xlsx', 'pdf'] as const) {
    const r = await api.app.inject({ method: 'GET', url: `/v1/groups/${s.gid}/statements/trial-balance?asOf=2006-12-31&format=${format}`, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
    t.equal(r.statusCode, 200, format)
    const type = String(r.headers['content-type']).split(';')[0] ?? ''
    t.ok(Object.hasOwn(documented, type), `${format} comes as ${type}, one of the documented types`)
  }
  t.same(Object.keys(documented).sort(), ['application/json', 'application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'], 'the four formats are documented')
})

t.test('the Statement schema refuses what a client must not receive: a fraction, a field it does not name, a false emphasis', async t => {
  const api = await twoYearApi()
  t.teardown(api.close)
  const s = await fullYears(api)
  const good = (await api.get(`/v1/groups/${s.gid}/statements/trial-balance?asOf=2006-12-31`)).json as {
    tables: Array<{ rows: Array<Record<string, unknown>> }>, summary: Array<{ value: unknown }>
  } & Record<string, unknown>
  t.ok(validate(good), 'the answer itself passes')
  const spoiled: Array<[string, (d: typeof good) => void]> = [
    ['a cell with a fraction (money is whole rupiah, and an amount a string of digits)', d => { const row = d.tables[0]?.rows[0]; if (row !== undefined) row.debit = 2500000.5 }],
    ['a field the schema does not name', d => { d.total = '0' }],
    ['emphasis false', d => { const row = d.tables[0]?.rows[0]; if (row !== undefined) row.emphasis = false }],
    ['a cell that is an object', d => { const row = d.tables[0]?.rows[0]; if (row !== undefined) row.name = { id: 'Kas', en: 'Cash' } }],
    ['no title', d => { delete d.title }],
    ['an unknown kind', d => { d.kind = 'balance' }]
  ]
  for (const [what, spoil] of spoiled) {
    const copy = structuredClone(good)
    spoil(copy)
    t.notOk(validate(copy), `refused: ${what}`)
  }
})
