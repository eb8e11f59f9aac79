import { label, type Column, type Row, type Statement, type StatementHead } from '../../src/domain/statements/model.js'

/** Hand-made statements of the P2WKSS group's 2005 books (dana stimulan Rp 2.500.000 grown to Rp 2.640.000). */

const col = (key: string, id: string, en: string, kind: Column['kind'] = 'text'): Column => ({ key, label: label(id, en), kind })

const head = (kind: StatementHead['kind'], title: [string, string], period: StatementHead['period'] = { from: '2005-01-01', to: '2005-12-31' }): StatementHead => ({
  kind,
  title: label(...title),
  group: { id: 'grp_p2wkss', name: 'Kelompok P2WKSS Banjar Dauh Peken', village: 'Desa Abiansemal, Kabupaten Badung' },
  period,
  ledgerHead: { seq: 42, hash: '3f2a9c0b7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c', at: '2006-01-02T03:04:05.000Z' },
  subject: null
})

const account = (code: string, name: string, od: bigint, oc: bigint, d: bigint, c: bigint, cd: bigint, cc: bigint): Row =>
  ({ cells: { code, name, openingDebit: od, openingCredit: oc, debit: d, credit: c, closingDebit: cd, closingCredit: cc } })

export const trialBalance: Statement = {
  ...head('trial-balance', ['Neraca Saldo', 'Trial Balance']),
  tables: [{
    title: null,
    columns: [
      col('code', 'Kode Akun', 'Account Code'), col('name', 'Nama Akun', 'Account Name'),
      col('openingDebit', 'Saldo Awal Debit', 'Opening Debit', 'amount'), col('openingCredit', 'Saldo Awal Kredit', 'Opening Credit', 'amount'),
      col('debit', 'Mutasi Debit', 'Movement Debit', 'amount'), col('credit', 'Mutasi Kredit', 'Movement Credit', 'amount'),
      col('closingDebit', 'Saldo Akhir Debit', 'Closing Debit', 'amount'), col('closingCredit', 'Saldo Akhir Kredit', 'Closing Credit', 'amount')
    ],
    rows: [
      account('1101', 'Kas', 0n, 0n, 4665000n, 2025000n, 2640000n, 0n),
      account('1201', 'Piutang Pinjaman Anggota', 0n, 0n, 2000000n, 2000000n, 0n, 0n),
      account('3201', 'Dana Hibah / Dana Stimulan', 0n, 0n, 0n, 2500000n, 0n, 2500000n),
      account('4101', 'Pendapatan Jasa Pinjaman', 0n, 0n, 0n, 165000n, 0n, 165000n),
      account('5101', 'Beban Konsumsi Rapat', 0n, 0n, 25000n, 0n, 25000n, 0n),
      { ...account('', 'Jumlah', 0n, 0n, 6690000n, 6690000n, 2665000n, 2665000n), emphasis: true }
    ]
  }],
  summary: []
}

const codeName = [col('code', 'Kode Akun', 'Account Code'), col('name', 'Nama Akun', 'Account Name'), col('amount', 'Jumlah', 'Amount', 'amount')]
const line = (code: string, name: string, amount: bigint, emphasis = false): Row => emphasis ? { cells: { code, name, amount }, emphasis } : { cells: { code, name, amount } }

export const balanceSheet: Statement = {
  ...head('balance-sheet', ['Neraca', 'Balance Sheet'], { from: null, to: '2005-12-31' }),
  tables: [
    {
      title: label('Aset', 'Assets'),
      columns: codeName,
      rows: [
        line('1101', 'Kas', 2640000n), line('1201', 'Piutang Pinjaman Anggota', 5000n),
        line('1209', 'Penyisihan Piutang Tak Tertagih', -5000n), line('', 'Jumlah Aset', 2640000n, true)
      ]
    },
    { title: label('Kewajiban', 'Liabilities'), columns: codeName, rows: [line('2101', 'Simpanan Sukarela', 0n), line('', 'Jumlah Kewajiban', 0n, true)] },
    {
      title: label('Ekuitas', 'Equity'),
      columns: codeName,
      rows: [line('3201', 'Dana Hibah / Dana Stimulan', 2500000n), line('3401', 'SHU Tahun Berjalan', 140000n), line('', 'Jumlah Ekuitas', 2640000n, true)]
    }
  ],
  summary: [
    { label: label('Jumlah Aset', 'Total Assets'), value: 2640000n, kind: 'amount' },
    { label: label('Jumlah Kewajiban dan Ekuitas', 'Total Liabilities and Equity'), value: 2640000n, kind: 'amount' },
    { label: label('Perkembangan dana', 'Fund growth'), value: '5.60', kind: 'percent' },
    { label: label('Status', 'Status'), value: 'seimbang', kind: 'text' }
  ]
}

