import t from 'tap'
import { testApi } from '../helpers.js'
import { grantedGroup, groupWithKeys, ok } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

t.test('the meeting form for many members: Semua hadir and the search above the list, one wajib for everyone present, the denda shown before paying', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, g } = await grantedGroup(api)
  const [sari, rai, suci] = [await ok(api, `${g}/members`, { name: 'Ni Made Sari' }), await ok(api, `${g}/members`, { name: 'Ni Ketut Rai' }), await ok(api, `${g}/members`, { name: 'Ni Wayan Suci' })]
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })
  const penalty = ((await api.get(`${g}/loans/${loan}?asOf=2025-03-20`)).json as { outstanding: { penalty: string } }).outstanding.penalty
  t.ok(BigInt(penalty) > 0n, `the February instalment is overdue: denda ${penalty}`)
  const { cookie } = await signIn(api, treasurer)

  const form = await get(api, `/g/${groupId}/rapat`, cookie)
  t.equal(form.status, 200)
  const list = form.body.indexOf('id="daftar-hadir"')
  t.ok(form.body.indexOf('data-check-all="hadir"') > 0 && form.body.indexOf('data-check-all="hadir"') < list, 'Semua hadir sits above the list, not below the 50th member')
  t.ok(form.body.indexOf('id="cari-anggota"') > 0 && form.body.indexOf('id="cari-anggota"') < list, 'and so does the search')
  t.match(form.body, new RegExp(`denda Rp\u00a0${Number(penalty).toLocaleString('id-ID').replace(/\./g, '\\.')} \\(dibayar lebih dulu\\)`), 'the denda she owes, before her payment is split')

  const typed = {
    _csrf: csrfOf(form.body), _idem: idemOf(form.body, 'form-rapat'), tanggal: '15 Maret 2025', hadir: `${sari}\n${rai}`,
    wajib_semua: '5.000', [`wajib:${rai}`]: '7.000', [`wajib:${suci}`]: ''
  }
  const review = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'periksa' })
  t.equal(review.status, 200)
  t.match(review.body, /Rapat <strong>15 Maret 2025<\/strong>/, 'the date typed the Indonesian way')
  t.match(review.body, /Simpanan wajib Ni Made Sari: <strong>Rp\u00a05\.000<\/strong>/, 'the wajib for everyone present')
  t.match(review.body, /Simpanan wajib Ni Ketut Rai: <strong>Rp\u00a07\.000<\/strong>/, 'a wajib typed for one member stays hers')
  t.notMatch(review.body, /Simpanan wajib Ni Wayan Suci/, 'not for a member who is absent')

  const saved = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'simpan' })
  t.equal(saved.status, 200)
  const wajib = async (member: string): Promise<Array<{ date: string, deposit: string }>> =>
    ((await api.get(`${g}/members/${member}/savings`)).json.rows as Array<{ kind: string, date: string, deposit: string }>).filter(r => r.kind === 'wajib')
  t.same((await wajib(sari)).map(r => [r.date, r.deposit]), [['2025-03-15', '5000']])
  t.same((await wajib(rai)).map(r => [r.date, r.deposit]), [['2025-03-15', '7000']])
  t.same(await wajib(suci), [])
})

