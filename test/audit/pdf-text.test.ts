import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import PDFDocument from 'pdfkit'
import t, { type Test } from 'tap'
import { pdfText, PdfTextError, type PdfDocumentText, type PdfPageText } from '../../src/verifier/pdf-text.js'
import { label, shown, type Column, type Row, type Statement } from '../../src/domain/statements/model.js'
import { cellText, ledgerHeadText, periodText } from '../../src/render/format.js'
import { renderPdf } from '../../src/render/pdf.js'
import { balanceSheet, fundUsage, longCashBook, trialBalance } from '../render/sample.js'

const printedAt = new Date('2026-11-24T02:00:00Z')
const require = createRequire(import.meta.url)
const DEJAVU = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')

// ---------------------------------------------------------------------------------------------------------------
// Statements to print

const NAMES = [
  'Ni Kadék Sukerti', 'I Déwa Gedé Oka', 'Cokorda Istri Ratih – Puri Agung', 'Ida Ayu Wéda · Geria Kawan',
  'I Gusti Ngurah Rai', 'Ni Luh Putu Ayu Andriani', 'Made Suwéca', 'Ketut Sudiarta'
]

/** A month of savings in a Balinese sekaa: names with é, – and ·, dates in January 2025, `rows` rows. */
function savingsBook (rows: number): Statement {
  const col = (key: string, id: string, kind: Column['kind'] = 'text'): Column => ({ key, label: label(id), kind })
  const out: Row[] = []
  let balance = 0n
  for (let i = 0; i < rows; i++) {
    const deposit = i % 4 === 3 ? 0n : BigInt(25_000 * (i % 9 + 1))
    const withdrawal = i % 4 === 3 ? BigInt(10_000 * (i % 5 + 1)) : 0n
    balance += deposit - withdrawal
    const day = String(i % 31 + 1).padStart(2, '0')
    out.push({ cells: { date: `2025-01-${day}`, member: NAMES[i % NAMES.length] ?? '', note: `Setoran ${i + 1}`, deposit, withdrawal, balance } })
  }
  out.push({ cells: { date: '2025-01-31', member: 'Jumlah', note: null, deposit: null, withdrawal: null, balance }, emphasis: true })
  return {
    kind: 'member-savings',
    title: label('Buku Simpanan Anggota', 'Member Savings'),
    group: { id: 'grp_ubud', name: 'Sekaa Teruna Désa Adat Ubud – Banjar Kalah', village: 'Gianyar · Bali' },
    period: { from: '2025-01-01', to: '2025-01-31' },
    ledgerHead: { seq: 1234, hash: 'ab12cd34ef56ab78cd90ef12ab34cd56ef78ab90cd12ef34ab56cd78ef90ab12', at: '2025-02-01T00:00:00.000Z' },
    subject: label('Simpanan wajib · Januari 2025'),
    tables: [{
      title: null,
      columns: [col('date', 'Tanggal', 'date'), col('member', 'Anggota'), col('note', 'Keterangan'), col('deposit', 'Setor', 'amount'), col('withdrawal', 'Tarik', 'amount'), col('balance', 'Saldo', 'amount')],
      rows: out
    }],
    summary: [{ label: label('Saldo akhir'), value: balance, kind: 'amount' }]
  }
}

/** A row as printed: its non-empty cells in column order. */
const printedCells = (s: Statement, r: Row, tableIndex = 0): string[] =>
  (s.tables[tableIndex]?.columns ?? []).map(c => cellText(shown(r.cells[c.key], 'id'), c.kind, 'id')).filter(x => x !== '')

/** The runs of a page grouped into lines again, as a caller rebuilding table rows would. */
function cellRows (page: PdfPageText): string[][] {
  const rows: Array<{ y: number, size: number, cells: string[] }> = []
  for (const r of page.runs) {
    const row = rows.at(-1)
    if (row !== undefined && row.y - r.y <= 0.35 * Math.min(row.size, r.size)) row.cells.push(r.text)
    else rows.push({ y: r.y, size: r.size, cells: [r.text] })
  }
  return rows.map(r => r.cells)
}

const allLines = (doc: PdfDocumentText): string[] => doc.pages.flatMap(p => p.lines)

async function pdfkitDoc (draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = { font: DEJAVU }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', ...options })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject) })
  draw(doc)
  doc.end()
  return await done
}

