import type { FastifyInstance } from 'fastify'
import type { ErrorCode } from '../../domain/errors.js'
import { today } from '../../services/clock.js'
import { newFormKey } from '../api.js'
import { amountOf, dateOf, formState, hasErrors, submit, textOf } from '../forms.js'
import { html, type Html } from '../html.js'
import { dateField, amountField, banner, emptyForm, field, page, postForm, rupiah, selectField, tanggal, type FormState, KOLEK, STATUS } from '../layout.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import type { Items, LoanJson, MemberJson, ProfileJson, SavingsJson } from '../types.js'
import { receiptPath } from '../../services/receipt-service.js'
import { originOf, whatsappButton } from './receipt.js'
import { contactForm, contactOf, contactRoute, profileForm, profileRoute, SEX_CHOICES, sexOfForm, sexShown } from './member-contact.js'
import { accessForm, accessRoute } from './member-access.js'

const KIND: Record<string, string> = { pokok: 'Pokok', wajib: 'Wajib', sukarela: 'Sukarela' }

/** A passbook's balances by kind and their total, as chips. */
export function savingsChips (b: SavingsJson['balances']): Html {
  return html`<div class="chips">
  <span><small>Pokok</small><strong>${rupiah(b.pokok)}</strong></span>
  <span><small>Wajib</small><strong>${rupiah(b.wajib)}</strong></span>
  <span><small>Sukarela</small><strong>${rupiah(b.sukarela)}</strong></span>
  <span class="total"><small>Jumlah</small><strong>${rupiah(b.total)}</strong></span>
</div>`
}

/** A loan as a card: what was lent, what is left, and where it stands. */
export function loanCard (groupId: string, l: LoanJson, memberName: string | null = null): Html {
  const paid = l.schedule.filter(r => r.paidOn !== null).length
  return html`<a class="loan-card" href="/g/${groupId}/pinjaman/${l.id}">
  <span class="loan-top"><strong>${memberName ?? rupiah(l.principal)}</strong><span class="pill ${l.status === 'active' ? l.collectibility : l.status}">${l.status === 'active' ? KOLEK[l.collectibility] : STATUS[l.status]}</span></span>
  <span>${memberName === null ? '' : `${rupiah(l.principal)} · `}${l.termCount} × ${l.frequency === 'weekly' ? 'minggu' : 'bulan'} · cair ${tanggal(l.disbursedOn)}</span>
  <progress max="${l.termCount}" value="${paid}" aria-hidden="true"></progress>
  <span>Sisa pokok <strong>${rupiah(l.outstanding.principal)}</strong> · ${paid}/${l.termCount} angsuran lunas${BigInt(l.arrears) > 0n ? html` · <span class="warn-text">tunggakan ${rupiah(l.arrears)}</span>` : ''}</span>
</a>`
}

