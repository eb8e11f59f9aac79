import type { FastifyInstance } from 'fastify'
import { ACCOUNT } from '../../domain/ledger/accounts.js'
import { today } from '../../services/clock.js'
import { newFormKey, partKey, refusalInto, type Problem } from '../api.js'
import { amountOf, dateOf, hasErrors } from '../forms.js'
import { html, type Html } from '../html.js'
import { parseCount, parseRate } from '../input.js'
import { SUGGESTED_GRACE_DAYS } from '../../domain/loans/terms.js'
import { amountField, banner, field, page, rupiah, selectField, tanggal, type FormState, type Viewer } from '../layout.js'
import { SENTENCE } from '../messages.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import type { Items, LoanJson, MeetingJson, MemberJson, PreviewJson, RepaymentJson, TermsJson } from '../types.js'
import { allocationHtml } from './loans.js'

/** Rows for new loans in one meeting (more are rare; a second meeting form takes them). */
const LOAN_ROWS = 3
const METHODS: Array<[string, string]> = [['flat', 'Flat'], ['declining', 'Menurun'], ['annuity', 'Anuitas']]
const METHOD_TEXT: Record<string, string> = { flat: 'flat (jasa dari pokok awal)', declining: 'menurun (jasa dari sisa pokok)', annuity: 'anuitas (angsuran sama tiap bulan)' }

interface Data { members: MemberJson[], loans: LoanJson[], terms: TermsJson | null, meetings: MeetingJson[] }

/** A meeting as the form says it, checked; `null` parts are absent. */
interface Plan {
  date: string
  attendees: string[]
  notes: string | null
  decisions: Array<Record<string, unknown>>
  savings: Array<{ field: string, memberId: string, kind: 'wajib' | 'sukarela', amount: string }>
  repayments: Array<{ field: string, loanId: string, amount: string }>
  loans: Array<{ row: number, memberId: string, principal: string, termCount: number, purpose: string | null }>
  refreshments: string | null
}

const lines = (s: string | undefined): string[] => (s ?? '').split('\n').map(x => x.trim()).filter(x => x !== '')

/** Reads the whole meeting form; problems go next to their fields. */
function planOf (f: FormState, d: Data): Plan | null {
  const date = dateOf(f, 'tanggal')
  const attendees = lines(f.values.hadir).filter(id => d.members.some(m => m.id === id))
  const notes = (f.values.catatan ?? '').trim()
  const decisions: Array<Record<string, unknown>> = []
  const rate = parseRate(f.values.jasa_persen)
  if (rate === null) f.errors.jasa_persen = 'Isi persen jasa, misalnya 1,5.'
  else if (rate !== '') {
    const maxTerm = parseCount(f.values.jasa_maks_tenor)
    if (maxTerm === null) f.errors.jasa_maks_tenor = 'Isi jumlah bulan, misalnya 10.'
    const maxPrincipal = amountOf(f, 'jasa_maks_pinjaman', false)
    const penalty = parseRate(f.values.denda_persen)
    if (penalty === null) f.errors.denda_persen = 'Isi persen denda, misalnya 1.'
    const grace = (f.values.denda_tenggang ?? '').trim() === '' ? SUGGESTED_GRACE_DAYS : parseCount(f.values.denda_tenggang)
    if (grace === null) f.errors.denda_tenggang = 'Isi jumlah hari, misalnya 7.'
    decisions.push({
      type: 'loan-terms', method: f.values.jasa_metode ?? 'flat', ratePercent: rate, ratePer: 'month',
      ...(typeof maxTerm === 'number' ? { maxTermCount: maxTerm } : {}),
      ...(maxPrincipal === null ? {} : { maxPrincipal }),
      ...(penalty === null || penalty === '' || penalty === '0' ? {} : { penalty: { percentOfOverdue: penalty, per: 'month', graceDays: typeof grace === 'number' ? grace : SUGGESTED_GRACE_DAYS } })
    })
  }
  for (const text of lines(f.values.keputusan)) decisions.push({ type: 'general', text })
  const savings: Plan['savings'] = []
  for (const m of d.members) {
    for (const kind of ['wajib', 'sukarela'] as const) {
      const name = `${kind}:${m.id}`
      const a = amountOf(f, name, false)
      if (a !== null) savings.push({ field: name, memberId: m.id, kind, amount: a })
    }
  }
  const repayments: Plan['repayments'] = []
  for (const l of d.loans) {
    const name = `angsuran:${l.id}`
    const a = amountOf(f, name, false)
    if (a !== null) repayments.push({ field: name, loanId: l.id, amount: a })
  }
  const loans: Plan['loans'] = []
  for (let i = 0; i < LOAN_ROWS; i++) {
    const p = `pinjam:${i}:`
    const memberId = f.values[`${p}anggota`] ?? ''
    const principal = amountOf(f, `${p}jumlah`, false)
    const term = parseCount(f.values[`${p}tenor`])
    if (memberId === '' && principal === null && term === '' && f.errors[`${p}jumlah`] === undefined) continue
    if (memberId === '') f.errors[`${p}anggota`] = 'Pilih anggota yang meminjam.'
    if (principal === null && f.errors[`${p}jumlah`] === undefined) f.errors[`${p}jumlah`] = 'Isi jumlah pinjaman.'
    if (term === null || term === '') f.errors[`${p}tenor`] = 'Isi lama angsuran dalam bulan, misalnya 10.'
    if (memberId !== '' && principal !== null && typeof term === 'number') {
      const purpose = (f.values[`${p}tujuan`] ?? '').trim()
      loans.push({ row: i, memberId, principal, termCount: term, purpose: purpose === '' ? null : purpose })
    }
  }
  const refreshments = amountOf(f, 'konsumsi', false)
  if (hasErrors(f) || date === null) {
    f.banner ??= 'Ada isian yang belum benar. Periksa kolom yang ditandai.'
    return null
  }
  return { date, attendees, notes: notes === '' ? null : notes, decisions, savings, repayments, loans, refreshments }
}

