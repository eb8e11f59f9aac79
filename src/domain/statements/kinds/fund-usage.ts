import { entriesIn } from '../../books/books.js'
import type { AccountType } from '../../ledger/accounts.js'
import { fundUse, type FundTotals } from '../../reports/fund-use.js'
import { accountName, ITEM_AMOUNT, table, totalRow, type Builder } from '../common.js'
import { label, type RowsOf } from '../model.js'

const ITEM = {
  receivedUntagged: label('Modal dan simpanan diterima', 'Capital and savings received'),
  received: label('Dana diterima', 'Funds received'),
  earnedUntagged: label('Pendapatan', 'Income'),
  earned: label('Pendapatan jasa dan denda dari dana ini', 'Interest and penalties earned on this fund'),
  left: label('Sisa dana', 'Funds left'),
  lent: label('berupa: pinjaman anggota yang belum kembali', 'held as: members\' loans not yet repaid'),
  cash: label('berupa: kas', 'held as: cash')
}


/**
 * Laporan Penggunaan Dana: per grant or donation (the lines tagged with its fund) what was received, earned, spent on
 * each purpose, and what is left as loans and as cash; lines that name no fund get a table of their own, so the report
 * accounts for every rupiah spent. Closing entries (tutup buku) move income and expenses into SHU without regard to
 * funds: they are left out.
 */
export const fundUsage: Builder = (books, p, head) => {
  const sums = new Map<string, FundTotals>()
  for (const e of entriesIn(books, { to: p.to })) {
    if (e.kind === 'closing') continue
    for (const l of e.lines) {
      const k = `${l.fund ?? ''}\u0000${l.account}`
      const t = sums.get(k) ?? { fund: l.fund ?? '', account: l.account, debit: 0n, credit: 0n }
      sums.set(k, { ...t, debit: t.debit + l.debit, credit: t.credit + l.credit })
    }
  }
  const sources = [...books.funds.map(f => ({ id: f.id, title: label(`${f.name} (${f.source})`) })), { id: '', title: label('Tanpa tanda dana (simpanan, biaya umum)', 'Not tagged with a fund (savings, general costs)') }]
  const typeOf = (code: string): AccountType | undefined => books.accounts.find(a => a.code === code)?.type
  const tables = sources.map(f => {
    const u = fundUse([...sums.values()].filter(s => s.fund === f.id), typeOf)
    const rows: RowsOf<typeof ITEM_AMOUNT> = [
      { cells: { item: f.id === '' ? ITEM.receivedUntagged : ITEM.received, amount: u.received } },
      { cells: { item: f.id === '' ? ITEM.earnedUntagged : ITEM.earned, amount: u.earned } }
    ]
    for (const x of u.spentOn) {
      const account = `${x.account} ${accountName(books, x.account)}`
      rows.push({ cells: { item: label(`Digunakan: ${account}`, `Spent: ${account}`), amount: -x.amount }, indent: 1 })
    }
    rows.push(totalRow({ item: ITEM.left, amount: u.received + u.earned - u.spent }))
    rows.push({ cells: { item: ITEM.lent, amount: u.lent }, indent: 1 })
    rows.push({ cells: { item: ITEM.cash, amount: u.cash }, indent: 1 })
    return table(f.title, ITEM_AMOUNT, rows)
  })
  return { ...head, tables, summary: [] }
}