const rendered = new Map<string, Promise<Buffer>>()
/** Each statement is printed once for the whole file (pdfkit takes a second or so to subset the font). */
function printed (name: 'trialBalance' | 'balanceSheetEn' | 'fundUsage' | 'longCashBook' | 'savingsBook'): Promise<Buffer> {
  const make = {
    trialBalance: () => renderPdf(trialBalance, 'id', printedAt),
    balanceSheetEn: () => renderPdf(balanceSheet, 'en', printedAt),
    fundUsage: () => renderPdf(fundUsage, 'id', printedAt),
    longCashBook: () => renderPdf(longCashBook(), 'id', printedAt),
    savingsBook: () => renderPdf(savingsBook(160), 'id', printedAt)
  }[name]
  const pdf = rendered.get(name) ?? make()
  rendered.set(name, pdf)
  return pdf
}

// ---------------------------------------------------------------------------------------------------------------
// What a statement shows

t.test('a trial balance: title, group, period, every figure, the footer', async t => {
  const doc = pdfText(await printed('trialBalance'))
  t.equal(doc.pages.length, 1)
  const page = doc.pages[0] as PdfPageText
  t.same([page.width, page.height], [841.89, 595.28], 'A4 landscape, in points')
  t.same(page.lines.slice(0, 4), ['Kelompok P2WKSS Banjar Dauh Peken', 'Desa Abiansemal, Kabupaten Badung', 'NERACA SALDO', 'Periode 1 Januari 2005 s.d. 31 Desember 2005'])
  t.equal(doc.info.Title, 'Neraca Saldo · Kelompok P2WKSS Banjar Dauh Peken')
  t.equal(doc.info.Subject, 'Periode 1 Januari 2005 s.d. 31 Desember 2005')
  t.same([doc.info.Author, doc.info.Creator, doc.info.Producer, doc.info.CreationDate], ['Lumbung', 'Lumbung', 'Lumbung', 'D:20261124020000Z'])

  const rows = cellRows(page)
  const table = trialBalance.tables[0]
  if (table === undefined) throw new Error('no table')
  t.ok(rows.some(r => r.join('|') === table.columns.map(c => c.label.id).join('|')), 'the header, one run per column')
  for (const r of table.rows) {
    const cells = printedCells(trialBalance, r)
    t.ok(rows.some(x => x.join('|') === cells.join('|')), `row ${cells.join(' | ')}: one run per cell`)
    t.ok(page.lines.includes(cells.join(' ')), 'and one line')
  }
  t.ok(page.runs.some(r => r.text === 'Rp 2.500.000'))
  t.ok(page.lines.includes('Dicetak: 24 November 2026'))
  t.ok(page.lines.includes('Ketua Bendahara Pengawas'))
  const footer = `${ledgerHeadText(trialBalance.ledgerHead, 'id')} Halaman 1 dari 1`
  t.equal(page.lines.at(-1), footer, 'the footer is the last line: ledger head, then the page number')
  t.equal(footer, 'Buku besar seq 42 · sha256 3f2a9c0b7d1e4f5a… Halaman 1 dari 1')

  const kas = page.runs.find(r => r.text === 'Kas')
  const code = page.runs.find(r => r.text === '1101')
  t.ok(kas !== undefined && code !== undefined && kas.y === code.y && code.x < kas.x, 'runs carry their position')
  t.ok(page.runs.every(r => r.x >= 40 && r.x + r.width <= 841.89 - 40 + 0.01 && r.size >= 6), 'inside the margins')
})

t.test('a balance sheet in English, a fund usage report with two kinds of table', async t => {
  const en = pdfText(await printed('balanceSheetEn')).pages[0] as PdfPageText
  for (const line of ['BALANCE SHEET', 'As of 31 December 2005', 'Assets', '1209 Penyisihan Piutang Tak Tertagih -Rp 5.000', 'Jumlah Kewajiban –',
    'Summary', 'Total Liabilities and Equity Rp 2.640.000', 'Fund growth 5.60 %', 'Status seimbang', 'Chair Treasurer Supervisor']) t.ok(en.lines.includes(line), line)
  t.equal(en.lines.at(-1), 'Ledger seq 42 · sha256 3f2a9c0b7d1e4f5a… Page 1 of 1')

  const usage = pdfText(await printed('fundUsage')).pages[0] as PdfPageText
  for (const [i, table] of fundUsage.tables.entries()) {
    for (const r of table.rows) t.ok(usage.lines.includes(printedCells(fundUsage, r, i).join(' ')), printedCells(fundUsage, r, i).join(' '))
  }
  t.ok(usage.lines.includes('1 Februari 2005 Pinjaman, "tahap 1" Rp 1.000.000 40,00 % 4'))
})