/** The schedule every new loan will have, under the terms this meeting agrees or those in force. */
async function previews (ctx: Ctx, f: FormState, plan: Plan): Promise<Map<number, PreviewJson>> {
  const out = new Map<number, PreviewJson>()
  if (plan.loans.length === 0) return out
  const agreed = plan.decisions.find(d => d.type === 'loan-terms')
  let terms: Record<string, unknown> | null = agreed ?? null
  if (terms === null) {
    const r = await getTerms(ctx, plan.date)
    terms = r === null ? null : { ...r.terms }
  }
  if (terms === null) {
    for (const l of plan.loans) f.errors[`pinjam:${l.row}:jumlah`] = SENTENCE.LOAN_TERMS_MISSING
    return out
  }
  for (const l of plan.loans) {
    const body = {
      principal: l.principal, termCount: l.termCount, frequency: 'monthly', method: terms.method, ratePercent: terms.ratePercent,
      ratePer: terms.ratePer, disbursedOn: plan.date,
      ...(typeof terms.roundTo === 'string' ? { roundTo: terms.roundTo } : {}),
      ...(typeof terms.instalmentRoundTo === 'string' ? { instalmentRoundTo: terms.instalmentRoundTo } : {}),
      ...(typeof terms.roundingMode === 'string' ? { roundingMode: terms.roundingMode } : {})
    }
    const a = await ctx.api.post<PreviewJson>(`/v1/groups/${ctx.groupId}/loans/schedule-preview`, body, partKey('preview', String(l.row), body))
    if (a.problem !== null) refusalInto(f, a.problem, { '/body/principal': `pinjam:${l.row}:jumlah`, '/body/termCount': `pinjam:${l.row}:tenor` })
    else out.set(l.row, a.json)
  }
  return out
}

async function getTerms (ctx: Ctx, asOf: string): Promise<TermsJson | null> {
  try { return await ctx.api.get<TermsJson>(`/v1/groups/${ctx.groupId}/loan-terms?asOf=${asOf}`) } catch { return null }
}

