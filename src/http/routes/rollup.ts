import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { headsDigest, rollupTable } from '../../domain/reports/rollup-table.js'
import { rollup, type PlacedRollup } from '../../services/rollup-service.js'
import { principalOf } from '../context.js'
import { errors } from '../schemas/common.js'
import { Rollup, RollupQuery } from '../schemas/rollup.js'
import { CONTENT_TYPE, renderFile } from '../../render/file.js'

/** Whole rupiah as strings of digits, as everywhere in the API; counts stay numbers. */
function digits (v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString()
  if (Array.isArray(v)) return v.map(digits)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, digits(x)]))
  return v
}

const rollupJson = (r: PlacedRollup) => digits({
  from: r.from, asOf: r.asOf, headsDigest: headsDigest(r.groups),
  groups: r.groups.map(({ place: { updatedAt: _, ...place }, ...g }) => ({ ...g, place })),
  totals: r.totals
})

/** Whose groups the table covers, as its heading says. */
function scopeName (r: { region?: string, programme?: string }, global: boolean): string {
  const where = r.region === undefined ? (global ? 'Semua kelompok' : 'Kelompok yang dapat dibaca kunci ini') : `Wilayah ${r.region}`
  return r.programme === undefined ? where : `${where} · ${r.programme.toUpperCase()}`
}

/** The supervisors' picture of many groups (issue 18): per group and in total, from each group's own books. */
export const rollupRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung
  app.get('/rollup', {
    schema: {
      tags: ['reports'], operationId: 'getRollup',
      summary: 'The groups this key reads, one row each and in total: members, savings, loans, PAR30, kolektibilitas, fund growth, grants, SHU, meetings, SAVIX ratios',
      description: 'Each row is computed from that group\'s own books with the functions its statements use, so it ties to them; `head` names the journal state it came from. A supervisor\'s region key covers its region; narrow with region and programme. Formulas: docs/ROLLUP.md.',
      querystring: RollupQuery,
      response: {
        200: Type.Unsafe({
          description: 'The roll-up as JSON (the default), or its table of groups and totals as CSV, XLSX or PDF.',
          content: {
            'application/json': { schema: Rollup },
            'text/csv': { schema: { type: 'string', description: 'One header row, one line per group, the total last.' } },
            [CONTENT_TYPE.xlsx]: { schema: { type: 'string', format: 'binary' } },
            'application/pdf': { schema: { type: 'string', format: 'binary' } }
          }
        }),
        ...errors(400, 403, 422)
      }
    }
  }, async (req, reply) => {
    const q = req.query
    const p = principalOf(req)
    const r = await rollup(store.reader, env, p, {
      ...(q.asOf === undefined ? {} : { asOf: q.asOf }), ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.region === undefined ? {} : { region: q.region }), ...(q.programme === undefined ? {} : { programme: q.programme })
    })
    const format = q.format ?? 'json'
    if (format === 'json') return await reply.header('content-type', CONTENT_TYPE.json).send(Buffer.from(JSON.stringify(rollupJson(r)), 'utf8'))
    const lang = q.lang ?? 'id'
    const table = rollupTable(r, { name: scopeName(q, p.groupIds === null), village: null })
    const body = await renderFile(table, format, lang, env.now(), env.timeZone, lang === 'id' ? ['Disusun oleh', 'Diperiksa oleh'] : ['Prepared by', 'Checked by'])
    reply.header('content-type', CONTENT_TYPE[format]).header('content-disposition', `${format === 'pdf' ? 'inline' : 'attachment'}; filename="rekap-kelompok_${r.asOf}.${format}"`)
    return await reply.send(body)
  })
}
