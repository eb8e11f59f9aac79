import type { FastifyInstance } from 'fastify'
import * as peopleService from '../services/people-service.js'
import type { WebSession } from '../services/session-service.js'
import { html, type Html } from './html.js'
import { field, type FormState } from './layout.js'
import { shownMoment } from './tanggal.js'

/** The sentence under the PIN field for a refused try. */
export function tryRefusal (outcome: Exclude<peopleService.TryOutcome, { ok: true }>, timeZone: string): string {
  if (outcome.reason === 'locked') return `Terlalu banyak PIN salah: coba lagi setelah pukul ${shownMoment(outcome.until, timeZone, 'time')}. Lupa PIN? Minta ketua mengirim undangan baru.`
  if (outcome.reason === 'wrong') return `PIN salah. ${outcome.triesLeft > 0 ? `Sisa ${outcome.triesLeft} kali coba sebelum dikunci sementara.` : 'Akun dikunci sementara.'}`
  return 'Nomor HP/nama pengguna atau PIN salah.'
}

/**
 * The PIN asked again before a risky action (a correction, inviting or revoking people, a key): the field, and its
 * check. A session opened with an API key is asked for its key instead. A stolen cookie alone does not pass, and the
 * tries count towards the same lockout as signing in.
 */
export function pinField (f: FormState, s: WebSession): Html {
  return s.person === null
    ? field(f, 'pin', 'Kunci API Anda, sekali lagi', { type: 'password', required: true, autocomplete: 'current-password', hint: 'Tindakan ini meminta kunci Anda lagi.' })
    : field(f, 'pin', 'PIN Anda', { type: 'password', required: true, autocomplete: 'current-password', hint: 'Tindakan ini meminta PIN Anda lagi.' })
}

/** Null when the PIN (or the key) typed is the session's; otherwise the sentence for the `pin` field. */
export async function pinRefusal (app: FastifyInstance, s: WebSession, typed: string | undefined): Promise<string | null> {
  const pin = typed ?? ''
  if (pin === '') return s.person === null ? 'Isi kunci API Anda.' : 'Isi PIN Anda.'
  if (s.person === null) return (await app.lumbung.auth.keyOf(pin.trim()))?.keyId === s.keyId ? null : 'Kunci ini bukan kunci Anda.'
  const { store, env, writer } = app.lumbung
  const outcome = await peopleService.confirmPin(store.reader, async work => await writer.run({ groupId: null, work }), env, s.person.id, pin)
  return outcome.ok ? null : tryRefusal(outcome, env.timeZone)
}

/**
 * On a form that carries a secret or needs its answer at once (signing in, choosing a PIN, a form with `pinField`):
 * with no signal the script neither keeps it on the phone nor sends it later; it asks for a signal (app.js).
 */
export const ONLINE_ONLY = html` data-online-only`

/** Under a form with `pinField` (which also carries ONLINE_ONLY): why it is not kept to be sent later. */
export const pinNote = html`<p class="hint">Tindakan ini perlu sinyal: tidak disimpan di ponsel untuk dikirim nanti.</p>`

/** The PIN asked again on a form: true when it is the session's; otherwise its refusal is on the form's `pin` field. Never kept in the form. */
export async function stepUp (app: FastifyInstance, s: WebSession, f: FormState, typed: string | undefined): Promise<boolean> {
  const refused = await pinRefusal(app, s, typed)
  if (refused !== null) f.errors.pin = refused
  delete f.values.pin
  return refused === null
}
