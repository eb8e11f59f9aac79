import t from 'tap'
import { kubeWithKetua } from './fixture.js'
import { csrfOf, get, post } from './pages.js'

t.test('Tempat kelompok: the ketua sets the group\'s place and region code with her PIN; a code that is not one is refused next to it', async t => {
  const { api, cookie, groupId } = await kubeWithKetua(t)
  const pengurus = await get(api, `/g/${groupId}/pengurus`, cookie)
  t.match(pengurus.body, new RegExp(`href="/g/${groupId}/tempat">Tempat kelompok</a>`), 'Pengurus leads to it')
  const screen = await get(api, `/g/${groupId}/tempat`, cookie)
  t.match(screen.body, /Belum diisi\./)
  const typed = { _csrf: csrfOf(screen.body), _idem: 'idem-place-1', desa: 'Abiansemal', kecamatan: 'Abiansemal', kabupaten: 'Badung', provinsi: 'Bali', kode: '51.03.05.2001' }
  t.equal((await post(api, `/g/${groupId}/tempat`, cookie, { ...typed, pin: '000000' })).status, 422, 'a wrong PIN changes nothing')
  const bad = await post(api, `/g/${groupId}/tempat`, cookie, { ...typed, kode: 'Badung', pin: '482915' })
  t.equal(bad.status, 422)
  t.match(bad.body, /id="tempat-kode"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="tempat-kode"/, 'the code field is marked')
  t.same((await api.get(`/v1/groups/${groupId}/place`)).json.regionCode, null, 'nothing was set')
  t.equal((await post(api, `/g/${groupId}/tempat`, cookie, { ...typed, _idem: 'idem-place-2', pin: '482915' })).status, 303)
  t.match((await api.get(`/v1/groups/${groupId}/place`)).json, { regionCode: '51.03.05.2001', village: 'Abiansemal', district: 'Abiansemal', regency: 'Badung', province: 'Bali' })
  const shown = (await get(api, `/g/${groupId}/tempat?ok=1`, cookie)).body
  t.match(shown, /Tempat kelompok tersimpan\.[\s\S]*Kabupaten \/ kota: Badung[\s\S]*Kode wilayah: 51\.03\.05\.2001/)
})
