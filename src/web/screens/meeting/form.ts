import { decisionLine, publicPageOpen, termsLine } from '../../decision-text.js'
import { html, type Html } from '../../html.js'
import { SUGGESTED_GRACE_DAYS } from '../../../domain/loans/terms.js'
import { dateField, amountField, banner, field, page, rupiah, selectField, tanggal, type FormState, type Viewer } from '../../layout.js'
import type { Ctx } from '../../request.js'
import type { PreviewJson, RepaymentPreviewJson } from '../../types.js'
import { LOAN_ROWS, lines, type Data, type Plan } from './plan.js'
import type { Recorded } from './calls.js'
import { cashCountHtml } from './cash-count.js'
import { arisanCard, arisanReview, KOCOK, SETOR } from './arisan.js'

const METHODS: Array<[string, string]> = [['flat', 'Flat'], ['declining', 'Menurun'], ['annuity', 'Anuitas']]

function scheduleTable (p: PreviewJson): Html {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Jadwal angsuran"><table class="compact">
  <thead><tr><th scope="col">Ke</th><th scope="col">Jatuh tempo</th><th scope="col" class="amount wide-only">Pokok</th><th scope="col" class="amount">Jasa</th><th scope="col" class="amount">Angsuran</th></tr></thead>
  <tbody>${p.installments.map(r => html`<tr><td>${r.n}</td><td class="date">${tanggal(r.dueDate)}</td><td class="amount wide-only">${rupiah(r.principal)}</td><td class="amount">${rupiah(r.interest)}</td><td class="amount">${rupiah(r.total)}</td></tr>`)}
  <tr class="total"><td colspan="2">Jumlah</td><td class="amount wide-only">${rupiah(p.totals.principal)}</td><td class="amount">${rupiah(p.totals.interest)}</td><td class="amount">${rupiah(p.totals.total)}</td></tr></tbody>
</table></div>`
}

/** The names whose ticked boxes arrive as lines, one hidden input per line. */
const LISTS = new Set(['hadir', SETOR, KOCOK])

function hidden (values: Record<string, string>): Html {
  return html`${Object.entries(values).flatMap(([k, v]) => LISTS.has(k) ? lines(v).map(x => html`<input type="hidden" name="${k}" value="${x}">`) : [html`<input type="hidden" name="${k}" value="${v}">`])}`
}

/** What a card of the meeting form needs: the form so far, the data, and what is already recorded. */
interface Card {
  f: FormState
  d: Data
  groupId: string
  meetingDone: boolean
  lock: (key: string) => boolean
}

/** 1 Rapat: the date, or what was recorded. */
function meetingCard ({ f, meetingDone }: Card): Html {
  return html`<section class="card">
  <h2><span class="step">1</span> Rapat</h2>
  ${meetingDone
    ? html`<p class="ok-text">✓ Rapat ${tanggal(f.values.tanggal ?? '')} sudah tercatat.</p>${hidden({ tanggal: f.values.tanggal ?? '', hadir: f.values.hadir ?? '', catatan: f.values.catatan ?? '', keputusan: f.values.keputusan ?? '', jasa_persen: f.values.jasa_persen ?? '', jasa_metode: f.values.jasa_metode ?? '', jasa_maks_tenor: f.values.jasa_maks_tenor ?? '', jasa_maks_pinjaman: f.values.jasa_maks_pinjaman ?? '', denda_persen: f.values.denda_persen ?? '', denda_tenggang: f.values.denda_tenggang ?? '', wajib_sepakat: f.values.wajib_sepakat ?? '', halaman_publik: f.values.halaman_publik ?? '' })}`
    : dateField(f, 'tanggal', 'Tanggal rapat', { required: true })}
</section>`
}

/** 2 Hadir dan simpanan: who came and what each paid in. */
function attendanceCard ({ f, d, groupId, meetingDone, lock }: Card): Html {
  const present = new Set(lines(f.values.hadir))
  return html`<section class="card">
  <h2><span class="step">2</span> Hadir dan simpanan</h2>
  <p class="muted">Centang yang hadir. Isi simpanan wajib dan sukarela yang disetor hari ini.</p>
  ${d.members.length === 0 ? html`<p class="empty">Belum ada anggota. <a href="/g/${groupId}/anggota">Tambah anggota</a> dulu.</p>` : html`<div class="meeting-tools">
    ${meetingDone ? '' : html`<button type="button" class="secondary" data-check-all="hadir">Semua hadir</button>`}
    ${amountField(f, 'wajib_semua', 'Wajib yang sama untuk semua yang hadir', { hint: 'Diisikan untuk setiap anggota yang hadir dan kolom wajibnya kosong.', readonly: meetingDone })}
    <div class="field" data-js-only hidden><label for="cari-anggota">Cari anggota</label><input id="cari-anggota" type="search" data-filter="daftar-hadir" autocomplete="off"></div>
  </div>`}
  <ul class="members" id="daftar-hadir">
  ${d.members.map(m => html`<li class="member-row">
    <label class="check"><input type="checkbox" name="hadir" value="${m.id}"${present.has(m.id) ? html` checked` : ''}${meetingDone ? html` disabled` : ''}> <span>${m.name}</span></label>
    <div class="row">
      ${amountField(f, `wajib:${m.id}`, html`Wajib<span class="sr"> ${m.name}</span>`, { readonly: lock(`wajib:${m.id}`) })}
      ${amountField(f, `sukarela:${m.id}`, html`Sukarela<span class="sr"> ${m.name}</span>`, { readonly: lock(`sukarela:${m.id}`) })}
    </div>
  </li>`)}
  </ul>
</section>`
}

/** 3 Angsuran pinjaman: each active loan's instalment. */
function repaymentsCard ({ f, d, lock }: Card): Html {
  const name = new Map(d.members.map(m => [m.id, m.name]))
  return html`<section class="card">
  <h2><span class="step">3</span> Angsuran pinjaman</h2>
  ${d.loans.length === 0 ? html`<p class="empty">Belum ada pinjaman berjalan.</p>` : html`<ul class="members">${d.loans.map(l => {
    const next = l.schedule.find(r => r.paidOn === null)
    const denda = BigInt(l.outstanding.penalty) > 0n ? ` · denda ${rupiah(l.outstanding.penalty)} (dibayar lebih dulu)` : ''
    const hint = `${next === undefined ? '' : `Angsuran ke-${next.n}: ${rupiah(next.total)}`}${BigInt(l.arrears) > 0n ? ` · tunggakan ${rupiah(l.arrears)}` : ''}${denda} · sisa ${rupiah(l.outstanding.principal)}`
    return html`<li class="member-row">${amountField(f, `angsuran:${l.id}`, html`<span class="sr">Angsuran </span>${name.get(l.memberId) ?? ''}`, { hint, readonly: lock(`angsuran:${l.id}`) })}</li>`
  })}</ul>`}
</section>`
}

/** 4 Ketentuan pinjaman: the terms in force, and the fields to change them. */
function termsCard ({ f, d, meetingDone }: Card): Html {
  const t = d.terms?.terms ?? null
  return html`<section class="card">
  <h2><span class="step">4</span> Ketentuan pinjaman (jasa)</h2>
  <p class="muted">${t === null ? 'Belum ada ketentuan. Isi jika rapat ini menyepakatinya; pinjaman baru memerlukannya.' : `Berlaku sekarang: ${termsLine(t)}. Isi hanya jika rapat ini mengubahnya.`}</p>
  ${meetingDone ? '' : html`<div class="row">
    ${field(f, 'jasa_persen', 'Jasa % per bulan', { inputmode: 'decimal', placeholder: 'mis. 1,5' })}
    ${selectField(f, 'jasa_metode', 'Cara hitung', METHODS)}
  </div>
  <p class="hint">Flat: jasa dari pokok awal. Menurun: jasa dari sisa pokok. Anuitas: angsuran sama tiap bulan.</p>
  <div class="row">
    ${field(f, 'jasa_maks_tenor', 'Paling lama (bulan)', { inputmode: 'numeric', type: 'text' })}
    ${amountField(f, 'jasa_maks_pinjaman', 'Pinjaman paling banyak')}
  </div>
  ${field(f, 'denda_persen', 'Denda % per bulan atas tunggakan (boleh kosong)', { inputmode: 'decimal' })}
  ${field(f, 'denda_tenggang', 'Tenggang denda (hari setelah jatuh tempo)', { inputmode: 'numeric', type: 'number', placeholder: String(SUGGESTED_GRACE_DAYS), hint: `Kosong: ${SUGGESTED_GRACE_DAYS} hari.` })}`}
</section>`
}

/** 5 Pinjaman baru: up to LOAN_ROWS new loans. */
function newLoansCard ({ f, d, lock }: Card): Html {
  return html`<section class="card">
  <h2><span class="step">5</span> Pinjaman baru</h2>
  <p class="muted">Jadwal angsuran ditampilkan sebelum disimpan.</p>
  ${queueLine(d)}
  ${Array.from({ length: LOAN_ROWS }, (_, i) => {
    const p = `pinjam:${i}:`
    const locked = lock(`pinjam:${i}`)
    return html`<fieldset class="loan-row"${i > 0 && (f.values[`${p}anggota`] ?? '') === '' && f.errors[`${p}anggota`] === undefined ? html` data-extra` : ''}>
      <legend>Pinjaman ${i + 1}</legend>
      ${locked ? html`<p class="ok-text">✓ Sudah tercatat.</p>${hidden({ [`${p}anggota`]: f.values[`${p}anggota`] ?? '', [`${p}jumlah`]: f.values[`${p}jumlah`] ?? '', [`${p}tenor`]: f.values[`${p}tenor`] ?? '', [`${p}tujuan`]: f.values[`${p}tujuan`] ?? '' })}` : html`
      ${selectField(f, `${p}anggota`, 'Peminjam', [['', '– pilih anggota –'], ...d.members.map((m): [string, string] => [m.id, m.name])])}
      <div class="row">
        ${amountField(f, `${p}jumlah`, 'Jumlah pinjaman')}
        ${field(f, `${p}tenor`, 'Lama (bulan)', { inputmode: 'numeric' })}
      </div>
      ${field(f, `${p}tujuan`, 'Untuk apa (boleh kosong)')}
      ${d.queue.next === null ? '' : field(f, `${p}alasan`, 'Alasan di luar giliran (bila bukan yang berikutnya)')}`}
    </fieldset>`
  })}
  <button type="button" class="link" data-more-loans hidden>+ Pinjaman lain</button>
</section>`
}

/** Who is next in the giliran pinjaman, and whether Kas allows her loan: said above the new-loan rows. */
export function queueLine (d: Pick<Data, 'queue'>): Html {
  const q = d.queue
  if (q.next === null) return html``
  const kas = q.kasAllows ? `Kas ${rupiah(q.kas)} cukup untuk pinjamannya.` : `Kas ${rupiah(q.kas)} belum cukup untuk pinjaman ${rupiah(q.maxPrincipal ?? '0')}.`
  return html`<p class="queue-next"><strong>Giliran pinjaman berikutnya: ${q.next.name}</strong> (urutan ${q.places.find(p => p.memberId === q.next?.memberId)?.position ?? ''} dari ${q.places.length}). ${kas}</p>`
}

/** Whether the group's public page is open today, as the meetings decided; the choice to open or close it. */
function publicationField (f: FormState, d: Data): Html {
  const open = publicPageOpen(d.meetings)
  return html`${selectField(f, 'halaman_publik', 'Halaman publik kelompok', open
    ? [['', 'Tetap dibuka'], ['tutup', 'Tutup halaman publik']]
    : [['', 'Tetap tertutup'], ['buka', 'Buka laporan keuangan untuk umum']])}
  <p class="hint">${open ? 'Sekarang dibuka' : 'Sekarang tertutup'}: halaman publik memuat nama, tempat, perkembangan dana, neraca dan laba rugi kelompok, tanpa angka pribadi anggota.</p>`
}

/** 6 Konsumsi dan keputusan. */
function refreshmentsCard ({ f, d, meetingDone, lock }: Card): Html {
  return html`<section class="card">
  <h2><span class="step">6</span> Konsumsi dan keputusan</h2>
  ${amountField(f, 'konsumsi', 'Konsumsi rapat (dibayar dari kas)', { readonly: lock('konsumsi') })}
  ${amountField(f, 'wajib_sepakat', 'Simpanan wajib yang disepakati rapat ini (boleh kosong)', { hint: 'Berlaku mulai rapat ini; di rapat berikutnya diisikan untuk semua yang hadir.', readonly: lock('meeting') })}
  ${amountField(f, 'kas_dihitung', 'Uang di kotak setelah rapat (boleh kosong)', { hint: 'Hitung uang tunai di kotak di akhir rapat: Periksa membandingkannya dengan catatan.' })}
  ${meetingDone ? '' : html`<div class="field${f.errors.keputusan === undefined ? '' : ' invalid'}">
    <label for="f-keputusan">Keputusan rapat</label>
    <small id="f-keputusan-hint" class="hint">Satu keputusan per baris.</small>
    <textarea id="f-keputusan" name="keputusan" rows="3" aria-describedby="f-keputusan-hint">${f.values.keputusan ?? ''}</textarea>
  </div>
  ${publicationField(f, d)}
  <div class="field">
    <label for="f-catatan">Notulen (boleh kosong)</label>
    <textarea id="f-catatan" name="catatan" rows="3">${f.values.catatan ?? ''}</textarea>
  </div>`}
</section>`
}

/** The one-screen meeting form. Parts already recorded (`done`) are shown, not editable, and sent again unchanged. */
export function meetingForm (viewer: Viewer, groupId: string, d: Data, f: FormState, idem: string, done: Set<string>): Html {
  const card: Card = { f, d, groupId, meetingDone: done.has('meeting'), lock: (key: string): boolean => done.has(key) }
  return html`<form method="post" action="/g/${groupId}/rapat" class="meeting" id="form-rapat" data-once>
  <input type="hidden" name="_csrf" value="${viewer.csrf}">
  <input type="hidden" name="_idem" value="${idem}">
  ${banner(f)}
  ${meetingCard(card)}
  ${attendanceCard(card)}
  ${repaymentsCard(card)}
  ${arisanCard(f, d.arisans, card.lock)}
  ${termsCard(card)}
  ${newLoansCard(card)}
  ${refreshmentsCard(card)}
  <div class="sticky-submit">
    <p class="running" data-running role="status" hidden></p>
    <button type="submit" name="langkah" value="periksa" class="primary wide">Periksa sebelum simpan</button>
  </div>
</form>`
}

/** What the review shows beside the plan: each new loan's schedule (by row), each instalment's split (by loan), Kas before. */
export interface Previews { schedules: Map<number, PreviewJson>, splits: Map<string, RepaymentPreviewJson>, kasBefore: bigint }

/**
 * The savings on the review: the same amount of the same kind paid by more than three members is one line with its
 * count and total (the names folded under it), so fifty wajib read as one; the rest one line each.
 */
function savingsLines (savings: Plan['savings'], name: Map<string, string>): Html {
  const byAmount = new Map<string, Plan['savings']>()
  for (const s of savings) byAmount.set(`${s.kind} ${s.amount}`, [...(byAmount.get(`${s.kind} ${s.amount}`) ?? []), s])
  return html`${[...byAmount.values()].map(same => {
    const first = same[0]
    if (first === undefined) return ''
    if (same.length <= 3) return html`${same.map(s => html`<li>Simpanan ${s.kind} ${name.get(s.memberId) ?? ''}: <strong>${rupiah(s.amount)}</strong></li>`)}`
    return html`<li>Simpanan ${first.kind} <strong>${rupiah(first.amount)}</strong> × ${same.length} orang: <strong>${rupiah(BigInt(first.amount) * BigInt(same.length))}</strong>
      <details><summary>Siapa saja</summary>${same.map(s => name.get(s.memberId) ?? '').join(', ')}</details></li>`
  })}`
}

/** One instalment on the review, with what it will pay: a denda taken first is said plainly, so nobody is surprised. */
function repaymentLine (who: string, amount: string, split: RepaymentPreviewJson | undefined): Html {
  if (split === undefined) return html`<li>Angsuran ${who}: <strong>${rupiah(amount)}</strong></li>`
  const a = split.allocation
  const denda = BigInt(a.penalty) > 0n
  return html`<li>Angsuran ${who}: <strong>${rupiah(amount)}</strong>
    <span class="split">${denda ? html`<span class="warn-text">denda ${rupiah(a.penalty)} dibayar lebih dulu</span> · ` : ''}jasa ${rupiah(a.interest)} · pokok ${rupiah(a.principal)} · sisa pokok ${rupiah(split.principalLeft)}</span></li>`
}

/** The review: everything the meeting will record, the new loans' schedules, and the button that records it. */
export function reviewPage (viewer: Viewer, groupId: string, d: Data, f: FormState, idem: string, plan: Plan, shown: Previews): Html {
  const { schedules, splits, kasBefore } = shown
  const name = new Map(d.members.map(m => [m.id, m.name]))
  const loanName = new Map(d.loans.map(l => [l.id, name.get(l.memberId) ?? '']))
  const savingsTotal = plan.savings.reduce((s, x) => s + BigInt(x.amount), 0n)
  const repaid = plan.repayments.reduce((s, x) => s + BigInt(x.amount), 0n)
  const lent = plan.loans.reduce((s, x) => s + BigInt(x.principal), 0n)
  const terms = plan.decisions.find(x => x.type === 'loan-terms')
  return page('Periksa rapat', viewer, 'rapat', html`
<p class="lead">Rapat <strong>${tanggal(plan.date)}</strong>. Periksa sekali lagi; tekan <strong>Simpan rapat</strong> bila sudah benar.</p>
<section class="stats">
  <div class="stat"><span class="stat-label">Hadir</span><strong class="stat-value">${plan.attendees.length} orang</strong></div>
  <div class="stat"><span class="stat-label">Simpanan masuk</span><strong class="stat-value">${rupiah(savingsTotal)}</strong></div>
  <div class="stat"><span class="stat-label">Angsuran masuk</span><strong class="stat-value">${rupiah(repaid)}</strong></div>
  <div class="stat"><span class="stat-label">Pinjaman keluar</span><strong class="stat-value">${rupiah(lent)}</strong></div>
</section>
<section class="card">
  <h2>Rincian</h2>
  <ul class="review">
    ${plan.attendees.length === 0
      ? html`<li>Tidak ada yang dicentang hadir.</li>`
      : plan.attendees.length === d.members.length && d.members.length > 3
        ? html`<li><strong>Hadir:</strong> semua anggota (${plan.attendees.length} orang)</li>`
        : html`<li><strong>Hadir:</strong> ${plan.attendees.map(id => name.get(id) ?? '').join(', ')}</li>`}
    ${savingsLines(plan.savings, name)}
    ${plan.repayments.map(r => repaymentLine(loanName.get(r.loanId) ?? '', r.amount, splits.get(r.loanId)))}
    ${arisanReview(plan.arisan, d.arisans)}
    ${plan.refreshments === null ? '' : html`<li>Konsumsi rapat: <strong>${rupiah(plan.refreshments)}</strong></li>`}
    ${terms === undefined ? '' : html`<li><strong>Baru:</strong> ${decisionLine(terms as { type: string })}</li>`}
    ${plan.decisions.filter(x => x.type === 'general').map(x => html`<li>Keputusan: ${String(x.text)}</li>`)}
  </ul>
</section>
${plan.loans.map(l => {
  const s = schedules.get(l.row)
  return html`<section class="card" id="jadwal-${l.row}">
    <h2>Pinjaman ${name.get(l.memberId) ?? ''}: ${rupiah(l.principal)}, ${l.termCount} bulan</h2>
    ${s === undefined ? html`<p class="error">${f.errors[`pinjam:${l.row}:jumlah`] ?? ''}</p>` : html`<p>Angsuran per bulan <strong>${rupiah(s.installments[0]?.total ?? '0')}</strong>; jumlah jasa ${rupiah(s.totals.interest)}.</p>${scheduleTable(s)}`}
  </section>`
})}
${cashCountHtml(plan, kasBefore)}
<form method="post" action="/g/${groupId}/rapat" class="review-actions" id="simpan-rapat" data-once>
  <input type="hidden" name="_csrf" value="${viewer.csrf}">
  <input type="hidden" name="_idem" value="${idem}">
  ${hidden(Object.fromEntries(Object.entries(f.values).filter(([k]) => k !== 'catat_selisih')))}
  <button type="submit" name="langkah" value="ubah" class="secondary">Ubah</button>
  <button type="submit" name="langkah" value="simpan" class="primary">Simpan rapat</button>
</form>`)
}

/** The Rapat page: the form (for a treasurer) and the meetings already recorded. */
export function formPage (ctx: Ctx, d: Data, f: FormState, idem: string, done: Set<string>): Html {
  const name = new Map(d.members.map(m => [m.id, m.name]))
  return page('Rapat', ctx.viewer, 'rapat', html`
${ctx.viewer.role === 'treasurer' ? meetingForm(ctx.viewer, ctx.groupId, d, f, idem, done) : ''}
<section class="card">
  <h2>Rapat yang sudah tercatat</h2>
  ${d.meetings.length === 0 ? html`<p class="empty">Belum ada rapat tercatat.</p>` : html`<ul class="list">${[...d.meetings].reverse().map(m => html`<li><div class="row-link"><strong>${tanggal(m.date)}</strong><span>${m.attendees.length} hadir${m.attendees.length > 0 ? `: ${m.attendees.map(a => name.get(a) ?? '').join(', ')}` : ''}</span>${m.decisions.map(x => html`<span>• ${decisionLine(x, name)}</span>`)}</div></li>`)}</ul>`}
</section>`)
}

/** The receipt of a meeting recorded in full. */
export function savedPage (ctx: Ctx, plan: Plan, r: Recorded): Html {
  return page('Rapat tersimpan', ctx.viewer, 'rapat', html`
<div class="flash big" role="status">✓ Rapat ${tanggal(plan.date)} tersimpan. Menekan kirim lagi tidak mencatat apa pun dua kali.</div>
<section class="card"><h2>Yang dicatat</h2><ul class="review">${r.recorded}</ul></section>
${r.allocations.length === 0 ? '' : html`<section class="card"><h2>Pembagian angsuran</h2>${r.allocations}</section>`}
${r.newLoans.length === 0 ? '' : html`<section class="card"><h2>Pinjaman baru</h2><ul class="review">${r.newLoans}</ul></section>`}
<p class="actions"><a class="button primary" href="/g/${ctx.groupId}/beranda">Ke beranda</a> <a class="button" href="/g/${ctx.groupId}/rapat">Rapat lain</a></p>`)
}