/** A member's page: her savings, her loans and, for a treasurer, the deposit and withdrawal forms. */
async function detail (app: FastifyInstance, ctx: Ctx, memberId: string, forms: Partial<Record<'setor' | 'ambil' | 'kontak' | 'akses' | 'profil', FormState>>, flash: string | null,
  origin: string): Promise<Html> {
  const base = `/v1/groups/${ctx.groupId}`
  const [m, profile, savings, loans, contact] = await Promise.all([
    ctx.api.get<MemberJson>(`${base}/members/${encodeURIComponent(memberId)}`),
    ctx.api.get<ProfileJson>(`${base}/members/${encodeURIComponent(memberId)}/profile`),
    ctx.api.get<SavingsJson>(`${base}/members/${encodeURIComponent(memberId)}/savings`),
    ctx.api.get<Items<LoanJson>>(`${base}/loans?memberId=${encodeURIComponent(memberId)}`),
    contactOf(ctx, memberId)
  ])
  // Two forms on one page share field names: each has its own id prefix, so every label points at its own input.
  const form = { ...(forms.setor ?? emptyForm({ tanggal: today(app.lumbung.env), jenis: 'wajib' })), idPrefix: 'setor' }
  const withdrawal = { ...(forms.ambil ?? emptyForm({ tanggal: today(app.lumbung.env) })), idPrefix: 'ambil' }
  const sukarela = BigInt(savings.balances.sukarela)
  const last = savings.rows.at(-1)
  return page(m.name, ctx.viewer, 'anggota', html`
<p class="muted">${[sexShown(profile.sex), m.householdNo, m.joinedOn === null ? null : `anggota sejak ${tanggal(m.joinedOn)}`].filter(x => x !== null).join(' · ')}</p>
<section class="card">
<h2>Buku simpanan</h2>
${savingsChips(savings.balances)}
<div class="table-wrap" tabindex="0" role="region" aria-label="Buku simpanan"><table>
  <thead><tr><th scope="col">Tanggal</th><th scope="col">Jenis</th><th scope="col" class="amount">Setor</th><th scope="col" class="amount">Ambil</th></tr></thead>
  <tbody>${savings.rows.length === 0 ? html`<tr><td colspan="4" class="empty">Belum ada simpanan.</td></tr>` : savings.rows.map(r => html`<tr><td><a href="${receiptPath(app.lumbung.env, ctx.groupId, r.entryId)}" aria-label="Kuitansi ${tanggal(r.date)}">${tanggal(r.date)}</a></td><td>${KIND[r.kind]}</td><td class="amount">${r.deposit === '0' ? '–' : rupiah(r.deposit)}</td><td class="amount">${r.withdrawal === '0' ? '–' : rupiah(r.withdrawal)}</td></tr>`)}</tbody>
</table></div>
<p><a class="button" download href="/g/${ctx.groupId}/laporan/unduh?jenis=member-savings&amp;anggota=${m.id}&amp;format=pdf">Unduh buku simpanan (PDF)</a>${last === undefined ? '' : html` ${whatsappButton(app.lumbung.env, origin, ctx, {
  contact, memberName: m.name, entryId: last.entryId, label: 'Kirim kuitansi terakhir via WhatsApp',
  what: `${last.deposit === '0' ? `penarikan ${KIND[last.kind]?.toLowerCase() ?? ''} ${rupiah(last.withdrawal)}` : `setoran ${KIND[last.kind]?.toLowerCase() ?? ''} ${rupiah(last.deposit)}`} ${m.name}, ${tanggal(last.date)}`
})}`}</p>
<p class="hint">Tanggal setiap baris membuka kuitansinya: bukti yang bisa disimpan anggota di HP-nya.</p>
${ctx.viewer.role === 'treasurer' && savings.rows.length > 0 ? html`<p class="muted">Salah catat? <a href="/g/${ctx.groupId}/koreksi/${savings.rows.at(-1)?.entryId ?? ''}">Koreksi setoran atau penarikan terakhir</a> atau pilih di <a href="/g/${ctx.groupId}/koreksi">Koreksi</a>.</p>` : ''}
${ctx.viewer.role === 'treasurer' ? postForm(`/g/${ctx.groupId}/anggota/${m.id}/simpanan`, ctx.viewer, newFormKey(), html`
  <h3>Setor simpanan</h3>${banner(form)}
  <div class="row">
    ${selectField(form, 'jenis', 'Jenis', [['wajib', 'Wajib'], ['sukarela', 'Sukarela'], ['pokok', 'Pokok']])}
    ${amountField(form, 'jumlah', 'Jumlah', { required: true })}
  </div>
  ${dateField(form, 'tanggal', 'Tanggal', { required: true })}
  <button type="submit" class="primary">Simpan setoran</button>`, { cls: 'form inset', id: 'form-setor' }) : ''}
${ctx.viewer.role !== 'treasurer' ? '' : sukarela > 0n || forms.ambil !== undefined ? postForm(`/g/${ctx.groupId}/anggota/${m.id}/penarikan`, ctx.viewer, newFormKey(), html`
  <h3>Ambil simpanan sukarela</h3>
  <p class="muted">Dibayar dari Kas; paling banyak ${rupiah(sukarela)}. Pokok dan wajib tidak bisa diambil selama masih anggota.</p>${banner(withdrawal)}
  ${amountField(withdrawal, 'jumlah', 'Jumlah diambil', { required: true })}
  ${dateField(withdrawal, 'tanggal', 'Tanggal', { required: true })}
  <button type="submit">Simpan penarikan</button>`, { cls: 'form inset', id: 'form-ambil' }) : html`<p class="muted">Belum ada simpanan sukarela yang bisa diambil.</p>`}
${contact === null ? '' : contactForm(ctx, m.id, contact, forms.kontak)}
${ctx.viewer.role === 'treasurer' ? profileForm(ctx, m.id, profile, forms.profil) : ''}
${contact === null ? '' : accessForm(ctx, m.id, contact, forms.akses)}
</section>
<section class="card">
<h2>Pinjaman</h2>
${loans.items.length === 0 ? html`<p class="empty">Belum pernah meminjam.</p>` : html`<div class="cards">${loans.items.map(l => loanCard(ctx.groupId, l))}</div>`}
</section>`, flash)
}

