import type { PaidTo } from '../../books/types.js'
import type { ShuBasis } from '../../shu/distribution.js'
import { shuReport, type ShuReport } from '../../shu/report.js'
import { accountName, C, col, sumRows, table, TOTAL, totalRow, type Builder } from '../common.js'
import { label, type Label, type Row } from '../model.js'

const BASIS_LABEL: Record<ShuBasis, Label> = {
  equal: label('Rata per anggota', 'Equal per member'),
  savings: label('Simpanan (jasa modal)', 'Savings (jasa modal)'),
  'interest-paid': label('Jasa pinjaman dibayar (jasa anggota)', 'Interest paid (jasa anggota)')
}
const PAID_TO: Record<PaidTo, Label> = { cash: label('Tunai', 'Cash'), sukarela: label('Simpanan sukarela', 'Voluntary savings') }
const SHU_REASON: Record<Exclude<ShuReport, { state: 'draft' | 'posted' }>['reason'], Label> = {
  PERIOD_NOT_CLOSED: label('Belum ada periode yang ditutup (tutup buku)', 'No period has been closed yet'),
  SHU_DECISION_MISSING: label('Belum dibagi: belum ada keputusan rapat tentang pembagian SHU', 'Not shared: no meeting has decided how to share the SHU'),
  SHU_NOT_POSITIVE: label('Tidak dibagi: periode ini tidak menghasilkan SHU', 'Not shared: the period made no profit'),
  SHU_BASIS_EMPTY: label('Belum dibagi: tidak ada anggota yang berhak atas salah satu bagian', 'Not shared: no member qualifies for one of the buckets')
}

/**
 * Laporan Pembagian SHU: the buckets of the latest closed period's SHU, and each member's bases, share of each member
 * bucket, total and what has been paid of it (every payout of the distribution in the books). Before the distribution
 * is posted it shows the draft under the latest decision, or why nothing is shared.
 */
export const shuDistributionStatement: Builder = (books, p, base) => {
  const r = shuReport(books, p.to)
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
    cells: { bucket: b.name, percent: b.percent, basis: b.basis === null ? null : BASIS_LABEL[b.basis], account: `${b.account} ${accountName(books, b.account)}`, amount: b.amount }
  }))
  buckets.push(totalRow({ bucket: TOTAL, percent: '100', amount: plan.shu }))
  const paid = new Map<string, bigint>()
  const paidTo = new Map<string, Label>()
  for (const x of r.state === 'posted' ? r.payouts : []) {
    paid.set(x.memberId, (paid.get(x.memberId) ?? 0n) + x.amount)
    paidTo.set(x.memberId, PAID_TO[x.paidTo])
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
  members.push(totalRow({ member: TOTAL, ...Object.fromEntries(sumKeys.map(k => [k, sumRows(members, k)])) }))
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
