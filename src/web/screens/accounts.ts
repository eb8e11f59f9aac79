import type { FastifyInstance } from 'fastify'
import { ACCOUNT_TYPES, type AccountType } from '../../domain/ledger/accounts.js'
import { newFormKey } from '../api.js'
import { formState, hasErrors, submit, textOf } from '../forms.js'
import { html, type Html } from '../html.js'
import { banner, emptyForm, field, page, postForm, rupiah, selectField, type FormState } from '../layout.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import type { AccountJson, Items } from '../types.js'

/** The five kinds of account as the group's books name them, with the first digit their codes start with by custom. */
const KIND: Record<AccountType, { label: string, digit: string }> = {
  asset: { label: 'Harta (aset)', digit: '1' },
  liability: { label: 'Kewajiban', digit: '2' },
  equity: { label: 'Modal (ekuitas)', digit: '3' },
  income: { label: 'Pendapatan', digit: '4' },
  expense: { label: 'Beban', digit: '5' }
}

/** The next free code of a kind: one after the highest four-digit code starting with its digit (5104 → 5105). */
export function nextCode (accounts: readonly AccountJson[], type: AccountType): string {
  const digit = KIND[type].digit
  const taken = accounts.map(a => a.code).filter(c => c.length === 4 && c.startsWith(digit)).map(Number)
  const next = taken.length === 0 ? Number(`${digit}101`) : Math.max(...taken) + 1
  return String(next).startsWith(digit) ? String(next) : ''
}

function accountTable (type: AccountType, accounts: AccountJson[]): Html {
  const mine = accounts.filter(a => a.type === type)
  return html`<h3 id="akun-${type}">${KIND[type].label}</h3>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="akun-${type}"><table class="compact">
  <thead><tr><th scope="col">Kode</th><th scope="col">Nama akun</th><th scope="col" class="amount">Saldo</th></tr></thead>
  <tbody>${mine.map(a => html`<tr><td>${a.code}</td><td class="text">${a.name}</td><td class="amount">${a.balance.startsWith('-') ? `−${rupiah(a.balance.slice(1))}` : rupiah(a.balance)}</td></tr>`)}</tbody>
</table></div>`
}

/** Akun: the group's chart of accounts with each balance, and for a treasurer the form that adds one. */
async function render (ctx: Ctx, form: FormState | null, flash: string | null): Promise<Html> {
  const accounts = (await ctx.api.get<Items<AccountJson>>(`/v1/groups/${ctx.groupId}/accounts`)).items
  const f = { ...(form ?? emptyForm({ jenis: 'expense', kode: nextCode(accounts, 'expense') })), idPrefix: 'akun' }
  const suggestions = ACCOUNT_TYPES.map(t => `${KIND[t].label.replace(/ \(.*\)$/, '')} ${nextCode(accounts, t)}`).join(' · ')
  return page('Bagan akun', ctx.viewer, 'kas', html`
<p class="lead">Setiap rupiah dicatat di dua akun. Akun bawaan cukup untuk simpan pinjam; tambahkan akun bila kelompok punya pengeluaran atau pendapatan lain, misalnya Beban Transport.</p>
${ctx.viewer.role === 'treasurer' ? postForm(`/g/${ctx.groupId}/akun`, ctx.viewer, newFormKey(), html`
<h2>Tambah akun</h2>${banner(f)}
${field(f, 'nama', 'Nama akun', { required: true, placeholder: 'mis. Beban Transport' })}
${selectField(f, 'jenis', 'Jenis', ACCOUNT_TYPES.map((t): [string, string] => [t, KIND[t].label]))}
${field(f, 'kode', 'Kode akun', { required: true, inputmode: 'numeric', hint: `4 sampai 8 angka, diawali angka jenisnya. Kode bebas: ${suggestions}.` })}
<button type="submit" class="primary">Simpan akun</button>`, { id: 'form-akun' }) : ''}
<section class="card">
<h2>Daftar akun</h2>
${ACCOUNT_TYPES.map(t => accountTable(t, accounts))}
</section>
<p><a href="/g/${ctx.groupId}/kas">Kembali ke Kas</a></p>`, flash)
}

export async function accountRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/akun', async (req, reply) => {
    const q = req.query as { ok?: unknown }
    return await sendPage(reply, await render(ctxOf(req), null, typeof q.ok === 'string' && /^\d{4,8}$/.test(q.ok) ? `Akun ${q.ok} tersimpan.` : null))
  })

  app.post('/g/:groupId/akun', async (req, reply) => {
    const ctx = ctxOf(req)
    const { f, idem } = formState(formOf(req))
    const name = textOf(f, 'nama')
    const code = (f.values.kode ?? '').replace(/\s/g, '')
    if (!/^\d{4,8}$/.test(code)) f.errors.kode = 'Isi 4 sampai 8 angka, misalnya 5105.'
    const type = ACCOUNT_TYPES.find(t => t === f.values.jenis)
    if (type === undefined) f.errors.jenis = 'Pilih jenis akun.'
    if (!hasErrors(f) && type !== undefined && name !== null) {
      const ok = await submit(ctx.api, f, idem, 'akun', `/v1/groups/${ctx.groupId}/accounts`, { code, name, type },
        { '/body/code': 'kode', '/body/name': 'nama', '/body/type': 'jenis' }, { ACCOUNT_CODE_TAKEN: 'kode' })
      if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/akun?ok=${code}`, 303)
    }
    return await sendPage(reply, await render(ctx, f, null), 422)
  })
}
