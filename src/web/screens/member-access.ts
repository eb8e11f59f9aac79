import type { Static } from 'typebox'
import type { FastifyInstance } from 'fastify'
import { shownPhone } from '../../domain/contacts.js'
import type { MemberSignIn } from '../../http/schemas/me.js'
import { newFormKey } from '../api.js'
import { formState, submit } from '../forms.js'
import { html, type Html } from '../html.js'
import { banner, emptyForm, field, page, postForm, tanggal, type FormState } from '../layout.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import type { ContactJson } from '../types.js'
import { originOf } from './receipt.js'

/**
 * Akses anggota: the treasurer gives a member her own sign-in, to read her passbook and loans on her phone (/saya).
 * Either a first PIN chosen with her at the meeting, or a one-time link sent to her (WhatsApp), where she chooses it.
 */
export function accessForm (ctx: Ctx, memberId: string, c: ContactJson, form: FormState | undefined): Html {
  const f = { ...(form ?? emptyForm({ login: c.phone === null ? '' : shownPhone(c.phone) })), idPrefix: 'akses' }
  return postForm(`/g/${ctx.groupId}/anggota/${memberId}/akses`, ctx.viewer, newFormKey(), html`
  <h3>Akses anggota ke bukunya</h3>
  <p class="muted">Anggota masuk dengan nomor HP dan PIN-nya sendiri, lalu hanya melihat simpanan, pinjaman, SHU dan kuitansinya sendiri.</p>${banner(f)}
  ${field(f, 'login', 'Nomor HP untuk masuk', { inputmode: 'tel', autocomplete: 'off', required: true, placeholder: 'mis. 0812 3456 7890' })}
  ${field(f, 'pin', 'PIN pertama (boleh kosong)', { inputmode: 'numeric', autocomplete: 'off', hint: 'Isi bersama anggota di rapat (6 angka atau lebih). Kosongkan untuk membuat tautan sekali pakai yang dikirim kepadanya; di sana dia memilih PIN.' })}
  <button type="submit">Buat akses</button>`, { cls: 'form inset', id: 'form-akses', onlineOnly: true })
}

function linkPage (ctx: Ctx, memberId: string, r: Static<typeof MemberSignIn>, origin: string): Html {
  const link = r.invitation === null ? null : `${origin}${r.invitation.path}`
  const text = link === null ? '' : `${ctx.viewer.group?.name ?? ''}: buka tautan ini untuk memilih PIN dan melihat buku simpanan dan pinjaman Anda: ${link}`
  return page('Akses anggota', ctx.viewer, 'anggota', html`<section class="card">
${link === null
    ? html`<p>${r.person.name} sekarang masuk dengan <strong>${r.person.login}</strong> dan PIN yang baru diisi.</p>`
    : html`<p>Kirim tautan ini kepada ${r.person.name}. Tautan berlaku sekali, sampai ${tanggal(r.invitation?.expiresAt.slice(0, 10) ?? null)}.</p>
<p>Setelah memilih PIN dia masuk dengan <strong>${r.person.login}</strong>.</p>
<p class="wrap"><code>${link}</code></p>
<p><a class="button primary" rel="noopener" href="https://wa.me/?text=${encodeURIComponent(text)}">Kirim via WhatsApp</a></p>`}
<p><a href="/g/${ctx.groupId}/anggota/${memberId}">Kembali ke ${r.person.name}</a></p></section>`)
}

/** POST …/anggota/<id>/akses: through /v1; refused, the member's page with the form as typed. */
export function accessRoute (app: FastifyInstance, again: (ctx: Ctx, memberId: string, form: FormState, origin: string) => Promise<{ value: string }>): void {
  app.post('/g/:groupId/anggota/:memberId/akses', async (req, reply) => {
    const ctx = ctxOf(req)
    const memberId = (req.params as { memberId: string }).memberId
    const { f, idem } = formState(formOf(req))
    const pin = f.values.pin ?? ''
    const body = { login: f.values.login ?? '', ...(pin === '' ? {} : { pin }) }
    f.values.pin = ''
    const ok = await submit<Static<typeof MemberSignIn>>(ctx.api, f, idem, 'akses', `/v1/groups/${ctx.groupId}/members/${encodeURIComponent(memberId)}/sign-in`, body,
      { '/body/login': 'login', login: 'login', '/body/pin': 'pin', pin: 'pin' }, { LOGIN_TAKEN: 'login' })
    if (ok !== null) return await sendPage(reply, linkPage(ctx, memberId, ok.json, originOf(req)))
    return await sendPage(reply, await again(ctx, memberId, f, originOf(req)), 422)
  })
}
