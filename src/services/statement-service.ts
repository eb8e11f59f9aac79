import type { Db } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import { addDays, daysBetween } from '../domain/dates.js'
import { DomainError, invalid } from '../domain/errors.js'
import { CASH_ACCOUNTS, type AccountType } from '../domain/ledger/accounts.js'
import { label, type Column, type Label, type Row, type Statement, type StatementHead, type StatementKind, type Table } from '../domain/statements/model.js'
import { formatRupiah, type Rupiah } from '../domain/money.js'
import { requireGroup } from './group-service.js'
import { accountLedger, listEntries, type PostedEntry } from './ledger-service.js'
import { getLoan, type LoanStatus, type LoanView } from './loan-service.js'
import { COLLECTIBILITY_LABEL } from '../domain/loans/terms.js'
import { listMeetings } from './meeting-service.js'
import { fundGrowth, loanPortfolio } from './report-service.js'
import { memberSavings, savingsByMember } from './savings-service.js'
import { shuReport, type ShuReport } from './shu-service.js'
import type { ShuBasis } from '../domain/shu/distribution.js'
import type { ShuDecisionJson } from './meeting-service.js'

/**
 * Every statement of the books (Neraca Saldo, Neraca, Laporan SHU, Arus Kas, Perubahan Ekuitas, Buku Kas Umum, Jurnal
 * Umum, Buku Besar, Buku Simpanan, Kartu Pinjaman, Daftar Pinjaman, Penggunaan Dana, Perkembangan Dana, Rapat) as
 * data, computed once; src/render turns it into JSON, CSV, XLSX or PDF. Figures come from the same postings as the
 * trial balance, so their totals tie out with it.
 */
export interface StatementParams {
  from: string | null
  to: string
  account?: string
  memberId?: string
  loanId?: string
}

const TITLES: Record<StatementKind, Label> = {
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
  'shu-distribution': label('Laporan Pembagian SHU', 'SHU Distribution Report')
}

const col = (key: string, id: string, en: string, kind: Column['kind'] = 'text'): Column => ({ key, label: label(id, en), kind })
const C = {
  code: col('code', 'Kode Akun', 'Account Code'),
  name: col('name', 'Nama Akun', 'Account Name'),
  amount: col('amount', 'Jumlah', 'Amount', 'amount'),
  date: col('date', 'Tanggal', 'Date', 'date'),
  seq: col('seq', 'No.', 'No.', 'integer'),
  description: col('description', 'Keterangan', 'Description'),
  debit: col('debit', 'Debit', 'Debit', 'amount'),
  credit: col('credit', 'Kredit', 'Credit', 'amount'),
  balance: col('balance', 'Saldo', 'Balance', 'amount')
}
const TOTAL = label('Jumlah', 'Total')
const STATUS: Record<LoanStatus, string> = { active: 'Aktif', paid_off: 'Lunas', written_off: 'Dihapusbukukan' }

type Totals = Map<string, { debit: Rupiah, credit: Rupiah }>
const totalsMap = (t: journal.AccountTotals[]): Totals => new Map(t.map(x => [x.account, { debit: x.debit, credit: x.credit }]))
const net = (t: Totals, code: string): Rupiah => { const x = t.get(code); return x === undefined ? 0n : x.debit - x.credit }
const sumRows = (rows: Row[], key: string): Rupiah => rows.reduce((s, r) => s + (typeof r.cells[key] === 'bigint' ? r.cells[key] : 0n), 0n)
const table = (title: Label | null, columns: Column[], rows: Row[]): Table => ({ title, columns, rows })
const totalRow = (cells: Record<string, Row['cells'][string]>): Row => ({ cells, emphasis: true })

