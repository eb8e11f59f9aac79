/**
 * Reads RFC 4180 CSV: fields separated by commas, records by CRLF (a bare LF is read as one too), a field in double
 * quotes may hold commas, line breaks and doubled quotes. A leading UTF-8 byte order mark is dropped. Throws an Error
 * on a quote in the middle of an unquoted field or an unclosed quote.
 */
export function parseCsv (text: string): string[][] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  /** Whether the current record has begun: a last record of one empty quoted field still counts. */
  let started = false
  let i = 0
  let line = 1
  const endField = (): void => { record.push(field); field = '' }
  const endRecord = (): void => { endField(); records.push(record); record = []; started = false }
  while (i < s.length) {
    const c = s[i]
    started = true
    if (c === '"' && field === '') {
      // A quoted field: runs to the closing quote, which must end the field.
      i++
      for (;;) {
        if (i >= s.length) throw new Error(`line ${line}: a quoted field is not closed`)
        const q = s[i]
        if (q === '"') {
          if (s[i + 1] === '"') { field += '"'; i += 2; continue }
          i++
          break
        }
        if (q === '\n') line++
        field += q
        i++
      }
      const next = s[i]
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw new Error(`line ${line}: text after a closing quote`)
      continue
    }
    if (c === ',') { endField(); i++; continue }
    if (c === '\r' && s[i + 1] === '\n') { endRecord(); i += 2; line++; continue }
    if (c === '\n') { endRecord(); i++; line++; continue }
    if (c === '"') throw new Error(`line ${line}: a quote inside an unquoted field`)
    field += c
    i++
  }
  if (started) endRecord()
  return records
}