function scheduleTable (p: PreviewJson): Html {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Jadwal angsuran"><table class="compact">
  <thead><tr><th scope="col">Ke</th><th scope="col">Jatuh tempo</th><th scope="col" class="amount wide-only">Pokok</th><th scope="col" class="amount">Jasa</th><th scope="col" class="amount">Angsuran</th></tr></thead>
  <tbody>${p.installments.map(r => html`<tr><td>${r.n}</td><td class="date">${tanggal(r.dueDate)}</td><td class="amount wide-only">${rupiah(r.principal)}</td><td class="amount">${rupiah(r.interest)}</td><td class="amount">${rupiah(r.total)}</td></tr>`)}
  <tr class="total"><td colspan="2">Jumlah</td><td class="amount wide-only">${rupiah(p.totals.principal)}</td><td class="amount">${rupiah(p.totals.interest)}</td><td class="amount">${rupiah(p.totals.total)}</td></tr></tbody>
</table></div>`
}

function hidden (values: Record<string, string>): Html {
  return html`${Object.entries(values).flatMap(([k, v]) => k === 'hadir' ? lines(v).map(x => html`<input type="hidden" name="hadir" value="${x}">`) : [html`<input type="hidden" name="${k}" value="${v}">`])}`
}

/** The one-screen meeting form. Parts already recorded (`done`) are shown, not editable, and sent again unchanged. */
function meetingForm (viewer: Viewer, groupId: string, d: Data, f: FormState, idem: string, done: Set<string>): Html {
  const present = new Set(lines(f.values.hadir))
  const name = new Map(d.members.map(m => [m.id, m.name]))
  const meetingDone = done.has('meeting')
  const lock = (key: string): boolean => done.has(key)
  const t = d.terms?.terms ?? null
  return html`<form method="post" action="/g/${groupId}/rapat" class="meeting" id="form-rapat" data-once>
  <input type="hidden" name="_csrf" value="${viewer.csrf}">
  <input type="hidden" name="_idem" value="${idem}">
  ${banner(f)}
  <section class="card">
    <h2><span class="step">1</span> Rapat</h2>
    ${meetingDone
      ? html`<p class="ok-text">✓ Rapat ${tanggal(f.values.tanggal ?? '')} sudah tercatat.</p>${hidden({ tanggal: f.values.tanggal ?? '', hadir: f.values.hadir ?? '', catatan: f.values.catatan ?? '', keputusan: f.values.keputusan ?? '', jasa_persen: f.values.jasa_persen ?? '', jasa_metode: f.values.jasa_metode ?? '', jasa_maks_tenor: f.values.jasa_maks_tenor ?? '', jasa_maks_pinjaman: f.values.jasa_maks_pinjaman ?? '', denda_persen: f.values.denda_persen ?? '', denda_tenggang: f.values.denda_tenggang ?? '' })}`
      : field(f, 'tanggal', 'Tanggal rapat', { type: 'date', required: true })}
  </section>
  <section class="card">
    <h2><span class="step">2</span> Hadir dan simpanan</h2>
    <p class="muted">Centang yang hadir. Isi simpanan wajib dan sukarela yang disetor hari ini.</p>
    ${d.members.length === 0 ? html`<p class="empty">Belum ada anggota. <a href="/g/${groupId}/anggota">Tambah anggota</a> dulu.</p>` : ''}
    <ul class="members" id="daftar-hadir">
    ${d.members.map(m => html`<li class="member-row">
      <label class="check"><input type="checkbox" name="hadir" value="${m.id}"${present.has(m.id) ? html` checked` : ''}${meetingDone ? html` disabled` : ''}> <span>${m.name}</span></label>
      <div class="row">
        ${amountField(f, `wajib:${m.id}`, html`Wajib<span class="sr"> ${m.name}</span>`, { readonly: lock(`wajib:${m.id}`) })}
        ${amountField(f, `sukarela:${m.id}`, html`Sukarela<span class="sr"> ${m.name}</span>`, { readonly: lock(`sukarela:${m.id}`) })}
      </div>
    </li>`)}
    </ul>
    ${d.members.length > 0 ? html`<p class="actions"><button type="button" class="link" data-check-all="hadir">Centang semua hadir</button></p>` : ''}
  </section>
  <section class="card">
    <h2><span class="step">3</span> Angsuran pinjaman</h2>
    ${d.loans.length === 0 ? html`<p class="empty">Belum ada pinjaman berjalan.</p>` : html`<ul class="members">${d.loans.map(l => {
      const next = l.schedule.find(r => r.paidOn === null)
      const hint = `${next === undefined ? '' : `Angsuran ke-${next.n}: ${rupiah(next.total)}`}${BigInt(l.arrears) > 0n ? ` · tunggakan ${rupiah(l.arrears)}` : ''} · sisa ${rupiah(l.outstanding.principal)}`
      return html`<li class="member-row">${amountField(f, `angsuran:${l.id}`, html`<span class="sr">Angsuran </span>${name.get(l.memberId) ?? ''}`, { hint, readonly: lock(`angsuran:${l.id}`) })}</li>`
    })}</ul>`}
  </section>
  <section class="card">
    <h2><span class="step">4</span> Ketentuan pinjaman (jasa)</h2>
    <p class="muted">${t === null ? 'Belum ada ketentuan. Isi jika rapat ini menyepakatinya; pinjaman baru memerlukannya.' : `Berlaku sekarang: jasa ${t.ratePercent.replace('.', ',')} % per ${t.ratePer === 'year' ? 'tahun' : 'bulan'}, ${METHOD_TEXT[t.method] ?? t.method}${t.maxTermCount === null ? '' : `, paling lama ${t.maxTermCount} bulan`}${t.maxPrincipal === null ? '' : `, paling banyak ${rupiah(t.maxPrincipal)}`}. Isi hanya jika rapat ini mengubahnya.`}</p>
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
  </section>
  <section class="card">
    <h2><span class="step">5</span> Pinjaman baru</h2>
    <p class="muted">Jadwal angsuran ditampilkan sebelum disimpan.</p>
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
        ${field(f, `${p}tujuan`, 'Untuk apa (boleh kosong)')}`}
      </fieldset>`
    })}
    <button type="button" class="link" data-more-loans hidden>+ Pinjaman lain</button>
  </section>
  <section class="card">
    <h2><span class="step">6</span> Konsumsi dan keputusan</h2>
    ${amountField(f, 'konsumsi', 'Konsumsi rapat (dibayar dari kas)', { readonly: lock('konsumsi') })}
    ${meetingDone ? '' : html`<div class="field${f.errors.keputusan === undefined ? '' : ' invalid'}">
      <label for="f-keputusan">Keputusan rapat</label>
      <small id="f-keputusan-hint" class="hint">Satu keputusan per baris.</small>
      <textarea id="f-keputusan" name="keputusan" rows="3" aria-describedby="f-keputusan-hint">${f.values.keputusan ?? ''}</textarea>
    </div>
    <div class="field">
      <label for="f-catatan">Notulen (boleh kosong)</label>
      <textarea id="f-catatan" name="catatan" rows="3">${f.values.catatan ?? ''}</textarea>
    </div>`}
  </section>
  <div class="sticky-submit">
    <button type="submit" name="langkah" value="periksa" class="primary wide">Periksa sebelum simpan</button>
  </div>
