import type { FastifyInstance } from 'fastify'
import { normalPhone, shownPhone } from '../../domain/contacts.js'
import { checkTemplate, DEFAULT_TEMPLATE } from '../../domain/messages/gateway-body.js'
import { ApiFailure, newFormKey } from '../api.js'
import { amountOf, formState, hasErrors, submit, textOf } from '../forms.js'
import { html, type Html } from '../html.js'
import { amountField, banner, emptyForm, field, postForm, rupiah, selectField, type FormState } from '../layout.js'
import { pinField, pinNote, stepUp } from '../pin.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import { shownMoment } from '../tanggal.js'
import type { GatewayJson, Items, MonitorJson, WebhookJson } from '../types.js'

/**
 * Pesan, the ketua's half: where the group's receipts, reminders and alerts leave (a message gateway) and who is alerted
 * when Kas runs low or a member's arrears grow (the monitors). These say where members' numbers go, so only the ketua
 * and the pengelola see them, and each write asks her PIN again.
 */

/** What the ketua's half of the page shows: the gateway in force (null: none), the monitors, the webhooks a gateway may use. */
export interface Settings { gateway: GatewayJson | null, monitors: MonitorJson[], subscriptions: WebhookJson[] }
export interface SettingsForms { gateway?: FormState, monitor?: FormState }
/** The page again, with a refused form as typed or a sentence on top. */
export type Again = (ctx: Ctx, forms: SettingsForms, flash?: string | null) => Promise<Html>

const KIND: Record<GatewayJson['kind'], string> = { http: 'Gateway HTTP (WhatsApp/SMS)', webhook: 'Webhook' }
const FORMAT: Record<GatewayJson['bodyFormat'], string> = { json: 'JSON', form: 'Form (application/x-www-form-urlencoded)' }
const MONITOR: Record<MonitorJson['kind'], string> = { kas_below: 'Kas di bawah', arrears_above: 'Tunggakan anggota di atas' }
const KEY_AGAIN = 'Isi kuncinya: kunci yang tersimpan tidak pernah ditampilkan, jadi isi lagi setiap kali gateway diubah.'

/** A monitor as the ketua reads it: "Kas di bawah Rp 200.000". */
export const monitorLine = (m: MonitorJson): string => `${MONITOR[m.kind]} ${rupiah(m.threshold)}`

/** The gateway in force, or null when the group has none (never set, or stopped). */
async function gatewayOf (ctx: Ctx): Promise<GatewayJson | null> {
  try {
    return await ctx.api.get<GatewayJson>(`/v1/groups/${ctx.groupId}/message-gateway`)
  } catch (err) {
    if (err instanceof ApiFailure && err.problem.code === 'GATEWAY_NOT_FOUND') return null
    throw err
  }
}

export async function settingsOf (ctx: Ctx): Promise<Settings> {
  const [gateway, monitors, hooks] = await Promise.all([
    gatewayOf(ctx),
    ctx.api.get<Items<MonitorJson>>(`/v1/groups/${ctx.groupId}/monitors`),
    ctx.api.get<Items<WebhookJson>>('/v1/webhooks')
  ])
  return { gateway, monitors: monitors.items, subscriptions: hooks.items.filter(w => w.groupId === ctx.groupId && w.disabledAt === null) }
}

/** The form's fields as the gateway in force has them (never its key), or the defaults. */
function gatewayValues (g: GatewayJson | null): Record<string, string> {
  if (g === null) return { jenis: 'http', format: 'json', per_menit: '20', jam: '8' }
  return {
    jenis: g.kind, url: g.url ?? '', header: g.authHeader ?? '', format: g.bodyFormat, template: g.bodyTemplate ?? '', langganan: g.subscriptionId ?? '',
    per_menit: String(g.perMinute), jam: g.reminderHour === null ? '' : String(g.reminderHour)
  }
}

