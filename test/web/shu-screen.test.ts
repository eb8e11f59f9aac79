import t from 'tap'
import { testApi, type Api } from '../helpers.js'
import { grantedGroup, ok } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'

/*
 * The treasurer's year-end on the Tutup Buku & SHU screen, through the forms only:
 *   jasa 3 × 10.000 = 30.000 (Ni Made Sari's loan), konsumsi 5.000: SHU 25.000.
 *   Rule: Cadangan 40 % → 3301 (10.000), Jasa modal 24,5 % by savings (6.125), Jasa anggota 35,5 % by jasa paid (8.875).
 *   Savings 10.000 / 10.000 / 60.000: 765,625 / 765,625 / 4.593,75 → the two rupiah left go to Wayan (,75) and then
 *   Sari (,625, registered first): 766 / 765 / 4.594. Sari also takes all 8.875 of jasa anggota: 9.641.
 */
const balance = async (api: Api, g: string, code: string): Promise<bigint> =>
  BigInt((await api.get(`${g}/accounts`)).json.items.find((a: { code: string }) => a.code === code).balance as string)

t.test('a treasurer closes the year, records the RAT\'s rule, previews, distributes once and pays out on one screen; the pengawas only reads', async t => {
  const api = await testApi({ env: { now: () => new Date('2026-02-15T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, auditor, g } = await grantedGroup(api, '2025-01-10')
  const [sari, rai, wayan] = [
    await ok(api, `${g}/members`, { name: 'Ni Made Sari', joinedOn: '2025-01-05' }),
    await ok(api, `${g}/members`, { name: 'Ni Ketut Rai', joinedOn: '2025-01-05' }),
    await ok(api, `${g}/members`, { name: 'Ni Wayan Suci', joinedOn: '2025-01-05' })
  ]
  for (const m of [sari, rai, wayan]) await ok(api, `${g}/savings`, { memberId: m, kind: 'pokok', date: '2025-01-15', amount: '10000' })
  await ok(api, `${g}/savings`, { memberId: wayan, kind: 'sukarela', date: '2025-01-15', amount: '50000' })
  await ok(api, `${g}/meetings`, { date: '2025-01-15', attendees: [sari, rai, wayan], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', maxTermCount: 10 }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-20' })
  for (const m of ['02', '03', '04']) await ok(api, `${g}/loans/${loan}/repayments`, { date: `2025-${m}-20`, amount: '60000' })
  await ok(api, `${g}/expenses`, { date: '2025-06-15', amount: '5000', account: '5101', description: 'Konsumsi rapat Juni' })

  const { cookie } = await signIn(api, treasurer)
  const url = `/g/${groupId}/shu`
  const first = await get(api, url, cookie)
  t.equal(first.status, 200)
  t.match(first.body, new RegExp(`href="${url}" aria-current="page"`), 'SHU is in the menu')
  t.match(first.body, /Buku belum pernah ditutup/)
  t.match(first.body, /value="Cadangan"[\s\S]*value="40"[\s\S]*value="akun:3301" selected/, 'the usual rule is offered')

  // 1. Tutup buku through the form: the closed period with its totals.
  const closed = await post(api, `${url}/tutup`, cookie, { _csrf: csrfOf(first.body), _idem: idemOf(first.body, 'form-tutup'), sampai: '2025-12-31' })
  t.equal(closed.status, 303)
  const afterClose = await get(api, `${url}?ok=tutup`, cookie)
  t.match(afterClose.body, /Buku sudah ditutup\./)
  t.match(afterClose.body, /31 Desember 2025<\/td><td class="amount wide-only">Rp\u00a030\.000<\/td><td class="amount wide-only">Rp\u00a05\.000<\/td><td class="amount">Rp\u00a025\.000/, 'income, expenses, SHU')
  t.match(afterClose.body, new RegExp(SENTENCE_DECISION_MISSING), 'no preview before the RAT decides')
  const again = await post(api, `${url}/tutup`, cookie, { _csrf: csrfOf(afterClose.body), _idem: idemOf(afterClose.body, 'form-tutup'), sampai: '2025-12-31' })
  t.equal(again.status, 422)
  t.match(again.body, /id="tutup-sampai-err" class="error">Buku sudah ditutup sampai tanggal itu\./, 'closing twice: the refusal by the date')

  // 2. The RAT's rule: 105 % is refused by the percent fields, everything typed kept; 100 % is recorded.
  const rule = {
    _csrf: csrfOf(afterClose.body), _idem: idemOf(afterClose.body, 'form-keputusan'), tanggal: '2026-01-20', hadir: sari,
    'pos:0:nama': 'Cadangan', 'pos:0:persen': '45', 'pos:0:ke': 'akun:3301',
    'pos:1:nama': 'Jasa modal', 'pos:1:persen': '24,5', 'pos:1:ke': 'dasar:savings',
    'pos:2:nama': 'Jasa anggota', 'pos:2:persen': '35,5', 'pos:2:ke': 'dasar:interest-paid'
  }
  t.ok(rule._idem.startsWith('web-'))
  const over = await post(api, `${url}/keputusan`, cookie, rule)
  t.equal(over.status, 422)
  t.match(over.body, /Jumlah yang diisi: 105\u00a0%<\/p>\s*<p id="rat-pembagian-err" class="error">Jumlah persentase pembagian SHU harus tepat 100 %\.<\/p>/, 'the sentence right under the percentages, with their sum')
  t.match(over.body, /name="pos:0:persen" type="text" value="45"/, 'what was typed is kept')
  t.match(over.body, /name="pos:1:persen" type="text" value="24,5"/)
  t.match(over.body, new RegExp(`name="hadir" value="${sari}" checked`))
  t.equal((await api.get(`${g}/meetings`)).json.items.length, 1, 'no meeting recorded')
  const decided = await post(api, `${url}/keputusan`, cookie, { ...rule, 'pos:0:persen': '40' })
  t.equal(decided.status, 303)
  const meetings = (await api.get(`${g}/meetings`)).json.items
  t.equal(meetings.length, 2)
  t.same(meetings[1].decisions[0].buckets, [
    { name: 'Cadangan', percent: '40', account: '3301', basis: null },
    { name: 'Jasa modal', percent: '24.5', account: '2103', basis: 'savings' },
    { name: 'Jasa anggota', percent: '35.5', account: '2103', basis: 'interest-paid' }
  ], '24,5 is read as 24.5')
  t.same(meetings[1].attendees, [sari])

  // 3. The preview: buckets and each member's share, exact to the rupiah.
  const preview = await get(api, `${url}?ok=keputusan`, cookie)
  t.match(preview.body, /Keputusan rapat tersimpan\./)
  t.match(preview.body, /Berlaku: keputusan rapat 20 Januari 2026: Cadangan 40\u00a0%, Jasa modal 24,5\u00a0%, Jasa anggota 35,5\u00a0%/)
  const cells = (amounts: string[], last: string): string => `${amounts.map(a => `<td class="amount wide-only">Rp\u00a0${a}</td>`).join('')}<td class="amount">Rp\u00a0${last}</td>`
  const row = (name: string, shares: string[], total: string): RegExp => new RegExp(`<tr><td>${name}</td>${cells(shares, total)}</tr>`)
  t.match(preview.body, row('Ni Made Sari', ['766', '8.875'], '9.641'))
  t.match(preview.body, row('Ni Ketut Rai', ['765', '0'], '765'))
  t.match(preview.body, row('Ni Wayan Suci', ['4.594', '0'], '4.594'))
  t.match(preview.body, new RegExp(`<tr class="total"><td>Jumlah</td>${cells(['6\\.125', '8\\.875'], '15\\.000')}</tr>`), 'the members\' shares add up to their buckets')
  t.match(preview.body, /<td>Cadangan<\/td><td class="percent">40\u00a0%<\/td><td class="amount">Rp\u00a010\.000<\/td><td>3301 Cadangan<\/td>/)
  t.match(preview.body, /Jumlah SHU<\/td><td class="percent">100\u00a0%<\/td><td class="amount">Rp\u00a025\.000/, 'the buckets add up to the SHU')
  const api2 = (await api.post(`${g}/shu/preview`, { through: '2025-12-31' })).json
  t.equal(api2.members.reduce((s: bigint, m: { total: string }) => s + BigInt(m.total), 0n) + BigInt(api2.buckets[0].amount), 25000n, 'exactly the SHU')

  // 4. Bagikan, sent twice (a double tap): posted once.
  const share = {
    _csrf: csrfOf(preview.body), _idem: idemOf(preview.body, 'form-bagikan'),
    sampai: /name="sampai" value="([^"]+)"/.exec(preview.body)?.[1] ?? '', rapat: /name="rapat" value="([^"]+)"/.exec(preview.body)?.[1] ?? ''
  }
  t.equal(share.sampai, '2025-12-31')
  t.equal(share.rapat, meetings[1].id)
  const [d1, d2] = [await post(api, `${url}/bagikan`, cookie, share), await post(api, `${url}/bagikan`, cookie, share)]
  t.equal(d1.status, 303)
  t.equal(d2.status, 303, 'the second tap replays, never 409')
  t.equal((await api.get(`${g}/shu/distributions`)).json.items.length, 1, 'distributed once')
  t.equal(await balance(api, g, '2103'), 15000n)
  const shared = await get(api, `${url}?ok=bagi`, cookie)
  t.match(shared.body, /SHU sudah dibagikan\./)
  t.match(shared.body, /✓ Dibukukan 20 Januari 2026: Rp\u00a025\.000/)
  t.notMatch(shared.body, /id="form-bagikan"/, 'no second button once posted')
  t.match(shared.body, /Masih terutang Rp\u00a015\.000 kepada 3 anggota\./)
  t.match(shared.body, /href="\/g\/[^/]+\/laporan\/unduh\?jenis=shu-distribution&amp;sampai=2025-12-31&amp;format=pdf"/)

  // 5. Bayar: Sari in cash, Wayan into her sukarela; Rai is still owed.
  const kasBefore = await balance(api, g, '1101')
  const cash = await post(api, `${url}/bayar/${sari}`, cookie, { _csrf: csrfOf(shared.body), _idem: idemOf(shared.body, `form-bayar-${sari}`), tanggal: '2026-01-25', ke: 'cash' })
  t.equal(cash.status, 303)
  const early = await post(api, `${url}/bayar/${wayan}`, cookie, { _csrf: csrfOf(shared.body), _idem: idemOf(shared.body, `form-bayar-${wayan}`), tanggal: '2026-01-05', ke: 'sukarela' })
  t.equal(early.status, 422)
  t.match(early.body, new RegExp(`id="bayar-${wayan}-tanggal-err" class="error">Tanggal itu sebelum SHU dibagikan\\.`), 'the refusal by that member\'s date')
  t.match(early.body, new RegExp(`id="form-bayar-${wayan}"[\\s\\S]*?value="5 Januari 2026"`), 'the date typed is kept (shown the Indonesian way)')
  const sukarela = await post(api, `${url}/bayar/${wayan}`, cookie, { _csrf: csrfOf(shared.body), _idem: idemOf(shared.body, `form-bayar-${wayan}`), tanggal: '2026-01-25', ke: 'sukarela' })
  t.equal(sukarela.status, 303)
  t.equal(kasBefore - await balance(api, g, '1101'), 9641n, 'Kas paid Sari\'s share')
  t.equal((await api.get(`${g}/members/${wayan}/savings`)).json.balances.sukarela, '54594', 'Wayan\'s share went into her sukarela')
  t.equal(await balance(api, g, '2103'), 765n, '2103 holds what is still owed: Rai\'s share')
  const paid = await get(api, `${url}?ok=bayar`, cookie)
  t.match(paid.body, /Bagian SHU sudah dibayar\./)
  t.match(paid.body, /Masih terutang Rp\u00a0765 kepada 1 anggota\./)
  t.notMatch(paid.body, new RegExp(`form-bayar-(${sari}|${wayan})`), 'the paid members have no payment form')
  t.match(paid.body, /<td class="text">Tunai<\/td>|>Tunai</, 'the statement shows how each was paid')
  t.match(paid.body, />Simpanan sukarela</)

  // The pengawas: the same screen, read-only, and the PDF.
  const aud = await signIn(api, auditor)
  const audited = await get(api, url, aud.cookie)
  t.equal(audited.status, 200)
  t.notMatch(audited.body.replace(/<form method="post" action="\/keluar"[\s\S]*?<\/form>/, ''), /<form method="post"/, 'no form that writes')
  t.notMatch(audited.body, /<button type="submit"(?! class="link">Keluar)/, 'no button that writes')
  t.match(audited.body, /Masih terutang Rp\u00a0765/)
  const href = (/href="(\/g\/[^"]+jenis=shu-distribution[^"]+)"/.exec(audited.body)?.[1] ?? '').replace(/&amp;/g, '&')
  const file = await api.app.inject({ method: 'GET', url: href, headers: { cookie: aud.cookie } })
  t.equal(file.statusCode, 200)
  t.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-', 'the Laporan Pembagian SHU as PDF')
  const refused = await post(api, `${url}/tutup`, aud.cookie, { _csrf: csrfOf(audited.body), _idem: 'web-a', sampai: '2026-01-31' })
  t.equal(refused.status, 422)
  t.match(refused.body, /hanya boleh melihat/)
  t.equal((await api.get(`${g}/periods`)).json.items.length, 1)
})

const SENTENCE_DECISION_MISSING = 'Belum ada keputusan rapat tentang pembagian SHU\\.'