export async function buildStatement (db: Db, groupId: string, kind: StatementKind, p: StatementParams): Promise<Statement> {
  const group = await requireGroup(db, groupId)
  const head = await journal.headWithTime(db, groupId)
  const base: StatementHead = {
    kind,
    title: TITLES[kind],
    group: { id: group.id, name: group.name, village: group.village },
    period: { from: p.from, to: p.to },
    ledgerHead: { seq: head.seq, hash: head.hash, at: head.at },
    subject: null
  }
  const accounts = await groups.listAccounts(db, groupId)
  const ofType = (type: AccountType): groups.Account[] => accounts.filter(a => a.type === type)
  const name = (code: string): string => accounts.find(a => a.code === code)?.name ?? code
  const before = async (): Promise<Totals> => p.from === null ? new Map() : totalsMap(await journal.sumByAccount(db, groupId, { to: addDays(p.from, -1) }))
  const upTo = async (): Promise<Totals> => totalsMap(await journal.sumByAccount(db, groupId, { to: p.to }))
  const allEntries = async (range: { from?: string, to?: string, account?: string }): Promise<PostedEntry[]> => {
    const out: PostedEntry[] = []
    let cursor: string | undefined
    for (;;) {
      const page = await listEntries(db, groupId, { ...range, limit: 500, ...(cursor === undefined ? {} : { cursor }) })
      out.push(...page.items)
      if (page.nextCursor === null) return out
      cursor = page.nextCursor
    }
  }
  const range = { ...(p.from === null ? {} : { from: p.from }), to: p.to }

  switch (kind) {
    case 'trial-balance': {
      const [opening, closing] = await Promise.all([before(), upTo()])
      const side = (n: Rupiah): [Rupiah, Rupiah] => n >= 0n ? [n, 0n] : [0n, -n]
      const rows: Row[] = accounts.map(a => {
        const [od, oc] = side(net(opening, a.code))
        const [cd, cc] = side(net(closing, a.code))
        const o = opening.get(a.code) ?? { debit: 0n, credit: 0n }
        const c = closing.get(a.code) ?? { debit: 0n, credit: 0n }
        return { cells: { code: a.code, name: a.name, openingDebit: od, openingCredit: oc, debit: c.debit - o.debit, credit: c.credit - o.credit, closingDebit: cd, closingCredit: cc } }
      })
      const keys = ['openingDebit', 'openingCredit', 'debit', 'credit', 'closingDebit', 'closingCredit']
      rows.push(totalRow({ code: '', name: TOTAL.id, ...Object.fromEntries(keys.map(k => [k, sumRows(rows, k)])) }))
      return {
        ...base,
        tables: [table(null, [C.code, C.name,
          col('openingDebit', 'Saldo Awal Debit', 'Opening Debit', 'amount'), col('openingCredit', 'Saldo Awal Kredit', 'Opening Credit', 'amount'),
          col('debit', 'Mutasi Debit', 'Movement Debit', 'amount'), col('credit', 'Mutasi Kredit', 'Movement Credit', 'amount'),
          col('closingDebit', 'Saldo Akhir Debit', 'Closing Debit', 'amount'), col('closingCredit', 'Saldo Akhir Kredit', 'Closing Credit', 'amount')], rows)],
        summary: []
      }
    }

    case 'balance-sheet': {
      const t = await upTo()
      const section = (type: AccountType, sign: 1n | -1n): Row[] => ofType(type).map(a => ({ cells: { code: a.code, name: a.name, amount: sign * net(t, a.code) } }))
      const assets = section('asset', 1n)
      const liabilities = section('liability', -1n)
      const equity = section('equity', -1n)
      const unclosed = -ofType('income').reduce((s, a) => s + net(t, a.code), 0n) - ofType('expense').reduce((s, a) => s + net(t, a.code), 0n)
      equity.push({ cells: { code: '', name: 'SHU periode berjalan (belum ditutup)', amount: unclosed } })
      const totalAssets = sumRows(assets, 'amount')
      const totalLiabilities = sumRows(liabilities, 'amount')
      const totalEquity = sumRows(equity, 'amount')
      assets.push(totalRow({ code: '', name: 'Jumlah Aset', amount: totalAssets }))
      liabilities.push(totalRow({ code: '', name: 'Jumlah Kewajiban', amount: totalLiabilities }))
      equity.push(totalRow({ code: '', name: 'Jumlah Ekuitas', amount: totalEquity }))
      const cols = [C.code, C.name, C.amount]
      return {
        ...base,
        period: { from: null, to: p.to },
        tables: [table(label('Aset', 'Assets'), cols, assets), table(label('Kewajiban', 'Liabilities'), cols, liabilities), table(label('Ekuitas', 'Equity'), cols, equity)],
        summary: [
          { label: label('Jumlah Aset', 'Total Assets'), value: totalAssets, kind: 'amount' },
          { label: label('Jumlah Kewajiban dan Ekuitas', 'Total Liabilities and Equity'), value: totalLiabilities + totalEquity, kind: 'amount' }
        ]
      }
    }

    case 'income-statement': {
      const t = totalsMap(await journal.sumLinesByAccount(db, groupId, range, 'close:'))
      const income: Row[] = ofType('income').map(a => ({ cells: { code: a.code, name: a.name, amount: -net(t, a.code) } }))
      const expenses: Row[] = ofType('expense').map(a => ({ cells: { code: a.code, name: a.name, amount: net(t, a.code) } }))
      const ti = sumRows(income, 'amount')
      const te = sumRows(expenses, 'amount')
      income.push(totalRow({ code: '', name: 'Jumlah Pendapatan', amount: ti }))
      expenses.push(totalRow({ code: '', name: 'Jumlah Beban', amount: te }))
      const cols = [C.code, C.name, C.amount]
      return {
        ...base,
        tables: [table(label('Pendapatan', 'Income'), cols, income), table(label('Beban', 'Expenses'), cols, expenses)],
        summary: [
          { label: label('Jumlah Pendapatan', 'Total Income'), value: ti, kind: 'amount' },
          { label: label('Jumlah Beban', 'Total Expenses'), value: te, kind: 'amount' },
          { label: label('Sisa Hasil Usaha (SHU)', 'Surplus (SHU)'), value: ti - te, kind: 'amount' }
        ]
      }
    }

    case 'cash-flow': {
      const isCash = (code: string): boolean => (CASH_ACCOUNTS as readonly string[]).includes(code)
      const typeOf = (code: string): AccountType | undefined => accounts.find(a => a.code === code)?.type
      const activity = (code: string): 'operating' | 'investing' | 'financing' => {
        const type = typeOf(code)
        if (type === 'income' || type === 'expense' || code.startsWith('12')) return 'operating'
        if (type === 'asset') return 'investing'
        return 'financing'
      }
      const flows = { operating: new Map<string, Rupiah>(), investing: new Map<string, Rupiah>(), financing: new Map<string, Rupiah>() }
      for (const e of await allEntries(range)) {
        if (!e.lines.some(l => isCash(l.account))) continue
        // Cash moves by the opposite of what the other lines move; each counter-line is the reason for its share.
        for (const l of e.lines) {
          if (isCash(l.account)) continue
          const m = flows[activity(l.account)]
          m.set(l.account, (m.get(l.account) ?? 0n) + l.credit - l.debit)
        }
      }
      const [opening, closing] = await Promise.all([before(), upTo()])
      const cashOf = (t: Totals): Rupiah => CASH_ACCOUNTS.reduce((s, c) => s + net(t, c), 0n)
      const cols = [C.code, C.name, C.amount]
      const labels = { operating: label('Arus Kas dari Kegiatan Operasi', 'Operating Activities'), investing: label('Arus Kas dari Kegiatan Investasi', 'Investing Activities'), financing: label('Arus Kas dari Kegiatan Pendanaan', 'Financing Activities') }
      let change = 0n
      const tables = (['operating', 'investing', 'financing'] as const).map(k => {
        const rows: Row[] = [...flows[k]].sort(([a], [b]) => a.localeCompare(b)).map(([code, amount]) => ({ cells: { code, name: name(code), amount } }))
        const sub = sumRows(rows, 'amount')
        change += sub
        rows.push(totalRow({ code: '', name: 'Kas bersih', amount: sub }))
        return table(labels[k], cols, rows)
      })
      const open = cashOf(opening)
      const close = cashOf(closing)
      if (open + change !== close) throw new DomainError('INTERNAL', `cash flow does not tie out: ${open} + ${change} ≠ ${close}`)
      return {
        ...base,
        tables,
        summary: [
          { label: label('Kas dan Bank awal periode', 'Opening cash and bank'), value: open, kind: 'amount' },
          { label: label('Kenaikan (penurunan) kas bersih', 'Net change in cash'), value: change, kind: 'amount' },
          { label: label('Kas dan Bank akhir periode (= Kas + Bank)', 'Closing cash and bank (= Kas + Bank)'), value: close, kind: 'amount' }
        ]
      }
    }

    case 'equity-changes': {
      const [opening, closing] = await Promise.all([before(), upTo()])
      const rows: Row[] = ofType('equity').map(a => {
        const o = -net(opening, a.code)
        const c = -net(closing, a.code)
        const mov = { debit: (closing.get(a.code)?.debit ?? 0n) - (opening.get(a.code)?.debit ?? 0n), credit: (closing.get(a.code)?.credit ?? 0n) - (opening.get(a.code)?.credit ?? 0n) }
        return { cells: { code: a.code, name: a.name, opening: o, increase: mov.credit, decrease: mov.debit, closing: c } }
      })
      const unclosed = (t: Totals): Rupiah => -[...ofType('income'), ...ofType('expense')].reduce((s, a) => s + net(t, a.code), 0n)
      const uo = unclosed(opening)
      const uc = unclosed(closing)
      rows.push({ cells: { code: '', name: 'SHU periode berjalan (belum ditutup)', opening: uo, increase: uc > uo ? uc - uo : 0n, decrease: uc < uo ? uo - uc : 0n, closing: uc } })
      rows.push(totalRow({ code: '', name: TOTAL.id, opening: sumRows(rows, 'opening'), increase: sumRows(rows, 'increase'), decrease: sumRows(rows, 'decrease'), closing: sumRows(rows, 'closing') }))
      return {
        ...base,
        tables: [table(null, [C.code, C.name, col('opening', 'Saldo Awal', 'Opening', 'amount'), col('increase', 'Penambahan', 'Increase', 'amount'), col('decrease', 'Pengurangan', 'Decrease', 'amount'), col('closing', 'Saldo Akhir', 'Closing', 'amount')], rows)],
        summary: []
      }
    }

    case 'cash-book':
    case 'general-ledger': {
      const codes = kind === 'cash-book' ? [p.account ?? '1101'] : p.account !== undefined ? [p.account] : accounts.map(a => a.code)
      const tables: Table[] = []
      const entries = kind === 'cash-book' ? new Map((await allEntries({ ...range, account: codes[0] ?? '1101' })).map(e => [e.id, e])) : new Map<string, PostedEntry>()
      for (const code of codes) {
        const l = await accountLedger(db, groupId, code, range)
        if (kind === 'general-ledger' && p.account === undefined && l.rows.length === 0 && l.opening === 0n) continue
        const rows: Row[] = [{ cells: { date: p.from, seq: null, description: 'Saldo awal', balance: l.opening } }]
        for (const r of l.rows) {
          const e = entries.get(r.entryId)
          const counter = e === undefined ? null : [...new Set(e.lines.filter(x => x.account !== code).map(x => x.account))].join(', ')
          rows.push(kind === 'cash-book'
            ? { cells: { date: r.date, seq: r.seq, description: r.description, counter, fund: r.fund, in: r.debit, out: r.credit, balance: r.balance } }
            : { cells: { date: r.date, seq: r.seq, description: r.description, debit: r.debit, credit: r.credit, balance: r.balance } })
        }
        const moved = kind === 'cash-book'
          ? { in: l.rows.reduce((s, r) => s + r.debit, 0n), out: l.rows.reduce((s, r) => s + r.credit, 0n) }
          : { debit: l.rows.reduce((s, r) => s + r.debit, 0n), credit: l.rows.reduce((s, r) => s + r.credit, 0n) }
        rows.push(totalRow({ date: p.to, seq: null, description: 'Saldo akhir', ...moved, balance: l.closing }))
        const columns = kind === 'cash-book'
          ? [C.date, C.seq, C.description, col('counter', 'Akun Lawan', 'Counter-account'), col('fund', 'Dana', 'Fund'), col('in', 'Masuk', 'In', 'amount'), col('out', 'Keluar', 'Out', 'amount'), C.balance]
          : [C.date, C.seq, C.description, C.debit, C.credit, C.balance]
        tables.push(table(label(`${code} ${l.account.name}`), columns, rows))
      }
      if (kind === 'cash-book') base.subject = label(`Akun ${codes[0] ?? '1101'} ${name(codes[0] ?? '1101')}`, `Account ${codes[0] ?? '1101'} ${name(codes[0] ?? '1101')}`)
      return { ...base, tables, summary: [] }
    }

    case 'general-journal': {
      const rows: Row[] = []
      for (const e of await allEntries(range)) {
        e.lines.forEach((l, i) => rows.push({ cells: { date: i === 0 ? e.date : null, seq: i === 0 ? e.seq : null, description: i === 0 ? e.description : null, code: l.account, name: name(l.account), debit: l.debit, credit: l.credit } }))
      }
      rows.push(totalRow({ name: TOTAL.id, debit: sumRows(rows, 'debit'), credit: sumRows(rows, 'credit') }))
      return { ...base, tables: [table(null, [C.date, C.seq, C.description, C.code, C.name, C.debit, C.credit], rows)], summary: [] }
    }

    case 'member-savings': {
      if (p.memberId !== undefined) {
        const book = await memberSavings(db, groupId, p.memberId, p.to)
        const rows: Row[] = book.rows.filter(r => p.from === null || r.date >= p.from).map(r => ({ cells: { date: r.date, seq: r.seq, description: r.description, kind: r.kind, deposit: r.deposit, withdrawal: r.withdrawal, balance: r.balance } }))
        return {
          ...base,
          subject: label(`Anggota: ${book.name}`, `Member: ${book.name}`),
          tables: [table(null, [C.date, C.seq, C.description, col('kind', 'Jenis', 'Kind'), col('deposit', 'Setoran', 'Deposit', 'amount'), col('withdrawal', 'Penarikan', 'Withdrawal', 'amount'), C.balance], rows)],
          summary: [
            { label: label('Simpanan Pokok', 'Principal savings (pokok)'), value: book.balances.pokok, kind: 'amount' },
            { label: label('Simpanan Wajib', 'Mandatory savings (wajib)'), value: book.balances.wajib, kind: 'amount' },
            { label: label('Simpanan Sukarela', 'Voluntary savings (sukarela)'), value: book.balances.sukarela, kind: 'amount' },
            { label: label('Jumlah Simpanan', 'Total savings'), value: book.balances.total, kind: 'amount' }
          ]
        }
      }
      const [members, balances] = await Promise.all([groups.listMembers(db, groupId), savingsByMember(db, groupId, p.to)])
      const rows: Row[] = members.map(m => {
        const b = balances.get(m.id) ?? { pokok: 0n, wajib: 0n, sukarela: 0n }
        return { cells: { member: m.name, householdNo: m.householdNo, pokok: b.pokok, wajib: b.wajib, sukarela: b.sukarela, total: b.pokok + b.wajib + b.sukarela } }
      })
      rows.push(totalRow({ member: TOTAL.id, pokok: sumRows(rows, 'pokok'), wajib: sumRows(rows, 'wajib'), sukarela: sumRows(rows, 'sukarela'), total: sumRows(rows, 'total') }))
      return {
        ...base,
        period: { from: null, to: p.to },
        tables: [table(null, [col('member', 'Anggota', 'Member'), col('householdNo', 'No. KK', 'Household'), col('pokok', 'Pokok', 'Pokok', 'amount'), col('wajib', 'Wajib', 'Wajib', 'amount'), col('sukarela', 'Sukarela', 'Sukarela', 'amount'), col('total', 'Jumlah', 'Total', 'amount')], rows)],
        summary: []
      }
    }

    case 'loan-card': {
      if (p.loanId === undefined) throw invalid('/query/loanId', 'is required for the loan card')
      const v: LoanView = await getLoan(db, groupId, p.loanId, p.to)
      const member = await groups.findMember(db, groupId, v.file.loan.memberId)
      let paidPrincipal = v.file.loan.principal
      const rows: Row[] = v.state.installments.map(i => {
        paidPrincipal -= i.paidPrincipal
        const lateDays = i.paidOn !== null ? Math.max(0, daysBetween(i.dueDate, i.paidOn)) : i.dueDate < p.to ? daysBetween(i.dueDate, p.to) : 0
        return { cells: { n: i.n, dueDate: i.dueDate, principal: i.principal, interest: i.interestCharged, total: i.principal + i.interestCharged, paidOn: i.paidOn, paidPrincipal: i.paidPrincipal, paidInterest: i.paidInterest, paidPenalty: i.paidPenalty, remaining: paidPrincipal, daysLate: lateDays } }
      })
      rows.push(totalRow({ n: null, dueDate: null, principal: sumRows(rows, 'principal'), interest: sumRows(rows, 'interest'), total: sumRows(rows, 'total'), paidPrincipal: sumRows(rows, 'paidPrincipal'), paidInterest: sumRows(rows, 'paidInterest'), paidPenalty: sumRows(rows, 'paidPenalty') }))
      const t = v.terms
      return {
        ...base,
        period: { from: v.file.loan.disbursedOn, to: p.to },
        subject: label(
          `${member?.name ?? v.file.loan.memberId} · pinjaman ${formatRupiah(v.file.loan.principal)} · ${v.file.loan.termCount} angsuran · ${t.method} ${t.ratePercent.replace('.', ',')} % per ${t.ratePer === 'month' ? 'bulan' : 'tahun'}`,
          `${member?.name ?? v.file.loan.memberId} · loan ${formatRupiah(v.file.loan.principal)} · ${v.file.loan.termCount} instalments · ${t.method} ${t.ratePercent} % per ${t.ratePer}`),
        tables: [table(null, [col('n', 'Ke', 'No.', 'integer'), col('dueDate', 'Jatuh Tempo', 'Due', 'date'), col('principal', 'Pokok', 'Principal', 'amount'), col('interest', 'Jasa', 'Interest', 'amount'), col('total', 'Angsuran', 'Instalment', 'amount'), col('paidOn', 'Tgl Bayar', 'Paid On', 'date'), col('paidPrincipal', 'Bayar Pokok', 'Paid Principal', 'amount'), col('paidInterest', 'Bayar Jasa', 'Paid Interest', 'amount'), col('paidPenalty', 'Denda', 'Penalty', 'amount'), col('remaining', 'Sisa Pokok', 'Principal Left', 'amount'), col('daysLate', 'Hari Terlambat', 'Days Late', 'integer')], rows)],
        summary: [
          { label: label('Status', 'Status'), value: STATUS[v.status], kind: 'text' },
          { label: label('Sisa pokok', 'Outstanding principal'), value: v.state.outstanding.principal, kind: 'amount' },
          { label: label('Tunggakan', 'Arrears'), value: v.state.arrears, kind: 'amount' },
          { label: label('Denda terutang', 'Penalty due'), value: v.state.outstanding.penalty, kind: 'amount' },
          { label: label('Kolektibilitas', 'Collectibility'), value: COLLECTIBILITY_LABEL[v.collectibility], kind: 'text' }
        ]
      }
    }

    case 'loan-portfolio': {
      const pf = await loanPortfolio(db, groupId, p.to)
      const rows: Row[] = pf.rows.map(r => ({ cells: { member: r.memberName, disbursedOn: r.loan.file.loan.disbursedOn, principal: r.loan.file.loan.principal, outstanding: r.loan.state.outstanding.principal, arrears: r.loan.state.arrears, daysPastDue: r.loan.state.daysPastDue, collectibility: COLLECTIBILITY_LABEL[r.loan.collectibility] } }))
      rows.push(totalRow({ member: TOTAL.id, principal: pf.totals.principal, outstanding: pf.totals.outstanding, arrears: pf.totals.arrears }))
      return {
        ...base,
        period: { from: null, to: p.to },
        tables: [table(null, [col('member', 'Anggota', 'Member'), col('disbursedOn', 'Tgl Cair', 'Disbursed', 'date'), col('principal', 'Pinjaman', 'Principal', 'amount'), col('outstanding', 'Sisa Pokok', 'Outstanding', 'amount'), col('arrears', 'Tunggakan', 'Arrears', 'amount'), col('daysPastDue', 'Hari Terlambat', 'Days Past Due', 'integer'), col('collectibility', 'Kolektibilitas', 'Collectibility')], rows)],
        summary: [
          { label: label('Lancar', 'Current (lancar)'), value: pf.totals.byCollectibility.lancar, kind: 'amount' },
          { label: label('Kurang Lancar', 'Substandard'), value: pf.totals.byCollectibility.kurang_lancar, kind: 'amount' },
          { label: label('Diragukan', 'Doubtful'), value: pf.totals.byCollectibility.diragukan, kind: 'amount' },
          { label: label('Macet', 'Loss'), value: pf.totals.byCollectibility.macet, kind: 'amount' },
          { label: label('PAR30', 'PAR30'), value: pf.par30, kind: 'percent' },
          { label: label('Pinjaman bermasalah', 'Non-performing'), value: pf.nonPerformingPercent, kind: 'percent' }
        ]
      }
    }

    case 'fund-usage': {
      const [funds, sums] = await Promise.all([groups.listFunds(db, groupId), journal.sumByFundAccount(db, groupId, p.to)])
      // Lines that name no fund get a table of their own, so the report accounts for every rupiah spent.
      const sources = [...funds.map(f => ({ id: f.id, title: label(`${f.name} (${f.source})`) })), { id: '', title: label('Tanpa tanda dana (simpanan, biaya umum)', 'Not tagged with a fund (savings, general costs)') }]
      const tables = sources.map(f => {
        const mine = sums.filter(s => s.fund === f.id)
        const byType = (type: AccountType): journal.AccountTotals[] => mine.filter(s => accounts.find(a => a.code === s.account)?.type === type)
        const received = [...byType('equity'), ...byType('liability')].reduce((s, x) => s + x.credit - x.debit, 0n)
        const earned = byType('income').reduce((s, x) => s + x.credit - x.debit, 0n)
        const rows: Row[] = [
          { cells: { item: f.id === '' ? 'Modal dan simpanan diterima' : 'Dana diterima', amount: received } },
          { cells: { item: f.id === '' ? 'Pendapatan' : 'Pendapatan jasa dan denda dari dana ini', amount: earned } }
        ]
        let spent = 0n
        for (const x of [...byType('expense'), ...byType('asset').filter(a => !(CASH_ACCOUNTS as readonly string[]).includes(a.account) && !a.account.startsWith('12'))]) {
          const amount = x.debit - x.credit
          if (amount === 0n) continue
          spent += amount
          rows.push({ cells: { item: `Digunakan: ${x.account} ${name(x.account)}`, amount: -amount }, indent: 1 })
        }
        const lent = mine.filter(x => x.account.startsWith('12')).reduce((s, x) => s + x.debit - x.credit, 0n)
        const cash = mine.filter(x => (CASH_ACCOUNTS as readonly string[]).includes(x.account)).reduce((s, x) => s + x.debit - x.credit, 0n)
        rows.push(totalRow({ item: 'Sisa dana', amount: received + earned - spent }))
        rows.push({ cells: { item: 'berupa: pinjaman anggota yang belum kembali', amount: lent }, indent: 1 })
        rows.push({ cells: { item: 'berupa: kas', amount: cash }, indent: 1 })
        return table(f.title, [col('item', 'Uraian', 'Item'), C.amount], rows)
      })
      return { ...base, tables, summary: [] }
    }

    case 'fund-growth': {
      const g = await fundGrowth(db, groupId, p.to)
      const rows: Row[] = [
        { cells: { item: 'Dana hibah / stimulan', amount: g.capital.grants } },
        { cells: { item: 'Donasi', amount: g.capital.donations } },
        { cells: { item: 'Simpanan pokok', amount: g.capital.savingsPokok } },
        { cells: { item: 'Simpanan wajib', amount: g.capital.savingsWajib } },
        totalRow({ item: 'Modal yang dihimpun', amount: g.capital.total }),
        { cells: { item: 'Pendapatan jasa pinjaman', amount: g.income.interest } },
        { cells: { item: 'Pendapatan denda', amount: g.income.penalty } },
        { cells: { item: 'Pendapatan lain-lain', amount: g.income.other } },
        { cells: { item: 'Beban', amount: -g.expenses } },
        totalRow({ item: 'Dana sekarang (aset − kewajiban)', amount: g.fund }),
        totalRow({ item: 'Perkembangan', amount: g.growth })
      ]
      return {
        ...base,
        period: { from: null, to: p.to },
        tables: [table(null, [col('item', 'Uraian', 'Item'), C.amount], rows)],
        summary: [{ label: label('Perkembangan dana', 'Fund growth'), value: g.growthPercent, kind: 'percent' }]
      }
    }

    case 'meetings': {
      const [ms, members] = await Promise.all([listMeetings(db, groupId, range), groups.listMembers(db, groupId)])
      const names = new Map(members.map(m => [m.id, m.name]))
      const rows: Row[] = ms.map(m => ({
        cells: {
          date: m.date,
          attendance: m.attendees.length,
          attendees: m.attendees.map(a => names.get(a) ?? a).join(', '),
          decisions: m.decisions.map(d => d.type === 'general' ? (d.body as { text: string }).text : d.type === 'shu-distribution' ? describeShu(d.body as ShuDecisionJson) : describeTerms(d.body as Record<string, unknown>)).join('; '),
          notes: m.notes
        }
      }))
      return { ...base, tables: [table(null, [C.date, col('attendance', 'Hadir', 'Present', 'integer'), col('attendees', 'Daftar Hadir', 'Attendees'), col('decisions', 'Keputusan', 'Decisions'), col('notes', 'Notulen', 'Minutes')], rows)], summary: [] }
    }

    case 'shu-distribution':
      return shuStatement(base, await shuReport(db, groupId, p.to), name)
  }
}

