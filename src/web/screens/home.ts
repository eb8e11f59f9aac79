import type { FastifyInstance } from 'fastify'
import { ACCOUNT } from '../../domain/ledger/accounts.js'
import { formatPercent } from '../../render/format.js'
import { today } from '../../services/clock.js'
import { decisionLine, publicPageOpen } from '../decision-text.js'
import { html } from '../html.js'
import { page, rupiah, stat, tanggal, KOLEK } from '../layout.js'
import { ctxOf, sendPage } from '../request.js'
import type { AccountJson, FundGrowthJson, Items, LoanQueueJson, MeetingJson, PortfolioJson } from '../types.js'
import { queueLine } from './meeting/form.js'

/** Beranda: where the money stands, at a glance. */
export async function homeRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/beranda', async (req, reply) => {
    const { api, viewer, groupId, session } = ctxOf(req)
    const base = `/v1/groups/${groupId}`
    const asOf = today(app.lumbung.env)
    const [accounts, growth, portfolio, meetings, queue] = await Promise.all([
      api.get<Items<AccountJson>>(`${base}/accounts`),
      api.get<FundGrowthJson>(`${base}/reports/fund-growth?asOf=${asOf}`),
      api.get<PortfolioJson>(`${base}/reports/loan-portfolio?asOf=${asOf}`),
      api.get<Items<MeetingJson>>(`${base}/meetings`),
      api.get<LoanQueueJson>(`${base}/loan-queue?asOf=${asOf}`)
    ])
    const bal = (code: string): bigint => BigInt(accounts.items.find(a => a.code === code)?.balance ?? '0')
    const arrears = portfolio.rows.filter(r => BigInt(r.arrears) > 0n)
    const last = meetings.items.at(-1) ?? null
    const growthBig = BigInt(growth.growth)
    const g = `/g/${groupId}`
    return await sendPage(reply, page('Beranda', viewer, 'beranda', html`
<section class="stats">
  ${stat('Kas', rupiah(bal(ACCOUNT.kas) + bal(ACCOUNT.bank)), bal(ACCOUNT.bank) > 0n ? `termasuk bank ${rupiah(bal(ACCOUNT.bank))}` : 'uang tunai di bendahara')}
  ${stat('Piutang pinjaman', rupiah(bal('1201')), `${portfolio.rows.length} pinjaman berjalan`)}
  ${stat('Perkembangan dana', `${growthBig >= 0n ? '+' : ''}${rupiah(growthBig)}`, `${formatPercent(growth.growthPercent, 'id')} dari modal ${rupiah(growth.capital.total)} · dana kini ${rupiah(growth.fund)}`, growthBig >= 0n ? 'good' : 'warn')}
  ${stat('Menunggak', `${new Set(arrears.map(r => r.memberId)).size} anggota`, arrears.length === 0 ? 'semua angsuran lancar' : `tunggakan ${rupiah(arrears.reduce((s, r) => s + BigInt(r.arrears), 0n))}`, arrears.length === 0 ? 'good' : 'warn')}
</section>
${queueLine({ queue })}
${viewer.role === 'treasurer' ? html`<p class="actions"><a class="button primary" href="${g}/rapat">Mulai catat rapat</a> <a class="button" href="${g}/kas">Catat kas</a></p>` : ''}
<section class="card">
  <h2>Anggota menunggak</h2>
  ${arrears.length === 0
    ? html`<p class="empty">Tidak ada tunggakan per ${tanggal(asOf)}.</p>`
    : html`<ul class="list">${arrears.map(r => html`<li><a class="row-link" href="${g}/pinjaman/${r.loanId}"><strong>${r.memberName}</strong><span>${rupiah(r.arrears)} · ${r.daysPastDue} hari · <span class="pill ${r.collectibility}">${KOLEK[r.collectibility] ?? r.collectibility}</span></span></a></li>`)}</ul>`}
</section>
<section class="card">
  <h2>Rapat terakhir</h2>
  ${last === null
    ? html`<p class="empty">Belum ada rapat tercatat.</p>`
    : html`<p><strong>${tanggal(last.date)}</strong> · ${last.attendees.length} hadir · ${last.decisions.length} keputusan</p>
      ${last.decisions.length === 0 ? '' : html`<ul class="decisions">${last.decisions.map(d => html`<li>${decisionLine(d, new Map(queue.places.map(p => [p.memberId, p.name])))}</li>`)}</ul>`}`}
</section>
${viewer.role === 'treasurer' ? html`<p><a href="${g}/pesan">Pesan ke anggota</a>: kuitansi dan pengingat yang terkirim, gagal atau dilewati.</p>` : ''}
${publicPageOpen(meetings.items) ? html`<p><a href="/publik/${groupId}">Halaman publik kelompok</a> dibuka oleh rapat: siapa pun dapat melihat neraca dan perkembangan dana.</p>` : ''}
<p><a href="${g}/pengurus">Pengurus dan akses</a>: siapa yang boleh memakai buku ini${viewer.role === 'treasurer' ? ', undang bendahara atau pengawas' : ''}.</p>
${session.role === 'admin' ? html`<p><a href="/kelompok">Semua kelompok</a>${viewer.role === 'treasurer' ? ' dan Kelompok baru' : ''}.</p>` : ''}`))
  })
}