function gatewaySummary (ctx: Ctx, g: GatewayJson, subscriptions: WebhookJson[], tz: string): Html {
  const hook = subscriptions.find(w => w.id === g.subscriptionId)
  return html`<ul class="review">
  <li>Jenis: ${KIND[g.kind]}</li>
  ${g.subscriptionId === null ? '' : html`<li>Ke webhook: <span class="break">${hook === undefined ? g.subscriptionId : hook.description ?? hook.url}</span></li>`}
  ${g.url === null ? '' : html`<li>Alamat: <span class="break">${g.url}</span></li>`}
  ${g.authHeader === null ? '' : html`<li>Header kunci: ${g.authHeader} · Kunci: ${g.authValueSet ? 'tersimpan' : 'tidak ada'}</li>`}
  ${g.kind === 'http' ? html`<li>Format: ${FORMAT[g.bodyFormat]} · Template: <code class="break">${g.bodyTemplate ?? DEFAULT_TEMPLATE[g.bodyFormat]}</code></li>` : ''}
  <li>Maksimal ${g.perMinute} pesan per menit · ${g.reminderHour === null ? 'tanpa pengingat angsuran' : `pengingat angsuran mulai pukul ${String(g.reminderHour).padStart(2, '0')}.00`}</li>
  <li class="muted">Dipasang ${shownMoment(g.createdAt, tz)}</li>
</ul>
${postForm(`/g/${ctx.groupId}/pesan/gateway/hentikan`, ctx.viewer, newFormKey(), html`${pinField({ ...emptyForm(), idPrefix: 'hentikan-gateway' }, ctx.session)}
<button type="submit" class="danger">Hentikan</button>`, { cls: 'form inline', onlineOnly: true })}`
}

function gatewayForm (ctx: Ctx, s: Settings, form: FormState | undefined): Html {
  const g = s.gateway
  const f = { ...(form ?? emptyForm(gatewayValues(g))), idPrefix: 'gateway' }
  const keyHint = g?.authValueSet === true
    ? 'Kunci: tersimpan (tidak pernah ditampilkan). Isi lagi bila gateway diubah.'
    : 'Kunci API dari penyedia gateway, bila dia memintanya. Tidak pernah ditampilkan lagi.'
  return postForm(`/g/${ctx.groupId}/pesan/gateway`, ctx.viewer, newFormKey(), html`
<h2>${g === null ? 'Pasang gateway' : 'Ganti gateway'}</h2>${banner(f)}
${selectField(f, 'jenis', 'Jenis', [['http', KIND.http], ['webhook', KIND.webhook]])}
${field(f, 'url', 'Alamat (URL)', { inputmode: 'url', autocomplete: 'off', placeholder: 'https://…', hint: 'Gateway HTTP: alamat tempat setiap pesan dikirim.' })}
${field(f, 'header', 'Nama header kunci', { autocomplete: 'off', placeholder: 'mis. Authorization' })}
${field(f, 'kunci', 'Kunci', { type: 'password', autocomplete: 'new-password', hint: keyHint })}
${selectField(f, 'format', 'Format', [['json', FORMAT.json], ['form', FORMAT.form]])}
${field(f, 'template', 'Template isi (boleh kosong)', {
    autocomplete: 'off',
    hint: `Kosong: ${DEFAULT_TEMPLATE.json} (JSON) atau ${DEFAULT_TEMPLATE.form} (form). {phone} nomor anggota, {message} isi pesan, {id} nomor pesan.`
  })}
${s.subscriptions.length === 0
    ? html`<p class="hint">Jenis Webhook: pesan dikirim ke salah satu webhook kelompok. Belum ada webhook aktif: tambahkan di <a href="/g/${ctx.groupId}/webhook">Webhook</a>.</p>`
    : selectField(f, 'langganan', 'Webhook (untuk jenis Webhook)', [['', '–'], ...s.subscriptions.map((w): [string, string] => [w.id, w.description ?? w.url])])}
${field(f, 'per_menit', 'Maksimal pesan per menit', { type: 'number', inputmode: 'numeric', required: true, hint: 'Gateway membatasi pengirim, dan WhatsApp memblokir kiriman beruntun. Biasanya 20.' })}
${field(f, 'jam', 'Jam pengingat (0–23)', { type: 'number', inputmode: 'numeric', hint: 'Pengingat angsuran hari itu dikirim mulai jam ini. Kosongkan bila tanpa pengingat.' })}
${pinField(f, ctx.session)}${pinNote}
<button type="submit" class="primary">Simpan gateway</button>`, { id: 'form-gateway', onlineOnly: true })
}