const BASIS_LABEL: Record<ShuBasis, Label> = {
  equal: label('Rata per anggota', 'Equal per member'),
  savings: label('Simpanan (jasa modal)', 'Savings (jasa modal)'),
  'interest-paid': label('Jasa pinjaman dibayar (jasa anggota)', 'Interest paid (jasa anggota)')
}
const SHU_REASON: Record<Exclude<ShuReport, { state: 'draft' | 'posted' }>['reason'], Label> = {
  PERIOD_NOT_CLOSED: label('Belum ada periode yang ditutup (tutup buku)', 'No period has been closed yet'),
  SHU_DECISION_MISSING: label('Belum dibagi: belum ada keputusan rapat tentang pembagian SHU', 'Not shared: no meeting has decided how to share the SHU'),
  SHU_NOT_POSITIVE: label('Tidak dibagi: periode ini tidak menghasilkan SHU', 'Not shared: the period made no profit'),
  SHU_BASIS_EMPTY: label('Belum dibagi: tidak ada anggota yang berhak atas salah satu bagian', 'Not shared: no member qualifies for one of the buckets')
}

function describeShu (d: ShuDecisionJson): string {
  return `Pembagian SHU: ${d.buckets.map(b => `${b.name} ${b.percent.replace('.', ',')} %`).join(', ')}`
}