</form>`
}

/** The review: everything the meeting will record, the new loans' schedules, and the button that records it. */
function reviewPage (viewer: Viewer, groupId: string, d: Data, f: FormState, idem: string, plan: Plan, schedules: Map<number, PreviewJson>): Html {
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
    ${plan.attendees.length === 0 ? html`<li>Tidak ada yang dicentang hadir.</li>` : html`<li><strong>Hadir:</strong> ${plan.attendees.map(id => name.get(id) ?? '').join(', ')}</li>`}
    ${plan.savings.map(s => html`<li>Simpanan ${s.kind} ${name.get(s.memberId) ?? ''}: <strong>${rupiah(s.amount)}</strong></li>`)}
    ${plan.repayments.map(r => html`<li>Angsuran ${loanName.get(r.loanId) ?? ''}: <strong>${rupiah(r.amount)}</strong></li>`)}
    ${plan.refreshments === null ? '' : html`<li>Konsumsi rapat: <strong>${rupiah(plan.refreshments)}</strong></li>`}
    ${terms === undefined ? '' : html`<li><strong>Ketentuan pinjaman baru:</strong> jasa ${String(terms.ratePercent).replace('.', ',')} % per bulan, ${METHOD_TEXT[String(terms.method)] ?? ''}${terms.maxTermCount === undefined ? '' : `, paling lama ${String(terms.maxTermCount)} bulan`}${terms.maxPrincipal === undefined ? '' : `, paling banyak ${rupiah(String(terms.maxPrincipal))}`}</li>`}
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
<form method="post" action="/g/${groupId}/rapat" class="review-actions" data-once>
  <input type="hidden" name="_csrf" value="${viewer.csrf}">
  <input type="hidden" name="_idem" value="${idem}">
  ${hidden(f.values)}
  <button type="submit" name="langkah" value="ubah" class="secondary">Ubah</button>
  <button type="submit" name="langkah" value="simpan" class="primary">Simpan rapat</button>
</form>`)
}

