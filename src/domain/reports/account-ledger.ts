import { accountOf, entriesIn, totalsBefore, type Books } from '../books/books.js'
import { DomainError } from '../errors.js'
import { naturalBalance, type NormalBalance } from '../ledger/accounts.js'
import type { Rupiah } from '../money.js'

/** One posting on an account: its entry, its amounts, and the entry's other accounts (when known). */
export interface Posting {
  entryId: string
  seq: number
  date: string
  description: string
  debit: Rupiah
  credit: Rupiah
  fund: string | null
  counter: string[]
}

export interface AccountLedger {
  account: { code: string, name: string, normalBalance: NormalBalance }
  from: string | null
  to: string | null
  opening: Rupiah
  rows: Array<Posting & { balance: Rupiah }>
  closing: Rupiah
}

/** Buku besar of one account: the opening balance, each posting (in date then seq order) with the running balance, the closing balance. */
export function accountLedger (account: { code: string, name: string, normalBalance: NormalBalance }, range: { from?: string | null, to?: string | null },
  opening: { debit: Rupiah, credit: Rupiah } | undefined, postings: readonly Posting[]): AccountLedger {
  const open = opening === undefined ? 0n : naturalBalance(account.normalBalance, opening.debit, opening.credit)
  let running = open
  const rows = postings.map(p => {
    running += naturalBalance(account.normalBalance, p.debit, p.credit)
    return { ...p, balance: running }
  })
  return {
    account: { code: account.code, name: account.name, normalBalance: account.normalBalance },
    from: range.from ?? null, to: range.to ?? null, opening: open, rows, closing: running
  }
}

/** The buku besar of an account from the books (a statement's). */
export function ledgerOfBooks (books: Books, code: string, range: { from?: string | null, to?: string | null }): AccountLedger {
  const account = accountOf(books, code)
  if (account === undefined) throw new DomainError('ACCOUNT_NOT_FOUND', `no account ${code} in group ${books.group.id}`)
  const postings = entriesIn(books, range)
    .flatMap(e => e.lines.filter(l => l.account === code).map(l => ({ e, l })))
    .sort((a, b) => a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.e.seq - b.e.seq)
    .map(({ e, l }): Posting => ({
      entryId: e.id, seq: e.seq, date: e.date, description: e.description, debit: l.debit, credit: l.credit, fund: l.fund,
      counter: [...new Set(e.lines.filter(x => x.account !== code).map(x => x.account))]
    }))
  return accountLedger(account, range, totalsBefore(books, range.from ?? null).get(code), postings)
}
