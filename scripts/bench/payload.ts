/** The entry every measurement posts or stores: refreshments at a meeting, paid from Kas. */
export const PAYLOAD: { date: string, description: string, lines: Array<{ account: string, debit?: string, credit?: string }> } = {
  date: '2025-01-20',
  description: 'Konsumsi rapat',
  lines: [{ account: '5101', debit: '60000' }, { account: '1101', credit: '60000' }]
}

export const PAYLOAD_JSON = JSON.stringify(PAYLOAD)

/** The batch request: `size` copies of the entry, all or nothing. */
export function batchJson (size: number): string {
  return JSON.stringify({ mode: 'atomic', entries: Array.from({ length: size }, () => PAYLOAD) })
}
