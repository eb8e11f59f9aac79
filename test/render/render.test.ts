import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import t from 'tap'
import type { Statement } from '../../src/domain/statements/model.js'
import { renderCsv } from '../../src/render/csv.js'
import { cellText, formatDate, formatNumber, formatPercent, formatRupiah, periodText } from '../../src/render/format.js'
import { renderJson } from '../../src/render/json.js'
import { renderPdf } from '../../src/render/pdf.js'
import { renderXlsx, sheetName } from '../../src/render/xlsx.js'
import { parseCsv } from './parse-csv.js'
import { balanceSheet, fundUsage, longCashBook, trialBalance } from './sample.js'

const printedAt = new Date('2026-11-24T02:00:00Z')

t.test('figures read the way Indonesians read them', async t => {
  t.equal(formatRupiah(2500000n), 'Rp 2.500.000')
  t.equal(formatRupiah(-5000n), '-Rp 5.000')
  t.equal(formatRupiah(0n), 'Rp 0')
  t.equal(formatRupiah(999n), 'Rp 999')
  t.equal(formatRupiah(1000n), 'Rp 1.000')
  t.equal(formatRupiah(18000000000000n), 'Rp 18.000.000.000.000')
  t.equal(formatNumber(2500000n), '2.500.000')
  t.equal(formatNumber(-140000n), '-140.000')
  t.equal(formatNumber(0n), '0')
  t.equal(formatPercent('5.60', 'id'), '5,60 %')
  t.equal(formatPercent('5.60', 'en'), '5.60 %')
  t.equal(formatPercent('-9.25', 'id'), '-9,25 %')
})

