import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { setupLinkIfNeeded } from '../../src/services/people-service.js'
import { testApi, type Api } from '../helpers.js'
import { fakeGateway } from '../message-gateway.js'
import { phones, shooter, skip } from './phone.js'

/*
 * The first run in a real browser at 360 px, as a ketua with only a phone: the setup link the console prints, the
 * group and herself with a PIN, the bendahara invited from Pengurus (a link and its QR code, her PIN asked again), and
 * the bendahara on her own phone choosing her PIN from the link, then signing in with it after signing out.
 * Screenshots go to test-artifacts/web/.
 */

/** A server on a fresh database with its setup link, and Chromium phones at 360 px. */
async function start (t: Test): Promise<{ api: Api, token: string, base: string, phone: () => Promise<Page>, shot: (page: Page, name: string) => Promise<void> }> {
  // Loopback allowed: the message gateway of the last steps is a fake one on this machine.
  const api = await testApi({ app: { webhooks: { allowPrivate: true, timeoutMs: 2000 } } })
  const link = await api.store.db.transaction().execute(async tx => await setupLinkIfNeeded(tx, api.app.lumbung.env))
  if (link === null) throw new Error('no setup link')
  const { base, phone } = await phones(t, api)
  const shot = shooter(t)
  return { api, token: link.token, base, phone, shot }
}