t.test('a savings book over many pages: every row, dates, names with é – ·, numbered pages', async t => {
  const s = savingsBook(160)
  const doc = pdfText(await printed('savingsBook'))
  const n = doc.pages.length
  t.ok(n >= 4, `${n} pages`)
  t.same(doc.pages[0]?.lines.slice(0, 5), ['Sekaa Teruna Désa Adat Ubud – Banjar Kalah', 'Gianyar · Bali', 'BUKU SIMPANAN ANGGOTA', 'Periode 1 Januari 2025 s.d. 31 Januari 2025', 'Simpanan wajib · Januari 2025'])
  t.equal(doc.info.Title, 'Buku Simpanan Anggota · Sekaa Teruna Désa Adat Ubud – Banjar Kalah')
  const running = `${s.group.name} · Buku Simpanan Anggota · ${periodText(s.period, 'id')}`
  doc.pages.forEach((p, i) => {
    t.equal(p.lines.at(-1), `Buku besar seq 1234 · sha256 ab12cd34ef56ab78… Halaman ${i + 1} dari ${n}`, `page ${i + 1}: footer and number`)
    t.ok(p.lines.includes('Tanggal Anggota Keterangan Setor Tarik Saldo'), `page ${i + 1}: the table header`)
    if (i > 0) t.equal(p.lines[0], running, `page ${i + 1}: the running header`)
  })
  // Every row, in order, across the pages; and each of its figures as a run of its own.
  const lines = allLines(doc)
  const runs = new Set(doc.pages.flatMap(p => p.runs.map(r => r.text)))
  let at = 0
  let missing = 0
  for (const r of s.tables[0]?.rows ?? []) {
    const cells = printedCells(s, r)
    const found = lines.indexOf(cells.join(' '), at)
    if (found < 0 || !cells.every(c => runs.has(c))) missing++
    else at = found + 1
  }
  t.equal(missing, 0, 'all 161 rows are there, in order, one run per cell')
  const closing = cellText(shown(s.tables[0]?.rows.at(-1)?.cells.balance, 'id'), 'amount', 'id')
  t.match(closing, /^Rp \d{1,3}(\.\d{3})+$/)
  t.ok(lines.includes(`31 Januari 2025 Jumlah ${closing}`), 'the total row')
  t.ok(lines.includes(`Saldo akhir ${closing}`), 'the summary')
  for (const name of NAMES) t.ok(runs.has(name), name)
  t.ok(doc.pages.at(-1)?.lines.includes('Ketua Bendahara Pengawas'), 'the signatures on the last page')
})

t.test('the long cash book: wrapped descriptions, the header on every page', async t => {
  const doc = pdfText(await printed('longCashBook'))
  const n = doc.pages.length
  t.ok(n >= 3)
  doc.pages.forEach((p, i) => {
    t.ok(p.runs.some(r => r.text === `Halaman ${i + 1} dari ${n}`), `page ${i + 1} is numbered`)
    if (i > 0) t.ok(p.lines.includes('1101 Kas (lanjutan)'), `page ${i + 1} says the table goes on`)
  })
  const lines = allLines(doc)
  t.ok(lines.includes('2 Januari 2005 1 Angsuran pinjaman Ni Wayan Sukerti (pokok dan jasa, disepakati rapat 3102, 4101 Dana Stimulan Rp 100.000 – Rp 100.000'))
  t.ok(lines.includes('anggota bulan Januari 2005)'), 'a wrapped cell\'s second line is a line of its own')
  t.ok(doc.pages.at(-1)?.lines.includes('31 Desember 2005 Saldo akhir Rp 13.370.000'))
})

// ---------------------------------------------------------------------------------------------------------------
// Against poppler

const POPPLER = spawnSync('pdftotext', ['-v']).error === undefined

function pdftotext (t: Test, pdf: Buffer, page: number, mode: '-layout' | '-raw'): string {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-pdftext-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'x.pdf')
  writeFileSync(file, pdf)
  const out = spawnSync('pdftotext', [mode, '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' })
  if (out.status !== 0) throw new Error(out.stderr)
  return out.stdout
}

const ink = (s: string): string => s.replace(/\s+/g, '')
const sorted = (s: string): string => [...ink(s)].sort().join('')

t.test('the same characters as pdftotext, page by page', { skip: POPPLER ? false : 'pdftotext is not installed' }, async t => {
  const pdfs: Array<[string, Buffer]> = [
    ['trial balance', await printed('trialBalance')],
    ['balance sheet (en)', await printed('balanceSheetEn')],
    ['fund usage', await printed('fundUsage')],
    ['long cash book', await printed('longCashBook')],
    ['savings book', await printed('savingsBook')]
  ]
  for (const [name, pdf] of pdfs) {
    const doc = pdfText(pdf)
    doc.pages.forEach((p, i) => {
      const mine = p.lines.join('\n')
      // -layout reads the page as we do (top to bottom, left to right): the same characters in the same order.
      t.equal(ink(mine), ink(pdftotext(t, pdf, i + 1, '-layout')), `${name}, page ${i + 1}: the same sequence as pdftotext -layout`)
      // -raw keeps the drawing order (a wrapped cell's second line comes before the next cell): the same characters.
      t.equal(sorted(mine), sorted(pdftotext(t, pdf, i + 1, '-raw')), `${name}, page ${i + 1}: the same characters as pdftotext -raw`)
    })
  }
})

