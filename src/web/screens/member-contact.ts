import type { FastifyInstance } from 'fastify'
import { shownPhone } from '../../domain/contacts.js'
import { newFormKey } from '../api.js'
import { formState, submit } from '../forms.js'
import { html, type Html } from '../html.js'
import { banner, emptyForm, field, postForm, selectField, type FormState } from '../layout.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import type { ContactJson, ProfileJson } from '../types.js'
import { originOf } from './receipt.js'

/** A member's contact as the treasurer's screens need it (only they read it: the API refuses an auditor). */
export async function contactOf (ctx: Ctx, memberId: string): Promise<ContactJson | null> {
  return ctx.viewer.role === 'treasurer' ? await ctx.api.get<ContactJson>(`/v1/groups/${ctx.groupId}/members/${encodeURIComponent(memberId)}/contact`) : null
}

/** The treasurer's form for a member's phone number (for receipts) and her choice of no messages. */
export function contactForm (ctx: Ctx, memberId: string, c: ContactJson, form: FormState | undefined): Html {
  const f = { ...(form ?? emptyForm({ hp: c.phone === null ? '' : shownPhone(c.phone), ...(c.optedOut ? { tanpa_pesan: '1' } : {}) })), idPrefix: 'kontak' }
  return postForm(`/g/${ctx.groupId}/anggota/${memberId}/kontak`, ctx.viewer, newFormKey(), html`
  <h3>Nomor HP untuk kuitansi</h3>${banner(f)}
  ${field(f, 'hp', 'Nomor HP (WhatsApp)', { inputmode: 'tel', autocomplete: 'off', placeholder: 'mis. 0812 3456 7890', hint: 'Hanya bendahara yang melihatnya; tidak ada di laporan. Kosongkan untuk menghapus.' })}
  <div class="field"><label class="check"><input type="checkbox" name="tanpa_pesan" value="1"${f.values.tanpa_pesan === '1' ? html` checked` : ''}> <span>Tidak mau menerima pesan</span></label></div>
  <button type="submit">Simpan nomor</button>`, { cls: 'form inset', id: 'form-kontak' })
}

/** POST …/anggota/<id>/kontak: the number and the choice, through /v1; refused, the member's page with the form as typed. */
export function contactRoute (app: FastifyInstance, again: (ctx: Ctx, memberId: string, form: FormState, origin: string) => Promise<{ value: string }>): void {
  app.post('/g/:groupId/anggota/:memberId/kontak', async (req, reply) => {
    const ctx = ctxOf(req)
    const memberId = (req.params as { memberId: string }).memberId
    const { f, idem } = formState(formOf(req))
    const body = { phone: (f.values.hp ?? '').trim() === '' ? null : (f.values.hp ?? ''), optedOut: f.values.tanpa_pesan === '1' }
    const ok = await submit(ctx.api, f, idem, 'kontak', `/v1/groups/${ctx.groupId}/members/${encodeURIComponent(memberId)}/contact`, body, { '/body/phone': 'hp' }, {})
    if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/anggota/${memberId}?ok=kontak`, 303)
    return await sendPage(reply, await again(ctx, memberId, f, originOf(req)), 422)
  })
}

/** Jenis kelamin as the forms offer it: the form's value and the API's. */
export const SEX_CHOICES: Array<[string, string]> = [['', 'Belum dicatat'], ['perempuan', 'Perempuan'], ['laki-laki', 'Laki-laki']]
const SEX_OF: Record<string, 'female' | 'male'> = { perempuan: 'female', 'laki-laki': 'male' }
export const sexOfForm = (v: string | undefined): 'female' | 'male' | null => SEX_OF[v ?? ''] ?? null
export const sexShown = (sex: ProfileJson['sex']): string | null => sex === 'female' ? 'Perempuan' : sex === 'male' ? 'Laki-laki' : null

/** The treasurer's form for what the group records of a member: her sex, which the supervisors' roll-up counts women by. */
export function profileForm (ctx: Ctx, memberId: string, p: ProfileJson, form: FormState | undefined): Html {
  const f = { ...(form ?? emptyForm({ jk: p.sex === 'female' ? 'perempuan' : p.sex === 'male' ? 'laki-laki' : '' })), idPrefix: 'profil' }
  return postForm(`/g/${ctx.groupId}/anggota/${memberId}/profil`, ctx.viewer, newFormKey(), html`
  <h3>Jenis kelamin</h3>${banner(f)}
  ${selectField(f, 'jk', 'Jenis kelamin', SEX_CHOICES)}
  <p class="hint">Untuk rekap pendamping (berapa perempuan yang dijangkau kelompok). Bisa dibetulkan kapan saja.</p>
  <button type="submit">Simpan</button>`, { cls: 'form inset', id: 'form-profil' })
}

/** POST …/anggota/<id>/profil: her sex, through /v1; refused, the member's page with the form as chosen. */
export function profileRoute (app: FastifyInstance, again: (ctx: Ctx, memberId: string, form: FormState, origin: string) => Promise<{ value: string }>): void {
  app.post('/g/:groupId/anggota/:memberId/profil', async (req, reply) => {
    const ctx = ctxOf(req)
    const memberId = (req.params as { memberId: string }).memberId
    const { f, idem } = formState(formOf(req))
    const ok = await submit(ctx.api, f, idem, 'profil', `/v1/groups/${ctx.groupId}/members/${encodeURIComponent(memberId)}/profile`, { sex: sexOfForm(f.values.jk) }, { '/body/sex': 'jk' }, {})
    if (ok !== null) return await reply.redirect(`/g/${ctx.groupId}/anggota/${memberId}?ok=profil`, 303)
    return await sendPage(reply, await again(ctx, memberId, f, originOf(req)), 422)
  })
}
