/** The five kinds of account of a double-entry chart. */
export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense'
export const ACCOUNT_TYPES: readonly AccountType[] = ['asset', 'liability', 'equity', 'income', 'expense']

/** The side on which an account's balance normally stands. */
export type NormalBalance = 'debit' | 'credit'

export interface AccountDef {
  code: string
  name: string
  type: AccountType
  normalBalance: NormalBalance
}

export function defaultNormalBalance (type: AccountType): NormalBalance {
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit'
}

/** Kas and Bank: the cash box and the bank account, which can never go below zero. */
export const CASH_ACCOUNTS = ['1101', '1102'] as const
export const ACCOUNT = {
  kas: '1101',
  bank: '1102',
  piutangPinjaman: '1201',
  piutangJasaDenda: '1202',
  penyisihan: '1209',
  asetTetap: '1301',
  simpananSukarela: '2101',
  utangShu: '2103',
  simpananPokok: '3101',
  simpananWajib: '3102',
  danaHibah: '3201',
  donasi: '3202',
  cadangan: '3301',
  shuBerjalan: '3401',
  pendapatanJasa: '4101',
  pendapatanDenda: '4102',
  pendapatanLain: '4103',
  bebanKonsumsi: '5101',
  bebanAdministrasi: '5102',
  bebanPenghapusan: '5103',
  bebanSosial: '5201'
} as const

const chart: Array<[string, string, AccountType, NormalBalance?]> = [
  ['1101', 'Kas', 'asset'],
  ['1102', 'Bank', 'asset'],
  ['1201', 'Piutang Pinjaman Anggota', 'asset'],
  ['1202', 'Piutang Jasa dan Denda', 'asset'],
  ['1209', 'Penyisihan Piutang Tak Tertagih', 'asset', 'credit'],
  ['1301', 'Aset Tetap', 'asset'],
  ['2101', 'Simpanan Sukarela', 'liability'],
  ['2103', 'Utang SHU Anggota', 'liability'],
  ['3101', 'Simpanan Pokok', 'equity'],
  ['3102', 'Simpanan Wajib', 'equity'],
  ['3201', 'Dana Hibah / Dana Stimulan', 'equity'],
  ['3202', 'Donasi', 'equity'],
  ['3301', 'Cadangan', 'equity'],
  ['3401', 'SHU Tahun Berjalan', 'equity'],
  ['4101', 'Pendapatan Jasa Pinjaman', 'income'],
  ['4102', 'Pendapatan Denda', 'income'],
  ['4103', 'Pendapatan Usaha / Lain-lain', 'income'],
  ['5101', 'Beban Konsumsi Rapat', 'expense'],
  ['5102', 'Beban Administrasi dan ATK', 'expense'],
  ['5103', 'Beban Penghapusan Pinjaman', 'expense'],
  ['5201', 'Beban Bantuan Sosial', 'expense']
]

/**
 * Titipan Arisan: what the arisan holders have paid into a round not yet taken. A liability (the money is theirs, never
 * the group's income); added to a group's chart with its first arisan.
 */
export const TITIPAN_ARISAN: AccountDef = { code: '2150', name: 'Titipan Arisan', type: 'liability', normalBalance: 'credit' }

/** The default chart of accounts (bagan akun) every new group starts with. */
export const DEFAULT_CHART: readonly AccountDef[] = chart.map(([code, name, type, normal]) =>
  ({ code, name, type, normalBalance: normal ?? defaultNormalBalance(type) }))

/** An account's balance, signed so that a positive figure stands on its normal side. */
export function naturalBalance (normal: NormalBalance, debit: bigint, credit: bigint): bigint {
  return normal === 'debit' ? debit - credit : credit - debit
}