// ---------------------------------------------------------------------------------------------------------------
// Text beyond ASCII, the Info dictionary

t.test('non-ASCII text round-trips: é, –, ·, ligatures, combining marks, astral characters', async t => {
  const texts = ['Ni Kadék Sukerti – Banjar Kalah · Ubud', 'I Déwa Gedé Oka', 'Kade\u0301k (é as e and a combining accent)', 'office affine flow', 'Ĳ Ŋ ŋ ø Å ß € ™ “quoted” ‘single’ … 😀']
  const pdf = await pdfkitDoc(doc => { for (const x of texts) doc.text(x) })
  const doc = pdfText(pdf)
  t.same(doc.pages[0]?.lines, texts, 'each line exactly as drawn')
  if (POPPLER) t.equal(ink(doc.pages[0]?.lines.join('') ?? ''), ink(pdftotext(t, pdf, 1, '-layout')), 'as pdftotext reads it')
})

t.test('a character the font lacks reads as U+FFFD, never as nothing', async t => {
  const doc = pdfText(await pdfkitDoc(d => d.text('Aksara ᬩᬮᬶ')))
  t.equal(doc.pages[0]?.lines[0], 'Aksara \uFFFD\uFFFD\uFFFD')
})

t.test('Info: standard and custom keys come back exactly, non-ASCII and a 1 KB JSON string included', async t => {
  const manifest = JSON.stringify({
    format: 'lumbung-statement/1',
    group: 'Sekaa Teruna Désa Adat Ubud – Banjar Kalah',
    members: NAMES,
    note: 'brackets ( ) [ ] { }, a backslash \\, a tab \t, CR \r and LF \n, «guillemets», 😀',
    figures: Array.from({ length: 24 }, (_, i) => ({ account: String(1100 + i), amount: String(2_500_000 + i * 1_000) }))
  })
  t.ok(manifest.length > 1024, `${manifest.length} characters`)
  const ascii = JSON.stringify({ sha256: 'ab'.repeat(32), path: 'statements\\trial (balance).pdf', rows: Array.from({ length: 40 }, (_, i) => i * 12_345) })
  t.ok(ascii.length > 300)
  const pdf = await pdfkitDoc(doc => {
    doc.info.Title = 'Neraca Saldo · Sekaa Teruna Désa Adat Ubud'
    doc.info.Keywords = 'neraca, saldo, Désa, I Déwa Gedé Oka – Bendahara'
    const info = doc.info as Record<string, unknown>
    info.LumbungManifest = manifest
    info.LumbungHashes = ascii
    info.Empty = ''
    doc.text('x')
  }, { font: DEJAVU, info: { Author: 'Ni Kadék Sukerti', Subject: 'Per 31 Januari 2025', Creator: 'Lumbung', Producer: 'Lumbung', CreationDate: new Date('2025-01-31T16:00:00Z') } })
  const { info } = pdfText(pdf)
  t.equal(info.Title, 'Neraca Saldo · Sekaa Teruna Désa Adat Ubud')
  t.equal(info.Keywords, 'neraca, saldo, Désa, I Déwa Gedé Oka – Bendahara')
  t.equal(info.Author, 'Ni Kadék Sukerti')
  t.equal(info.Subject, 'Per 31 Januari 2025')
  t.equal(info.CreationDate, 'D:20250131160000Z')
  t.equal(info.LumbungManifest, manifest, 'the JSON string, byte for byte (UTF-16 with escapes in the file)')
  t.same(JSON.parse(info.LumbungManifest ?? ''), JSON.parse(manifest))
  t.equal(info.LumbungHashes, ascii, 'an ASCII string (PDFDocEncoding in the file)')
  t.equal(info.Empty, '')
})

// ---------------------------------------------------------------------------------------------------------------
// Hand-made files: what pdfkit does not write but the format allows, and what must be refused

const streamBody = (dict: string, data: Buffer | string): Buffer => {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')])
}