t.test('Uang di kotak: the cash counted against the books on the review; a difference recorded as Selisih Kas only when ticked, once', async t => {
  for (const tick of [false, true]) {
    const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
    const { groupId, treasurer, g } = await grantedGroup(api)
    const [sari, rai] = [await ok(api, `${g}/members`, { name: 'Ni Made Sari' }), await ok(api, `${g}/members`, { name: 'Ni Ketut Rai' })]
    const { cookie } = await signIn(api, treasurer)
    const form = await get(api, `/g/${groupId}/rapat`, cookie)
    const typed = {
      _csrf: csrfOf(form.body), _idem: idemOf(form.body, 'form-rapat'), tanggal: '15 Maret 2025', hadir: `${sari}\n${rai}`,
      wajib_semua: '5.000', konsumsi: '20.000', kas_dihitung: '2.480.000'
    }
    const review = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'periksa' })
    t.match(review.body, /Kas sebelum rapat<\/dt><dd>Rp\u00a02\.500\.000[\s\S]*?Masuk di rapat<\/dt><dd>Rp\u00a010\.000[\s\S]*?Keluar di rapat<\/dt><dd>Rp\u00a020\.000[\s\S]*?Seharusnya di kotak<\/dt><dd>Rp\u00a02\.490\.000[\s\S]*?Selisih<\/dt><dd><strong>kurang Rp\u00a010\.000/,
      'the box against the books, before anything is recorded')
    t.match(review.body, /name="catat_selisih" value="1" form="simpan-rapat">/, 'the difference is recorded only if ticked (not ticked by default)')
    const send = { ...typed, langkah: 'simpan', ...(tick ? { catat_selisih: '1' } : {}) }
    const saved = await post(api, `/g/${groupId}/rapat`, cookie, send)
    t.equal(saved.status, 200)
    t.equal((await post(api, `/g/${groupId}/rapat`, cookie, send)).status, 200, 'sent twice')
    const entries = (await api.get(`${g}/journal-entries`)).json.items as Array<{ description: string, lines: Array<{ account: string, debit?: string, credit?: string }> }>
    const selisih = entries.filter(e => e.description.startsWith('Selisih kas'))
    const kas = ((await api.get(`${g}/accounts`)).json.items as Array<{ code: string, balance: string }>).find(a => a.code === '1101')?.balance
    if (tick) {
      t.equal(selisih.length, 1, 'ticked: one Selisih Kas entry, however often sent')
      t.same(selisih[0]?.lines, [{ account: '5104', debit: '10000', fund: null, memberId: null }, { account: '1101', credit: '10000', fund: null, memberId: null }])
      t.match(selisih[0]?.description ?? '', /Selisih kas rapat 15 Maret 2025: uang di kotak Rp 2\.480\.000, tercatat Rp 2\.490\.000/)
      t.equal(kas, '2480000', 'Kas is what the box holds')
      t.match(saved.body, /Selisih kas kurang: Rp\u00a010\.000 \(Selisih Kas \(Kurang\)\)/)
    } else {
      t.equal(selisih.length, 0, 'not ticked: nothing recorded')
      t.equal(kas, '2490000')
    }
    await api.close()
  }
})

t.test('the wajib a meeting agreed is offered for everyone at the next meeting, and the decision reads in full', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer } = await groupWithKeys(api)
  const g = `/v1/groups/${groupId}`
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari' })
  const { cookie } = await signIn(api, treasurer)
  const first = await get(api, `/g/${groupId}/rapat`, cookie)
  t.match(first.body, /name="wajib_semua" type="text" value=""/, 'nothing agreed yet: nothing offered')
  const agreed = await post(api, `/g/${groupId}/rapat`, cookie, {
    _csrf: csrfOf(first.body), _idem: idemOf(first.body, 'form-rapat'), tanggal: '5 Maret 2025', hadir: sari, wajib_sepakat: '10.000', langkah: 'simpan'
  })
  t.equal(agreed.status, 200)
  const meetings = (await api.get(`${g}/meetings`)).json.items as Array<{ decisions: Array<{ type: string, wajibAmount?: string }> }>
  t.same(meetings[0]?.decisions, [{ id: (meetings[0]?.decisions[0] as { id?: string } | undefined)?.id, type: 'savings-terms', effectiveFrom: '2025-03-05', wajibAmount: '10000' }], 'a savings-terms decision')
  const next = await get(api, `/g/${groupId}/rapat`, cookie)
  t.match(next.body, /name="wajib_semua" type="text" value="10.000"/, 'the next meeting offers it for everyone present')
  t.ok(next.body.includes('• Simpanan wajib Rp 10.000 per anggota setiap rapat'), 'and the meeting list says what was agreed')
  const statement = (await api.get(`${g}/statements/meetings?asOf=2025-03-31`)).json as { tables: Array<{ rows: Array<{ decisions: string }> }> }
  t.equal(statement.tables[0]?.rows[0]?.decisions, 'Simpanan wajib Rp 10.000 per anggota setiap rapat')
  t.equal((await api.post(`${g}/meetings`, { date: '2025-03-06', attendees: [], decisions: [{ type: 'savings-terms', wajibAmount: '0' }] })).status, 400, 'a wajib of nothing is refused')
})

