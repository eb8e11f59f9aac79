import { ledgerOfBooks } from '../../reports/account-ledger.js'
import { ACCOUNT } from '../../ledger/accounts.js'
import { accountName, C, col, table, totalRow, type Builder } from '../common.js'
import { label, type Row, type Table } from '../model.js'

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
  const rows: Row[] = [{ cells: { date: p.from, seq: null, description: 'Saldo awal', balance: l.opening } }]
  for (const r of l.rows) {
    rows.push(kind === 'cash-book'
      ? { cells: { date: r.date, seq: r.seq, description: r.description, counter: r.counter.join(', '), fund: r.fund, in: r.debit, out: r.credit, balance: r.balance } }
      : { cells: { date: r.date, seq: r.seq, description: r.description, debit: r.debit, credit: r.credit, balance: r.balance } })
  }
  const moved = kind === 'cash-book'
    ? { in: l.rows.reduce((s, r) => s + r.debit, 0n), out: l.rows.reduce((s, r) => s + r.credit, 0n) }
    : { debit: l.rows.reduce((s, r) => s + r.debit, 0n), credit: l.rows.reduce((s, r) => s + r.credit, 0n) }
  rows.push(totalRow({ date: p.to, seq: null, description: 'Saldo akhir', ...moved, balance: l.closing }))
  const columns = kind === 'cash-book'
    ? [C.date, C.seq, C.description, col('counter', 'Akun Lawan', 'Counter-account'), col('fund', 'Dana', 'Fund'), col('in', 'Masuk', 'In', 'amount'), col('out', 'Keluar', 'Out', 'amount'), C.balance]
    : [C.date, C.seq, C.description, C.debit, C.credit, C.balance]
  return table(label(`${code} ${l.account.name}`), columns, rows)
}