function monitorsCard (ctx: Ctx, monitors: MonitorJson[], form: FormState | undefined, tz: string): Html {
  const f = { ...(form ?? emptyForm({ jenis: 'kas_below' })), idPrefix: 'peringatan' }
  return html`<section class="card"><h2>Peringatan saldo (${monitors.filter(m => m.disabledAt === null).length})</h2>
${monitors.length === 0 ? html`<p class="empty">Belum ada peringatan saldo.</p>` : html`<ul class="list">${monitors.map(m => html`<li><div class="row-link">
  <strong>${monitorLine(m)}</strong>
  <span>ke ${shownPhone(m.phone)} · ${m.disabledAt === null ? 'Aktif' : `Dihentikan ${shownMoment(m.disabledAt, tz)}`}</span>
  ${m.disabledAt === null
    ? postForm(`/g/${ctx.groupId}/pesan/peringatan/${m.id}/hentikan`, ctx.viewer, newFormKey(), html`${pinField({ ...emptyForm(), idPrefix: `hentikan-${m.id}` }, ctx.session)}
<button type="submit" class="danger">Hentikan peringatan</button>`, { cls: 'form inline', onlineOnly: true })
    : ''}
</div></li>`)}</ul>`}
${postForm(`/g/${ctx.groupId}/pesan/peringatan`, ctx.viewer, newFormKey(), html`
<h3>Tambah peringatan</h3>${banner(f)}
${selectField(f, 'jenis', 'Peringatkan bila', [['kas_below', 'Kas di bawah'], ['arrears_above', 'Tunggakan seorang anggota di atas']])}
${amountField(f, 'batas', 'Batas', { required: true })}
${field(f, 'hp', 'Kirim ke nomor HP', { inputmode: 'tel', autocomplete: 'off', required: true, placeholder: 'mis. 0812 3456 7890', hint: 'Nomor ketua atau bendahara. Sekali per kejadian.' })}
${pinField(f, ctx.session)}
<button type="submit">Tambah peringatan</button>`, { cls: 'form inset', id: 'form-peringatan', onlineOnly: true })}
</section>`
}

/** The ketua's half of the page: the gateway in force and its form, and the monitors. */
export function settingsSections (ctx: Ctx, s: Settings, forms: SettingsForms, tz: string): Html {
  return html`<section class="card"><h2>Gateway pesan</h2>
${s.gateway === null
    ? html`<p class="empty">Belum ada gateway pesan.</p>`
    : gatewaySummary(ctx, s.gateway, s.subscriptions, tz)}
</section>
${gatewayForm(ctx, s, forms.gateway)}
${monitorsCard(ctx, s.monitors, forms.monitor, tz)}`
}

/** A whole number typed in a field, within bounds; otherwise the sentence on the field (and null). */
function wholeOf (f: FormState, name: string, min: number, max: number, sentence: string): number | null {
  const typed = (f.values[name] ?? '').trim()
  const n = /^\d{1,4}$/.test(typed) ? Number(typed) : NaN
  if (!(n >= min && n <= max)) { f.errors[name] = sentence; return null }
  return n
}

/** The gateway form read into the body of POST …/message-gateway; the key is taken out of the form, never to be shown back. */
function gatewayBody (f: FormState): Record<string, unknown> {
  const authValue = (f.values.kunci ?? '').trim()
  delete f.values.kunci
  const perMinute = wholeOf(f, 'per_menit', 1, 600, 'Isi angka 1 sampai 600.')
  const reminderHour = (f.values.jam ?? '').trim() === '' ? null : wholeOf(f, 'jam', 0, 23, 'Isi jam 0 sampai 23, atau kosongkan bila tanpa pengingat.')
  if (f.values.jenis === 'webhook') {
    const subscriptionId = textOf(f, 'langganan', false)
    if (subscriptionId === null) f.errors.langganan = 'Pilih webhook tujuan pesan.'
    return { kind: 'webhook', subscriptionId, perMinute, reminderHour }
  }
  const url = textOf(f, 'url')
  const authHeader = textOf(f, 'header', false)
  if (authHeader !== null && authValue === '') f.errors.kunci = KEY_AGAIN
  if (authHeader === null && authValue !== '') f.errors.header = 'Isi nama headernya, mis. Authorization.'
  const bodyFormat = f.values.format === 'form' ? 'form' : 'json'
  const bodyTemplate = textOf(f, 'template', false)
  try { checkTemplate(bodyFormat, bodyTemplate) } catch {
    f.errors.template = `Template harus memuat {phone} dan {message}${bodyFormat === 'json' ? ' di dalam tanda kutip, mis. {"target":"{phone}","text":"{message}"}' : ''}.`
  }
  return {
    kind: 'http', url, ...(authHeader === null ? {} : { authHeader, authValue }), bodyFormat, ...(bodyTemplate === null ? {} : { bodyTemplate }), perMinute, reminderHour
  }
}

