import type { FastifyInstance, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { GROUP_PERSON_ROLES, ROLE_LABEL, type PersonRole } from '../../domain/people.js'
import type { PersonView } from '../../services/people-service.js'
import { newFormKey } from '../api.js'
import { formState, hasErrors, submit, textOf } from '../forms.js'
import { html, raw, type Html } from '../html.js'
import { banner, emptyForm, field, page, postForm, selectField, type FormState } from '../layout.js'
import { pinField, pinNote, stepUp } from '../pin.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import { shownMoment } from '../tanggal.js'
import type { Items } from '../types.js'

/**
 * Pengurus: the people who may use the group and the keys of programs that use it. The ketua (or the pengelola)
 * invites a person, who gets a one-time link (also as a QR code to scan from the ketua's phone), sends a new link to
 * someone who forgot her PIN, revokes someone at once, and makes or revokes a key for an integration; each asks her
 * PIN again first. Everyone else reads the list and the sign-in tries.
 */

const STATUS: Record<PersonView['status'], string> = { diundang: 'Diundang, belum memilih PIN', aktif: 'Aktif', terkunci: 'Terkunci sementara', dicabut: 'Dicabut' }
const KEY_ROLE_LABEL: Record<string, string> = { integrator: 'Aplikasi: baca dan catat', auditor: 'Aplikasi: hanya baca' }
const OUTCOME: Record<string, string> = {
  signed_in: 'Masuk', wrong_pin: 'PIN salah', locked: 'Ditolak: terkunci', unknown_login: 'Login tidak dikenal',
  pin_confirmed: 'PIN dikonfirmasi', pin_refused: 'PIN konfirmasi salah'
}

interface KeyJson { id: string, name: string, role: string, createdAt: string, revokedAt: string | null }
interface AttemptJson { personId: string | null, outcome: string, at: string }
interface Invited { person: PersonView, invitation: { path: string, expiresAt: string } }

/** Whether this session manages the group's people, keys and webhooks: its ketua or the pengelola, on a copy that writes. */
export function manages (app: FastifyInstance, ctx: Ctx): boolean {
  return !app.lumbung.readOnly && (ctx.session.person?.role === 'ketua' || ctx.session.role === 'admin')
}

const when = (iso: string | null, timeZone: string): string => iso === null ? '–' : shownMoment(iso, timeZone)

function personRow (ctx: Ctx, p: PersonView, canManage: boolean, timeZone: string): Html {
  return html`<li><div class="row-link">
  <strong>${p.name} · ${ROLE_LABEL[p.role]}</strong>
  <span>${p.login} · <span class="badge">${STATUS[p.status]}</span></span>
  <span class="muted">Terakhir masuk: ${when(p.lastSignInAt, timeZone)}</span>
  ${canManage && p.status !== 'dicabut' && p.role !== 'pengelola' ? html`<a href="/g/${ctx.groupId}/pengurus/${p.id}">Undang ulang atau cabut ${p.name}</a>` : ''}
</div></li>`
}

function inviteForm (ctx: Ctx, f: FormState): Html {
  const form = { ...f, idPrefix: 'undang' }
  return postForm(`/g/${ctx.groupId}/pengurus/undang`, ctx.viewer, newFormKey(), html`
<h2>Undang pengurus</h2>${banner(form)}
${field(form, 'nama', 'Nama', { required: true, autocomplete: 'off' })}
${field(form, 'login', 'Nomor HP atau nama pengguna', { required: true, autocomplete: 'off', hint: 'Dia masuk dengan ini. Nomor HP boleh ditulis 0812… atau +62 812….' })}
${selectField(form, 'peran', 'Peran', GROUP_PERSON_ROLES.map(r => [r, ROLE_LABEL[r]]))}
${pinField(form, ctx.session)}${pinNote}
<button type="submit" class="primary">Buat undangan</button>`, { id: 'form-undang', onlineOnly: true })
}

function keyForm (ctx: Ctx, f: FormState): Html {
  const form = { ...f, idPrefix: 'kunci-baru' }
  return postForm(`/g/${ctx.groupId}/pengurus/kunci`, ctx.viewer, newFormKey(), html`
<h2>Kunci untuk aplikasi lain</h2>${banner(form)}
<p class="hint">Untuk program yang terhubung lewat API, bukan untuk orang: orang diundang di atas.</p>
${field(form, 'nama', 'Nama aplikasi', { required: true, autocomplete: 'off', placeholder: 'mis. Aplikasi kasir BUMDes' })}
${selectField(form, 'peran', 'Boleh', Object.entries(KEY_ROLE_LABEL))}
${pinField(form, ctx.session)}
<button type="submit">Buat kunci</button>`, { id: 'form-kunci', onlineOnly: true })
}

async function listPage (app: FastifyInstance, ctx: Ctx, forms: { invite?: FormState, key?: FormState } = {}, flash: string | null = null): Promise<Html> {
  const base = `/v1/groups/${ctx.groupId}`
  const [people, keys, attempts] = await Promise.all([
    ctx.api.get<Items<PersonView>>(`${base}/people`),
    ctx.api.get<Items<KeyJson>>(`${base}/api-keys`),
    ctx.api.get<Items<AttemptJson>>(`${base}/sign-in-attempts`)
  ])
  const tz = app.lumbung.env.timeZone
  const canManage = manages(app, ctx)
  const names = new Map(people.items.map(p => [p.id, p.name]))
  const live = keys.items.filter(k => k.revokedAt === null)
  return page('Pengurus', ctx.viewer, 'pengurus', html`
<p class="lead">Siapa yang boleh memakai buku kelompok ini. ${canManage ? 'Undang pengurus baru: dia menerima tautan untuk memilih PIN.' : 'Hanya ketua yang mengundang dan mencabut.'}</p>
<section class="card"><h2>Orang (${people.items.length})</h2>
<ul class="list">${people.items.map(p => personRow(ctx, p, canManage, tz))}</ul></section>
${canManage ? inviteForm(ctx, forms.invite ?? emptyForm({ peran: people.items.some(p => p.role === 'ketua' && p.status !== 'dicabut') ? 'bendahara' : 'ketua' })) : ''}
${canManage ? html`<p><a href="/g/${ctx.groupId}/webhook">Webhook</a>: kirim setiap kejadian buku ke aplikasi lain begitu tercatat.</p>` : ''}
<p><a href="/g/${ctx.groupId}/tempat">Tempat kelompok</a>: desa, kecamatan, kabupaten dan kode wilayah, untuk pendamping dan dinas.</p>
${canManage ? html`<p><a href="/g/${ctx.groupId}/pesan">Pesan</a>: kuitansi, pengingat angsuran dan peringatan saldo ke HP lewat gateway WhatsApp/SMS.</p>` : ''}
<section class="card"><h2>Kunci aplikasi (${live.length})</h2>
${live.length === 0 ? html`<p class="empty">Tidak ada aplikasi yang terhubung.</p>` : html`<ul class="list">${live.map(k => html`<li><div class="row-link"><strong>${k.name}</strong><span>${KEY_ROLE_LABEL[k.role] ?? k.role} · dibuat ${when(k.createdAt, tz)}</span>
${canManage ? postForm(`/g/${ctx.groupId}/pengurus/kunci/${k.id}/cabut`, ctx.viewer, newFormKey(), html`${pinField({ ...emptyForm(), idPrefix: `cabut-${k.id}` }, ctx.session)}<button type="submit">Cabut kunci ${k.name}</button>`, { cls: 'form inline', onlineOnly: true }) : ''}</div></li>`)}</ul>`}
</section>
${canManage ? keyForm(ctx, forms.key ?? emptyForm({ peran: 'integrator' })) : ''}
<section class="card"><h2>Percobaan masuk terakhir</h2>
${attempts.items.length === 0 ? html`<p class="empty">Belum ada.</p>` : html`<ul class="list compact">${attempts.items.slice(0, 20).map(a => html`<li>${when(a.at, tz)} · ${a.personId === null ? 'tidak dikenal' : names.get(a.personId) ?? a.personId} · ${OUTCOME[a.outcome] ?? a.outcome}</li>`)}</ul>`}
<p class="hint">PIN yang diketik tidak pernah dicatat.</p>
</section>`, flash)
}

/** The link as the invited person opens it, on this server, and its QR code (an SVG drawn here, nothing fetched). */
async function linkShown (req: FastifyRequest, ctx: Ctx, invited: Invited, timeZone: string): Promise<Html> {
  const url = `${req.protocol}://${req.host}${invited.invitation.path}`
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  const p = invited.person
  return page(`Undangan untuk ${p.name}`, ctx.viewer, 'pengurus', html`
<section class="card narrow">
  <p class="lead">${p.name} (${ROLE_LABEL[p.role as PersonRole]}) memindai kode ini dengan kamera ponselnya, atau membuka tautan di bawah. Di sana dia memilih PIN, lalu masuk dengan <strong>${p.login}</strong>.</p>
  <figure class="qr" role="img" aria-label="Kode QR tautan undangan untuk ${p.name}">${raw(svg)}</figure>
  <p><a href="${url}" class="break">${url}</a></p>
  <p class="hint">Tautan ini hanya ditampilkan sekarang, berlaku sekali sampai ${when(invited.invitation.expiresAt, timeZone)}. Kirim hanya kepada ${p.name} (mis. lewat WhatsApp).</p>
</section>
<p><a href="/g/${ctx.groupId}/pengurus">Kembali ke Pengurus</a></p>`)
}

function personPage (ctx: Ctx, p: PersonView, f: FormState | null, timeZone: string): Html {
  const form = { ...(f ?? emptyForm()), idPrefix: 'orang' }
  return page(p.name, ctx.viewer, 'pengurus', html`
<section class="card"><p><strong>${ROLE_LABEL[p.role]}</strong> · ${p.login} · ${STATUS[p.status]}</p><p class="muted">Terakhir masuk: ${when(p.lastSignInAt, timeZone)}</p></section>
${postForm(`/g/${ctx.groupId}/pengurus/${p.id}`, ctx.viewer, newFormKey(), html`
<h2>Undang ulang atau cabut</h2>${banner(form)}
<p>Lupa PIN? Undangan baru membuat tautan baru; tautan lama tidak berlaku lagi. Mencabut menghentikan aksesnya saat itu juga, di semua ponselnya.</p>
${pinField(form, ctx.session)}${pinNote}
<p class="actions"><button type="submit" name="aksi" value="undang" class="primary">Buat undangan baru</button> <button type="submit" name="aksi" value="cabut" class="danger">Cabut akses ${p.name}</button></p>`, { id: 'form-orang', onlineOnly: true })}
<p><a href="/g/${ctx.groupId}/pengurus">Kembali</a></p>`)
}

const personOf = async (ctx: Ctx, personId: string): Promise<PersonView | undefined> =>
  (await ctx.api.get<Items<PersonView>>(`/v1/groups/${ctx.groupId}/people`)).items.find(p => p.id === personId)

function personRoutes (app: FastifyInstance): void {
  const tz = app.lumbung.env.timeZone
  app.get('/g/:groupId/pengurus/:personId', async (req, reply) => {
    const ctx = ctxOf(req)
    const p = await personOf(ctx, (req.params as { personId: string }).personId)
    if (p === undefined) return await sendPage(reply, await listPage(app, ctx, {}, 'Orang itu tidak ada di kelompok ini.'), 404)
    return await sendPage(reply, personPage(ctx, p, null, tz))
  })
  app.post('/g/:groupId/pengurus/:personId', async (req, reply) => {
    const ctx = ctxOf(req)
    const personId = (req.params as { personId: string }).personId
    const p = await personOf(ctx, personId)
    if (p === undefined) return await sendPage(reply, await listPage(app, ctx, {}, 'Orang itu tidak ada di kelompok ini.'), 404)
    const body = formOf(req)
    const { f, idem } = formState(body)
    if (!await stepUp(app, ctx.session, f, body.pin)) return await sendPage(reply, personPage(ctx, p, f, tz), 422)
    const url = `/v1/groups/${ctx.groupId}/people/${encodeURIComponent(personId)}/${body.aksi === 'cabut' ? 'revocation' : 'invitations'}`
    const a = await submit<Invited | PersonView>(ctx.api, f, idem, body.aksi === 'cabut' ? 'revoke' : 'reinvite', url, {}, {})
    if (a === null) return await sendPage(reply, personPage(ctx, p, f, tz), 422)
    if (body.aksi === 'cabut') return await reply.redirect(`/g/${ctx.groupId}/pengurus?ok=cabut`, 303)
    return await sendPage(reply, await linkShown(req, ctx, a.json as Invited, tz))
  })
}

function keyRoutes (app: FastifyInstance): void {
  app.post('/g/:groupId/pengurus/kunci', async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    const name = textOf(f, 'nama')
    const role = body.peran === 'auditor' ? 'auditor' : 'integrator'
    if (!await stepUp(app, ctx.session, f, body.pin) || hasErrors(f)) return await sendPage(reply, await listPage(app, ctx, { key: f }), 422)
    const a = await submit<KeyJson & { key: string }>(ctx.api, f, idem, 'key', `/v1/groups/${ctx.groupId}/api-keys`, { name, role }, { '/body/name': 'nama' })
    if (a === null) return await sendPage(reply, await listPage(app, ctx, { key: f }), 422)
    return await sendPage(reply, page(`Kunci untuk ${a.json.name}`, ctx.viewer, 'pengurus', html`
<section class="card narrow"><p class="lead">Salin kunci ini ke aplikasi ${a.json.name} sekarang: kunci ini tidak ditampilkan lagi.</p>
<p><code class="break">${a.json.key}</code></p></section>
<p><a href="/g/${ctx.groupId}/pengurus">Kembali ke Pengurus</a></p>`))
  })
  app.post('/g/:groupId/pengurus/kunci/:keyId/cabut', async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    if (!await stepUp(app, ctx.session, f, body.pin)) return await sendPage(reply, await listPage(app, ctx, {}, `Kunci tidak dicabut: ${f.errors.pin ?? ''}`), 422)
    const url = `/v1/groups/${ctx.groupId}/api-keys/${encodeURIComponent((req.params as { keyId: string }).keyId)}/revocation`
    const a = await submit(ctx.api, f, idem, 'revoke-key', url, {}, {})
    return a === null
      ? await sendPage(reply, await listPage(app, ctx, {}, f.banner ?? 'Kunci tidak dicabut.'), 422)
      : await reply.redirect(`/g/${ctx.groupId}/pengurus?ok=kunci`, 303)
  })
}