t.test('the review shows what each instalment will pay (denda first, jasa, pokok) as the API will split it, and refuses one too large before anything is saved', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, g } = await grantedGroup(api)
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari' })
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })
  const { cookie } = await signIn(api, treasurer)
  const form = await get(api, `/g/${groupId}/rapat`, cookie)
  const typed = { _csrf: csrfOf(form.body), _idem: idemOf(form.body, 'form-rapat'), tanggal: '15 Maret 2025', hadir: sari, [`angsuran:${loan}`]: '48.000' }
  const repayments = async (): Promise<unknown[]> => ((await api.get(`${g}/loans/${loan}`)).json as { repayments: unknown[] }).repayments

  const tooMuch = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, [`angsuran:${loan}`]: '5.000.000', langkah: 'periksa' })
  t.equal(tooMuch.status, 422, 'a payment above what she owes is refused on the review')
  t.match(tooMuch.body, new RegExp(`id="f-angsuran-${loan}-err" class="error">Jumlah angsuran lebih besar`), 'next to her instalment field')
  t.same(await repayments(), [], 'nothing recorded')

  const review = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'periksa' })
  t.equal(review.status, 200)
  t.same(await repayments(), [], 'the review records nothing')
  const shown = /Angsuran Ni Made Sari: <strong>Rp\u00a048\.000<\/strong>\s*<span class="split"><span class="warn-text">denda Rp\u00a0([\d.]+) dibayar lebih dulu<\/span> · jasa Rp\u00a0([\d.]+) · pokok Rp\u00a0([\d.]+) · sisa pokok Rp\u00a0([\d.]+)<\/span>/.exec(review.body)
  t.ok(shown, 'denda, jasa, pokok and the pokok left are shown before saving')
  const [penalty, interest, principal, left] = (shown?.slice(1) ?? []).map(x => x.replace(/\./g, ''))

  const saved = await post(api, `/g/${groupId}/rapat`, cookie, { ...typed, langkah: 'simpan' })
  t.equal(saved.status, 200)
  const after = (await api.get(`${g}/loans/${loan}?asOf=2025-03-15`)).json as { repayments: Array<{ penalty: string, interest: string, principal: string }>, outstanding: { principal: string } }
  t.same(after.repayments.map(r => [r.penalty, r.interest, r.principal]), [[penalty, interest, principal]], 'the split recorded is the split shown')
  t.equal(after.outstanding.principal, left, 'and so is the pokok left')
  t.equal(BigInt(penalty ?? '0') + BigInt(interest ?? '0') + BigInt(principal ?? '0'), 48000n)
})

t.test('the meeting form opens the public page and a later one closes it; Beranda links it while it is open', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer } = await groupWithKeys(api)
  const sari = await ok(api, `/v1/groups/${groupId}/members`, { name: 'Ni Made Sari' })
  const { cookie } = await signIn(api, treasurer)
  const meeting = async (tanggal: string, choice: string): Promise<void> => {
    const form = await get(api, `/g/${groupId}/rapat`, cookie)
    const saved = await post(api, `/g/${groupId}/rapat`, cookie, { _csrf: csrfOf(form.body), _idem: idemOf(form.body, 'form-rapat'), tanggal, hadir: sari, halaman_publik: choice, langkah: 'simpan' })
    t.equal(saved.status, 200)
  }
  const first = await get(api, `/g/${groupId}/rapat`, cookie)
  t.match(first.body, /<option value="buka">Buka laporan keuangan untuk umum<\/option>/, 'closed at first: the choice is to open it')
  t.notMatch((await get(api, `/g/${groupId}/beranda`, cookie)).body, /Halaman publik kelompok/)
  const anyone = async (): Promise<number> => (await api.app.inject({ method: 'GET', url: `/publik/${groupId}` })).statusCode
  t.equal(await anyone(), 404)
  await meeting('5 Maret 2025', 'buka')
  t.equal(await anyone(), 200, 'opened by the meeting')
  t.match((await get(api, `/g/${groupId}/beranda`, cookie)).body, new RegExp(`<a href="/publik/${groupId}">Halaman publik kelompok</a>`))
  t.match((await get(api, `/g/${groupId}/rapat`, cookie)).body, /<option value="tutup">Tutup halaman publik<\/option>/, 'open now: the choice is to close it')
  await meeting('12 Maret 2025', '')
  t.equal(await anyone(), 200, 'a meeting that chose nothing leaves it open')
  await meeting('19 Maret 2025', 'tutup')
  t.equal(await anyone(), 404, 'closed by the later meeting')
  const decisions = ((await api.get(`/v1/groups/${groupId}/meetings`)).json.items as Array<{ decisions: Array<{ type: string, public?: boolean }> }>).map(m => m.decisions.map(d => d.public))
  t.same(decisions, [[true], [], [false]])
})
