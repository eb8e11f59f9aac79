import type { FastifyInstance } from 'fastify'
import { newFormKey } from '../api.js'
import { formState, submit } from '../forms.js'
import { html, type Html } from '../html.js'
import { banner, emptyForm, field, page, postForm, type FormState } from '../layout.js'
import { pinField, pinNote, stepUp } from '../pin.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import type { PlaceJson } from '../types.js'
import { manages } from './people.js'

/**
 * Tempat kelompok: where the group is (provinsi … desa, and the Kemendagri region code that puts it inside a pendamping's
 * or a dinas's region). Everyone reads it; the ketua or the pengelola sets it, with her PIN asked again.
 */

const FIELDS = [['desa', 'village', 'Desa / kelurahan'], ['kecamatan', 'district', 'Kecamatan'], ['kabupaten', 'regency', 'Kabupaten / kota'], ['provinsi', 'province', 'Provinsi']] as const

function placeForm (ctx: Ctx, p: PlaceJson, form: FormState | undefined): Html {
  const values = Object.fromEntries([...FIELDS.map(([name, key]) => [name, p[key] ?? '']), ['kode', p.regionCode ?? '']])
  const f = { ...(form ?? emptyForm(values)), idPrefix: 'tempat' }
  return postForm(`/g/${ctx.groupId}/tempat`, ctx.viewer, newFormKey(), html`
<h2>Ubah tempat</h2>${banner(f)}
${FIELDS.map(([name, , label]) => field(f, name, label, { autocomplete: 'off' }))}
${field(f, 'kode', 'Kode wilayah (Kemendagri)', { autocomplete: 'off', inputmode: 'decimal', placeholder: 'mis. 51.03.05.2001', hint: 'Kode desa (51.03.05.2001) atau kecamatan (51.03.05): pendamping dan dinas wilayah itu dapat membaca buku kelompok ini.' })}
${pinField(f, ctx.session)}${pinNote}
<button type="submit" class="primary">Simpan tempat</button>`, { id: 'form-tempat', onlineOnly: true })
}

async function placePage (app: FastifyInstance, ctx: Ctx, form?: FormState, flash: string | null = null): Promise<Html> {
  const p = await ctx.api.get<PlaceJson>(`/v1/groups/${ctx.groupId}/place`)
  const shown = FIELDS.map(([, key, label]) => [label, p[key]] as const).filter(([, v]) => v !== null)
  return page('Tempat kelompok', ctx.viewer, 'pengurus', html`
<section class="card"><h2>Tempat kelompok</h2>
${shown.length === 0 && p.regionCode === null
    ? html`<p class="empty">Belum diisi.</p>`
    : html`<ul class="review">${shown.map(([label, v]) => html`<li>${label}: ${v}</li>`)}${p.regionCode === null ? '' : html`<li>Kode wilayah: ${p.regionCode}</li>`}</ul>`}
</section>
${manages(app, ctx) ? placeForm(ctx, p, form) : html`<p class="muted">Hanya ketua dan pengelola yang mengubah tempat kelompok.</p>`}
<p><a href="/g/${ctx.groupId}/pengurus">Kembali ke Pengurus</a></p>`, flash)
}

/** GET and POST /g/<group>/tempat. */
export async function placeRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/tempat', async (req, reply) => {
    const ok = (req.query as { ok?: string }).ok === '1'
    return await sendPage(reply, await placePage(app, ctxOf(req), undefined, ok ? 'Tempat kelompok tersimpan.' : null))
  })
  app.post('/g/:groupId/tempat', async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    if (!await stepUp(app, ctx.session, f, body.pin)) return await sendPage(reply, await placePage(app, ctx, f), 422)
    const v = (name: string): string | null => (f.values[name] ?? '').trim() === '' ? null : (f.values[name] ?? '').trim()
    const sent = { regionCode: v('kode'), ...Object.fromEntries(FIELDS.map(([name, key]) => [key, v(name)])) }
    const a = await submit(ctx.api, f, idem, 'tempat', `/v1/groups/${ctx.groupId}/place`, sent, { '/body/regionCode': 'kode' }, {})
    return a === null ? await sendPage(reply, await placePage(app, ctx, f), 422) : await reply.redirect(`/g/${ctx.groupId}/tempat?ok=1`, 303)
  })
}