/** Rapat: one screen records a whole meeting; every part is sent with its own idempotency key. */
export async function meetingRoutes (app: FastifyInstance): Promise<void> {
  async function load (ctx: Ctx, asOf: string): Promise<Data> {
    const base = `/v1/groups/${ctx.groupId}`
    const [members, loans, meetings, terms] = await Promise.all([
      ctx.api.get<Items<MemberJson>>(`${base}/members`),
      ctx.api.get<Items<LoanJson>>(`${base}/loans?status=active&asOf=${asOf}`),
      ctx.api.get<Items<MeetingJson>>(`${base}/meetings`),
      getTerms(ctx, asOf)
    ])
    return { members: members.items, loans: loans.items, meetings: meetings.items, terms }
  }

  function formPage (ctx: Ctx, d: Data, f: FormState, idem: string, done: Set<string>): Html {
    const name = new Map(d.members.map(m => [m.id, m.name]))
    return page('Rapat', ctx.viewer, 'rapat', html`
${ctx.viewer.role === 'treasurer' ? meetingForm(ctx.viewer, ctx.groupId, d, f, idem, done) : ''}
<section class="card">
  <h2>Rapat yang sudah tercatat</h2>
  ${d.meetings.length === 0 ? html`<p class="empty">Belum ada rapat tercatat.</p>` : html`<ul class="list">${[...d.meetings].reverse().map(m => html`<li><div class="row-link"><strong>${tanggal(m.date)}</strong><span>${m.attendees.length} hadir${m.attendees.length > 0 ? `: ${m.attendees.map(a => name.get(a) ?? '').join(', ')}` : ''}</span>${m.decisions.map(x => html`<span>• ${x.type === 'general' ? x.text ?? '' : `Ketentuan pinjaman: jasa ${(x.terms?.ratePercent ?? '').replace('.', ',')} % per bulan`}</span>`)}</div></li>`)}</ul>`}
</section>`)
  }

  app.get('/g/:groupId/rapat', async (req, reply) => {
    const ctx = ctxOf(req)
    const now = today(app.lumbung.env)
    return await sendPage(reply, formPage(ctx, await load(ctx, now), { values: { tanggal: now }, errors: {} }, newFormKey(), new Set()))
  })

  app.post('/g/:groupId/rapat', async (req, reply) => {
    const ctx = ctxOf(req)
    const { _csrf: _c, _idem: idemRaw, langkah, ...values } = formOf(req)
    const idem = idemRaw ?? newFormKey()
    const f: FormState = { values, errors: {} }
    const date = /^\d{4}-\d{2}-\d{2}$/.test(values.tanggal ?? '') ? values.tanggal as string : today(app.lumbung.env)
    const d = await load(ctx, date)
    if (langkah === 'ubah') return await sendPage(reply, formPage(ctx, d, f, idem, new Set()))
    const plan = planOf(f, d)
    if (plan === null) return await sendPage(reply, formPage(ctx, d, f, idem, new Set()), 422)
    if (langkah !== 'simpan') {
      const schedules = await previews(ctx, f, plan)
      if (hasErrors(f)) return await sendPage(reply, formPage(ctx, d, f, idem, new Set()), 422)
      return await sendPage(reply, reviewPage(ctx.viewer, ctx.groupId, d, f, idem, plan, schedules))
    }

    // Record: the meeting (attendance, decisions, terms) first, then money in, then loans out, then refreshments.
    const base = `/v1/groups/${ctx.groupId}`
    const done = new Set<string>()
    const recorded: Html[] = []
    const name = new Map(d.members.map(m => [m.id, m.name]))
    const send = async <T>(part: string, url: string, body: unknown, fields: Record<string, string>, codeField: Partial<Record<Problem['code'], string>>): Promise<T | null> => {
      const a = await ctx.api.post<T>(url, body, partKey(idem, part, body))
      if (a.problem !== null) {
        const before = f.banner
        refusalInto(f, a.problem, fields, codeField)
        if (f.banner !== undefined && f.banner !== null && before !== undefined && before !== null && before !== f.banner) f.banner = `${before} ${f.banner}`
        return null
      }
      done.add(part)
      return a.json
    }
    const meetingBody = { date: plan.date, attendees: plan.attendees, ...(plan.notes === null ? {} : { notes: plan.notes }), decisions: plan.decisions }
    const meeting = await send<MeetingJson>('meeting', `${base}/meetings`, meetingBody,
      { '/body/date': 'tanggal', '/body/notes': 'catatan' },
      { DATE_IN_FUTURE: 'tanggal', LOAN_TERMS_INVALID: 'jasa_persen', PERIOD_CLOSED: 'tanggal' })
    if (meeting !== null) recorded.push(html`<li>Rapat ${tanggal(plan.date)}: ${plan.attendees.length} hadir, ${plan.decisions.length} keputusan</li>`)
    for (const s of plan.savings) {
      const ok = await send(s.field, `${base}/savings`, { memberId: s.memberId, kind: s.kind, date: plan.date, amount: s.amount },
        { '/body/amount': s.field }, { DATE_IN_FUTURE: s.field, PERIOD_CLOSED: s.field, MEMBER_NOT_FOUND: s.field })
      if (ok !== null) recorded.push(html`<li>Simpanan ${s.kind} ${name.get(s.memberId) ?? ''}: ${rupiah(s.amount)}</li>`)
    }
    const allocations: Html[] = []
    for (const r of plan.repayments) {
      const ok = await send<RepaymentJson>(r.field, `${base}/loans/${r.loanId}/repayments`, { date: plan.date, amount: r.amount },
        { '/body/amount': r.field }, { REPAYMENT_EXCEEDS_PAYOFF: r.field, REPAYMENT_OUT_OF_ORDER: r.field, DATE_BEFORE_DISBURSEMENT: r.field, LOAN_NOT_ACTIVE: r.field, DATE_IN_FUTURE: r.field, PERIOD_CLOSED: r.field })
      const who = name.get(d.loans.find(l => l.id === r.loanId)?.memberId ?? '') ?? ''
      if (ok !== null) allocations.push(html`<div><h3>${who}</h3>${allocationHtml({ amount: r.amount, date: plan.date, ...ok.allocation })}</div>`)
    }
    const newLoans: Html[] = []
    for (const l of plan.loans) {
      const p = `pinjam:${l.row}:`
      const body = { memberId: l.memberId, principal: l.principal, termCount: l.termCount, frequency: 'monthly', disbursedOn: plan.date, ...(l.purpose === null ? {} : { purpose: l.purpose }) }
      const ok = await send<LoanJson>(`pinjam:${l.row}`, `${base}/loans`, body,
        { '/body/principal': `${p}jumlah`, '/body/termCount': `${p}tenor`, '/body/memberId': `${p}anggota`, '/body/purpose': `${p}tujuan` },
        { LOAN_OUTSIDE_TERMS: `${p}jumlah`, INSUFFICIENT_FUNDS: `${p}jumlah`, LOAN_TERMS_MISSING: `${p}jumlah`, MEMBER_NOT_FOUND: `${p}anggota`, DATE_IN_FUTURE: `${p}jumlah`, PERIOD_CLOSED: `${p}jumlah` })
      if (ok !== null) newLoans.push(html`<li><a href="/g/${ctx.groupId}/pinjaman/${ok.id}">${name.get(l.memberId) ?? ''}: ${rupiah(l.principal)}, ${l.termCount} bulan, angsuran ${rupiah(ok.schedule[0]?.total ?? '0')}</a></li>`)
    }
    if (plan.refreshments !== null) {
      const ok = await send('konsumsi', `${base}/expenses`, { date: plan.date, amount: plan.refreshments, account: ACCOUNT.bebanKonsumsi, description: `Konsumsi rapat ${tanggal(plan.date)}` },
        { '/body/amount': 'konsumsi' }, { INSUFFICIENT_FUNDS: 'konsumsi', DATE_IN_FUTURE: 'konsumsi', PERIOD_CLOSED: 'konsumsi' })
      if (ok !== null) recorded.push(html`<li>Konsumsi rapat: ${rupiah(plan.refreshments)}</li>`)
    }

    if (hasErrors(f)) {
      f.banner = `${done.size > 0 ? 'Sebagian sudah tersimpan (ditandai ✓) dan tidak akan tercatat dua kali. ' : ''}Yang belum: ${f.banner ?? 'periksa kolom yang ditandai.'}`
      const fresh = await load(ctx, date)
      // Loans and repayments recorded just now are already in `fresh`; the form keeps showing the ones of this meeting.
      return await sendPage(reply, formPage(ctx, { ...fresh, loans: d.loans }, f, idem, done), 422)
    }
    return await sendPage(reply, page('Rapat tersimpan', ctx.viewer, 'rapat', html`
<div class="flash big" role="status">✓ Rapat ${tanggal(plan.date)} tersimpan. Menekan kirim lagi tidak mencatat apa pun dua kali.</div>
<section class="card"><h2>Yang dicatat</h2><ul class="review">${recorded}</ul></section>
${allocations.length === 0 ? '' : html`<section class="card"><h2>Pembagian angsuran</h2>${allocations}</section>`}
${newLoans.length === 0 ? '' : html`<section class="card"><h2>Pinjaman baru</h2><ul class="review">${newLoans}</ul></section>`}
<p class="actions"><a class="button primary" href="/g/${ctx.groupId}/beranda">Ke beranda</a> <a class="button" href="/g/${ctx.groupId}/rapat">Rapat lain</a></p>`))
  })
}
