import type { Static } from 'typebox'
import type { FastifyInstance } from 'fastify'
import { GROUP_KINDS } from '../../http/schemas/ledger.js'
import type { Rollup } from '../../http/schemas/rollup.js'
import { today } from '../../services/clock.js'
import type { WebSession } from '../../services/session-service.js'
import { Api } from '../api.js'
import { lineOverTime, percentBars, stackedBar } from '../charts.js'
import { html, type Html } from '../html.js'
import { page, PROGRAMME, rupiah, stat, tanggalPendek } from '../layout.js'
import { viewerOf } from '../plugins/group-context.js'
import { sendPage } from '../request.js'
import { sendFile } from './reports.js'

/**
 * Rekap kelompok (`/rekap`): the pendamping's, the kecamatan's or the dinas's one screen over the groups their key
 * reads (GET /v1/rollup): the totals, three charts (PAR30 by group, savings by kind, the fund over the last six
 * month-ends), a table of groups to sort and filter by region and programme, each row opening that group's pages
 * (read-only for a supervisor), and the table as CSV, XLSX or PDF.
 */

type RollupJson = Static<typeof Rollup>
type GroupJson = RollupJson['groups'][number]

const SORTS = {
  nama: (g: GroupJson) => g.name,
  par30: (g: GroupJson) => Number(g.par30),
  dana: (g: GroupJson) => Number(g.fund.fund),
  tumbuh: (g: GroupJson) => Number(g.fundGrowthPercent),
  simpanan: (g: GroupJson) => Number(g.savings.total)
} as const
type Sort = keyof typeof SORTS
const SORT_LABEL: Record<Sort, string> = { par30: 'PAR30 tertinggi', nama: 'Nama', dana: 'Dana terbesar', tumbuh: 'Pertumbuhan tertinggi', simpanan: 'Simpanan terbesar' }

interface Filter { region: string, programme: string, sort: Sort, down: boolean }

function filterOf (q: Record<string, string | undefined>): Filter {
  const sort = (Object.keys(SORTS) as Sort[]).find(k => k === q.urut) ?? 'par30'
  return { region: (q.wilayah ?? '').trim(), programme: GROUP_KINDS.find(k => k === q.program) ?? '', sort, down: q.arah !== 'naik' && (q.arah === 'turun' || sort !== 'nama') }
}

const queryOf = (f: Filter, extra: Record<string, string> = {}): string =>
  new URLSearchParams({ ...(f.region === '' ? {} : { region: f.region }), ...(f.programme === '' ? {} : { programme: f.programme }), ...extra }).toString()

const webQuery = (f: Filter, sort: Sort, down: boolean): string =>
  new URLSearchParams({ ...(f.region === '' ? {} : { wilayah: f.region }), ...(f.programme === '' ? {} : { program: f.programme }), urut: sort, arah: down ? 'turun' : 'naik' }).toString()

/** The last day of the month `back` months before asOf's (asOf itself for 0). */
function monthEnd (asOf: string, back: number): string {
  if (back === 0) return asOf
  const [y, m] = [Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7))]
  const d = new Date(Date.UTC(y, m - back, 0))
  return d.toISOString().slice(0, 10)
}

function sorted (groups: GroupJson[], f: Filter): GroupJson[] {
  const key = SORTS[f.sort]
  return [...groups].sort((a, b) => {
    const [x, y] = [key(a), key(b)]
    const c = typeof x === 'string' ? x.localeCompare(String(y), 'id') : x - Number(y)
    return f.down ? -c : c
  })
}

