import { entriesIn } from '../../books/books.js'
import { CASH_ACCOUNTS, type AccountType } from '../../ledger/accounts.js'
import type { Rupiah } from '../../money.js'
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

interface FundTotals { fund: string, account: string, debit: Rupiah, credit: Rupiah }
const isCash = (code: string): boolean => (CASH_ACCOUNTS as readonly string[]).includes(code)

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
    const mine = [...sums.values()].filter(s => s.fund === f.id).sort((a, b) => a.account < b.account ? -1 : a.account > b.account ? 1 : 0)
    const byType = (type: AccountType): FundTotals[] => mine.filter(s => typeOf(s.account) === type)
    const received = [...byType('equity'), ...byType('liability')].reduce((s, x) => s + x.credit - x.debit, 0n)
    const earned = byType('income').reduce((s, x) => s + x.credit - x.debit, 0n)
    const rows: RowsOf<typeof ITEM_AMOUNT> = [
      { cells: { item: f.id === '' ? ITEM.receivedUntagged : ITEM.received, amount: received } },
      { cells: { item: f.id === '' ? ITEM.earnedUntagged : ITEM.earned, amount: earned } }
    ]
    let spent = 0n
    for (const x of [...byType('expense'), ...byType('asset').filter(a => !isCash(a.account) && !a.account.startsWith('12'))]) {
      const amount = x.debit - x.credit
      if (amount === 0n) continue
      spent += amount
      const account = `${x.account} ${accountName(books, x.account)}`
      rows.push({ cells: { item: label(`Digunakan: ${account}`, `Spent: ${account}`), amount: -amount }, indent: 1 })
    }
    const lent = mine.filter(x => x.account.startsWith('12')).reduce((s, x) => s + x.debit - x.credit, 0n)
    const cash = mine.filter(x => isCash(x.account)).reduce((s, x) => s + x.debit - x.credit, 0n)
    rows.push(totalRow({ item: ITEM.left, amount: received + earned - spent }))
    rows.push({ cells: { item: ITEM.lent, amount: lent }, indent: 1 })
    rows.push({ cells: { item: ITEM.cash, amount: cash }, indent: 1 })
    return table(f.title, ITEM_AMOUNT, rows)
  })
  return { ...head, tables, summary: [] }
}