/** Two tables with different columns: the CSV's header is their union. */
export const fundUsage: Statement = {
  ...head('fund-usage', ['Laporan Penggunaan Dana', 'Fund Usage Report']),
  tables: [
    {
      title: label('Dana Stimulan (Pemerintah Desa)', 'Stimulus Fund (Village Government)'),
      columns: [col('item', 'Uraian', 'Item'), col('amount', 'Jumlah', 'Amount', 'amount')],
      rows: [
        { cells: { item: 'Dana diterima', amount: 2500000n } },
        { cells: { item: 'Digunakan: 5101 Beban Konsumsi Rapat', amount: -25000n }, indent: 1 },
        { cells: { item: 'Sisa dana', amount: 2640000n }, emphasis: true }
      ]
    },
    {
      title: label('Pinjaman bergulir', 'Revolving loans'),
      columns: [col('date', 'Tanggal', 'Date', 'date'), col('item', 'Uraian', 'Item'), col('amount', 'Jumlah', 'Amount', 'amount'), col('share', 'Porsi', 'Share', 'percent'), col('count', 'Peminjam', 'Borrowers', 'integer')],
      rows: [
        { cells: { date: '2005-02-01', item: 'Pinjaman, "tahap 1"', amount: 1000000n, share: '40.00', count: 4 } },
        { cells: { date: '2005-07-01', item: 'Pinjaman tahap 2', amount: 1000000n, share: '40.00', count: 3 } },
        { cells: { date: null, item: 'Jumlah', amount: 2000000n, share: '80.00', count: 7 }, emphasis: true }
      ]
    }
  ],
  summary: [{ label: label('Perkembangan dana', 'Fund growth'), value: '5.60', kind: 'percent' }]
}

const DESCRIPTIONS = [
  'Setoran simpanan wajib bulanan',
  'Angsuran pinjaman Ni Wayan Sukerti (pokok dan jasa, disepakati rapat anggota bulan Januari 2005)',
  'Konsumsi rapat',
  'Pencairan pinjaman',
  'Bantuan untuk Posyandu Banjar Dauh Peken, diserahkan kepada kader Posyandu pada kegiatan penimbangan balita bulan ini'
]

/** 120 rows: enough to run over several A4 pages. */
export function longCashBook (): Statement {
  const rows: Row[] = [{ cells: { date: '2005-01-01', seq: null, description: 'Saldo awal', counter: null, fund: null, in: null, out: null, balance: 0n } }]
  let balance = 0n
  for (let i = 1; i <= 120; i++) {
    const incoming = i % 3 !== 0
    const amount = BigInt(5000 * (i % 7 + 1)) * (incoming ? 10n : 3n)
    balance += incoming ? amount : -amount
    const month = String(Math.min(12, Math.ceil(i / 10))).padStart(2, '0')
    const day = String((i % 28) + 1).padStart(2, '0')
    rows.push({ cells: { date: `2005-${month}-${day}`, seq: i, description: DESCRIPTIONS[i % DESCRIPTIONS.length] ?? '', counter: incoming ? '3102, 4101' : '5101', fund: 'Dana Stimulan', in: incoming ? amount : 0n, out: incoming ? 0n : amount, balance } })
  }
  rows.push({ cells: { date: '2005-12-31', seq: null, description: 'Saldo akhir', counter: null, fund: null, in: null, out: null, balance }, emphasis: true })
  return {
    ...head('cash-book', ['Buku Kas Umum', 'Cash Book']),
    subject: label('Akun 1101 Kas', 'Account 1101 Kas'),
    tables: [{
      title: label('1101 Kas'),
      columns: [
        col('date', 'Tanggal', 'Date', 'date'), col('seq', 'No.', 'No.', 'integer'), col('description', 'Keterangan', 'Description'),
        col('counter', 'Akun Lawan', 'Counter-account'), col('fund', 'Dana', 'Fund'), col('in', 'Masuk', 'In', 'amount'),
        col('out', 'Keluar', 'Out', 'amount'), col('balance', 'Saldo', 'Balance', 'amount')
      ],
      rows
    }],
    summary: []
  }
}