const GATEWAY_FIELDS = {
  '/body/url': 'url', '/body/authHeader': 'header', '/body/authValue': 'kunci', '/body/bodyTemplate': 'template', '/body/subscriptionId': 'langganan',
  '/body/perMinute': 'per_menit', '/body/reminderHour': 'jam'
}

/** The monitor form read into the body of POST …/monitors. */
function monitorBody (f: FormState): Record<string, unknown> {
  const threshold = amountOf(f, 'batas')
  const phone = textOf(f, 'hp')
  if (phone !== null) {
    try { normalPhone(phone) } catch { f.errors.hp = 'Tulis nomor HP 8–15 angka, mis. 0812 3456 7890.' }
  }
  return { kind: f.values.jenis === 'arrears_above' ? 'arrears_above' : 'kas_below', threshold, phone }
}

/** A PIN-guarded button with no fields (stop the gateway, stop a monitor): done, back to the page with its flash; refused, the sentence on top. */
function stopRoute (app: FastifyInstance, again: Again, path: string, apiPath: (params: Record<string, string>) => string, ok: string, what: string): void {
  app.post(path, async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    if (!await stepUp(app, ctx.session, f, body.pin)) return await sendPage(reply, await again(ctx, {}, `${what} tidak dihentikan: ${f.errors.pin ?? ''}`), 422)
    const a = await submit(ctx.api, f, idem, 'disable', `/v1/groups/${ctx.groupId}/${apiPath(req.params as Record<string, string>)}`, {}, {})
    return a === null
      ? await sendPage(reply, await again(ctx, {}, f.banner ?? `${what} tidak dihentikan.`), 422)
      : await reply.redirect(`/g/${ctx.groupId}/pesan?ok=${ok}`, 303)
  })
}

/** The ketua's writes on Pesan, each with her PIN asked again; `again` renders the page. */
export async function settingsRoutes (app: FastifyInstance, again: Again): Promise<void> {
  app.post('/g/:groupId/pesan/gateway', async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    const sent = gatewayBody(f)
    if (!await stepUp(app, ctx.session, f, body.pin) || hasErrors(f)) return await sendPage(reply, await again(ctx, { gateway: f }), 422)
    const a = await submit(ctx.api, f, idem, 'gateway', `/v1/groups/${ctx.groupId}/message-gateway`, sent, GATEWAY_FIELDS,
      { GATEWAY_URL_NOT_ALLOWED: 'url', WEBHOOK_NOT_FOUND: 'langganan' })
    return a === null ? await sendPage(reply, await again(ctx, { gateway: f }), 422) : await reply.redirect(`/g/${ctx.groupId}/pesan?ok=gateway`, 303)
  })

  app.post('/g/:groupId/pesan/peringatan', async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    const sent = monitorBody(f)
    if (!await stepUp(app, ctx.session, f, body.pin) || hasErrors(f)) return await sendPage(reply, await again(ctx, { monitor: f }), 422)
    const a = await submit(ctx.api, f, idem, 'monitor', `/v1/groups/${ctx.groupId}/monitors`, sent, { '/body/threshold': 'batas', '/body/phone': 'hp' })
    return a === null ? await sendPage(reply, await again(ctx, { monitor: f }), 422) : await reply.redirect(`/g/${ctx.groupId}/pesan?ok=peringatan`, 303)
  })

  stopRoute(app, again, '/g/:groupId/pesan/gateway/hentikan', () => 'message-gateway/disable', 'hentikan', 'Gateway')
  stopRoute(app, again, '/g/:groupId/pesan/peringatan/:monitorId/hentikan',
    p => `monitors/${encodeURIComponent(p.monitorId ?? '')}/disable`, 'peringatan-hentikan', 'Peringatan')
}