/** Objects 1..n (their bodies) into a PDF with a classic cross-reference table. */
function assemble (bodies: Array<string | Buffer>, trailer = '/Root 1 0 R /Info 8 0 R'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let offset = parts[0]?.length ?? 0
  const offsets: number[] = []
  bodies.forEach((b, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof b === 'string' ? Buffer.from(b, 'latin1') : b, Buffer.from('\nendobj\n')])
    offsets.push(offset)
    offset += chunk.length
    parts.push(chunk)
  })
  const xref = `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map(o => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${bodies.length + 1} ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(parts)
}

const CMAP = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0001> <0048>
<0002> <00E9>
<0006> <0020>
endbfchar
2 beginbfrange
<0003> <0005> <0061>
<000A> <000B> [<00660069> <D83DDE00>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`

const CONTENT = `BT /F1 12 Tf 1 0 0 1 20 150 Tm <00010002000300040005> Tj 14 TL T* [<000A> -100 <000B>] TJ ET
BT /F1 12 Tf 1 0 0 1 150 136 Tm <0003> Tj ET
q 1 0 0 1 0 -50 cm BT /F1 10 Tf 20 100 Td (\\000\\001\\000\\002) Tj 0 -12 TD <0003> ' 0 0 <0004> " ET Q`

interface Parts { catalog: string, pages: string, page: string, font: string, cidFont: string, cmap: string | Buffer, content: string | Buffer, info: string, extra: Array<string | Buffer>, trailer: string }

/** A small PDF with a Type0 font of no embedded glyphs (enough for text extraction); any part replaceable. */
function handMade (o: Partial<Parts> = {}): Buffer {
  const p: Parts = {
    catalog: '<< /Type /Catalog /Pages 2 0 R >>',
    pages: '<< /Type /Pages /Count 1 /Kids [3 0 R] /MediaBox [0 0 200 200] >>',
    page: '<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> /XObject << /X1 9 0 R >> >> /Contents 7 0 R >>',
    font: '<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 6 0 R >>',
    cidFont: '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W [1 [500 500 500 500 500 500] 10 11 600] >>',
    cmap: streamBody('', CMAP),
    content: streamBody('', CONTENT),
    info: '<< /Title <FEFF004800E9> /Keywords (a\\(b\\)\\\\c\\101\\\nd) /Count 3 /Kind /Neraca#20Saldo >>',
    extra: [streamBody('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', 'BT ET')],
    trailer: '/Root 1 0 R /Info 8 0 R',
    ...o
  }
  return assemble([p.catalog, p.pages, p.page, p.font, p.cidFont, p.cmap, p.content, p.info, ...p.extra], p.trailer)
}

t.test('a hand-made file: bfchar and both bfrange forms, Td TD T* \' " TJ, q cm Q, literal and hex strings', async t => {
  const pdf = handMade()
  const doc = pdfText(pdf)
  t.same(doc.pages[0]?.lines, ['Héabc', 'fi😀 a', 'Hé', 'a', 'b'])
  t.same(doc.pages[0]?.runs.map(r => [r.x, r.y, r.size, r.text]), [[20, 150, 12, 'Héabc'], [20, 136, 12, 'fi😀'], [150, 136, 12, 'a'], [20, 50, 10, 'Hé'], [20, 26, 10, 'a'], [20, 14, 10, 'b']])
  t.equal(doc.pages[0]?.runs[0]?.width, 30, 'five glyphs of 500/1000 em at 12 points')
  t.same(doc.info, { Title: 'Hé', Keywords: 'a(b)\\cAd', Count: '3', Kind: 'Neraca Saldo' })
  if (POPPLER) t.equal(ink(doc.pages[0]?.lines.join('') ?? ''), ink(pdftotext(t, pdf, 1, '-layout')), 'as pdftotext reads it')
  const flate = handMade({ content: streamBody('/Filter /FlateDecode', deflateSync(CONTENT)), cmap: streamBody('/Filter [/FlateDecode]', deflateSync(CMAP)) })
  t.same(pdfText(flate).pages[0]?.lines, ['Héabc', 'fi😀 a', 'Hé', 'a', 'b'], 'the same through FlateDecode')
  const images = handMade({ content: streamBody('', `${CONTENT}\nq 10 0 0 10 0 0 cm /X1 Do Q`), extra: [streamBody('/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\xff')] })
  t.equal(pdfText(images).pages[0]?.lines.length, 5, 'an image is passed over')
})

/** Runs `f` and returns the error it throws, with how long it took. */
function thrown (f: () => unknown): { error: unknown, ms: number } {
  const start = performance.now()
  try {
    f()
  } catch (error) {
    return { error, ms: performance.now() - start }
  }
  return { error: undefined, ms: performance.now() - start }
}

