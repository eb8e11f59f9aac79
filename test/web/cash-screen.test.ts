import t from 'tap'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from './fixture.js'
import { get, signIn } from './pages.js'

/*
 * The Kas page shows the Buku Kas Umum one month at a time (?bulan=YYYY-MM, this month by default), opening with the
 * saldo awal that carries the months before. The group: a grant of Rp 2.500.000 on 5 January 2025, then Rp 10.000 of
 * konsumsi on the 10th of every month through December 2026; the app's clock reads 15 December 2026.
 */
const MONTHS: string[] = []
for (const y of [2025, 2026]) for (let m = 1; m <= 12; m++) MONTHS.push(`${y}-${String(m).padStart(2, '0')}`)

/** The lines of the cash book for the expenses of each month, by the month in their description. */
const linesOf = (body: string): string[] => [...body.matchAll(/Konsumsi rapat (\d{4}-\d{2})/g)].map(m => m[1] ?? '')
/** The saldo awal row: its date and its balance. */
const saldoAwal = (body: string): string => /<td class="date">([^<]*)<\/td><td[^>]*><\/td><td class="text">Saldo awal<\/td>(?:(?!<\/tr>).)*<td class="amount">([^<]*)<\/td><\/tr>/.exec(body)?.slice(1, 3).join(' | ') ?? ''

t.test('the Kas page: one month of the cash book, the months before and after, a month to jump to', async t => {
  const api = await testApi({ env: { now: () => new Date('2026-12-15T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, auditor, g } = await grantedGroup(api)
  for (const month of MONTHS) await ok(api, `${g}/expenses`, { date: `${month}-10`, amount: '10000', account: '5101', description: `Konsumsi rapat ${month}` })
  const { cookie } = await signIn(api, treasurer)
  const kas = `/g/${groupId}/kas`

  // This month by default: its line only, the saldo awal carrying the 23 months before, no month after it.
  const now = await get(api, kas, cookie)
  t.equal(now.status, 200)
  t.match(now.body, /<h2 id="buku-kas-bulan">Desember 2026<\/h2>/)
  t.same(linesOf(now.body), ['2026-12'], 'only this month\'s lines, out of 24 months of entries')
  t.notMatch(now.body, /Program P2WKSS Provinsi Bali<\/td>/, 'not the grant of January 2025')
  t.equal(saldoAwal(now.body), '1 Desember 2026 | Rp 2.270.000', 'the grant less 23 months of konsumsi')
  t.match(now.body, /Periode 1 Desember 2026 s\.d\. 15 Desember 2026/, 'through today')
  t.match(now.body, new RegExp(`<nav class="month-nav" aria-label="Bulan buku kas">\\s*<a href="${kas}\\?bulan=2026-11#buku-kas" rel="prev" aria-label="Bulan sebelumnya: November 2026">`))
  t.notMatch(now.body, /rel="next"/, 'no month after this one')
  t.match(now.body, new RegExp(`<form method="get" action="${kas}#buku-kas" class="month-form"[^>]*>\\s*<div class="field"><label for="pilih-bulan">Bulan</label><select id="pilih-bulan" name="bulan"><option value="2026-12" selected>Desember 2026</option><option value="2026-11">November 2026</option>`), 'the month picker names the months in Indonesian, this month first')
  t.match(now.body, /<button type="submit">Tampilkan<\/button>/)
  t.match(now.body, /Laporan Penggunaan Dana/, 'the fund usage is still there')

  // An earlier month: its lines, its own saldo awal, links to the month before and the month after.
  const march = await get(api, `${kas}?bulan=2025-03`, cookie)
  t.equal(march.status, 200)
  t.match(march.body, /<h2 id="buku-kas-bulan">Maret 2025<\/h2>/)
  t.same(linesOf(march.body), ['2025-03'])
  t.equal(saldoAwal(march.body), '1 Maret 2025 | Rp 2.480.000')
  t.match(march.body, /Periode 1 Maret 2025 s\.d\. 31 Maret 2025/, 'the whole month')
  t.match(march.body, new RegExp(`href="${kas}\\?bulan=2025-02#buku-kas" rel="prev"`))
  t.match(march.body, new RegExp(`<a href="${kas}\\?bulan=2025-04#buku-kas" rel="next" aria-label="Bulan berikutnya: April 2025">April 2025`))
  t.match(march.body, /<option value="2025-03" selected>Maret 2025<\/option>/, 'the form shows the month shown')
  t.notMatch(march.body, /class="hint" role="status"/, 'no note for a good month')

  // Over the turn of the year, both ways; the first month has its grant.
  const january = await get(api, `${kas}?bulan=2026-01`, cookie)
  t.match(january.body, new RegExp(`href="${kas}\\?bulan=2025-12#buku-kas" rel="prev" aria-label="Bulan sebelumnya: Desember 2025"`))
  t.match(january.body, new RegExp(`href="${kas}\\?bulan=2026-02#buku-kas" rel="next"`))
  const first = await get(api, `${kas}?bulan=2025-01`, cookie)
  t.same(linesOf(first.body), ['2025-01'])
  t.match(first.body, /Program P2WKSS Provinsi Bali<\/td>/)
  t.equal(saldoAwal(first.body), '1 Januari 2025 | –', 'nothing before the grant')
  const november = await get(api, `${kas}?bulan=2026-11`, cookie)
  t.match(november.body, new RegExp(`href="${kas}\\?bulan=2026-12#buku-kas" rel="next" aria-label="Bulan berikutnya: Desember 2026"`), 'the month before this one leads to it')

  // A month that is not one, or not yet: this month, with a short note, never an error page.
  for (const bad of ['2026-13', '2026-00', 'abc', '2027-01', '2026-1', '1899-12', '2026-01&bulan=2026-02', '%3Cb%3E']) {
    const p = await get(api, `${kas}?bulan=${bad}`, cookie)
    t.equal(p.status, 200, `bulan=${bad}`)
    t.match(p.body, /<h2 id="buku-kas-bulan">Desember 2026<\/h2>/, `bulan=${bad}: this month`)
    t.same(linesOf(p.body), ['2026-12'], `bulan=${bad}: this month's lines`)
    t.match(p.body, /<p class="hint" role="status">Bulan itu tidak bisa ditampilkan/, `bulan=${bad}: a note`)
  }
  const empty = await get(api, `${kas}?bulan=`, cookie)
  t.equal(empty.status, 200)
  t.notMatch(empty.body, /class="hint" role="status"/, 'the form sent empty: this month, no note')

  // ?ok= (the redirect after saving) and ?bulan= together.
  const both = await get(api, `${kas}?ok=pengeluaran&bulan=2026-06`, cookie)
  t.match(both.body, /<p class="flash" role="status">Pengeluaran tersimpan\.<\/p>/)
  t.same(linesOf(both.body), ['2026-06'])
  const flashed = await get(api, `${kas}?ok=hibah`, cookie)
  t.match(flashed.body, /Hibah tersimpan\./)
  t.same(linesOf(flashed.body), ['2026-12'])

  // The pengawas reads the months too: the month form only reads.
  const { cookie: reader } = await signIn(api, auditor)
  const seen = await get(api, `${kas}?bulan=2025-07`, reader)
  t.equal(seen.status, 200)
  t.same(linesOf(seen.body), ['2025-07'])
  t.notMatch(seen.body, /<form method="post" action="\/g\//, 'no form that writes')
})
