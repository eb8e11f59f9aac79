import { Type, type Static } from 'typebox'
import { STATEMENT_KINDS } from '../../domain/statements/model.js'
import type { StatementDoc } from '../../render/json.js'
import { IsoDate, StringEnum, Timestamp } from './common.js'
import { CheckpointRef } from './integrity.js'

const COLUMN_KINDS = ['text', 'date', 'amount', 'integer', 'percent'] as const
const ColumnKind = StringEnum(COLUMN_KINDS, {
  description: 'How the column\'s values read: amount = whole rupiah as a string of digits (a minus sign when negative), integer = a JSON number, percent = a decimal string such as "5.60", date = YYYY-MM-DD, text = text in the chosen language.'
})

/** A cell as JSON: text, digits or a date as a string, an integer as a number, or null when empty. */
const CellValue = Type.Union([Type.String(), Type.Integer(), Type.Null()])

const Column = Type.Object({
  key: Type.String({ description: 'The key of this column\'s cell in every row.' }),
  label: Type.String({ description: 'The column heading in the chosen language.' }),
  kind: ColumnKind
}, { additionalProperties: false })

const StatementRow = Type.Object({
  emphasis: Type.Optional(Type.Literal(true, { description: 'A subtotal or total row (bold in PDF and XLSX).' })),
  indent: Type.Optional(Type.Integer({ minimum: 1, description: 'Nesting level; absent at the top level.' }))
}, {
  additionalProperties: CellValue,
  description: 'One cell per column, keyed by the column\'s key, in column order; a missing cell is null.'
})

const StatementTable = Type.Object({
  title: Type.Union([Type.String(), Type.Null()], { description: 'A heading above the table, such as "Aset", or null.' }),
  columns: Type.Array(Column),
  rows: Type.Array(StatementRow)
}, { additionalProperties: false })

/**
 * The JSON form of every statement kind (`?format=json`, the default): the same figures the CSV, XLSX and PDF show.
 * src/render/json.ts writes it, and the type check below fails if the two part.
 */
export const StatementJson = Type.Object({
  kind: StringEnum(STATEMENT_KINDS),
  title: Type.String({ description: 'The statement\'s title in the chosen language, e.g. "Neraca Saldo".' }),
  group: Type.Object({
    id: Type.String(),
    name: Type.String(),
    village: Type.Union([Type.String(), Type.Null()])
  }, { additionalProperties: false }),
  period: Type.Object({
    from: Type.Union([IsoDate, Type.Null()], { description: 'The first day covered, or null: from the beginning (a statement as of `to`).' }),
    to: IsoDate
  }, { additionalProperties: false }),
  ledgerHead: Type.Object({
    seq: Type.Integer({ minimum: 0, description: 'The last journal entry the figures include (0 before the first).' }),
    hash: Type.String({ description: 'Its hash: the same as the chain head GET …/verify reports for that entry.' }),
    at: Type.Union([Timestamp, Type.Null()], { description: 'When it was posted, or null before the first entry.' })
  }, { additionalProperties: false }),
  subject: Type.Union([Type.String(), Type.Null()], { description: 'A line under the title naming the member, the loan or the account, or null.' }),
  tables: Type.Array(StatementTable),
  summary: Type.Array(Type.Object({
    label: Type.String(),
    value: CellValue,
    kind: ColumnKind
  }, { additionalProperties: false }), { description: 'Key figures under the tables, such as "Total Aset".' }),
  checkpoint: Type.Optional(CheckpointRef)
}, {
  $id: 'Statement',
  additionalProperties: false,
  description: 'A statement as JSON. Deterministic: the same ledger state and parameters give the same bytes (no clock in it). `checkpoint` is the signed checkpoint of the books the figures come from.'
})
export type StatementJson = Static<typeof StatementJson>

/** What the renderer writes is what the document describes: a compile error here when either changes alone. */
const written: (doc: StatementDoc) => StatementJson = doc => doc
void written
