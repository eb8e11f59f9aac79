import type { Static } from 'typebox'
import type { FastifyInstance } from 'fastify'
import { Api } from '../api.js'
import { decisionLine } from '../decision-text.js'
import { html, type Html } from '../html.js'
import { KOLEK, page, rupiah, STATUS, stat, tanggal, tanggalPendek } from '../layout.js'
import { sendPage } from '../request.js'
import { savingsChips } from './members.js'
import { viewerOf } from '../plugins/group-context.js'
import type { GroupSummary, Me, MyReceipts, MyShu } from '../../http/schemas/me.js'
import type { MyArisan } from '../../http/schemas/arisan.js'
import type { LoanJson, SavingsJson } from '../types.js'
import type { WebSession } from '../../services/session-service.js'

/**
 * Buku saya: a member's own page, signed in with her phone number and PIN (or from her one-time link). Her passbook,
 * her loans with their schedules, her SHU, her receipts, and her group's summary, read from /v1/me with her session's
 * key, which reads nothing else. Phone-first; nothing here writes.
 */

const KIND: Record<string, string> = { pokok: 'Pokok', wajib: 'Wajib', sukarela: 'Sukarela' }

function passbook (s: SavingsJson): Html {
  return html`<section class="card" id="tabungan"><h2>Buku simpanan</h2>
${savingsChips(s.balances)}
<div class="table-wrap" tabindex="0" role="region" aria-label="Buku simpanan"><table>
  <thead><tr><th scope="col">Tanggal</th><th scope="col">Jenis</th><th scope="col" class="amount">Jumlah</th><th scope="col" class="amount">Saldo</th></tr></thead>
  <tbody>${s.rows.length === 0 ? html`<tr><td colspan="4" class="empty">Belum ada simpanan.</td></tr>` : [...s.rows].reverse().map(r => html`<tr><td>${tanggalPendek(r.date)}</td><td>${KIND[r.kind]}</td><td class="amount">${r.deposit === '0' ? `− ${rupiah(r.withdrawal)}` : `+ ${rupiah(r.deposit)}`}</td><td class="amount">${rupiah(r.balance)}</td></tr>`)}</tbody>
</table></div></section>`
}

function loan (l: LoanJson): Html {
  const paid = l.schedule.filter(r => r.paidOn !== null).length
  const pill = l.status === 'active' ? html`<span class="pill ${l.collectibility}">${KOLEK[l.collectibility]}</span>` : html`<span class="pill ${l.status}">${STATUS[l.status]}</span>`
  return html`<article><h3>Pinjaman ${rupiah(l.principal)} ${pill}</h3>
<p class="muted">Cair ${tanggal(l.disbursedOn)} · ${l.termCount} × ${l.frequency === 'weekly' ? 'minggu' : 'bulan'}${l.purpose === null ? '' : ` · ${l.purpose}`}</p>
<div class="stats">
  ${stat('Sisa pokok', rupiah(l.outstanding.principal), `${paid}/${l.termCount} angsuran lunas`)}
  ${stat('Tunggakan', rupiah(l.arrears), l.daysPastDue > 0 ? `terlambat ${l.daysPastDue} hari` : 'tidak ada', BigInt(l.arrears) > 0n ? 'warn' : 'good')}
  ${stat('Denda', rupiah(l.outstanding.penalty))}
  ${stat('Untuk melunasi', rupiah(l.payoff), 'hari ini')}
</div>
<details><summary>Jadwal angsuran</summary>
<div class="table-wrap" tabindex="0" role="region" aria-label="Jadwal angsuran"><table>
  <thead><tr><th scope="col">Ke</th><th scope="col">Tempo</th><th scope="col" class="amount">Angsuran</th><th scope="col">Lunas</th></tr></thead>
  <tbody>${l.schedule.map(r => html`<tr><td>${String(r.n)}</td><td>${tanggalPendek(r.dueDate)}</td><td class="amount">${rupiah(r.total)}</td><td>${r.paidOn === null ? '–' : tanggalPendek(r.paidOn)}</td></tr>`)}</tbody>
</table></div></details>
</article>`
}

function shu (s: Static<typeof MyShu>): Html {
  const owed = s.owed.reduce((t, o) => t + BigInt(o.amount), 0n)
  return html`<section class="card" id="shu"><h2>SHU saya</h2>
${s.shares.length === 0 ? html`<p class="empty">Belum ada pembagian SHU.</p>` : html`<ul class="review">${s.shares.map(x => html`<li>SHU sampai ${tanggal(x.through)}: <strong>${rupiah(x.amount)}</strong></li>`)}</ul>`}
${s.payouts.length === 0 ? '' : html`<p>Sudah dibayar: ${s.payouts.map(p => `${rupiah(p.amount)} (${tanggal(p.date)}, ${p.to === 'cash' ? 'tunai' : 'ke sukarela'})`).join(', ')}</p>`}
${owed > 0n ? html`<p><strong>Belum dibayar: ${rupiah(owed)}</strong></p>` : ''}
</section>`
}

