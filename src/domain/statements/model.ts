import type { IsoDate } from '../dates.js'
import type { SignedCheckpoint } from '../ledger/checkpoint.js'

/**
 * A statement as data: what every format (JSON, CSV, XLSX, PDF) renders, so the figures are computed once and every
 * format shows the same ones. Labels come in Bahasa Indonesia (the default) and English.
 */
export type Lang = 'id' | 'en'
export interface Label { id: string, en: string }

export const STATEMENT_KINDS = [
  'trial-balance', 'balance-sheet', 'income-statement', 'cash-flow', 'equity-changes', 'cash-book', 'general-journal',
  'general-ledger', 'member-savings', 'loan-card', 'loan-portfolio', 'fund-usage', 'fund-growth', 'meetings', 'shu-distribution', 'arisan'
] as const
export type StatementKind = typeof STATEMENT_KINDS[number]

/** How a column's values are shown: amounts are whole rupiah (bigint), `Rp 2.500.000` in PDF, plain digits in CSV. */
export type ColumnKind = 'text' | 'date' | 'amount' | 'integer' | 'percent'

/** A table's column; `K` is its key, so a row can be typed by the keys of its table's columns. */
export interface Column<K extends string = string> {
  key: K
  label: Label
  kind: ColumnKind
}

/** The keys of a list of columns: `KeyOf<typeof columns>`. */
export type KeyOf<T extends ReadonlyArray<Column<string>>> = T[number]['key']
/** The rows of a table with these columns: `const rows: RowsOf<typeof COLUMNS> = …`. */
export type RowsOf<T extends ReadonlyArray<Column<string>>> = Array<Row<KeyOf<T>>>

/**
 * A cell: text, fixed text in both languages (a Label, e.g. "Jumlah" / "Total"; what users typed, such as account,
 * member and fund names, stays a plain string), a date (YYYY-MM-DD), an amount (bigint rupiah, may be negative), an
 * integer, a percent string ("5.60"), or empty.
 */
export type Cell = string | Label | bigint | number | null
/** A cell as one language shows it: a Label has become its text. */
export type ShownCell = Exclude<Cell, Label>

/** The one place a cell meets the statement's language: every renderer and the offline verifier read cells through it. */
export function shown (cell: Cell | undefined, lang: Lang): ShownCell {
  if (cell === undefined || cell === null) return null
  return typeof cell === 'object' ? cell[lang] : cell
}

/** A row's cells by column key; a missing cell is empty. */
export type Cells<K extends string = string> = { [P in K]?: Cell }

export interface Row<K extends string = string> {
  cells: Cells<K>
  /** A subtotal or total row: shown bold. */
  emphasis?: boolean
  /** Indentation level for nested rows (0 = none). */
  indent?: number
}

export interface Table {
  /** A heading above the table (e.g. "Aset", "Kewajiban"), or none. */
  title: Label | null
  columns: Column[]
  rows: Row[]
}

export interface StatementHead {
  kind: StatementKind
  title: Label
  group: { id: string, name: string, village: string | null }
  /** The period covered: `from` null means from the beginning (a statement "as of" `to`). */
  period: { from: IsoDate | null, to: IsoDate }
  /** The ledger state the figures come from: the last entry's seq and hash, and when it was posted. */
  ledgerHead: { seq: number, hash: string, at: string | null }
  /** A subject line under the title, e.g. the member or the loan. */
  subject: Label | null
  /**
   * The signed checkpoint of the books the figures come from, when the service signed it (the pure builders leave it
   * out): the JSON carries it, the PDF prints its key's fingerprint and carries it in its document information.
   */
  checkpoint?: SignedCheckpoint
}

export interface Statement extends StatementHead {
  tables: Table[]
  /** Key figures shown under the tables (e.g. "Total Aset"), label → amount or text. */
  summary: Array<{ label: Label, value: Cell, kind: ColumnKind }>
}

/** What the CSV, XLSX and PDF renderers print: a statement, or a table of the same shape that is no group's statement (a roll-up). */
export type Printable = Omit<Statement, 'kind'>

export function label (id: string, en: string = id): Label {
  return { id, en }
}
