import type { Books } from '../books/books.js'
import type { Rupiah } from '../money.js'
import { label, type Column, type Label, type Row, type Statement, type StatementHead, type StatementKind, type Table } from './model.js'

/** What a statement is asked for: the period (from may be open) and, for some kinds, the account, member or loan. */
export interface StatementParams {
  from: string | null
  to: string
  account?: string
  memberId?: string
  loanId?: string
}

/** One statement kind: its figures from the books alone. */
export type Builder = (books: Books, p: StatementParams, head: StatementHead) => Statement

/** The title of every statement, in Bahasa Indonesia and English: the one list the PDFs, the web app and the bundle use. */
export const TITLES: Record<StatementKind, Label> = {
  'trial-balance': label('Neraca Saldo', 'Trial Balance'),
  'balance-sheet': label('Neraca', 'Balance Sheet'),
  'income-statement': label('Laporan Sisa Hasil Usaha', 'Income Statement'),
  'cash-flow': label('Laporan Arus Kas', 'Cash Flow Statement'),
  'equity-changes': label('Laporan Perubahan Ekuitas', 'Statement of Changes in Equity'),
  'cash-book': label('Buku Kas Umum', 'Cash Book'),
  'general-journal': label('Jurnal Umum', 'General Journal'),
  'general-ledger': label('Buku Besar', 'General Ledger'),
  'member-savings': label('Buku Simpanan Anggota', 'Member Savings'),
  'loan-card': label('Kartu Pinjaman', 'Loan Card'),
  'loan-portfolio': label('Daftar Pinjaman dan Kolektibilitas', 'Loan Portfolio and Collectibility'),
  'fund-usage': label('Laporan Penggunaan Dana', 'Fund Usage Report'),
  'fund-growth': label('Laporan Perkembangan Dana', 'Fund Growth Report'),
  meetings: label('Daftar Hadir dan Keputusan Rapat', 'Meetings: Attendance and Decisions'),
  'shu-distribution': label('Laporan Pembagian SHU', 'SHU Distribution Report')
}

/** The head every statement starts from: what it is, whose books, which period, and the ledger state it reflects. */
export function statementHead (books: Books, kind: StatementKind, p: StatementParams): StatementHead {
  const g = books.group
  return {
    kind,
    title: TITLES[kind],
    group: { id: g.id, name: g.name, village: g.village },
    period: { from: p.from, to: p.to },
    ledgerHead: books.head,
    subject: null
  }
}

export const col = (key: string, id: string, en: string, kind: Column['kind'] = 'text'): Column => ({ key, label: label(id, en), kind })
export const C = {
  code: col('code', 'Kode Akun', 'Account Code'),
  name: col('name', 'Nama Akun', 'Account Name'),
  amount: col('amount', 'Jumlah', 'Amount', 'amount'),
  date: col('date', 'Tanggal', 'Date', 'date'),
  seq: col('seq', 'No.', 'No.', 'integer'),
  description: col('description', 'Keterangan', 'Description'),
  debit: col('debit', 'Debit', 'Debit', 'amount'),
  credit: col('credit', 'Kredit', 'Credit', 'amount'),
  balance: col('balance', 'Saldo', 'Balance', 'amount')
}
export const TOTAL = label('Jumlah', 'Total')

export const sumRows = (rows: Row[], key: string): Rupiah => rows.reduce((s, r) => s + (typeof r.cells[key] === 'bigint' ? r.cells[key] : 0n), 0n)
export const table = (title: Label | null, columns: Column[], rows: Row[]): Table => ({ title, columns, rows })
export const totalRow = (cells: Record<string, Row['cells'][string]>): Row => ({ cells, emphasis: true })

/** The account's name in the books' chart, or its code. */
export const accountName = (books: Books, code: string): string => books.accounts.find(a => a.code === code)?.name ?? code