/** Pengurus: the group's people and its programs' keys (see above). */
export async function peopleRoutes (app: FastifyInstance): Promise<void> {
  const tz = app.lumbung.env.timeZone
  const FLASH: Record<string, string> = { cabut: 'Akses dicabut.', kunci: 'Kunci dicabut.', kelompok: 'Kelompok dibuat. Undang ketuanya: ia memilih PIN sendiri lewat tautan undangan.' }
  app.get('/g/:groupId/pengurus', async (req, reply) => {
    const q = req.query as { ok?: string }
    return await sendPage(reply, await listPage(app, ctxOf(req), {}, FLASH[q.ok ?? ''] ?? null))
  })
  app.post('/g/:groupId/pengurus/undang', async (req, reply) => {
    const ctx = ctxOf(req)
    const body = formOf(req)
    const { f, idem } = formState(body)
    const name = textOf(f, 'nama')
    const login = textOf(f, 'login')
    const role = GROUP_PERSON_ROLES.find(r => r === body.peran) ?? 'bendahara'
    if (!await stepUp(app, ctx.session, f, body.pin) || hasErrors(f)) return await sendPage(reply, await listPage(app, ctx, { invite: f }), 422)
    const a = await submit<Invited>(ctx.api, f, idem, 'invite', `/v1/groups/${ctx.groupId}/people`, { name, login, role }, { '/body/name': 'nama', '/body/login': 'login', login: 'login' }, { LOGIN_TAKEN: 'login' })
    if (a === null) return await sendPage(reply, await listPage(app, ctx, { invite: f }), 422)
    return await sendPage(reply, await linkShown(req, ctx, a.json, tz))
  })
  personRoutes(app)
  keyRoutes(app)
}
