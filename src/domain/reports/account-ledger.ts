import { accountOf, entriesIn, totalsBefore, type Books } from '../books/books.js'
import { DomainError } from '../errors.js'
import { naturalBalance, type NormalBalance } from '../ledger/accounts.js'
import type { Rupiah } from '../money.js'

export interface LedgerRow {
  entryId: string
  seq: number
  date: string
  description: string
  debit: Rupiah
  credit: Rupiah
  fund: string | null
  /** The other accounts of the entry, in the order they appear. */
  counter: string[]
  balance: Rupiah
}

export interface AccountLedger {
  account: { code: string, name: string, normalBalance: NormalBalance }
  from: string | null
  to: string | null
  opening: Rupiah
  rows: LedgerRow[]
  closing: Rupiah
}

/** Buku besar of one account: the opening balance, each posting dated in the range with the running balance, the closing balance. */
export function accountLedger (books: Books, code: string, range: { from?: string | null, to?: string | null }): AccountLedger {
  const account = accountOf(books, code)
  if (account === undefined) throw new DomainError('ACCOUNT_NOT_FOUND', `no account ${code} in group ${books.group.id}`)
  const o = totalsBefore(books, range.from ?? null).get(code)
  const opening = o === undefined ? 0n : naturalBalance(account.normalBalance, o.debit, o.credit)
  let running = opening
  const postings = entriesIn(books, range)
    .flatMap(e => e.lines.filter(l => l.account === code).map(l => ({ e, l })))
    .sort((a, b) => a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.e.seq - b.e.seq)
  const rows = postings.map(({ e, l }) => {
    running += naturalBalance(account.normalBalance, l.debit, l.credit)
    const counter = [...new Set(e.lines.filter(x => x.account !== code).map(x => x.account))]
    return { entryId: e.id, seq: e.seq, date: e.date, description: e.description, debit: l.debit, credit: l.credit, fund: l.fund, counter, balance: running }
  })
  return {
    account: { code: account.code, name: account.name, normalBalance: account.normalBalance },
    from: range.from ?? null,
    to: range.to ?? null,
    opening,
    rows,
    closing: running
  }
}
