import type { Lang, Printable } from '../domain/statements/model.js'
import { renderCsv } from './csv.js'

/** The forms a statement or a table is sent in: JSON (src/render/json.ts) and the files people open. */
export const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const
export type Format = typeof FORMATS[number]

export const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf'
}

/** A printable table as a CSV, XLSX or PDF file, in one language; the PDF's footer gives the time it was printed. */
export async function renderFile (p: Printable, format: Exclude<Format, 'json'>, lang: Lang, printedAt: Date, timeZone: string, signers?: readonly string[]): Promise<Buffer> {
  switch (format) {
    case 'csv': return renderCsv(p, lang)
    // PDFKit and ExcelJS are loaded on the first such request: a server that never prints one never holds them (~50 MB).
    case 'xlsx': return await (await import('./xlsx.js')).renderXlsx(p, lang)
    case 'pdf': return await (await import('./pdf.js')).renderPdf(p, lang, printedAt, { timeZone, ...(signers === undefined ? {} : { signers }) })
  }
}