t.test('dates and periods are spelled out in the reader\'s language', async t => {
  t.equal(formatDate('2025-01-31', 'id'), '31 Januari 2025')
  t.equal(formatDate('2025-01-31', 'en'), '31 January 2025')
  t.equal(formatDate('2005-12-01', 'id'), '1 Desember 2005')
  const months = Array.from({ length: 12 }, (_, i) => formatDate(`2025-${String(i + 1).padStart(2, '0')}-15`, 'id').split(' ')[1])
  t.same(months, ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'])
  t.equal(periodText({ from: '2005-01-01', to: '2005-12-31' }, 'id'), 'Periode 1 Januari 2005 s.d. 31 Desember 2005')
  t.equal(periodText({ from: null, to: '2005-12-31' }, 'id'), 'Per 31 Desember 2005')
  t.equal(periodText({ from: '2005-01-01', to: '2005-12-31' }, 'en'), 'Period 1 January 2005 to 31 December 2005')
  t.equal(periodText({ from: null, to: '2005-12-31' }, 'en'), 'As of 31 December 2005')
})

t.test('cells for print', async t => {
  t.equal(cellText(2500000n, 'amount', 'id'), 'Rp 2.500.000')
  t.equal(cellText(-5000n, 'amount', 'en'), '-Rp 5.000')
  t.equal(cellText(null, 'amount', 'id'), '')
  t.equal(cellText('2005-02-01', 'date', 'id'), '1 Februari 2005')
  t.equal(cellText('40.00', 'percent', 'id'), '40,00 %')
  t.equal(cellText(12, 'integer', 'id'), '12')
  t.equal(cellText('Kas', 'text', 'en'), 'Kas')
})

t.test('JSON: deterministic, amounts as strings of digits', async t => {
  const text = renderJson(trialBalance, 'id')
  t.equal(renderJson(structuredClone(trialBalance), 'id'), text, 'the same statement gives the same bytes')
  t.ok(text.endsWith('}\n'), 'ends with a newline')
  t.match(text, /^\{\n {2}"kind": "trial-balance",\n/, 'two-space indentation, kind first')
  const doc = JSON.parse(text)
  t.equal(doc.title, 'Neraca Saldo')
  t.same(doc.group, trialBalance.group)
  t.same(doc.period, { from: '2005-01-01', to: '2005-12-31' })
  t.same(doc.ledgerHead, trialBalance.ledgerHead)
  t.equal(doc.subject, null)
  t.same(doc.tables[0].columns[2], { key: 'openingDebit', label: 'Saldo Awal Debit', kind: 'amount' })
  t.same(doc.tables[0].rows[0], { code: '1101', name: 'Kas', openingDebit: '0', openingCredit: '0', debit: '4665000', credit: '2025000', closingDebit: '2640000', closingCredit: '0' })
  t.equal(doc.tables[0].rows.at(-1).emphasis, true)
  t.equal(doc.tables[0].rows[0].emphasis, undefined, 'no emphasis key on plain rows')

  const en = JSON.parse(renderJson(balanceSheet, 'en'))
  t.equal(en.title, 'Balance Sheet')
  t.same(en.tables.map((x: { title: string }) => x.title), ['Assets', 'Liabilities', 'Equity'])
  t.equal(en.tables[0].rows[2].amount, '-5000', 'negative amounts keep their sign')
  t.same(en.summary, [
    { label: 'Total Assets', value: '2640000', kind: 'amount' },
    { label: 'Total Liabilities and Equity', value: '2640000', kind: 'amount' },
    { label: 'Fund growth', value: '5.60', kind: 'percent' },
    { label: 'Status', value: 'seimbang', kind: 'text' }
  ])

  const usage = JSON.parse(renderJson(fundUsage, 'id'))
  t.same(usage.tables[0].rows[1], { item: 'Digunakan: 5101 Beban Konsumsi Rapat', amount: '-25000', indent: 1 })
  t.same(usage.tables[1].rows[2], { date: null, item: 'Jumlah', amount: '2000000', share: '80.00', count: 7, emphasis: true }, 'integers as numbers, null as null')
})

t.test('CSV: BOM, CRLF, one header row, plain integers', async t => {
  const bytes = renderCsv(trialBalance, 'id')
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM')
  const text = bytes.subarray(3).toString('utf8')
  t.notMatch(text, /[^\r]\n/, 'every line ends with CRLF')
  const records = parseCsv(text)
  t.same(records[0], ['Kode Akun', 'Nama Akun', 'Saldo Awal Debit', 'Saldo Awal Kredit', 'Mutasi Debit', 'Mutasi Kredit', 'Saldo Akhir Debit', 'Saldo Akhir Kredit'])
  t.equal(records.filter(r => r[0] === 'Kode Akun').length, 1, 'exactly one header row')
  t.equal(records.length, 1 + 6)
  t.same(records[1], ['1101', 'Kas', '0', '0', '4665000', '2025000', '2640000', '0'])
  t.same(records[6], ['', 'Jumlah', '0', '0', '6690000', '6690000', '2665000', '2665000'])
  t.ok(renderCsv(structuredClone(trialBalance), 'id').equals(bytes), 'deterministic')

  const book = parseCsv(renderCsv(longCashBook(), 'en').subarray(3).toString('utf8'))
  t.same(book[0], ['Date', 'No.', 'Description', 'Counter-account', 'Fund', 'In', 'Out', 'Balance'])
  t.same(book[1], ['2005-01-01', '', 'Saldo awal', '', '', '', '', '0'], 'dates YYYY-MM-DD, empty cells empty')
  t.equal(book[2]?.[1], '1')
  t.equal(book.length, 1 + 122)
})

t.test('CSV of several tables: a section column, then the union of the columns', async t => {
  const sheet = parseCsv(renderCsv(balanceSheet, 'id').subarray(3).toString('utf8'))
  t.same(sheet[0], ['Bagian', 'Kode Akun', 'Nama Akun', 'Jumlah'])
  t.same(sheet[3], ['Aset', '1209', 'Penyisihan Piutang Tak Tertagih', '-5000'])
  t.same(sheet.at(-1), ['Ekuitas', '', 'Jumlah Ekuitas', '2640000'])
  t.equal(sheet.length, 1 + 4 + 2 + 3, 'the summary is not part of the CSV')

  const raw = renderCsv(fundUsage, 'en').subarray(3).toString('utf8')
  t.ok(raw.includes('"Pinjaman, ""tahap 1"""'), 'RFC 4180 quoting')
  const usage = parseCsv(raw)
  t.same(usage[0], ['Section', 'Item', 'Amount', 'Date', 'Share', 'Borrowers'])
  t.same(usage[1], ['Stimulus Fund (Village Government)', 'Dana diterima', '2500000', '', '', ''])
  t.same(usage[4], ['Revolving loans', 'Pinjaman, "tahap 1"', '1000000', '2005-02-01', '40.00', '4'])
  t.equal(usage.filter(r => r[0] === 'Section').length, 1, 'exactly one header row')
})

t.test('CSV: text a spreadsheet would run as a formula is defused', async t => {
  const s: Statement = { ...fundUsage, tables: [{ title: null, columns: fundUsage.tables[0]?.columns ?? [], rows: [{ cells: { item: '=HYPERLINK("http://x")', amount: -5000n } }] }] }
  const rows = parseCsv(renderCsv(s, 'id').subarray(3).toString('utf8'))
  t.same(rows[1], ['\'=HYPERLINK("http://x")', '-5000'])
})

t.test('CSV cells written as formulas: titles, section names and header labels typed by users are neutralised too, numbers stay numbers', async t => {
  const columns = [{ key: 'item', label: { id: '@Uraian', en: '@Item' }, kind: 'text' as const }, { key: 'b0', label: { id: '=1+1', en: '=1+1' }, kind: 'amount' as const }, { key: 'share', label: { id: 'Bagian', en: 'Share' }, kind: 'percent' as const }]
  const s: Statement = {
    ...fundUsage,
    tables: [
      { title: { id: '=HYPERLINK("http://evil","x") (+1+1)', en: '=HYPERLINK("http://evil","x") (+1+1)' }, columns, rows: [{ cells: { item: '-2+3', b0: -5000n, share: '-9.25' } }] },
      { title: { id: '\tTab', en: '\tTab' }, columns, rows: [{ cells: { item: '\rCR', b0: '-1+1', share: 12 } }] }
    ]
  }
  const rows = parseCsv(renderCsv(s, 'id').subarray(3).toString('utf8'))
  t.same(rows, [
    ['Bagian', '\'@Uraian', '\'=1+1', 'Bagian'],
    ['\'=HYPERLINK("http://evil","x") (+1+1)', '\'-2+3', '-5000', '-9.25'],
    ['\'\tTab', '\'\rCR', '\'-1+1', '12']
  ], 'a string in an amount column that is no number is text too')
})

t.test('XLSX: real numbers with a number format, bold totals, stable bytes', async t => {
  const bytes = await renderXlsx(trialBalance, 'id')
  t.ok((await renderXlsx(structuredClone(trialBalance), 'id')).equals(bytes), 'byte-identical for the same statement')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  t.equal(wb.creator, 'Lumbung')
  t.equal(wb.created.toISOString(), '2006-01-02T03:04:05.000Z', 'workbook time from the ledger head')
  const ws = wb.worksheets[0]
  if (ws === undefined) throw new Error('no worksheet')
  t.equal(ws.name, 'Neraca Saldo')
  t.equal(ws.getCell('A1').value, 'Neraca Saldo')
  const texts: string[] = []
  ws.eachRow(r => { texts.push(String(r.getCell(1).value)) })
  t.ok(texts.includes('Kelompok P2WKSS Banjar Dauh Peken'))
  t.ok(texts.includes('Periode 1 Januari 2005 s.d. 31 Desember 2005'))
  t.ok(texts.some(x => x.startsWith('Buku besar seq 42 · sha256 3f2a9c0b')))
  let header: ExcelJS.Row | undefined
  let kas: ExcelJS.Row | undefined
  let total: ExcelJS.Row | undefined
  ws.eachRow(r => {
    if (r.getCell(1).value === 'Kode Akun') header = r
    if (r.getCell(2).value === 'Kas') kas = r
    if (r.getCell(2).value === 'Jumlah') total = r
  })
  t.equal(header?.getCell(3).font?.bold, true, 'bold header')
  const cash = kas?.getCell(7)
  t.equal(cash?.value, 2640000)
  t.equal(typeof cash?.value, 'number')
  t.equal(cash?.numFmt, '#,##0;-#,##0')
  t.equal(total?.getCell(8).value, 2665000)
  t.equal(total?.getCell(8).font?.bold, true, 'bold totals')
  t.ok((ws.getColumn(2).width ?? 0) >= 20, 'the account name column is wide enough')

  const usage = new ExcelJS.Workbook()
  await usage.xlsx.load(await renderXlsx(fundUsage, 'en') as unknown as ExcelJS.Buffer)
  const sheet = usage.worksheets[0]
  let loan: ExcelJS.Row | undefined
  sheet?.eachRow(r => { if (r.getCell(1).value === '2005-02-01') loan = r })
  t.equal(loan?.getCell(4).value, 40)
  t.match(loan?.getCell(4).numFmt ?? '', /^0\.00/)
  t.equal(loan?.getCell(3).value, 1000000)
  t.equal(loan?.getCell(5).value, 4)
})

t.test('worksheet names follow Excel\'s rules', async t => {
  t.equal(sheetName('Laporan [Dana]: a/b*c?'), 'Laporan Dana a b c')
  t.equal(sheetName('Daftar Pinjaman dan Kolektibilitas').length, 31)
  t.equal(sheetName('???'), 'Laporan')
})

const pdfTextAvailable = spawnSync('pdftotext', ['-v']).error === undefined
const pageCount = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0

function pdfText (t: { teardown: (fn: () => void) => unknown }, pdf: Buffer, page?: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-pdf-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'x.pdf')
  writeFileSync(file, pdf)
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  const out = spawnSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' })
  if (out.status !== 0) throw new Error(out.stderr)
  return out.stdout
}

t.test('PDF: an embedded font, A4, stable bytes', async t => {
  const pdf = await renderPdf(trialBalance, 'id', printedAt)
  const raw = pdf.toString('latin1')
  t.equal(raw.slice(0, 4), '%PDF')
  t.ok(raw.includes('/FontFile2'), 'a TrueType font is embedded')
  t.notOk(raw.includes('/Helvetica'), 'no standard (system) font')
  t.match(raw, /\/Author \d+ 0 R/)
  t.ok(raw.includes('(Lumbung)'), 'Author and Creator')
  t.ok(raw.includes('(D:20261124020000Z)'), 'CreationDate is printedAt, no other clock')
  const old = (await renderPdf(trialBalance, 'id', new Date('2001-02-03T04:05:06Z'))).toString('latin1')
  t.same([...new Set(old.match(/\(D:\d+Z\)/g))], ['(D:20010203040506Z)'], 'printedAt is the only time in the file')
  t.ok(raw.includes('/MediaBox [0 0 841.89 595.28]'), 'eight columns: A4 landscape')
  t.ok((await renderPdf(structuredClone(trialBalance), 'id', printedAt)).equals(pdf), 'byte-identical for the same statement and print time')
  t.ok((await renderPdf(balanceSheet, 'id', printedAt)).toString('latin1').includes('/MediaBox [0 0 595.28 841.89]'), 'three columns: A4 portrait')
  t.ok(pageCount(await renderPdf(longCashBook(), 'id', printedAt)) >= 3, '120 rows run over several pages')
})

t.test('PDF text', { skip: pdfTextAvailable ? false : 'pdftotext is not installed' }, async t => {
  const text = pdfText(t, await renderPdf(trialBalance, 'id', printedAt))
  for (const s of ['Kelompok P2WKSS Banjar Dauh Peken', 'Desa Abiansemal', 'NERACA SALDO', 'Periode 1 Januari 2005 s.d. 31 Desember 2005',
    'Rp 2.500.000', 'Rp 2.665.000', 'Halaman 1 dari 1', 'Ketua', 'Bendahara', 'Pengawas', 'Dicetak: 24 November 2026',
    'Buku besar seq 42 · sha256 3f2a9c0b7d1e4f5a']) t.ok(text.includes(s), s)

  const en = pdfText(t, await renderPdf(balanceSheet, 'en', printedAt))
  for (const s of ['BALANCE SHEET', 'As of 31 December 2005', 'Assets', 'Equity', '-Rp 5.000', 'Summary', 'Total Liabilities and Equity',
    '5.60 %', 'Page 1 of 1', 'Chair', 'Treasurer', 'Supervisor', 'Printed: 24 November 2026', 'Ledger seq 42']) t.ok(en.includes(s), s)

  const late = pdfText(t, await renderPdf(trialBalance, 'id', new Date('2026-11-24T20:00:00Z')))
  t.ok(late.includes('Dicetak: 25 November 2026'), '20:00 UTC is already the next day in Bali (WITA)')
  const utc = pdfText(t, await renderPdf(trialBalance, 'id', new Date('2026-11-24T20:00:00Z'), { timeZone: 'UTC' }))
  t.ok(utc.includes('Dicetak: 24 November 2026'))
})

t.test('PDF of a long book: numbered pages, the header on every page, signatures with the last rows', { skip: pdfTextAvailable ? false : 'pdftotext is not installed' }, async t => {
  const pdf = await renderPdf(longCashBook(), 'id', printedAt)
  const pages = pageCount(pdf)
  for (let i = 1; i <= pages; i++) {
    const text = pdfText(t, pdf, i)
    t.ok(text.includes(`Halaman ${i} dari ${pages}`), `page ${i} is numbered`)
    t.ok(text.includes('Keterangan') && text.includes('Saldo'), `page ${i} repeats the table header`)
    if (i > 1) t.ok(text.includes('1101 Kas (lanjutan)'), `page ${i} says the table goes on`)
  }
  const last = pdfText(t, pdf, pages)
  t.ok(last.includes('Saldo akhir') && last.includes('Bendahara'), 'the closing balance and the signatures share the last page')
  t.ok(last.includes('Rp 13.370.000'))
})
