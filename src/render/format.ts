import type { ColumnKind, Lang, ShownCell, StatementHead } from '../domain/statements/model.js'

/**
 * How people read figures on paper: `Rp 2.500.000` (id-ID groups thousands with `.`), dates as `31 Januari 2025`,
 * percents as `5,60 %`. Pure, and independent of the machine's locale data (no Intl), so every server prints the same.
 */

import { formatNumber, formatRupiah } from '../domain/money.js'
import { formatDate, formatMonth } from '../domain/dates.js'

export { formatDate, formatMonth, formatNumber, formatRupiah }

/** A percent string as computed by the services (`"5.60"`, `"-9.25"`) → `5,60 %` (id) or `5.60 %` (en). */
export function formatPercent (percent: string, lang: Lang): string {
  return `${lang === 'id' ? percent.replace('.', ',') : percent} %`
}

/** `Periode 1 Januari 2005 s.d. 31 Desember 2005`, or `Per 31 Desember 2005` for a statement as of a date. */
export function periodText (period: StatementHead['period'], lang: Lang): string {
  const to = formatDate(period.to, lang)
  if (period.from === null) return lang === 'id' ? `Per ${to}` : `As of ${to}`
  const from = formatDate(period.from, lang)
  return lang === 'id' ? `Periode ${from} s.d. ${to}` : `Period ${from} to ${to}`
}

/** A cell as shown in a printed table or a spreadsheet's text: amounts `Rp 2.500.000`, dates spelled out, empty → ''. */
export function cellText (cell: ShownCell, kind: ColumnKind, lang: Lang): string {
  if (cell === null) return ''
  switch (kind) {
    case 'amount':
      // A printed column of "Rp 0" hides the figures that matter; accountants print a dash for nothing.
      if (cell === 0n || cell === 0) return '–'
      if (typeof cell === 'bigint') return formatRupiah(cell)
      return typeof cell === 'number' && Number.isInteger(cell) ? formatRupiah(BigInt(cell)) : String(cell)
    case 'date':
      return typeof cell === 'string' ? formatDate(cell, lang) : String(cell)
    case 'percent':
      return formatPercent(String(cell), lang)
    case 'integer':
    case 'text':
      return String(cell)
  }
}

/** The first 16 hex digits of a ledger hash, enough to compare a printout with the ledger by eye. */
export function shortHash (hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash
}

/**
 * `Buku besar seq 42 · sha256 3f2a… · kunci 3f2a 9c01 77be 0d42`: the ledger state a statement was computed from, and
 * the fingerprint of the key that signed its checkpoint (when signed).
 */
export function ledgerHeadText (head: StatementHead['ledgerHead'], lang: Lang, full = false, signedBy: string | null = null): string {
  const hash = full ? head.hash : shortHash(head.hash)
  const key = signedBy === null ? '' : ` · ${lang === 'id' ? 'kunci' : 'key'} ${signedBy}`
  return `${lang === 'id' ? 'Buku besar' : 'Ledger'} seq ${head.seq} · sha256 ${hash}${key}`
}