function refuses (t: Test, name: string, bytes: Uint8Array, message: RegExp, limits = {}): void {
  const { error, ms } = thrown(() => pdfText(bytes, limits))
  t.ok(error instanceof PdfTextError, `${name}: a PdfTextError`)
  t.match((error as Error | undefined)?.message ?? '', message, `${name}: ${(error as Error | undefined)?.message ?? 'nothing thrown'}`)
  t.ok(ms < 1000, `${name}: in ${ms.toFixed(1)} ms`)
}

t.test('truncated files are refused, wherever they are cut', async t => {
  const pdf = await printed('trialBalance')
  const cuts = [0, 1, 8, 100, 2000, 9000, pdf.indexOf('xref'), pdf.indexOf('trailer'), pdf.indexOf('startxref'), pdf.length - 7, pdf.length - 2]
  for (let i = 1; i < 20; i++) cuts.push(Math.floor(pdf.length * i / 20))
  for (const at of cuts) refuses(t, `cut at byte ${at} of ${pdf.length}`, pdf.subarray(0, at), /^PDF: /)
  refuses(t, 'cut at the end of the trailer', pdf.subarray(0, pdf.indexOf('startxref')), /truncated/)
  refuses(t, 'the empty file', new Uint8Array(0), /not a PDF/)
  const stream = pdf.indexOf('stream\n') + 7
  refuses(t, '100 bytes gone from inside the first content stream', Buffer.concat([pdf.subarray(0, stream + 100), pdf.subarray(stream + 200)]), /^PDF: /)
  refuses(t, '100 bytes gone from before the cross-reference table', Buffer.concat([pdf.subarray(0, pdf.indexOf('xref') - 150), pdf.subarray(pdf.indexOf('xref') - 50)]), /^PDF: /)
})

t.test('a bad cross-reference table is refused', async t => {
  const pdf = await printed('trialBalance')
  const text = pdf.toString('latin1')
  const xrefAt = text.lastIndexOf('xref\n', text.indexOf('trailer'))
  const edit = (from: string, to: string, at = 0): Buffer => {
    const i = text.indexOf(from, at)
    if (i < 0) throw new Error(`no ${from}`)
    return Buffer.from(text.slice(0, i) + to + text.slice(i + from.length), 'latin1')
  }
  refuses(t, 'startxref off by one', edit(`startxref\n${xrefAt}`, `startxref\n${xrefAt + 1}`), /no cross-reference table/)
  refuses(t, 'startxref past the end', edit(`startxref\n${xrefAt}`, `startxref\n${pdf.length + 99}`), /no cross-reference table/)
  const entry = /\n(\d{10}) 00000 n \n/.exec(text.slice(xrefAt))
  const shifted = entry?.[1] === undefined ? '' : String(Number(entry[1]) + 3).padStart(10, '0')
  refuses(t, 'an object at the wrong offset', edit(`${entry?.[1] ?? ''} 00000 n`, `${shifted} 00000 n`, xrefAt), /is not there/)
  refuses(t, 'a malformed entry', edit(' 00000 n \n', ' 00000 x \n', xrefAt), /malformed cross-reference entry/)
  refuses(t, 'a short entry', edit(' 00000 n \n', ' 0000 n \n', xrefAt), /malformed cross-reference entry/)
  refuses(t, 'more entries than the file holds', edit('xref\n0 ', 'xref\n0 9', xrefAt), /past the end|malformed/)
  refuses(t, 'too many objects', edit('xref\n0 ', 'xref\n0 9999999', xrefAt), /more than 100000 objects/)
  refuses(t, 'no /Root', edit('/Root', '/Rooo', xrefAt), /no \/Root/)
  const made = handMade().toString('latin1')
  const xrefStream = made.replace(/startxref\n\d+/, `startxref\n${made.indexOf('1 0 obj')}`)
  refuses(t, 'a cross-reference stream', Buffer.from(xrefStream, 'latin1'), /cross-reference streams are not supported/)
  refuses(t, 'an incremental update', handMade({ trailer: '/Root 1 0 R /Prev 9' }), /Prev/)
  refuses(t, 'an encrypted file', await pdfkitDoc(d => d.text('rahasia'), { font: DEJAVU, userPassword: 'x' }), /Encrypt/)
})

