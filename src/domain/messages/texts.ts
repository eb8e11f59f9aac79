import { formatDate, type IsoDate } from '../dates.js'
import { formatNumber, formatRupiah, type Rupiah } from '../money.js'

/**
 * The short Indonesian texts that reach a member's phone (and a pengurus's, for alerts), each ending with what she can
 * check. Pure: the services gather the facts, these words say them, the same on every server.
 */

export type SavingsKind = 'pokok' | 'wajib' | 'sukarela'

/** What one posting did for one member, as her receipt says it. */
export type ReceiptFact =
  | { kind: 'deposit', savings: SavingsKind, amount: Rupiah }
  | { kind: 'withdrawal', savings: SavingsKind, amount: Rupiah }
  | { kind: 'disbursement', amount: Rupiah, termCount: number }
  | { kind: 'repayment', amount: Rupiah, principal: Rupiah, interest: Rupiah, penalty: Rupiah, principalLeft: Rupiah }
  | { kind: 'shu', amount: Rupiah }
  | { kind: 'correction', amount: Rupiah, what: string }
  /** An entry typed by hand that names her (a fine, a transfer): its description. */
  | { kind: 'entry', amount: Rupiah, what: string }

const rp = formatRupiah
const tgl = (d: IsoDate): string => formatDate(d, 'id')

function receiptBody (date: IsoDate, f: ReceiptFact): string {
  switch (f.kind) {
    case 'deposit': return `setoran simpanan ${f.savings} ${rp(f.amount)} diterima ${tgl(date)}`
    case 'withdrawal': return `penarikan simpanan ${f.savings} ${rp(f.amount)} dibayarkan ${tgl(date)}`
    case 'disbursement': return `pinjaman ${rp(f.amount)} dicairkan ${tgl(date)}, ${f.termCount} kali angsuran`
    case 'repayment': {
      const split = [`pokok ${formatNumber(f.principal)}`, `jasa ${formatNumber(f.interest)}`, ...(f.penalty > 0n ? [`denda ${formatNumber(f.penalty)}`] : [])]
      const left = f.principalLeft > 0n ? `Sisa pinjaman ${rp(f.principalLeft)}` : 'Pinjaman lunas'
      return `angsuran ${rp(f.amount)} diterima ${tgl(date)} (${split.join(', ')}). ${left}`
    }
    case 'shu': return `bagian SHU ${rp(f.amount)} dibayarkan ${tgl(date)}`
    case 'correction': return `koreksi ${tgl(date)}: ${f.what} (${rp(f.amount)}) dibatalkan`
    case 'entry': return `dicatat ${tgl(date)}: ${f.what} (${rp(f.amount)})`
  }
}

/** "P2WKSS Sedana Mertha: angsuran Rp 108.500 diterima 1 Maret 2025 (pokok 93.500, jasa 15.000). Sisa pinjaman Rp 406.000. Cek: <link>" */
export function receiptText (group: string, date: IsoDate, fact: ReceiptFact, link: string): string {
  return `${group}: ${receiptBody(date, fact)}. Cek: ${link}`
}

/** A receipt as it leaves for a member with a sign-in of her own: its one-time link to her Buku saya added (src/services/receipt-sign-in.ts). */
export function withBookLink (text: string, link: string | null): string {
  return link === null ? text : `${text} Buku saya (sekali pakai, 7 hari): ${link}`
}

/** A reminder's kind: three days before an instalment falls due, on the day, and after it (1, 7 and 30 days late). */
export type ReminderKind = 'h-3' | 'h-0' | 'overdue'

export interface ReminderFact { kind: ReminderKind, n: number, dueDate: IsoDate, amount: Rupiah, penalty: Rupiah, daysLate: number }

/** "…: pengingat angsuran ke-3 Rp 108.500 jatuh tempo 4 Maret 2025 (3 hari lagi)." and its on-the-day and late forms. */
export function reminderText (group: string, r: ReminderFact): string {
  const denda = r.penalty > 0n ? `, termasuk denda ${rp(r.penalty)}` : ''
  switch (r.kind) {
    case 'h-3': return `${group}: pengingat angsuran ke-${r.n} jatuh tempo ${tgl(r.dueDate)} (3 hari lagi). Yang dibayar ${rp(r.amount)}${denda}.`
    case 'h-0': return `${group}: angsuran ke-${r.n} jatuh tempo hari ini, ${tgl(r.dueDate)}. Yang dibayar ${rp(r.amount)}${denda}.`
    case 'overdue': return `${group}: angsuran ke-${r.n} lewat jatuh tempo ${r.daysLate} hari (${tgl(r.dueDate)}). Yang harus dibayar ${rp(r.amount)}${denda}.`
  }
}

/** An alert to the pengurus when a monitor crosses its threshold. */
export function alertText (group: string, date: IsoDate, a: { kind: 'kas_below', value: Rupiah, threshold: Rupiah } | { kind: 'arrears_above', member: string, value: Rupiah, threshold: Rupiah }): string {
  if (a.kind === 'kas_below') return `${group}: saldo Kas ${rp(a.value)}, di bawah batas ${rp(a.threshold)} (${tgl(date)}).`
  return `${group}: tunggakan ${a.member} ${rp(a.value)}, di atas batas ${rp(a.threshold)} (${tgl(date)}).`
}
