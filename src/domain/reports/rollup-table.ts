import { createHash } from 'node:crypto'
import { col } from '../statements/common.js'
import { label, type Printable, type Row } from '../statements/model.js'
import type { GroupRow, Rollup } from './rollup.js'

/**
 * A roll-up as a printable table (CSV, XLSX, PDF): one row per group and the total. Its "ledger head" names the state
 * of every group's books it was computed from: the entries counted, and the SHA-256 of each group's id, last seq and
 * hash, one per line in the order of the rows (the JSON lists them), so anyone can tie the file to the groups' books.
 */

const COLUMNS = [
  col('name', 'Kelompok', 'Group'),
  col('kind', 'Program', 'Programme'),
  col('district', 'Kecamatan', 'District'),
  col('members', 'Anggota', 'Members', 'integer'),
  col('women', 'Perempuan', 'Women', 'integer'),
  col('savings', 'Simpanan', 'Savings', 'amount'),
  col('outstanding', 'Pinjaman beredar', 'Loans outstanding', 'amount'),
  col('disbursed', 'Pinjaman disalurkan', 'Loans disbursed', 'amount'),
  col('par30', 'PAR30 %', 'PAR30 %', 'percent'),
  col('fund', 'Dana kelompok', 'Group fund', 'amount'),
  col('growth', 'Pertumbuhan %', 'Growth %', 'percent'),
  col('lastMeeting', 'Rapat terakhir', 'Last meeting', 'date'),
  col('inactive', 'Tidak aktif 60 hari', 'Inactive 60 days')
]

const KIND: Record<string, string> = { p2wkss: 'P2WKSS', pkk: 'PKK', kube: 'KUBE', karang_taruna: 'Karang Taruna', bumdes: 'BUMDes', other: 'Lainnya' }
const yes = label('ya', 'yes')

export function headsDigest (groups: ReadonlyArray<Pick<GroupRow, 'groupId' | 'head'>>): string {
  return createHash('sha256').update(groups.map(g => `${g.groupId} ${g.head.seq} ${g.head.hash}\n`).join(''), 'utf8').digest('hex')
}

export function rollupTable (r: Omit<Rollup, 'groups'> & { groups: Array<GroupRow & { place: { district: string | null } }> }, scope: { name: string, village: string | null }): Printable {
  const rows: Row[] = r.groups.map(g => ({
    cells: {
      name: g.name, kind: KIND[g.kind] ?? g.kind, district: g.place.district, members: g.members, women: g.women, savings: g.savings.total, outstanding: g.loans.outstanding,
      disbursed: g.loans.disbursed, par30: g.par30, fund: g.fund.fund, growth: g.fundGrowthPercent, lastMeeting: g.lastMeeting, inactive: g.inactive ? yes : null
    }
  }))
  const t = r.totals
  rows.push({
    emphasis: true,
    cells: {
      name: label(`Jumlah (${t.groups} kelompok)`, `Total (${t.groups} groups)`), members: t.members, women: t.women, savings: t.savings.total, outstanding: t.loans.outstanding,
      disbursed: t.loans.disbursed, par30: t.par30, fund: t.fund.fund, growth: t.fundGrowthPercent, inactive: t.inactive === 0 ? null : label(`${t.inactive} kelompok`, `${t.inactive} groups`)
    }
  })
  return {
    title: label('Rekap Kelompok', 'Groups Roll-up'),
    group: { id: 'rollup', name: scope.name, village: scope.village },
    period: { from: r.from, to: r.asOf },
    ledgerHead: { seq: r.groups.reduce((s, g) => s + g.head.seq, 0), hash: headsDigest(r.groups), at: null },
    subject: null,
    tables: [{ title: null, columns: COLUMNS, rows }],
    summary: [
      { label: label('Anggota yang jenis kelaminnya belum dicatat', 'Members whose sex is not recorded'), value: t.sexNotRecorded, kind: 'integer' },
      { label: label('Simpanan pokok', 'Savings: pokok'), value: t.savings.pokok, kind: 'amount' },
      { label: label('Simpanan wajib', 'Savings: wajib'), value: t.savings.wajib, kind: 'amount' },
      { label: label('Simpanan sukarela', 'Savings: sukarela'), value: t.savings.sukarela, kind: 'amount' },
      { label: label('Hibah diterima', 'Grants received'), value: t.fund.grants, kind: 'amount' },
      { label: label('Hibah digunakan (dibelanjakan dan dipinjamkan)', 'Grants used (spent and lent)'), value: t.fund.grantsUsed, kind: 'amount' },
      { label: label('SHU dibagi dalam periode', 'SHU distributed in the period'), value: t.shu, kind: 'amount' },
      { label: label('Kehadiran rapat %', 'Meeting attendance %'), value: t.attendancePercent, kind: 'percent' },
      { label: label('Imbal hasil simpanan %', 'Return on savings %'), value: t.returnOnSavings, kind: 'percent' },
      { label: label('Pemakaian dana pinjaman %', 'Loan fund utilisation %'), value: t.loanFundUtilisation, kind: 'percent' },
      { label: label('Rata-rata simpanan per anggota', 'Average savings per member'), value: t.averageSavingsPerMember, kind: 'amount' }
    ]
  }
}