t.test('a zip bomb is stopped before it is inflated', async t => {
  const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20))
  t.ok(bomb.length < 100_000, `${bomb.length} bytes that inflate to 64 MiB`)
  refuses(t, 'a 64 MiB content stream', handMade({ content: streamBody('/Filter /FlateDecode', bomb) }), /inflates to more than 16777216 bytes/)
  const small = deflateSync(Buffer.alloc(4096, 0x20))
  refuses(t, 'a lower limit', handMade({ content: streamBody('/Filter /FlateDecode', small) }), /inflates to more than 1000 bytes/, { maxStreamBytes: 1000 })
  refuses(t, 'corrupt deflate data', handMade({ content: streamBody('/Filter /FlateDecode', Buffer.from('not deflate')) }), /FlateDecode data is corrupt/)
  refuses(t, 'a truncated deflate stream', handMade({ content: streamBody('/Filter /FlateDecode', deflateSync(CONTENT).subarray(0, 40)) }), /FlateDecode data is corrupt/)
  refuses(t, 'an unsupported filter', handMade({ content: streamBody('/Filter /LZWDecode', 'x') }), /LZWDecode filter is not supported/)
  refuses(t, 'a predictor', handMade({ content: streamBody('/Filter /FlateDecode /DecodeParms << /Predictor 12 >>', deflateSync(CONTENT)) }), /DecodeParms/)
})

t.test('garbage is refused', async t => {
  let seed = 7
  const random = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed & 0xff }))
  refuses(t, 'random bytes', random(50_000), /not a PDF/)
  refuses(t, 'a PNG', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), random(1000)]), /not a PDF/)
  refuses(t, 'a header and random bytes', Buffer.concat([Buffer.from('%PDF-1.7\n'), random(50_000)]), /truncated or not a PDF/)
  refuses(t, 'a header, random bytes and a made-up trailer', Buffer.concat([Buffer.from('%PDF-1.7\n'), random(5000), Buffer.from('\nstartxref\n100\n%%EOF\n')]), /^PDF: /)
  refuses(t, 'text', Buffer.from('Neraca Saldo\nRp 2.500.000\n'), /not a PDF/)
})

