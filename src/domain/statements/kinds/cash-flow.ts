import { entriesIn, net, sumByAccount, totalsBefore, type Totals } from '../../books/books.js'
import { DomainError } from '../../errors.js'
import { CASH_ACCOUNTS } from '../../ledger/accounts.js'
import type { Rupiah } from '../../money.js'
import { ACCOUNT_AMOUNT, accountName, sumRows, table, totalRow, type Builder } from '../common.js'
import { label, type RowsOf } from '../model.js'

type Activity = 'operating' | 'investing' | 'financing'
const isCash = (code: string): boolean => (CASH_ACCOUNTS as readonly string[]).includes(code)
const NET_CASH = label('Kas bersih', 'Net cash')

/**
 * Laporan Arus Kas: what moved Kas and Bank in the period, by activity. Cash moves by the opposite of what an entry's
 * other lines move, so each counter-line is the reason for its share; income, expenses and loans (12xx) are operating,
 * other assets investing, liabilities and equity financing. The closing cash equals Kas + Bank, or the books are wrong.
 */
export const cashFlow: Builder = (books, p, head) => {
  const activity = (code: string): Activity => {
    const type = books.accounts.find(a => a.code === code)?.type
    if (type === 'income' || type === 'expense' || code.startsWith('12')) return 'operating'
    if (type === 'asset') return 'investing'
    return 'financing'
  }
  const flows: Record<Activity, Map<string, Rupiah>> = { operating: new Map(), investing: new Map(), financing: new Map() }
  for (const e of entriesIn(books, { from: p.from, to: p.to })) {
    if (!e.lines.some(l => isCash(l.account))) continue
    for (const l of e.lines) {
      if (isCash(l.account)) continue
      const m = flows[activity(l.account)]
      m.set(l.account, (m.get(l.account) ?? 0n) + l.credit - l.debit)
    }
  }
  const cashOf = (t: Totals): Rupiah => CASH_ACCOUNTS.reduce((s, c) => s + net(t, c), 0n)
  const labels = {
    operating: label('Arus Kas dari Kegiatan Operasi', 'Operating Activities'),
    investing: label('Arus Kas dari Kegiatan Investasi', 'Investing Activities'),
    financing: label('Arus Kas dari Kegiatan Pendanaan', 'Financing Activities')
  }
  let change = 0n
  const tables = (['operating', 'investing', 'financing'] as const).map(k => {
    const rows: RowsOf<typeof ACCOUNT_AMOUNT> = [...flows[k]]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, amount]) => ({ cells: { code, name: accountName(books, code), amount } }))
    const sub = sumRows(rows, 'amount')
    change += sub
    rows.push(totalRow({ code: '', name: NET_CASH, amount: sub }))
    return table(labels[k], ACCOUNT_AMOUNT, rows)
  })
  const open = cashOf(totalsBefore(books, p.from))
  const close = cashOf(sumByAccount(books, { to: p.to }))
  if (open + change !== close) throw new DomainError('INTERNAL', `cash flow does not tie out: ${open} + ${change} ≠ ${close}`)
  return {
    ...head,
    tables,
    summary: [
      { label: label('Kas dan Bank awal periode', 'Opening cash and bank'), value: open, kind: 'amount' },
      { label: label('Kenaikan (penurunan) kas bersih', 'Net change in cash'), value: change, kind: 'amount' },
      { label: label('Kas dan Bank akhir periode (= Kas + Bank)', 'Closing cash and bank (= Kas + Bank)'), value: close, kind: 'amount' }
    ]
  }
}
