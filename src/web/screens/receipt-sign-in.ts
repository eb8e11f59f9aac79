import type { FastifyInstance } from 'fastify'
import { DomainError } from '../../domain/errors.js'
import { receiptSignInOf, useReceiptSignIn } from '../../services/receipt-sign-in.js'
import { html } from '../html.js'
import { page } from '../layout.js'
import { SENTENCE } from '../messages.js'
import { ONLINE_ONLY } from '../pin.js'
import { sendPage } from '../request.js'
import { openPersonSession } from '../session-cookie.js'

/**
 * /buku-saya/<message>/<token>: the one-time link a receipt carries to a member's own books (src/services/
 * receipt-sign-in.ts). GET shows a button and uses nothing (a chat app's link preview fetches the page too); POST uses
 * the link and opens her session on /saya.
 */
export async function receiptSignInRoutes (app: FastifyInstance): Promise<void> {
  const { store, env, writer } = app.lumbung
  const gone = html`<section class="card narrow"><p class="lead">${SENTENCE.LINK_NOT_VALID}</p>
<p>Masuk dengan nomor HP dan PIN Anda, atau minta bendahara mengirim tautan baru.</p><p><a class="button primary" href="/masuk">Ke halaman masuk</a></p></section>`
  const params = (p: unknown): { messageId: string, token: string } => p as { messageId: string, token: string }

  app.get('/buku-saya/:messageId/:token', async (req, reply) => {
    const { messageId, token } = params(req.params)
    const person = await receiptSignInOf(store.reader, env, messageId, token)
    if (person === null) return await sendPage(reply, page('Tautan tidak berlaku', null, 'masuk', gone), 410)
    return await sendPage(reply, page(`Halo, ${person.name}`, null, 'masuk', html`
<form method="post" class="card form narrow" data-once${ONLINE_ONLY}>
  <p class="lead">Tautan dari kuitansi Anda membuka <strong>Buku saya</strong>: simpanan, pinjaman dan bagian SHU Anda.</p>
  <p class="muted">Tautan ini hanya bisa dipakai sekali, tanpa PIN. Jangan teruskan ke orang lain. Lain kali, masuk dengan ${person.login} dan PIN Anda.</p>
  <button type="submit" class="primary wide">Buka Buku saya</button>
</form>`))
  })

  app.post('/buku-saya/:messageId/:token', async (req, reply) => {
    const { messageId, token } = params(req.params)
    if (app.lumbung.readOnly) return await sendPage(reply, page('Tautan tidak berlaku', null, 'masuk', gone), 405)
    try {
      const person = await writer.run({ groupId: null, work: async tx => await useReceiptSignIn(tx, env, messageId, token) })
      return await openPersonSession(app, req, reply, person)
    } catch (e) {
      if (e instanceof DomainError && e.code === 'LINK_NOT_VALID') return await sendPage(reply, page('Tautan tidak berlaku', null, 'masuk', gone), 410)
      throw e
    }
  })
}
