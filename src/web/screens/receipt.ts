import type { FastifyInstance, FastifyRequest } from 'fastify'
import { keyFingerprint } from '../../domain/ledger/checkpoint.js'
import { receiptOf, receiptPath, type Receipt } from '../../services/receipt-service.js'
import type { Env } from '../../services/context.js'
import { renderReceiptPdf } from '../../render/receipt-pdf.js'
import { html, type Html } from '../html.js'
import { page, rupiah, tanggal } from '../layout.js'
import { sendPage } from '../request.js'
import { shownMoment } from '../tanggal.js'
import type { ContactJson } from '../types.js'

/** Where this server is, as the phone reached it: receipt links are made for it. */
export function originOf (req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? 'localhost'}`
}

/**
 * The message a treasurer sends a member, by WhatsApp when there is no gateway: what was received and the link to its
 * receipt, `https://wa.me/<her number>?text=…` (without a number WhatsApp asks whom to send it to).
 */
export function whatsappLink (env: Env, origin: string, groupName: string, what: string, groupId: string, entryId: string, phone: string | null = null): string {
  const text = `${groupName}: ${what}. Cek kuitansi: ${origin}${receiptPath(env, groupId, entryId)}`
  return `https://wa.me/${phone ?? ''}?text=${encodeURIComponent(text)}`
}

/**
 * The treasurer's button that sends a receipt by WhatsApp, to the member's number when she has one; nothing for
 * anyone else (`contact` is null: only the treasurer's side reads numbers), a sentence instead when she opted out.
 */
export function whatsappButton (env: Env, origin: string, ctx: { groupId: string, viewer: { group: { name: string } | null } },
  receipt: { contact: ContactJson | null, memberName: string, what: string, entryId: string, label: string }): Html {
  const c = receipt.contact
  if (c === null) return html``
  if (c.optedOut) return html`<span class="muted">${receipt.memberName} memilih tidak menerima pesan.</span>`
  return html`<a class="button" rel="noopener" href="${whatsappLink(env, origin, ctx.viewer.group?.name ?? '', receipt.what, ctx.groupId, receipt.entryId, c.phone)}">${receipt.label}</a>`
}

function receiptPage (r: Receipt, tz: string, path: string): Html {
  const e = r.entry
  const c = r.checkpoint.checkpoint
  return page('Kuitansi', null, 'masuk', html`
<section class="card">
  <p class="lead"><strong>${r.group.name}</strong></p>
  <h2>${e.description}</h2>
  <p>Tanggal <strong>${tanggal(e.date)}</strong> · dicatat oleh ${e.actor.name}, ${shownMoment(e.createdAt, tz)}</p>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Baris jurnal"><table class="compact">
    <thead><tr><th scope="col">Akun</th><th scope="col" class="amount">Debit</th><th scope="col" class="amount">Kredit</th></tr></thead>
    <tbody>${e.lines.map(l => html`<tr><td class="text">${r.accounts.get(l.account) ?? l.account} (${l.account})${l.member === null ? '' : html`<br><small>${r.members.get(l.member) ?? ''}</small>`}</td>
      <td class="amount">${l.debit > 0n ? rupiah(l.debit) : '–'}</td><td class="amount">${l.credit > 0n ? rupiah(l.credit) : '–'}</td></tr>`)}</tbody>
  </table></div>
  ${e.reversedBy === null ? '' : html`<p class="alert">Transaksi ini sudah dikoreksi (dijurnal balik).</p>`}
</section>
<section class="card">
  <h2>Bukti di buku kelompok</h2>
  <dl class="proof">
    <div><dt>Nomor urut di jurnal</dt><dd>${e.seq}</dd></div>
    <div><dt>Hash entri ini</dt><dd><code class="break">${e.hash}</code></dd></div>
    <div><dt>Hash entri sebelumnya</dt><dd><code class="break">${e.prevHash}</code></dd></div>
  </dl>
  <p>Setiap entri memuat hash entri sebelumnya, jadi entri ini tidak bisa diubah atau dihapus tanpa ketahuan.</p>
  <h3>Checkpoint bertanda tangan</h3>
  <p>Buku kelompok sampai entri nomor <strong>${c.seq}</strong> (hash <code class="break">${c.hash}</code>), ${shownMoment(c.at, tz)}, ditandatangani kunci <strong>${keyFingerprint(r.checkpoint.key)}</strong>. Simpan halaman ini: pengawas atau siapa pun dapat memeriksa dengan <code>lumbung-verify</code> bahwa buku yang ditunjukkan kelak masih memuat entri ini.</p>
  <p><a class="button" download href="${path}/pdf">Unduh kuitansi (PDF, dengan kode QR)</a></p>
  <details><summary>Checkpoint lengkap (JSON)</summary><pre class="break">${JSON.stringify(r.checkpoint, null, 2)}</pre></details>
</section>`)
}

/** The answer to a link that is no receipt's: the same for the page and its PDF. */
const unknown = (): Html => page('Kuitansi tidak ditemukan', null, 'masuk', html`<section class="card narrow"><p class="lead">Tautan kuitansi ini tidak dikenal. Periksa tautannya, atau minta bendahara mengirim lagi.</p></section>`)

/** GET /kuitansi/<group>/<entry>/<token>: a receipt, for anyone holding its link (no sign-in), or 404. */
export async function receiptRoutes (app: FastifyInstance): Promise<void> {
  const { store, env } = app.lumbung
  app.get('/kuitansi/:groupId/:entryId/:token', async (req, reply) => {
    const p = req.params as { groupId: string, entryId: string, token: string }
    const r = await receiptOf(store.reader, env, p.groupId, p.entryId, p.token)
    if (r === null) return await sendPage(reply, unknown(), 404)
    return await sendPage(reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer'), receiptPage(r, env.timeZone, req.url.split('?')[0] ?? ''))
  })

  // The same receipt as a PDF to print or keep, with the QR code of its link.
  app.get('/kuitansi/:groupId/:entryId/:token/pdf', async (req, reply) => {
    const p = req.params as { groupId: string, entryId: string, token: string }
    const r = await receiptOf(store.reader, env, p.groupId, p.entryId, p.token)
    if (r === null) return await sendPage(reply, unknown(), 404)
    const e = r.entry
    const pdf = await renderReceiptPdf({
      groupName: r.group.name, description: e.description, date: e.date, recordedBy: e.actor.name, seq: e.seq, hash: e.hash, checkpoint: r.checkpoint,
      lines: e.lines.map(l => ({ account: `${r.accounts.get(l.account) ?? l.account} (${l.account})`, member: l.member === null ? null : r.members.get(l.member) ?? null, debit: l.debit, credit: l.credit })),
      url: `${originOf(req)}/kuitansi/${p.groupId}/${p.entryId}/${p.token}`, corrected: e.reversedBy !== null
    }, env.now())
    return await reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="kuitansi-${e.seq}.pdf"`).type('application/pdf').send(pdf)
  })
}