function groupTable (groups: GroupJson[], f: Filter): Html {
  const head = (sort: Sort, label: string, cls = ''): Html => {
    const current = f.sort === sort
    return html`<th scope="col" class="${cls}"${current ? html` aria-sort="${f.down ? 'descending' : 'ascending'}"` : ''}><a href="/rekap?${webQuery(f, sort, current ? !f.down : sort !== 'nama')}">${label}${current ? (f.down ? ' ↓' : ' ↑') : ''}</a></th>`
  }
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Daftar kelompok"><table class="compact">
<thead><tr>${head('nama', 'Kelompok')}${head('par30', 'PAR30', 'amount')}${head('dana', 'Dana', 'amount')}</tr></thead>
<tbody>${groups.length === 0 ? html`<tr><td colspan="3" class="empty">Tidak ada kelompok.</td></tr>` : groups.map(g => html`<tr>
<td class="name-cell"><a href="/g/${g.groupId}/beranda">${g.name}</a><br><small class="muted">${PROGRAMME[g.kind] ?? g.kind}${g.place.district === null ? '' : ` · ${g.place.district}`} · ${g.members} anggota (${g.women} perempuan) · simpanan ${rupiah(g.savings.total)} · rapat ${tanggalPendek(g.lastMeeting)}</small>${g.inactive ? html`<br><span class="badge quiet">tidak aktif 60 hari</span>` : ''}</td>
<td class="amount${Number(g.par30) > 5 ? ' warn-text' : ''}">${g.par30.replace('.', ',')} %</td><td class="amount">${rupiah(g.fund.fund)}<br><small class="muted">${g.fundGrowthPercent.replace('.', ',')} %</small></td></tr>`)}</tbody>
</table></div>`
}

function filterForm (f: Filter): Html {
  return html`<form method="get" action="/rekap" class="form inset" id="form-saring">
<div class="row">
<div class="field"><label for="wilayah">Kode wilayah</label><input id="wilayah" name="wilayah" inputmode="decimal" placeholder="mis. 51.03.05" value="${f.region}"></div>
<div class="field"><label for="program">Program</label><select id="program" name="program"><option value="">Semua</option>${GROUP_KINDS.map(k => html`<option value="${k}"${f.programme === k ? html` selected` : ''}>${PROGRAMME[k]}</option>`)}</select></div>
</div>
<div class="field"><label for="urut">Urutkan</label><select id="urut" name="urut">${(Object.keys(SORT_LABEL) as Sort[]).map(k => html`<option value="${k}"${f.sort === k ? html` selected` : ''}>${SORT_LABEL[k]}</option>`)}</select></div>
<button type="submit">Saring</button></form>`
}

async function rollupPage (app: FastifyInstance, s: WebSession, f: Filter): Promise<Html> {
  const api = new Api(app, s)
  const asOf = today(app.lumbung.env)
  const r = await api.get<RollupJson>(`/v1/rollup?${queryOf(f, { asOf })}`)
  const history = await Promise.all([5, 4, 3, 2, 1, 0].map(async back => {
    const day = monthEnd(asOf, back)
    const x = back === 0 ? r : await api.get<RollupJson>(`/v1/rollup?${queryOf(f, { asOf: day })}`)
    return { label: tanggalPendek(day).replace(/^\d+ (\S+) \d{2}(\d{2})$/, '$1 $2'), amount: BigInt(x.totals.fund.fund) }
  }))
  const t = r.totals
  const byPar = [...r.groups].sort((a, b) => Number(b.par30) - Number(a.par30)).slice(0, 12)
  const file = (format: string): string => `/rekap/unduh?${new URLSearchParams({ ...(f.region === '' ? {} : { wilayah: f.region }), ...(f.programme === '' ? {} : { program: f.programme }), format }).toString()}`
  return page('Rekap kelompok', viewerOf(app, s), 'kelompok', html`
<p class="muted">${t.groups} kelompok · ${t.members} anggota, ${t.women} perempuan · per ${tanggalPendek(r.asOf)}${t.inactive > 0 ? ` · ${t.inactive} tidak aktif 60 hari` : ''}</p>
<div class="stats">
  ${stat('PAR30', `${t.par30.replace('.', ',')} %`, `tunggakan > 30 hari ${rupiah(t.loans.late30)}`, Number(t.par30) > 5 ? 'warn' : 'good')}
  ${stat('Pinjaman beredar', rupiah(t.loans.outstanding), `disalurkan tahun ini ${rupiah(t.loans.disbursed)}`)}
  ${stat('Dana kelompok', rupiah(t.fund.fund), `modal ${rupiah(t.fund.capital)}`)}
  ${stat('Hibah digunakan', rupiah(t.fund.grantsUsed), `dari hibah ${rupiah(t.fund.grants)} (dibelanjakan dan dipinjamkan)`)}
  ${stat('Pertumbuhan', `${t.fundGrowthPercent.replace('.', ',')} %`, rupiah(t.fund.growth), BigInt(t.fund.growth) >= 0n ? 'good' : 'warn')}
</div>
${filterForm(f)}
<section class="card"><h2>Kelompok</h2>${groupTable(sorted(r.groups, f), f)}
<p><a class="button" download href="${file('xlsx')}">Unduh XLSX</a> <a class="button" download href="${file('pdf')}">Unduh PDF</a> <a class="button" download href="${file('csv')}">Unduh CSV</a></p></section>
<section class="card"><h2>Grafik</h2>
${percentBars('PAR30 per kelompok', byPar.map(g => ({ label: g.name, percent: g.par30 })))}
${stackedBar('Simpanan menurut jenis', [{ label: 'Pokok', amount: BigInt(t.savings.pokok) }, { label: 'Wajib', amount: BigInt(t.savings.wajib) }, { label: 'Sukarela', amount: BigInt(t.savings.sukarela) }])}
${lineOverTime('Dana kelompok, akhir bulan', history)}
</section>
<p class="hint">Setiap angka dihitung dari buku kelompok itu sendiri; rumusnya di docs/ROLLUP.md. Baris kelompok membuka bukunya.</p>`)
}

export async function rollupRoutes (app: FastifyInstance): Promise<void> {
  app.get('/rekap', async (req, reply) => await sendPage(reply, await rollupPage(app, req.webSession as WebSession, filterOf(req.query as Record<string, string | undefined>))))

  app.get('/rekap/unduh', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>
    const format = ['csv', 'xlsx', 'pdf'].find(x => x === q.format) ?? 'xlsx'
    const f = filterOf(q)
    const file = await new Api(app, req.webSession as WebSession).file(`/v1/rollup?${queryOf(f, { format })}`)
    return await sendFile(reply, file, `rekap-kelompok_${today(app.lumbung.env)}.${format}`)
  })
}
