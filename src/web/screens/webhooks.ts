import type { FastifyInstance } from 'fastify'
import { newFormKey } from '../api.js'
import { formState, hasErrors, submit, textOf } from '../forms.js'
import { html, type Html } from '../html.js'
import { banner, emptyForm, field, page, postForm, type FormState } from '../layout.js'
import { pinField, stepUp } from '../pin.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import { shownMoment } from '../tanggal.js'
import type { DeliveryJson, Items, WebhookJson } from '../types.js'
import { manages } from './people.js'


const STATUS: Record<DeliveryJson['status'], string> = { pending: 'menunggu dicoba lagi', delivered: 'terkirim', failed: 'gagal' }

/** One subscription with its last deliveries, and (for the ketua) the form that stops it. */
function subscriptionCard (ctx: Ctx, w: WebhookJson, deliveries: DeliveryJson[], canManage: boolean, tz: string): Html {
  return html`<li><div class="row-link">
  <strong class="break">${w.url}</strong>
  <span>${w.description ?? ''}${w.description === null ? '' : ' · '}${w.eventTypes.includes('*') ? 'semua kejadian' : w.eventTypes.join(', ')} · dibuat ${shownMoment(w.createdAt, tz)}</span>
  <span>${w.disabledAt === null ? 'Aktif' : `Dihentikan ${shownMoment(w.disabledAt, tz)}`}</span>
  ${deliveries.length === 0 ? html`<span class="muted">Belum ada pengiriman.</span>` : html`<ul class="review">${deliveries.map(d => {
    const last = d.attemptLog.at(-1)
    return html`<li>#${d.seq}: ${STATUS[d.status]}, ${d.attempts}× dicoba${last === undefined ? '' : ` · terakhir ${shownMoment(last.at, tz)}${last.statusCode === null ? '' : ` (HTTP ${last.statusCode})`}${last.error === null ? '' : `: ${last.error}`}`}</li>`
  })}</ul>`}
  ${canManage && w.disabledAt === null
    ? postForm(`/g/${ctx.groupId}/webhook/${w.id}/hentikan`, ctx.viewer, newFormKey(), html`${pinField({ ...emptyForm(), idPrefix: `hentikan-${w.id}` }, ctx.session)}<button type="submit" class="danger">Hentikan webhook</button>`, { cls: 'form inline', onlineOnly: true })
    : ''}
</div></li>`
}

async function listPage (app: FastifyInstance, ctx: Ctx, form: FormState | null, flash: string | null = null): Promise<Html> {
  const tz = app.lumbung.env.timeZone
  const canManage = manages(app, ctx)
  const all = canManage ? (await ctx.api.get<Items<WebhookJson>>('/v1/webhooks')).items.filter(w => w.groupId === ctx.groupId) : []
  const logs = await Promise.all(all.map(async w => (await ctx.api.get<Items<DeliveryJson>>(`/v1/webhooks/${w.id}/deliveries?limit=5`)).items))
  const f = { ...(form ?? emptyForm()), idPrefix: 'webhook' }
  return page('Webhook', ctx.viewer, 'pengurus', html`
<p class="lead">Webhook mengirim setiap kejadian buku kelompok (setoran, angsuran, rapat, …) ke aplikasi lain begitu tercatat, ditandatangani agar aplikasi itu bisa memeriksanya.</p>
${canManage ? '' : html`<p class="muted">Hanya ketua dan pengelola yang melihat dan mengatur webhook.</p>`}
${canManage ? html`<section class="card"><h2>Webhook (${all.length})</h2>
${all.length === 0 ? html`<p class="empty">Belum ada webhook.</p>` : html`<ul class="list">${all.map((w, i) => subscriptionCard(ctx, w, logs[i] ?? [], canManage, tz))}</ul>`}</section>
${postForm(`/g/${ctx.groupId}/webhook`, ctx.viewer, newFormKey(), html`
<h2>Tambah webhook</h2>${banner(f)}
${field(f, 'url', 'Alamat (URL) aplikasi', { required: true, inputmode: 'url', autocomplete: 'off', placeholder: 'https://…', hint: 'Alamat https aplikasi penerima. Rahasia penanda tangan ditampilkan sekali sesudah disimpan.' })}
${field(f, 'keterangan', 'Keterangan (boleh kosong)', { placeholder: 'mis. Aplikasi kasir BUMDes' })}
${pinField(f, ctx.session)}
<button type="submit">Simpan webhook</button>`, { id: 'form-webhook', onlineOnly: true })}` : ''}
<p><a href="/g/${ctx.groupId}/pengurus">Kembali ke Pengurus</a></p>`, flash)
}

/** Webhook: the ketua's view of where the group's events are sent, and the forms that add and stop them. */
export async function webhookRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/webhook', async (req, reply) => {
    const q = req.query as { ok?: string }
    return await sendPage(reply, await listPage(app, ctxOf(req), null, q.ok === 'hentikan' ? 'Webhook dihentikan.' : null))
  })

  app.post('/g/:groupId/webhook', async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    const url = textOf(f, 'url')
    const description = textOf(f, 'keterangan', false)
    if (!await stepUp(app, ctx.session, f, body.pin) || hasErrors(f) || url === null) return await sendPage(reply, await listPage(app, ctx, f), 422)
    const a = await submit<{ webhook: WebhookJson, secret: string }>(ctx.api, f, idem, 'webhook', '/v1/webhooks',
      { url, groupId: ctx.groupId, ...(description === null ? {} : { description }) }, { '/body/url': 'url', '/body/description': 'keterangan' }, { WEBHOOK_URL_NOT_ALLOWED: 'url' })
    if (a === null) return await sendPage(reply, await listPage(app, ctx, f), 422)
    return await sendPage(reply, page('Webhook tersimpan', ctx.viewer, 'pengurus', html`
<section class="card narrow"><p class="lead">Salin rahasia ini ke aplikasi penerima sekarang: rahasia ini tidak ditampilkan lagi. Dengan rahasia ini aplikasi memeriksa tanda tangan setiap kiriman.</p>
<p><code class="break">${a.json.secret}</code></p><p class="muted">${a.json.webhook.url}</p></section>
<p><a href="/g/${ctx.groupId}/webhook">Kembali ke Webhook</a></p>`))
  })

  app.post('/g/:groupId/webhook/:webhookId/hentikan', async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    if (!await stepUp(app, ctx.session, f, body.pin)) return await sendPage(reply, await listPage(app, ctx, null, `Webhook tidak dihentikan: ${f.errors.pin ?? ''}`), 422)
    const a = await submit(ctx.api, f, idem, 'disable', `/v1/webhooks/${encodeURIComponent((req.params as { webhookId: string }).webhookId)}/disable`, {}, {})
    return a === null
      ? await sendPage(reply, await listPage(app, ctx, null, f.banner ?? 'Webhook tidak dihentikan.'), 422)
      : await reply.redirect(`/g/${ctx.groupId}/webhook?ok=hentikan`, 303)
  })
}
