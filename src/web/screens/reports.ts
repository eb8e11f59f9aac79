import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Api } from '../api.js'
import { today } from '../../services/clock.js'
import { SENTENCE } from '../messages.js'
import { html } from '../html.js'
import { dateOf } from '../forms.js'
import { parseTanggal } from '../tanggal.js'
import { dateField, page, selectField, type FormState } from '../layout.js'
import { ctxOf, sendPage } from '../request.js'
import { statementHtml, type StatementJson } from '../statement-html.js'
import { TITLES } from '../../domain/statements/common.js'
import type { StatementKind } from '../../domain/statements/model.js'

/** The statements a treasurer or a pengawas picks from, in the order they read them, under their printed titles. */
const ORDER: readonly StatementKind[] = [
  'balance-sheet', 'income-statement', 'shu-distribution', 'cash-flow', 'equity-changes', 'fund-growth', 'fund-usage', 'cash-book',
  'general-journal', 'general-ledger', 'trial-balance', 'member-savings', 'loan-portfolio', 'meetings', 'arisan'
]
export const KINDS: Array<[string, string]> = ORDER.map(k => [k, TITLES[k].id])
const KNOWN = new Set([...KINDS.map(k => k[0]), 'loan-card'])
const FORMATS = new Set(['pdf', 'xlsx', 'csv'])
/** Laporan: every statement for a chosen period, on screen or as PDF, XLSX or CSV; the audit bundle. */
export async function reportRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/laporan', async (req, reply) => {
    const ctx = ctxOf(req)
    const q = req.query as Record<string, string | undefined>
    const now = today(app.lumbung.env)
    const f: FormState = { values: { jenis: q.jenis ?? 'balance-sheet', dari: q.dari ?? `${now.slice(0, 4)}-01-01`, sampai: q.sampai ?? now }, errors: {} }
    const kind = KNOWN.has(f.values.jenis ?? '') ? f.values.jenis ?? '' : 'balance-sheet'
    // Typed the Indonesian way or as ISO: read as ISO dates, which the links below and /v1 use.
    const [from, to] = [dateOf(f, 'dari'), dateOf(f, 'sampai')]
    if (from !== null) f.values.dari = from
    if (to !== null) f.values.sampai = to
    if (from !== null && to !== null && from > to) f.errors.dari = 'Tanggal awal tidak boleh setelah tanggal akhir.'
    const period = `dari=${f.values.dari ?? ''}&sampai=${f.values.sampai ?? ''}`
    const statement = Object.keys(f.errors).length > 0 ? null : await ctx.api.get<StatementJson>(`/v1/groups/${ctx.groupId}/statements/${kind}?from=${f.values.dari ?? ''}&to=${f.values.sampai ?? ''}`)
    const g = `/g/${ctx.groupId}/laporan`
    return await sendPage(reply, page('Laporan', ctx.viewer, 'laporan', html`
<form method="get" action="${g}" class="card form" id="form-laporan">
  ${selectField(f, 'jenis', 'Laporan', KINDS)}
  <div class="row">
    ${dateField(f, 'dari', 'Dari tanggal', { required: true })}
    ${dateField(f, 'sampai', 'Sampai tanggal', { required: true })}
  </div>
  <button type="submit" class="primary">Tampilkan</button>
</form>
${statement === null ? '' : html`
<p class="downloads">
  <a class="button" download href="${g}/unduh?jenis=${kind}&${period}&format=pdf">Unduh PDF</a>
  <a class="button" download href="${g}/unduh?jenis=${kind}&${period}&format=xlsx">Unduh XLSX</a>
  <a class="button" download href="${g}/unduh?jenis=${kind}&${period}&format=csv">Unduh CSV</a>
</p>
<section class="card">${statementHtml(statement)}</section>`}
<section class="card">
  <h2>Bundel audit</h2>
  <p>Satu berkas zip berisi jurnal lengkap dengan rantai hash, semua laporan (CSV dan PDF) dan daftar sidik SHA-256. Pengawas memeriksanya tanpa server dengan <code>npx lumbung-verify</code>.</p>
  <a class="button" download href="${g}/bundel?sampai=${f.values.sampai ?? now}">Unduh bundel audit sampai ${f.values.sampai ?? now}</a>
</section>`))
  })

  app.get('/g/:groupId/laporan/unduh', async (req, reply) => {
    const ctx = ctxOf(req)
    const q = req.query as Record<string, string | undefined>
    const kind = q.jenis ?? ''
    const format = q.format ?? 'pdf'
    if (!KNOWN.has(kind) || !FORMATS.has(format)) return await reply.code(400).type('text/plain; charset=utf-8').send(SENTENCE.VALIDATION_FAILED)
    const params = new URLSearchParams({ format })
    const [from, to] = [parseTanggal(q.dari ?? ''), parseTanggal(q.sampai ?? '')]
    if (from !== null) params.set('from', from)
    if (to !== null) params.set('to', to)
    if (kind === 'loan-card' && q.pinjaman !== undefined) params.set('loanId', q.pinjaman)
    if (kind === 'member-savings' && q.anggota !== undefined) params.set('memberId', q.anggota)
    const file = await ctx.api.file(`/v1/groups/${ctx.groupId}/statements/${kind}?${params.toString()}`)
    return await sendFile(reply, file, `${kind}_${params.get('to') ?? today(app.lumbung.env)}.${format}`)
  })

  app.get('/g/:groupId/laporan/bundel', async (req, reply) => {
    const ctx = ctxOf(req)
    const sampai = (req.query as { sampai?: string }).sampai
    const through = parseTanggal(sampai ?? '') ?? today(app.lumbung.env)
    const file = await ctx.api.file(`/v1/groups/${ctx.groupId}/audit-bundle?through=${through}`)
    return await sendFile(reply, file, `audit-bundle_${through}.zip`)
  })
}

export async function sendFile (reply: FastifyReply, file: Awaited<ReturnType<Api['file']>>, name: string): Promise<FastifyReply> {
  if (file.problem !== null) return await reply.code(file.status).type('text/plain; charset=utf-8').send(SENTENCE[file.problem.code] ?? SENTENCE.INTERNAL)
  // Downloaded, not opened in the tab: a phone keeps the file.
  return await reply.type(file.type).header('content-disposition', `attachment; filename="${name}"`).send(file.body)
}