t.test('malformed or unsupported structure is refused with a clear message', async t => {
  const content = (s: string): Buffer => handMade({ content: streamBody('', s) })
  const cases: Array<[string, Buffer, RegExp]> = [
    ['nesting 10 000 deep', handMade({ catalog: `<< /Type /Catalog /Pages 2 0 R /X ${'['.repeat(10_000)} >>` }), /nested more than 32 deep/],
    ['a page tree that loops', handMade({ pages: '<< /Type /Pages /Count 1 /Kids [2 0 R] >>' }), /appears twice in the page tree/],
    ['a wrong /Count', handMade({ pages: '<< /Type /Pages /Count 2 /Kids [3 0 R] /MediaBox [0 0 200 200] >>' }), /Count 2 but has 1/],
    ['a /Length that refers to its own stream', handMade({ content: Buffer.from('<< /Length 7 0 R >>\nstream\nBT ET\nendstream') }), /refers to itself/],
    ['a /Length too long', handMade({ content: Buffer.from('<< /Length 90000 >>\nstream\nBT ET\nendstream') }), /runs past the end/],
    ['a /Length too short', handMade({ content: Buffer.from('<< /Length 2 >>\nstream\nBT ET\nendstream') }), /endstream/],
    ['a reference to a missing object', handMade({ page: '<< /Type /Page /Parent 2 0 R /Contents 77 0 R >>' }), /object 77 0 R is not in the cross-reference table/],
    ['a duplicate key', handMade({ catalog: '<< /Type /Catalog /Pages 2 0 R /Pages 2 0 R >>' }), /the key \/Pages twice/],
    ['an unclosed string', handMade({ info: '<< /Title (abc >>' }), /not closed|does not end/],
    ['bad UTF-16 in Info', handMade({ info: '<< /Title <FEFF00> >>' }), /odd number of bytes/],
    ['a lone surrogate in Info', handMade({ info: '<< /Title <FEFFD800> >>' }), /lone UTF-16 surrogate/],
    ['an unknown operator', content('BT /F1 12 Tf 1 0 0 1 20 150 Tm <0001> Tj ET foo'), /operator 'foo' is not supported/],
    ['an operator with the wrong operands', content('1 2 re'), /'re' needs 4 operands/],
    ['text outside BT', content('/F1 12 Tf <0001> Tj'), /outside a text object/],
    ['text before Tf', content('BT <0001> Tj ET'), /before any font/],
    ['an unclosed text object', content('BT /F1 12 Tf'), /ends inside a text object/],
    ['Q without q', content('Q'), /without a matching/],
    ['q without Q', content('q'), /q without Q/],
    ['q nested 100 deep', content('q '.repeat(100)), /more than 32 deep/],
    ['invisible text', content('BT /F1 12 Tf 3 Tr 1 0 0 1 20 150 Tm <0001> Tj ET'), /rendering mode 3/],
    ['text off the page', content('BT /F1 12 Tf 1 0 0 1 500 150 Tm <0001> Tj ET'), /outside the page/],
    ['rotated text', content('BT /F1 12 Tf 0 1 -1 0 100 100 Tm <0001> Tj ET'), /rotated/],
    ['text too small to read', content('BT /F1 0.5 Tf 1 0 0 1 20 150 Tm <0001> Tj ET'), /too small/],
    ['a glyph with no Unicode', content('BT /F1 12 Tf 1 0 0 1 20 150 Tm <0099> Tj ET'), /glyph code 153 has no Unicode mapping/],
    ['an odd-length string', content('BT /F1 12 Tf 1 0 0 1 20 150 Tm <000100> Tj ET'), /odd number of bytes/],
    ['a font not in the resources', content('BT /F9 12 Tf ET'), /font \/F9 is not in the page's resources/],
    ['a form XObject', content('/X1 Do'), /form XObjects are not supported/],
    ['an inline image', content('BI /W 1 /H 1 ID x EI'), /inline images/],
    ['a standard font', handMade({ font: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' }), /\/Type1: only Type0 fonts/],
    ['another encoding', handMade({ font: '<< /Type /Font /Subtype /Type0 /Encoding /UniJIS-UCS2-H /DescendantFonts [5 0 R] /ToUnicode 6 0 R >>' }), /Identity-H/],
    ['no ToUnicode', handMade({ font: '<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [5 0 R] >>' }), /no \/ToUnicode/],
    ['a bfrange array of the wrong length', handMade({ cmap: streamBody('', '1 beginbfrange <0001> <0003> [<0041>] endbfrange') }), /array of 1 strings for 3 codes/],
    ['a code mapped twice', handMade({ cmap: streamBody('', '2 beginbfchar <0001> <0041> <0001> <0042> endbfchar') }), /mapped twice/],
    ['one-byte codes', handMade({ cmap: streamBody('', '1 beginbfchar <01> <0041> endbfchar') }), /two-byte code/],
    ['a rotated page', handMade({ page: '<< /Type /Page /Parent 2 0 R /Rotate 90 /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>' }), /Rotate 90/],
    ['no MediaBox', handMade({ pages: '<< /Type /Pages /Count 1 /Kids [3 0 R] >>' }), /MediaBox/],
    ['too many glyphs', content(`BT /F1 12 Tf ${'1 0 0 1 20 150 Tm <00010001> Tj '.repeat(600)}ET`), /more than 1000 glyphs/]
  ]
  for (const [name, pdf, message] of cases) refuses(t, name, pdf, message, name === 'too many glyphs' ? { maxGlyphs: 1000 } : {})
  const standard = await pdfkitDoc(d => d.text('Helvetica'), {})
  refuses(t, 'pdfkit\'s standard Helvetica', standard, /font \/F1 is \/Type1: only Type0 fonts with Identity-H encoding are supported/)
})

t.test('mangled statements: any single damaged byte gives text or a PdfTextError, quickly', async t => {
  const pdf = await printed('trialBalance')
  const clean = JSON.stringify(pdfText(pdf))
  let seed = 2025
  const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n }
  const wrong: string[] = []
  let refused = 0
  let same = 0
  let slowest = 0
  for (let i = 0; i < 400; i++) {
    const bad = Buffer.from(pdf)
    const at = next(bad.length)
    bad[at] = next(256)
    const { error, ms } = thrown(() => { if (JSON.stringify(pdfText(bad)) === clean) same++ })
    slowest = Math.max(slowest, ms)
    if (error === undefined) continue
    if (error instanceof PdfTextError) refused++
    else wrong.push(`byte ${at}: ${String(error)}`)
  }
  t.same(wrong, [], 'nothing but PdfTextError is thrown')
  t.ok(refused > 50, `${refused} of 400 refused, ${same} unchanged (damage inside the embedded fonts is never read)`)
  t.ok(slowest < 1000, `the slowest took ${slowest.toFixed(1)} ms`)
})

t.test('limits can be lowered', async t => {
  const pdf = await printed('longCashBook')
  refuses(t, 'maxPages', pdf, /more than 2 pages/, { maxPages: 2 })
  refuses(t, 'maxFileBytes', pdf, /more than the 1000 allowed/, { maxFileBytes: 1000 })
  refuses(t, 'maxTotalStreamBytes', pdf, /the streams inflate to more than the 20000 bytes allowed in all/, { maxTotalStreamBytes: 20_000 })
  refuses(t, 'maxObjects', pdf, /more than 10 objects/, { maxObjects: 10 })
  t.equal(pdfText(pdf).pages.length, 7)
})
