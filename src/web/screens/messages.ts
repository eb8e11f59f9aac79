import type { FastifyInstance } from 'fastify'
import { newFormKey } from '../api.js'
import { formState, submit } from '../forms.js'
import { html, type Html } from '../html.js'
import { page, postForm } from '../layout.js'
import { ctxOf, formOf, sendPage, type Ctx } from '../request.js'
import { shownMoment } from '../tanggal.js'
import type { Items, MemberJson, MessageJson, MessageList } from '../types.js'
import { settingsOf, settingsRoutes, settingsSections, type SettingsForms } from './message-settings.js'
import { manages } from './people.js'

/**
 * Pesan: the outbox of the receipts, reminders and alerts sent to phones (src/services/message-worker.ts), for the
 * treasurer to see what left, what did not and why, and to send a failed or skipped one again. Members appear by name:
 * their numbers are never on this list. The ketua's half (the gateway and the monitors) is src/web/screens/message-settings.ts.
 */

const KIND: Record<MessageJson['kind'], string> = { receipt: 'Kuitansi', reminder: 'Pengingat', alert: 'Peringatan saldo' }
const STATE: Record<MessageJson['status'], string> = { pending: 'Menunggu', sent: 'Terkirim', failed: 'Gagal', skipped: 'Dilewati' }
/** The worker's reasons for a skipped message, as the treasurer reads them; other errors (HTTP 500, a timeout) as they came. */
const REASON: Record<string, string> = { 'opted out': 'anggota memilih tidak menerima pesan', 'no phone number': 'belum ada nomor HP' }
const FILTERS = [['', 'Semua'], ['failed', 'Gagal'], ['skipped', 'Dilewati']] as const
type Filter = typeof FILTERS[number][0]

const FLASH: Record<string, string> = {
  'kirim-ulang': 'Pesan dikirim ulang sebentar lagi.',
  gateway: 'Gateway pesan tersimpan. Kuitansi transaksi berikutnya dikirim otomatis.',
  hentikan: 'Gateway dihentikan. Pesan yang menunggu tetap di daftar sampai gateway dipasang lagi.',
  peringatan: 'Peringatan saldo ditambahkan.',
  'peringatan-hentikan': 'Peringatan saldo dihentikan.'
}

const NO_GATEWAY = 'Tombol Kirim kuitansi via WhatsApp di halaman anggota dan pinjaman tetap bisa dipakai.'

function messageRow (ctx: Ctx, m: MessageJson, to: string, tz: string): Html {
  const reason = m.lastError === null ? '' : ` · ${REASON[m.lastError] ?? m.lastError}`
  const retry = m.status === 'pending' && m.attempts > 0 && m.nextAttemptAt !== null ? ` · dicoba lagi ${shownMoment(m.nextAttemptAt, tz)}` : ''
  return html`<li><div class="row-link">
  <strong>${KIND[m.kind]} · ${to}</strong>
  <span class="wrap">${m.text}</span>
  <span><strong>${STATE[m.status]}</strong> · ${m.attempts}× dicoba${reason}${retry} · ${shownMoment(m.updatedAt, tz)}</span>
  ${m.status === 'failed' || m.status === 'skipped'
    ? postForm(`/g/${ctx.groupId}/pesan/${m.id}/kirim-ulang`, ctx.viewer, newFormKey(), html`<button type="submit">Kirim ulang</button>`, { cls: 'form inline' })
    : ''}
</div></li>`
}

function outbox (ctx: Ctx, messages: MessageJson[], names: Map<string, string>, filter: Filter, tz: string): Html {
  const g = `/g/${ctx.groupId}/pesan`
  return html`<section class="card"><h2>Pesan terkirim dan menunggu (${messages.length})</h2>
<nav aria-label="Saring pesan"><p class="actions">${FILTERS.map(([v, label]) => html`<a href="${v === '' ? g : `${g}?status=${v}`}"${v === filter ? html` aria-current="page"` : ''}>${label}</a>`)}</p></nav>
${messages.length === 0
    ? html`<p class="empty">${filter === '' ? 'Belum ada pesan.' : `Tidak ada pesan ${STATE[filter].toLowerCase()}.`}</p>`
    : html`<ul class="list">${messages.map(m => messageRow(ctx, m, m.memberId === null ? 'ke pengurus' : names.get(m.memberId) ?? 'anggota', tz))}</ul>`}
</section>`
}

