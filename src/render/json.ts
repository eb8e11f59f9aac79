import type { SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import { shown, type ColumnKind, type Lang, type ShownCell, type Statement, type StatementKind } from '../domain/statements/model.js'

type JsonCell = string | number | null
/** A row: its cells by column key, and `emphasis` and `indent` beside them (so no column is keyed by either name). */
interface JsonRow { [key: string]: JsonCell | true | undefined, emphasis?: true, indent?: number }

/** A statement as its JSON carries it, in one language: what GET …/statements/{kind} answers (schema `Statement`). */
export interface StatementDoc {
  kind: StatementKind
  title: string
  group: { id: string, name: string, village: string | null }
  period: { from: string | null, to: string }
  ledgerHead: { seq: number, hash: string, at: string | null }
  subject: string | null
  tables: Array<{ title: string | null, columns: Array<{ key: string, label: string, kind: ColumnKind }>, rows: JsonRow[] }>
  summary: Array<{ label: string, value: JsonCell, kind: ColumnKind }>
  checkpoint?: SignedCheckpoint
}

/** Amounts travel as strings of digits (never a float); integers as numbers; everything else as it is. */
export function jsonCell (cell: ShownCell, kind: ColumnKind): JsonCell {
  if (cell === null) return null
  if (typeof cell === 'bigint') return kind === 'integer' && Number.isSafeInteger(Number(cell)) ? Number(cell) : cell.toString()
  if (typeof cell === 'number') return kind === 'amount' ? String(cell) : cell
  return cell
}

/**
 * The statement as JSON in one language. Deterministic: keys in a fixed order, rows keyed by the table's columns in
 * column order (a missing cell is null), no clock in it, so the same ledger state gives the same bytes.
 * `emphasis` and `indent` sit next to the cells, so a column must not be keyed by either name.
 */
export function renderJson (s: Statement, lang: Lang): string {
  return `${JSON.stringify(statementDoc(s, lang), null, 2)}\n`
}

export function statementDoc (s: Statement, lang: Lang): StatementDoc {
  return {
    kind: s.kind,
    title: s.title[lang],
    group: { id: s.group.id, name: s.group.name, village: s.group.village },
    period: { from: s.period.from, to: s.period.to },
    ledgerHead: { seq: s.ledgerHead.seq, hash: s.ledgerHead.hash, at: s.ledgerHead.at },
    subject: s.subject === null ? null : s.subject[lang],
    tables: s.tables.map(t => ({
      title: t.title === null ? null : t.title[lang],
      columns: t.columns.map(c => ({ key: c.key, label: c.label[lang], kind: c.kind })),
      rows: t.rows.map(r => {
        const row: JsonRow = {}
        for (const c of t.columns) row[c.key] = jsonCell(shown(r.cells[c.key], lang), c.kind)
        if (r.emphasis === true) row.emphasis = true
        if (r.indent !== undefined && r.indent > 0) row.indent = r.indent
        return row
      })
    })),
    summary: s.summary.map(x => ({ label: x.label[lang], value: jsonCell(shown(x.value, lang), x.kind), kind: x.kind })),
    ...(s.checkpoint === undefined ? {} : { checkpoint: s.checkpoint })
  }
}