/**
 * Laporan Pembagian SHU: the buckets of the period's SHU, and each member's bases, share of each member bucket, total
 * and what has been paid of it (every payout of the distribution up to the ledger head the statement names). Before
 * the distribution is posted it shows the draft under the latest decision, or why nothing is shared.
 */
function shuStatement (base: StatementHead, r: ShuReport, name: (code: string) => string): Statement {
  const cols = [col('bucket', 'Pos Pembagian', 'Bucket'), col('percent', 'Persentase', 'Percent', 'percent'), col('basis', 'Dasar Pembagian', 'Basis'), col('account', 'Akun', 'Account'), C.amount]
  if (r.state === 'none' || r.state === 'undecided') {
    return {
      ...base,
      period: { from: r.state === 'none' ? null : r.periodFrom, to: r.through ?? base.period.to },
      subject: SHU_REASON[r.reason],
      tables: [table(label('Pembagian SHU', 'SHU Buckets'), cols, [])],
      summary: r.shu === null ? [] : [{ label: label('SHU periode ini', 'SHU of the period'), value: r.shu, kind: 'amount' }]
    }
  }
  const view = r.state === 'posted' ? r.distribution : r.proposal
  const plan = view.plan
  const buckets: Row[] = plan.buckets.map(b => ({
    cells: { bucket: b.name, percent: b.percent, basis: b.basis === null ? null : BASIS_LABEL[b.basis].id, account: `${b.account} ${name(b.account)}`, amount: b.amount }
  }))
  buckets.push(totalRow({ bucket: TOTAL.id, percent: '100', amount: plan.shu }))
  const paid = new Map<string, bigint>()
  const paidTo = new Map<string, string>()
  for (const p of r.state === 'posted' ? r.payouts : []) {
    paid.set(p.memberId, (paid.get(p.memberId) ?? 0n) + p.amount)
    paidTo.set(p.memberId, p.paidTo === 'cash' ? 'Tunai' : 'Simpanan sukarela')
  }
  const shared = plan.buckets.flatMap((b, i) => b.basis === null ? [] : [{ b, i }])
  const members: Row[] = plan.members.map(m => ({
    cells: {
      member: m.name, householdNo: m.householdNo, savings: m.savings, interestPaid: m.interestPaid,
      ...Object.fromEntries(shared.map(({ i }) => [`b${i}`, m.shares[i] ?? 0n])),
      total: m.total, paid: paid.get(m.memberId) ?? 0n, paidTo: paidTo.get(m.memberId) ?? null, unpaid: m.total - (paid.get(m.memberId) ?? 0n)
    }
  }))
  const sumKeys = ['savings', 'interestPaid', ...shared.map(({ i }) => `b${i}`), 'total', 'paid', 'unpaid']
  members.push(totalRow({ member: TOTAL.id, ...Object.fromEntries(sumKeys.map(k => [k, sumRows(members, k)])) }))
  const toMembers = plan.members.reduce((s, m) => s + m.total, 0n)
  const paidTotal = [...paid.values()].reduce((s, x) => s + x, 0n)
  return {
    ...base,
    period: { from: view.periodFrom, to: view.through },
    subject: r.state === 'posted'
      ? label(`Keputusan rapat ${r.meetingDate} · diposting ${r.distribution.date}`, `Decided by the meeting of ${r.meetingDate} · posted ${r.distribution.date}`)
      : label(`Rancangan menurut keputusan rapat ${r.meetingDate} · belum diposting`, `Draft under the decision of the meeting of ${r.meetingDate} · not posted`),
    tables: [
      table(label('Pembagian SHU', 'SHU Buckets'), cols, buckets),
      table(label('SHU per Anggota', 'SHU per Member'), [
        col('member', 'Anggota', 'Member'), col('householdNo', 'No. KK', 'Household'),
        col('savings', 'Simpanan', 'Savings', 'amount'), col('interestPaid', 'Jasa Dibayar', 'Interest Paid', 'amount'),
        ...shared.map(({ b, i }) => col(`b${i}`, b.name, b.name, 'amount')),
        col('total', 'Jumlah SHU', 'Total Share', 'amount'), col('paid', 'Dibayar', 'Paid Out', 'amount'), col('paidTo', 'Dibayar ke', 'Paid To'),
        col('unpaid', 'Belum Dibayar', 'Unpaid', 'amount')
      ], members)
    ],
    summary: [
      { label: label('SHU periode ini', 'SHU of the period'), value: plan.shu, kind: 'amount' },
      { label: label('Bagian anggota (2103 Utang SHU Anggota)', 'Members\' shares (2103)'), value: toMembers, kind: 'amount' },
      { label: label('Bagian ke akun lain', 'To other accounts'), value: plan.shu - toMembers, kind: 'amount' },
      { label: label('Sudah dibayar', 'Paid out'), value: paidTotal, kind: 'amount' },
      { label: label('Belum dibayar', 'Not yet paid'), value: toMembers - paidTotal, kind: 'amount' }
    ]
  }
}

function describeTerms (t: Record<string, unknown>): string {
  const max = t.maxPrincipal === null ? '' : `, maks. ${formatRupiah(BigInt(String(t.maxPrincipal)))}`
  const term = t.maxTermCount === null ? '' : `, maks. ${String(t.maxTermCount)} angsuran`
  return `Ketentuan pinjaman: ${String(t.method)} ${String(t.ratePercent)} % per ${t.ratePer === 'month' ? 'bulan' : 'tahun'}${max}${term}`
}
