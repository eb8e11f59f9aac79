import type { Books } from '../books/books.js'
import type { Collectibility } from '../loans/types.js'
import type { Rupiah } from '../money.js'
import { label, type Cells, type Column, type Label, type Row, type Statement, type StatementHead, type StatementKind, type Table } from './model.js'

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
  'shu-distribution': label('Laporan Pembagian SHU', 'SHU Distribution Report'),
  arisan: label('Laporan Arisan', 'Arisan Report')
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

export const col = <K extends string>(key: K, id: string, en: string, kind: Column['kind'] = 'text'): Column<K> => ({ key, label: label(id, en), kind })
export const C = {
  code: col('code', 'Kode Akun', 'Account Code'),
  name: col('name', 'Nama Akun', 'Account Name'),
  amount: col('amount', 'Jumlah', 'Amount', 'amount'),
  date: col('date', 'Tanggal', 'Date', 'date'),
  seq: col('seq', 'No.', 'No.', 'integer'),
  description: col('description', 'Keterangan', 'Description'),
  debit: col('debit', 'Debit', 'Debit', 'amount'),
  credit: col('credit', 'Kredit', 'Credit', 'amount'),
  balance: col('balance', 'Saldo', 'Balance', 'amount'),
  item: col('item', 'Uraian', 'Item')
}
/** An account and its amount: the columns of the balance sheet, the income statement and the cash flow. */
export const ACCOUNT_AMOUNT = [C.code, C.name, C.amount]
/** An item and its amount: the columns of the fund reports. */
export const ITEM_AMOUNT = [C.item, C.amount]
export const TOTAL = label('Jumlah', 'Total')
/** The profit of the books not yet closed into SHU (tutup buku): a line of the balance sheet and of the equity changes. */
export const UNCLOSED_SHU = label('SHU periode berjalan (belum ditutup)', 'Surplus of the current period (not yet closed)')
/** Kolektibilitas: a loan's standing by its days past due, as a cell and as a summary line. */
export const COLLECTIBILITY: Record<Collectibility, Label> = {
  lancar: label('Lancar', 'Current (lancar)'),
  kurang_lancar: label('Kurang Lancar', 'Substandard'),
  diragukan: label('Diragukan', 'Doubtful'),
  macet: label('Macet', 'Loss')
}

export const sumRows = <K extends string>(rows: ReadonlyArray<Row<K>>, key: NoInfer<K>): Rupiah =>
  rows.reduce((s, r) => { const c = r.cells[key]; return s + (typeof c === 'bigint' ? c : 0n) }, 0n)
/**
 * A table whose rows are typed by its columns' keys: a cell under a key the table lacks does not compile (the keys
 * come from `columns` alone).
 */
export const table = <K extends string>(title: Label | null, columns: Array<Column<K>>, rows: Array<Row<NoInfer<K>>>): Table => ({ title, columns, rows })
/** A bold total row; its keys come from where it goes (`rows.push(totalRow({…}))` checks them against `rows`). */
export const totalRow = <K extends string>(cells: NoInfer<Cells<K>>): Row<K> => ({ cells, emphasis: true })

/** The account's name in the books' chart, or its code. */
export const accountName = (books: Books, code: string): string => books.accounts.find(a => a.code === code)?.name ?? code