/** Whether anything is sent by itself, and how: the outbox says so to the bendahara too (without the gateway's address or key). */
function gatewayNote (sending: MessageList['sending']): Html {
  if (sending === null) {
    return html`<p class="alert" role="status">Kelompok ini belum memakai gateway pesan: kuitansi, pengingat angsuran dan peringatan saldo tidak dikirim otomatis. ${NO_GATEWAY}</p>`
  }
  const how = sending.kind === 'http' ? 'lewat gateway WhatsApp/SMS' : 'lewat webhook ke aplikasi lain'
  const reminders = sending.reminderHour === null ? 'tanpa pengingat angsuran' : `pengingat angsuran mulai pukul ${String(sending.reminderHour).padStart(2, '0')}.00`
  return html`<p class="hint">Pesan dikirim otomatis ${how}, paling banyak ${sending.perMinute} per menit; ${reminders}.</p>`
}

async function pesanPage (app: FastifyInstance, ctx: Ctx, forms: SettingsForms = {}, flash: string | null = null, filter: Filter = ''): Promise<Html> {
  const tz = app.lumbung.env.timeZone
  const lead = html`<p class="lead">Kuitansi setiap setoran dan angsuran, pengingat angsuran dan peringatan saldo, dikirim ke HP anggota lewat WhatsApp atau SMS.</p>`
  if (ctx.viewer.role !== 'treasurer') {
    return page('Pesan', ctx.viewer, 'beranda', html`${lead}<p class="muted">Hanya bendahara dan ketua yang melihat pesan ke anggota.</p>`, flash)
  }
  const base = `/v1/groups/${ctx.groupId}`
  const canManage = manages(app, ctx)
  const [messages, members, settings] = await Promise.all([
    ctx.api.get<MessageList>(`${base}/messages?limit=100${filter === '' ? '' : `&status=${filter}`}`),
    ctx.api.get<Items<MemberJson>>(`${base}/members`),
    canManage ? settingsOf(ctx) : Promise.resolve(null)
  ])
  const names = new Map(members.items.map(m => [m.id, m.name]))
  return page('Pesan', ctx.viewer, 'beranda', html`${lead}
${gatewayNote(messages.sending)}
${outbox(ctx, messages.items, names, filter, tz)}
${settings === null ? html`<p class="muted">Hanya ketua dan pengelola yang mengatur gateway pesan dan peringatan saldo.</p>` : settingsSections(ctx, settings, forms, tz)}
<p><a href="/g/${ctx.groupId}/beranda">Kembali ke Beranda</a></p>`, flash)
}

/** Pesan: the outbox for the treasurer, and (for the ketua and the pengelola) the gateway and the monitors. */
export async function messageRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/pesan', async (req, reply) => {
    const q = req.query as { ok?: string, status?: string }
    const filter = FILTERS.find(([v]) => v === q.status)?.[0] ?? ''
    return await sendPage(reply, await pesanPage(app, ctxOf(req), {}, FLASH[q.ok ?? ''] ?? null, filter))
  })

  app.post('/g/:groupId/pesan/:messageId/kirim-ulang', async (req, reply) => {
    const ctx = ctxOf(req)
    const { f, idem } = formState(formOf(req))
    const a = await submit(ctx.api, f, idem, 'resend', `/v1/groups/${ctx.groupId}/messages/${encodeURIComponent((req.params as { messageId: string }).messageId)}/resend`, {}, {})
    return a === null
      ? await sendPage(reply, await pesanPage(app, ctx, {}, `Pesan tidak dikirim ulang: ${f.banner ?? ''}`), 422)
      : await reply.redirect(`/g/${ctx.groupId}/pesan?ok=kirim-ulang`, 303)
  })

  await settingsRoutes(app, async (ctx, forms, flash = null) => await pesanPage(app, ctx, forms, flash))
}
