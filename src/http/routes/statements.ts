import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { invalid } from '../../domain/errors.js'
import { STATEMENT_KINDS, type Lang, type StatementKind } from '../../domain/statements/model.js'
import { reportDate } from '../../services/clock.js'
import { auditBundle, ledgerExport } from '../../services/bundle-service.js'
import { buildStatement } from '../../services/statement-service.js'
import { CONTENT_TYPE, FORMATS, renderFile, type Format } from '../../render/file.js'
import { renderJson } from '../../render/json.js'
import { AccountCode } from '../schemas/ledger.js'
import { errors, Id, IsoDate, Ref, StringEnum } from '../schemas/common.js'
import { StatementJson } from '../schemas/statements.js'


const StatementParams = Type.Object({ groupId: Id, kind: StringEnum(STATEMENT_KINDS) }, { additionalProperties: false })
const StatementQuery = Type.Object({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  asOf: Type.Optional(IsoDate),
  format: Type.Optional(StringEnum(FORMATS, { description: 'Default json.' })),
  lang: Type.Optional(StringEnum(['id', 'en'] as const, { description: 'Labels in Bahasa Indonesia (default) or English.' })),
  account: Type.Optional(AccountCode),
  memberId: Type.Optional(Id),
  loanId: Type.Optional(Id)
}, { additionalProperties: false })

/** The file name a village office would expect: the kind, the group and the last day. */
function fileName (kind: StatementKind, to: string, format: Format): string {
  return `${kind}_${to}.${format}`
}

export async function render (statement: Awaited<ReturnType<typeof buildStatement>>, format: Format, lang: Lang, printedAt: Date, timeZone: string): Promise<Buffer> {
  return format === 'json' ? Buffer.from(renderJson(statement, lang), 'utf8') : await renderFile(statement, format, lang, printedAt, timeZone)
}

/** A statement or a roll-up as a file. */

const fileResponse = (description: string) => ({ 200: Type.Unsafe({ description, type: 'string', format: 'binary' }) })
const binary = { schema: { type: 'string', format: 'binary' } }

/**
 * The statement's answer by format: the JSON described field by field, the others as files. The handler sends the
 * rendered bytes (a Buffer), which Fastify passes through unserialised whatever the content type; the map documents
 * them and lets a generated client type the JSON.
 */
const statementResponse = {
  200: Type.Unsafe({
    description: 'The statement in the chosen format: JSON (the default), CSV, XLSX or PDF.',
    content: {
      'application/json': { schema: Ref(StatementJson) },
      'text/csv': { schema: { type: 'string', description: 'RFC 4180, UTF-8 with a BOM, CRLF: one header row (a first column names the table when there are several), then one line per row; the summary is left out.' } },
      [CONTENT_TYPE.xlsx]: binary,
      'application/pdf': binary
    }
  })
}

export const statementRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.get('/groups/:groupId/statements/:kind', {
    schema: {
      tags: ['statements'],
      operationId: 'getStatement',
      summary: 'A statement of the books for a period (from/to) or a date (asOf), as JSON, CSV, XLSX or PDF',
      description: 'Kinds: trial-balance (Neraca Saldo), balance-sheet (Neraca), income-statement (Laporan SHU), cash-flow (Arus Kas), equity-changes (Perubahan Ekuitas), cash-book (Buku Kas Umum; ?account= for Bank), general-journal (Jurnal Umum), general-ledger (Buku Besar; ?account=), member-savings (?memberId= for a passbook, else the recap), loan-card (?loanId=), loan-portfolio, fund-usage, fund-growth, meetings, shu-distribution (Laporan Pembagian SHU of the latest closed period ending on or before `to`: the buckets and each member\'s savings, interest paid, share and what was paid out). Same ledger state and parameters give byte-identical JSON and CSV.',
      params: StatementParams,
      querystring: StatementQuery,
      response: { ...statementResponse, ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const q = req.query
    const to = reportDate(env, q.asOf ?? q.to)
    const from = q.asOf !== undefined ? null : (q.from ?? null)
    if (from !== null && from > to) throw invalid('from', 'must not be after to')
    const format = q.format ?? 'json'
    const statement = await buildStatement(store.reader, env, req.params.groupId, req.params.kind, {
      from, to,
      ...(q.account === undefined ? {} : { account: q.account }),
      ...(q.memberId === undefined ? {} : { memberId: q.memberId }),
      ...(q.loanId === undefined ? {} : { loanId: q.loanId })
    })
    const body = await render(statement, format, q.lang ?? 'id', env.now(), env.timeZone)
    reply.header('content-type', CONTENT_TYPE[format])
    if (format !== 'json') reply.header('content-disposition', `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${fileName(req.params.kind, to, format)}"`)
    return await reply.send(body)
  })

  app.get('/groups/:groupId/export/ledger', {
    schema: {
      tags: ['statements'],
      operationId: 'exportLedger',
      summary: 'The journal as plain text that hledger and ledger read unchanged (balances equal the trial balance)',
      params: Type.Object({ groupId: Id }, { additionalProperties: false }),
      querystring: Type.Object({ through: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { ...fileResponse('text/plain journal'), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const text = await ledgerExport(store.reader, req.params.groupId, reportDate(env, req.query.through))
    return await reply.header('content-type', 'text/plain; charset=utf-8').send(text)
  })

  app.get('/groups/:groupId/audit-bundle', {
    schema: {
      tags: ['statements'],
      operationId: 'getAuditBundle',
      summary: 'A zip an auditor verifies offline with dist/lumbung-verify.mjs: both hash chains (journal and records), the journal in ledger format, every statement (CSV and PDF, each recomputed by the verifier), the signed checkpoint, and a signed manifest of SHA-256 hashes',
      params: Type.Object({ groupId: Id }, { additionalProperties: false }),
      querystring: Type.Object({ through: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { ...fileResponse('application/zip'), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const through = reportDate(env, req.query.through)
    const zip = await auditBundle(store.reader, env, req.params.groupId, through, env.now(), async (s, l, at) => await render(s, 'pdf', l, at, env.timeZone))
    return await reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="audit-bundle_${through}.zip"`)
      .send(Buffer.from(zip))
  })
}
