/** An RFC 4180 reader, strict about CRLF, to check what the writer produced. */
export function parseCsv (text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  while (i < text.length) {
    let value = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        const q = text.indexOf('"', i)
        if (q < 0) throw new Error('unterminated quote')
        value += text.slice(i, q)
        i = q + 1
        if (text[i] !== '"') break
        value += '"'
        i++
      }
    } else {
      const end = text.slice(i).search(/[,\r\n]/)
      value = end < 0 ? text.slice(i) : text.slice(i, i + end)
      if (value.includes('"')) throw new Error(`bare quote in ${value}`)
      i += value.length
    }
    record.push(value)
    if (text[i] === ',') { i++; continue }
    if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`)
    i += 2
    records.push(record)
    record = []
  }
  return records
}
