import type { Books } from '../books/books.js'
import { statementHead, type Builder, type StatementParams } from './common.js'
import { cashBook, generalLedger } from './kinds/account-ledger.js'
import { arisanStatement } from './kinds/arisan.js'
import { balanceSheet } from './kinds/balance-sheet.js'
import { cashFlow } from './kinds/cash-flow.js'
import { equityChanges } from './kinds/equity-changes.js'
import { fundGrowthStatement } from './kinds/fund-growth.js'
import { fundUsage } from './kinds/fund-usage.js'
import { generalJournal } from './kinds/general-journal.js'
import { incomeStatement } from './kinds/income-statement.js'
import { loanCard } from './kinds/loan-card.js'
import { loanPortfolioStatement } from './kinds/loan-portfolio.js'
import { meetingsStatement } from './kinds/meetings.js'
import { memberSavingsStatement } from './kinds/member-savings.js'
import { shuDistributionStatement } from './kinds/shu-distribution.js'
import { trialBalance } from './kinds/trial-balance.js'
import type { Statement, StatementKind } from './model.js'

export type { StatementParams }

/** Whether a kind lists entries (the rest need only the daily totals, the closing entries and the records). */
export const NEEDS_ENTRIES: Record<StatementKind, boolean> = {
  'trial-balance': false,
  'balance-sheet': false,
  'income-statement': false,
  'cash-flow': true,
  'equity-changes': false,
  'cash-book': true,
  'general-journal': true,
  'general-ledger': true,
  'member-savings': true,
  'loan-card': false,
  'loan-portfolio': false,
  'fund-usage': true,
  'fund-growth': false,
  meetings: false,
  'shu-distribution': true,
  arisan: false
}

/** One builder per statement kind: the compiler refuses a kind without one. */
const BUILDERS: Record<StatementKind, Builder> = {
  'trial-balance': trialBalance,
  'balance-sheet': balanceSheet,
  'income-statement': incomeStatement,
  'cash-flow': cashFlow,
  'equity-changes': equityChanges,
  'cash-book': cashBook,
  'general-journal': generalJournal,
  'general-ledger': generalLedger,
  'member-savings': memberSavingsStatement,
  'loan-card': loanCard,
  'loan-portfolio': loanPortfolioStatement,
  'fund-usage': fundUsage,
  'fund-growth': fundGrowthStatement,
  meetings: meetingsStatement,
  'shu-distribution': shuDistributionStatement,
  arisan: arisanStatement
}

/**
 * A statement of the books (Neraca Saldo, Neraca, Laporan SHU, Arus Kas, Perubahan Ekuitas, Buku Kas Umum, Jurnal Umum,
 * Buku Besar, Buku Simpanan, Kartu Pinjaman, Daftar Pinjaman, Penggunaan Dana, Perkembangan Dana, Rapat, Pembagian SHU, Arisan)
 * as data, from the books alone: the service and the offline verifier compute it with this same function. src/render
 * turns it into JSON, CSV, XLSX or PDF.
 */
export function buildStatement (books: Books, kind: StatementKind, p: StatementParams): Statement {
  return BUILDERS[kind](books, p, statementHead(books, kind, p))
}