/** Her arisan slots: her turn or the round she won, what she is behind, what she still owes since winning. */
function arisan (a: Static<typeof MyArisan>): Html {
  if (a.items.length === 0) return html``
  return html`<section class="card" id="arisan"><h2>Arisan saya</h2>
${a.items.map(x => html`<article><h3>${x.name} · No. ${x.slot}${x.shared ? ' (berdua)' : ''}</h3>
<p class="muted">Iuran ${rupiah(x.due)} per putaran · ${x.paid.length} putaran sudah disetor${x.nextRound === null ? ' · putaran selesai' : ` · sekarang putaran ${x.nextRound} dari ${x.slots}`}</p>
<div class="stats">
  ${x.wonRound !== null ? stat('Sudah dapat', `Putaran ${x.wonRound}`, 'giliran Anda sudah', 'good') : x.turn !== null ? stat('Giliran saya', `Putaran ${x.turn}`, 'sesuai nomor') : stat('Giliran saya', 'Diundi', `${x.stillInDraw} nomor belum dapat`)}
  ${stat('Tunggakan', rupiah(x.arrears), x.unpaid.length === 0 ? 'tidak ada' : `putaran ${x.unpaid.join(', ')}`, BigInt(x.arrears) > 0n ? 'warn' : 'good')}
  ${x.wonRound === null ? '' : stat('Kewajiban sisa', rupiah(x.owesRest), x.stoppedAfterWinning ? 'berhenti setor setelah dapat' : 'sampai putaran terakhir', x.stoppedAfterWinning ? 'warn' : undefined)}
</div></article>`)}
</section>`
}

function receipts (r: Static<typeof MyReceipts>): Html {
  return html`<section class="card" id="kuitansi"><h2>Kuitansi saya</h2>
${r.items.length === 0 ? html`<p class="empty">Belum ada.</p>` : html`<ul class="list">${r.items.slice(0, 50).map(x => html`<li><a href="${x.path}">${tanggal(x.date)} · ${x.description}</a>${x.reversedBy === null ? '' : html` <span class="badge">dikoreksi</span>`}</li>`)}</ul>`}
<p class="hint">Setiap kuitansi membawa buktinya sendiri: siapa pun yang membuka tautannya dapat memeriksanya.</p>
</section>`
}

function group (g: Static<typeof GroupSummary>): Html {
  const f = g.fundGrowth
  return html`<section class="card" id="kelompok"><h2>${g.group.name}</h2>
<div class="stats">
  ${stat('Kas', rupiah(g.kas), `per ${tanggal(g.asOf)}`)}
  ${stat('Dana kelompok', rupiah(f.fund), `modal awal ${rupiah(f.capital.total)}`)}
  ${stat('Perkembangan', rupiah(f.growth), `${f.growthPercent.replace('.', ',')} %`, BigInt(f.growth) >= 0n ? 'good' : 'warn')}
</div>
${g.lastMeeting === null ? html`<p class="muted">Belum ada rapat tercatat.</p>` : html`<h3>Rapat terakhir: ${tanggal(g.lastMeeting.date)}</h3>
${g.lastMeeting.decisions.length === 0 ? html`<p class="muted">Tidak ada keputusan.</p>` : html`<ul class="review">${g.lastMeeting.decisions.map(d => html`<li>${decisionLine(d)}</li>`)}</ul>`}`}
</section>`
}

async function myPage (app: FastifyInstance, s: WebSession): Promise<Html> {
  const api = new Api(app, s)
  const [me, savings, loans, myShu, mine, summary, myArisan] = await Promise.all([
    api.get<Static<typeof Me>>('/v1/me'), api.get<SavingsJson>('/v1/me/savings'), api.get<{ items: LoanJson[] }>('/v1/me/loans'),
    api.get<Static<typeof MyShu>>('/v1/me/shu'), api.get<Static<typeof MyReceipts>>('/v1/me/receipts'), api.get<Static<typeof GroupSummary>>('/v1/me/group'),
    api.get<Static<typeof MyArisan>>('/v1/me/arisan')
  ])
  const viewer = { ...viewerOf(app, s, { id: me.group.id, name: me.group.name, village: me.group.village }), role: 'member' as const }
  return page(`Buku ${me.member.name}`, viewer, 'kelompok', html`
<nav class="chips" aria-label="Bagian"><a href="#tabungan">Simpanan</a><a href="#pinjaman">Pinjaman</a><a href="#shu">SHU</a>${myArisan.items.length === 0 ? '' : html`<a href="#arisan">Arisan</a>`}<a href="#kuitansi">Kuitansi</a><a href="#kelompok">Kelompok</a></nav>
${passbook(savings)}
<section class="card" id="pinjaman"><h2>Pinjaman saya</h2>
${loans.items.length === 0 ? html`<p class="empty">Belum pernah meminjam.</p>` : loans.items.map(loan)}
</section>
${shu(myShu)}
${arisan(myArisan)}
${receipts(mine)}
${group(summary)}
<p class="hint">Halaman ini hanya menampilkan angka Anda sendiri. Ada yang tidak cocok? Tanyakan kepada bendahara pada rapat berikutnya.</p>`)
}

export async function myBooksRoutes (app: FastifyInstance): Promise<void> {
  app.get('/saya', async (req, reply) => await sendPage(reply, await myPage(app, req.webSession as WebSession)))
}
