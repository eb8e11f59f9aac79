import type { FastifyInstance, FastifyReply } from 'fastify'
import { DomainError } from '../../domain/errors.js'
import { ROLE_LABEL } from '../../domain/people.js'
import * as peopleService from '../../services/people-service.js'
import { textOf } from '../forms.js'
import { groupFields, groupOf } from '../group-fields.js'
import { html, type Html } from '../html.js'
import { banner, field, page, selectField, type FormState } from '../layout.js'
import { LOGIN_HINT, SENTENCE } from '../messages.js'
import { ONLINE_ONLY } from '../pin.js'
import { openPersonSession } from '../session-cookie.js'
import { formOf, sendPage } from '../request.js'

/** The two PIN fields (chosen and repeated) every first PIN is set with. */
function pinFields (f: FormState): Html {
  return html`${field(f, 'pin', 'Pilih PIN', { type: 'password', required: true, autocomplete: 'new-password', hint: '6 angka atau lebih (bukan 111111 atau 123456), atau kata sandi 10 huruf atau lebih. Jangan beri tahu siapa pun.' })}
${field(f, 'pin2', 'Ulangi PIN', { type: 'password', required: true, autocomplete: 'new-password' })}`
}

function setupPage (f: FormState): Html {
  return page('Siapkan Lumbung', null, 'masuk', html`
<form method="post" class="card form narrow" data-once${ONLINE_ONLY}>
  ${banner(f)}
  <p class="lead">Tautan ini hanya berlaku sekali. Isi kelompok Anda dan diri Anda; sesudah itu Anda mengundang bendahara dan pengawas.</p>
  <h2>Kelompok</h2>
  ${groupFields(f)}
  <h2>Anda</h2>
  ${field(f, 'nama', 'Nama Anda', { required: true, autocomplete: 'name' })}
  ${selectField(f, 'peran', 'Peran Anda', [['ketua', 'Ketua kelompok ini'], ['pengelola', 'Pengelola / pendamping (boleh membuat kelompok lain)']])}
  ${field(f, 'login', 'Nomor HP atau nama pengguna', { required: true, autocomplete: 'username', hint: 'Dipakai untuk masuk. Nomor HP boleh ditulis 0812… atau +62 812….' })}
  ${pinFields(f)}
  <button type="submit" class="primary wide">Simpan dan masuk</button>
</form>`)
}

function invitationPage (f: FormState, person: peopleService.Person): Html {
  return page(`Selamat datang, ${person.name}`, null, 'masuk', html`
<form method="post" class="card form narrow" data-once${ONLINE_ONLY}>
  ${banner(f)}
  <p class="lead">Anda diundang sebagai <strong>${ROLE_LABEL[person.role]}</strong>. Anda masuk dengan <strong>${person.login}</strong> dan PIN yang Anda pilih di sini.</p>
  ${pinFields(f)}
  <button type="submit" class="primary wide">Simpan PIN dan masuk</button>
</form>`)
}

function linkGone (): Html {
  return page('Tautan tidak berlaku', null, 'masuk', html`<section class="card narrow"><p class="lead">${SENTENCE.LINK_NOT_VALID}</p><p><a href="/masuk">Ke halaman masuk</a></p></section>`)
}

/** Both PINs read: the hash of the chosen one, or field errors in `f` and null. */
async function chosenPin (f: FormState): Promise<string | null> {
  const pin = f.values.pin ?? ''
  if (pin === '') f.errors.pin = 'Wajib diisi.'
  else if (pin !== (f.values.pin2 ?? '')) f.errors.pin2 = 'Kedua PIN tidak sama.'
  if (Object.keys(f.errors).length > 0) return null
  try {
    return await peopleService.preparePin(pin)
  } catch (e) {
    if (!(e instanceof DomainError)) throw e
    f.errors.pin = e.errors[0]?.message ?? e.detail
    return null
  }
}

/** A refusal of the service placed into the form: a field's (the login) next to it, anything else at the top. */
function refusalInto (f: FormState, e: DomainError): void {
  if (e.code === 'LOGIN_TAKEN') f.errors.login = SENTENCE.LOGIN_TAKEN
  else if (e.errors[0]?.path === 'login') f.errors.login = LOGIN_HINT
  else f.banner = SENTENCE[e.code]
}

/** What the form kept: everything but the PINs, never written back into a page. */
function kept (body: Record<string, string>): FormState {
  const { pin: _p, pin2: _q, ...values } = body
  return { values, errors: {} }
}

/**
 * The first run (/mulai/<token>: the link the console prints at a start while no one has set up) and invitations
 * (/undangan/<token>): no session needed, the link is the credential, used once.
 */
export async function firstRunRoutes (app: FastifyInstance): Promise<void> {
  const { store, env, writer } = app.lumbung
  const gone = async (reply: FastifyReply): Promise<FastifyReply> => await sendPage(reply, linkGone(), 410)

  app.get('/mulai/:token', async (req, reply) => {
    try { await peopleService.linkOf(store.reader, env, (req.params as { token: string }).token, 'setup') } catch { return await gone(reply) }
    return await sendPage(reply, setupPage({ values: { jenis: 'p2wkss', peran: 'ketua' }, errors: {} }))
  })

  app.post('/mulai/:token', async (req, reply) => {
    const token = (req.params as { token: string }).token
    const body = formOf(req)
    const f = kept(body)
    f.values.pin = body.pin ?? ''
    f.values.pin2 = body.pin2 ?? ''
    const group = groupOf(f)
    const who = textOf(f, 'nama')
    textOf(f, 'login')
    const role = f.values.peran === 'pengelola' ? 'pengelola' : 'ketua'
    const pinHash = await chosenPin(f)
    const shown = { ...f, values: kept(f.values).values }
    if (pinHash === null || group === null || who === null) return await sendPage(reply, setupPage(shown), 400)
    try {
      const { person } = await writer.run({
        groupId: null,
        work: async tx => await peopleService.completeSetup(tx, env, token, { group, person: { name: who, login: f.values.login ?? '', role } }, pinHash)
      })
      return await openPersonSession(app, req, reply, person)
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      if (e.code === 'LINK_NOT_VALID') return await gone(reply)
      refusalInto(shown, e)
      return await sendPage(reply, setupPage(shown), 400)
    }
  })

  app.get('/undangan/:token', async (req, reply) => {
    const found = await peopleService.linkOf(store.reader, env, (req.params as { token: string }).token, 'invitation').catch(() => null)
    if (found?.person === null || found === null) return await gone(reply)
    return await sendPage(reply, invitationPage({ values: {}, errors: {} }, found.person))
  })

  app.post('/undangan/:token', async (req, reply) => {
    const token = (req.params as { token: string }).token
    const found = await peopleService.linkOf(store.reader, env, token, 'invitation').catch(() => null)
    if (found?.person === null || found === null) return await gone(reply)
    const body = formOf(req)
    const f: FormState = { values: { pin: body.pin ?? '', pin2: body.pin2 ?? '' }, errors: {} }
    const pinHash = await chosenPin(f)
    if (pinHash === null) return await sendPage(reply, invitationPage({ values: {}, errors: f.errors }, found.person), 400)
    try {
      const person = await writer.run({ groupId: null, work: async tx => await peopleService.acceptInvitation(tx, env, token, pinHash) })
      return await openPersonSession(app, req, reply, person)
    } catch (e) {
      if (e instanceof DomainError && e.code === 'LINK_NOT_VALID') return await gone(reply)
      throw e
    }
  })
}