t.test('first run from the setup link, the bendahara invited and signing in with her PIN, on a phone', { skip }, async t => {
  const { api, token, base, phone, shot } = await start(t)
  // The ketua opens the link the console printed.
  const ketua = await phone()
  await ketua.goto(`${base}/mulai/${token}`)
  await shot(ketua, '20-mulai')
  await ketua.getByLabel('Nama kelompok').fill('Kelompok P2WKSS Mawar')
  await ketua.getByLabel('Desa, kecamatan, kabupaten').fill('Abiansemal, Badung, Bali')
  await ketua.getByLabel('Nama Anda').fill('Bu Ketut Sari')
  await ketua.getByLabel('Nomor HP atau nama pengguna').fill('0812 1111 2222')
  await ketua.getByLabel('Pilih PIN').fill('482915')
  await ketua.getByLabel('Ulangi PIN').fill('482915')
  await ketua.getByRole('button', { name: 'Simpan dan masuk' }).click()
  await ketua.waitForURL(/\/g\/grp_[^/]+\/beranda$/)
  const groupId = new URL(ketua.url()).pathname.split('/')[2] as string
  await ketua.goto(`${base}/mulai/${token}`)
  t.match(await ketua.locator('main').innerText(), /Tautan tidak berlaku/, 'the setup link worked once')

  // Pengurus: the bendahara invited, the ketua's PIN asked again.
  await ketua.goto(`${base}/g/${groupId}/beranda`)
  await ketua.getByRole('link', { name: 'Pengurus dan akses' }).click()
  const invite = ketua.locator('#form-undang')
  await invite.getByLabel('Nama', { exact: true }).fill('Bu Made Wati')
  await invite.getByLabel('Nomor HP atau nama pengguna').fill('+62 813 3333 4444')
  await invite.getByLabel('Peran').selectOption('bendahara')
  await shot(ketua, '21-pengurus')
  await invite.getByLabel('PIN Anda').fill('000001')
  await invite.getByRole('button', { name: 'Buat undangan' }).click()
  await ketua.locator('#undang-pin-err').waitFor()
  t.match(await ketua.locator('#undang-pin-err').innerText(), /PIN salah/, 'a wrong PIN is shown next to its field')
  await ketua.locator('#form-undang').getByLabel('PIN Anda').fill('482915')
  await ketua.locator('#form-undang').getByRole('button', { name: 'Buat undangan' }).click()
  await ketua.getByRole('img', { name: /Kode QR tautan undangan untuk Bu Made Wati/ }).waitFor()
  await shot(ketua, '22-undangan-qr')
  const invitation = await ketua.locator('main a.break').getAttribute('href') ?? ''
  t.match(invitation, /\/undangan\//)

  // The bendahara, on her own phone, opens the link and chooses her PIN.
  const made = await phone()
  await made.goto(invitation)
  await shot(made, '23-undangan-pin')
  await made.getByLabel('Pilih PIN').fill('730264')
  await made.getByLabel('Ulangi PIN').fill('730264')
  await made.getByRole('button', { name: 'Simpan PIN dan masuk' }).click()
  await made.waitForURL(`**/g/${groupId}/beranda`)
  const cookie = (await made.context().cookies()).find(c => c.name === 'lumbung_sesi')
  t.ok(cookie !== undefined && cookie.expires * 1000 - Date.now() > 29 * 86400_000, 'her phone stays signed in for 30 days')
  t.ok(cookie?.httpOnly, 'the cookie is httpOnly')
  await made.getByRole('button', { name: 'Keluar' }).click()
  await made.getByText('Anda sudah keluar.').waitFor()
  await made.getByLabel('Nomor HP atau nama pengguna').fill('0813-3333-4444')
  await made.getByLabel('PIN', { exact: true }).fill('730264')
  await shot(made, '24-masuk-pin')
  await made.getByRole('button', { name: 'Masuk', exact: true }).click()
  await made.waitForURL(`**/g/${groupId}/beranda`)
  t.match(await made.locator('header .who').textContent(), /Bu Made Wati/, 'signed in as herself')

  await ketua.goto(`${base}/g/${groupId}/pengurus`)
  t.match(await ketua.locator('main').innerText(), /Bu Made Wati · Bendahara[\s\S]*Aktif/)
  await shot(ketua, '25-pengurus-aktif')
  await ketua.getByRole('link', { name: 'Webhook' }).click()
  const hook = ketua.locator('#form-webhook')
  await hook.getByLabel('Alamat (URL) aplikasi').fill('https://203.0.113.10/kasir')
  await hook.getByLabel('Keterangan (boleh kosong)').fill('Aplikasi kasir BUMDes')
  await hook.getByLabel('PIN Anda').fill('482915')
  await hook.getByRole('button', { name: 'Simpan webhook' }).click()
  t.match(await ketua.locator('main code').innerText(), /^whsec_/, 'the webhook\'s secret, shown once')
  await ketua.getByRole('link', { name: 'Kembali ke Webhook' }).click()
  await ketua.getByText('https://203.0.113.10/kasir').waitFor()
  await shot(ketua, '28-webhook')

  // Pesan: the ketua sets a WhatsApp gateway with her PIN; a member's deposit sends her a receipt; one who opted out is skipped.
  const gw = await fakeGateway()
  t.teardown(gw.close)
  await ketua.goto(`${base}/g/${groupId}/beranda`)
  await ketua.getByRole('link', { name: 'Pesan ke anggota' }).click()
  const form = ketua.locator('#form-gateway')
  await form.getByLabel('Alamat (URL)').fill(gw.url)
  await form.getByLabel('Nama header kunci').fill('Authorization')
  await form.getByLabel('Kunci', { exact: true }).fill('kunci-rahasia')
  await form.getByLabel('Format').selectOption('form')
  await form.getByLabel('Template isi (boleh kosong)').fill('target={phone}&message={message}')
  await form.getByLabel('PIN Anda').fill('482915')
  await form.getByRole('button', { name: 'Simpan gateway' }).click()
  await ketua.getByText('Gateway pesan tersimpan').waitFor()
  const g = `/v1/groups/${groupId}`
  for (const [name, phone, optedOut] of [['Ni Wayan Sari', '0812 3456 7890', false], ['Ni Made Rasmi', '0813 2222 3333', true]] as const) {
    const m = (await api.post(`${g}/members`, { name })).json.id as string
    await api.post(`${g}/members/${m}/contact`, { phone, optedOut })
    await api.post(`${g}/savings`, { memberId: m, kind: 'pokok', date: new Date().toISOString().slice(0, 10), amount: '50000' })
  }
  await api.app.lumbung.messages.tick()
  t.equal(gw.got.length, 1, 'one receipt left, to the member who wants them')
  await ketua.reload()
  t.match(await ketua.locator('main').innerText(), /Kuitansi · Ni Wayan Sari[\s\S]*Terkirim[\s\S]*Kuitansi · Ni Made Rasmi[\s\S]*Dilewati · 0× dicoba · anggota memilih tidak menerima pesan|Kuitansi · Ni Made Rasmi[\s\S]*Dilewati[\s\S]*Kuitansi · Ni Wayan Sari[\s\S]*Terkirim/)
  await shot(ketua, '29-pesan')
})

t.test('a pengelola sets up, starts another group from Kelompok baru and lands on its Pengurus, on a phone', { skip }, async t => {
  const { api, token, base, phone, shot } = await start(t)
  const wayan = await phone()
  await wayan.goto(`${base}/mulai/${token}`)
  await wayan.getByLabel('Nama kelompok').fill('KUBE Melati')
  await wayan.getByLabel('Jenis kelompok').selectOption('kube')
  await wayan.getByLabel('Nama Anda').fill('Pak Wayan (pendamping)')
  await wayan.getByLabel('Peran Anda').selectOption('pengelola')
  await wayan.getByLabel('Nomor HP atau nama pengguna').fill('pendamping.wayan')
  await wayan.getByLabel('Pilih PIN').fill('482915')
  await wayan.getByLabel('Ulangi PIN').fill('482915')
  await wayan.getByRole('button', { name: 'Simpan dan masuk' }).click()
  await wayan.getByRole('heading', { name: 'Kelompok baru' }).waitFor()
  const form = wayan.locator('#form-kelompok')
  await form.getByLabel('Nama kelompok').fill('PKK Dusun Tengah')
  await form.getByLabel('Jenis kelompok').selectOption('pkk')
  await form.getByLabel('Desa, kecamatan, kabupaten').fill('Sibang Gede, Badung')
  await shot(wayan, '26-kelompok-baru')
  await form.getByRole('button', { name: 'Buat kelompok' }).click()
  await wayan.getByText('Kelompok dibuat. Undang ketuanya').waitFor()
  t.match(new URL(wayan.url()).pathname, /^\/g\/grp_[^/]+\/pengurus$/, 'on the new group\'s Pengurus')
  t.equal(await wayan.locator('#form-undang').getByLabel('Peran').inputValue(), 'ketua', 'a group without a ketua is offered one to invite first')
  await shot(wayan, '27-kelompok-baru-pengurus')
  const groups = (await api.get('/v1/groups')).json.items as Array<{ name: string, kind: string }>
  t.same(groups.map(g => [g.name, g.kind]).sort(), [['KUBE Melati', 'kube'], ['PKK Dusun Tengah', 'pkk']])
})
