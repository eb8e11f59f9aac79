import { ledgerOfBooks } from '../../reports/account-ledger.js'
import { ACCOUNT } from '../../ledger/accounts.js'
import { accountName, C, col, table, totalRow, type Builder } from '../common.js'
import { label, type RowsOf, type Table } from '../model.js'

const OPENING = label('Saldo awal', 'Opening balance')
const CLOSING = label('Saldo akhir', 'Closing balance')
const CASH_BOOK_COLUMNS = [C.date, C.seq, C.description, col('counter', 'Akun Lawan', 'Counter-account'), col('fund', 'Dana', 'Fund'), col('in', 'Masuk', 'In', 'amount'), col('out', 'Keluar', 'Out', 'amount'), C.balance]
const LEDGER_COLUMNS = [C.date, C.seq, C.description, C.debit, C.credit, C.balance]

/** Buku Kas Umum: the cash book of Kas (or `account`, e.g. 1102 Bank) with the counter-accounts and the running balance. */
export const cashBook: Builder = (books, p, head) => {
  const code = p.account ?? ACCOUNT.kas
  return { ...head, subject: label(`Akun ${code} ${accountName(books, code)}`, `Account ${code} ${accountName(books, code)}`), tables: [ledgerTable(books, code, p, 'cash-book')], summary: [] }
}

/** Buku Besar: every account with postings or a balance (or one `account`), each with its running balance. */
export const generalLedger: Builder = (books, p, head) => {
  const codes = p.account !== undefined ? [p.account] : books.accounts.map(a => a.code)
  const tables: Table[] = []
  for (const code of codes) {
    const t = ledgerTable(books, code, p, 'general-ledger')
    if (p.account === undefined && t === null) continue
    if (t !== null) tables.push(t)
  }
  return { ...head, tables, summary: [] }
}

function ledgerTable (books: Parameters<Builder>[0], code: string, p: Parameters<Builder>[1], kind: 'cash-book'): Table
function ledgerTable (books: Parameters<Builder>[0], code: string, p: Parameters<Builder>[1], kind: 'general-ledger'): Table | null
function ledgerTable (books: Parameters<Builder>[0], code: string, p: Parameters<Builder>[1], kind: 'cash-book' | 'general-ledger'): Table | null {
  const l = ledgerOfBooks(books, code, { from: p.from, to: p.to })
  if (kind === 'general-ledger' && p.account === undefined && l.rows.length === 0 && l.opening === 0n) return null
  const title = label(`${code} ${l.account.name}`)
  const opening = { date: p.from, seq: null, description: OPENING, balance: l.opening }
  const closing = { date: p.to, seq: null, description: CLOSING, balance: l.closing }
  const debits = l.rows.reduce((s, r) => s + r.debit, 0n)
  const credits = l.rows.reduce((s, r) => s + r.credit, 0n)
  if (kind === 'cash-book') {
    const rows: RowsOf<typeof CASH_BOOK_COLUMNS> = [
      { cells: opening },
      ...l.rows.map(r => ({ cells: { date: r.date, seq: r.seq, description: r.description, counter: r.counter.join(', '), fund: r.fund, in: r.debit, out: r.credit, balance: r.balance } })),
      totalRow({ ...closing, in: debits, out: credits })
    ]
    return table(title, CASH_BOOK_COLUMNS, rows)
  }
  const rows: RowsOf<typeof LEDGER_COLUMNS> = [
    { cells: opening },
    ...l.rows.map(r => ({ cells: { date: r.date, seq: r.seq, description: r.description, debit: r.debit, credit: r.credit, balance: r.balance } })),
    totalRow({ ...closing, debit: debits, credit: credits })
  ]
  return table(title, LEDGER_COLUMNS, rows)
}
