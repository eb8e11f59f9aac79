import type { Db } from '../data/connect.js'
import { fundGrowth as growth, type FundGrowth } from '../domain/reports/fund-growth.js'
import { loanPortfolio as portfolio, type LoanPortfolio, type PortfolioRow } from '../domain/reports/loan-portfolio.js'
import { loadBooks } from './books-service.js'

export type { FundGrowth, LoanPortfolio, PortfolioRow }

/** Laporan perkembangan dana on a date (src/domain/reports/fund-growth.ts), from the group's books. */
export async function fundGrowth (db: Db, groupId: string, asOf: string): Promise<FundGrowth> {
  return growth(await loadBooks(db, groupId, { entries: false, from: null, to: asOf }), asOf)
}

/** Daftar pinjaman dan kolektibilitas on a date (src/domain/reports/loan-portfolio.ts), from the group's books. */
export async function loanPortfolio (db: Db, groupId: string, asOf: string): Promise<LoanPortfolio> {
  return portfolio(await loadBooks(db, groupId, { entries: false, from: null, to: asOf }), asOf)
}