/** Anggota: the members, each with a passbook (simpanan) and loan cards. */
export async function memberRoutes (app: FastifyInstance): Promise<void> {
  async function list (ctx: Ctx, f: FormState | null, flash: string | null): Promise<Html> {
    const base = `/v1/groups/${ctx.groupId}`
    const [members, loans] = await Promise.all([
      ctx.api.get<Items<MemberJson>>(`${base}/members`),
      ctx.api.get<Items<LoanJson>>(`${base}/loans?status=active`)
    ])
    const form = f ?? emptyForm({ bergabung: today(app.lumbung.env), pokokTanggal: today(app.lumbung.env) })
    return page('Anggota', ctx.viewer, 'anggota', html`
${ctx.viewer.role === 'treasurer' ? html`<details class="card add" ${f !== null ? html`open` : ''}>
  <summary><span class="button primary">+ Tambah anggota</span></summary>
  ${postForm(`/g/${ctx.groupId}/anggota`, ctx.viewer, newFormKey(), html`
    ${banner(form)}
    ${field(form, 'nama', 'Nama anggota', { required: true, autocomplete: 'off' })}
    ${field(form, 'kk', 'Nomor KK / rumah tangga (boleh kosong)')}
    ${selectField(form, 'jk', 'Jenis kelamin', SEX_CHOICES)}
    ${dateField(form, 'bergabung', 'Tanggal bergabung')}
    ${amountField(form, 'pokok', 'Simpanan pokok dibayar sekarang (boleh kosong)')}
    <button type="submit" class="primary">Simpan anggota</button>`, { cls: 'form', id: 'form-anggota' })}
</details>` : ''}
<p class="muted">${members.items.length} anggota · ${loans.items.length} pinjaman berjalan</p>
<ul class="list" id="daftar-anggota">
  ${members.items.map(m => {
    const own = loans.items.filter(l => l.memberId === m.id)
    return html`<li><a class="row-link" href="/g/${ctx.groupId}/anggota/${m.id}"><strong>${m.name}</strong><span>${m.householdNo ?? ''}${own.length > 0 ? ` · ${own.length} pinjaman, sisa ${rupiah(own.reduce((s, l) => s + BigInt(l.outstanding.principal), 0n))}` : ''}</span></a></li>`
  })}
</ul>
${members.items.length === 0 ? html`<p class="empty">Belum ada anggota.</p>` : ''}`, flash)
  }

  app.get('/g/:groupId/anggota', async (req, reply) => {
    const ok = (req.query as { ok?: string }).ok
    return await sendPage(reply, await list(ctxOf(req), null, ok === undefined ? null : `Anggota ${ok} tersimpan.`))
  })

  app.post('/g/:groupId/anggota', async (req, reply) => {
    const ctx = ctxOf(req)
    const { f, idem } = formState(formOf(req))
    const name = textOf(f, 'nama')
    const kk = textOf(f, 'kk', false)
    const joined = (f.values.bergabung ?? '') === '' ? null : dateOf(f, 'bergabung')
    const pokok = amountOf(f, 'pokok', false)
    if (!hasErrors(f)) {
      const body = { name, ...(kk === null ? {} : { householdNo: kk }), ...(joined === null ? {} : { joinedOn: joined }) }
      const m = await submit<MemberJson>(ctx.api, f, idem, 'member', `/v1/groups/${ctx.groupId}/members`, body,
        { '/body/name': 'nama', '/body/householdNo': 'kk', '/body/joinedOn': 'bergabung' })
      const sex = sexOfForm(f.values.jk)
      if (m !== null && sex !== null) await submit(ctx.api, f, idem, 'profil', `/v1/groups/${ctx.groupId}/members/${m.json.id}/profile`, { sex }, { '/body/sex': 'jk' }, {})
      if (m !== null && pokok !== null) {
        await submit(ctx.api, f, idem, 'pokok', `/v1/groups/${ctx.groupId}/savings`, { memberId: m.json.id, kind: 'pokok', date: joined ?? today(app.lumbung.env), amount: pokok },
          { '/body/amount': 'pokok', '/body/date': 'bergabung' }, { POKOK_ALREADY_PAID: 'pokok', DATE_IN_FUTURE: 'bergabung', PERIOD_CLOSED: 'bergabung' })
        if (hasErrors(f)) f.banner = `Anggota ${m.json.name} tersimpan, tetapi simpanan pokok belum: ${f.errors.pokok ?? f.banner ?? ''}`
      }
      if (m !== null && !hasErrors(f)) return await reply.redirect(`/g/${ctx.groupId}/anggota?ok=${encodeURIComponent(m.json.name)}`, 303)
    }
    return await sendPage(reply, await list(ctx, f, null), 422)
  })

  /** A member's page; `forms` carries a refused deposit or withdrawal back into its own form, with what was typed. */

  app.get('/g/:groupId/anggota/:memberId', async (req, reply) => {
    const ok = (req.query as { ok?: string }).ok
    return await sendPage(reply, await detail(app, ctxOf(req), (req.params as { memberId: string }).memberId, {}, FLASH[ok ?? ''] ?? null, originOf(req)))
  })

  contactRoute(app, async (ctx, memberId, f, origin) => await detail(app, ctx, memberId, { kontak: f }, null, origin))
  accessRoute(app, async (ctx, memberId, f, origin) => await detail(app, ctx, memberId, { akses: f }, null, origin))
  profileRoute(app, async (ctx, memberId, f, origin) => await detail(app, ctx, memberId, { profil: f }, null, origin))

  // A deposit or a withdrawal: the amount and date typed, sent to /v1; refused, the page again with that form as typed.
  for (const [which, form] of Object.entries(SAVINGS_FORMS) as Array<[keyof typeof SAVINGS_FORMS, SavingsForm]>) {
    app.post(`/g/:groupId/anggota/:memberId/${form.path}`, async (req, reply) => {
      const ctx = ctxOf(req)
      const memberId = (req.params as { memberId: string }).memberId
      const { f, idem } = formState(formOf(req))
      const amount = amountOf(f, 'jumlah')
      const date = dateOf(f, 'tanggal')
      if (!hasErrors(f)) {
        const ok = await submit(ctx.api, f, idem, form.part, `/v1/groups/${ctx.groupId}/${form.url}`, { memberId, ...form.body(f), date, amount },
          { '/body/amount': 'jumlah', '/body/date': 'tanggal', ...form.fields }, { DATE_IN_FUTURE: 'tanggal', PERIOD_CLOSED: 'tanggal', ...form.codes })
        if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/anggota/${memberId}?ok=${form.ok}`, 303)
      }
      return await sendPage(reply, await detail(app, ctx, memberId, { [which]: f }, null, originOf(req)), 422)
    })
  }
}

interface SavingsForm {
  /** The page's path under the member, the /v1 route, and the part of the form's idempotency key. */
  path: string
  url: string
  part: string
  /** What the form adds to the body, and which fields its refusals belong to. */
  body: (f: FormState) => Record<string, unknown>
  fields: Record<string, string>
  codes: Partial<Record<ErrorCode, string>>
  /** The `ok` of the page it returns to, and the line shown there. */
  ok: string
  flash: string
}

const SAVINGS_FORMS: { setor: SavingsForm, ambil: SavingsForm } = {
  setor: {
    path: 'simpanan', url: 'savings', part: 'savings', body: f => ({ kind: f.values.jenis }),
    fields: { '/body/kind': 'jenis' }, codes: { POKOK_ALREADY_PAID: 'jenis' }, ok: '1', flash: 'Setoran tersimpan.'
  },
  ambil: {
    path: 'penarikan', url: 'savings/withdrawals', part: 'withdrawal', body: () => ({}),
    fields: {}, codes: { INSUFFICIENT_SAVINGS: 'jumlah', INSUFFICIENT_FUNDS: 'jumlah' }, ok: 'ambil', flash: 'Penarikan tersimpan.'
  }
}

const FLASH: Record<string, string> = { ...Object.fromEntries(Object.values(SAVINGS_FORMS).map(form => [form.ok, form.flash])), kontak: 'Nomor HP tersimpan.', profil: 'Jenis kelamin tersimpan.' }
