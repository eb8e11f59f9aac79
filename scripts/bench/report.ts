/* The bench's verdicts and its printed table. */

export interface Row {
  what: string
  measured: string
  ceiling: string
  ratio: string
  target: string
  /** true PASS, false MISS, null a figure with no target. */
  pass: boolean | null
  /** How far from the target: the margin when it passes, the shortfall when it misses. */
  howFar: string
  /** The figure and what the target requires of it (a throughput at least, a latency or size below), as numbers. */
  value: number | null
  required: number | null
  unit: string
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`
export const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** A throughput that must reach `share` of its ceiling. */
export function ratioRow (what: string, unit: string, value: number, ceilingName: string, ceiling: number, share: number): Row {
  const ratio = value / ceiling
  const pass = ratio >= share
  const needed = share * ceiling
  return {
    what,
    measured: `${fmt(value)} ${unit}`,
    ceiling: `${ceilingName} ${fmt(ceiling)} ${unit}`,
    ratio: pct(ratio),
    target: `≥ ${pct(share)} of ceiling`,
    pass,
    howFar: pass
      ? `${((ratio - share) * 100).toFixed(1)} points above (${fmt(value - needed)} ${unit} to spare)`
      : `${((share - ratio) * 100).toFixed(1)} points short: needs ${fmt(needed)} ${unit}, ×${(needed / value).toFixed(2)}`,
    value,
    required: needed,
    unit
  }
}

/** A figure that must stay under `limit`. */
export function limitRow (what: string, value: number, unit: string, limit: number, detail = ''): Row {
  const pass = value < limit
  return {
    what,
    measured: `${fmt(value, value < 100 ? 1 : 0)} ${unit}${detail === '' ? '' : ` (${detail})`}`,
    ceiling: '',
    ratio: `${pct(value / limit)} of limit`,
    target: `< ${fmt(limit)} ${unit}`,
    pass,
    howFar: pass ? `${fmt(limit - value, 1)} ${unit} under` : `${fmt(value - limit, 1)} ${unit} over (×${(value / limit).toFixed(2)})`,
    value,
    required: limit,
    unit
  }
}

export function infoRow (what: string, measured: string, ceiling = '', ratio = ''): Row {
  return { what, measured, ceiling, ratio, target: '', pass: null, howFar: '', value: null, required: null, unit: '' }
}

/** A plain-text table, columns as wide as their widest cell. */
export function table (rows: Row[]): string {
  const head = ['measure', 'Lumbung', 'ceiling', 'ratio', 'target', 'result', 'how far']
  const cells = rows.map(r => [r.what, r.measured, r.ceiling, r.ratio, r.target, r.pass === null ? 'info' : r.pass ? 'PASS' : 'MISS', r.howFar])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map(c => (c[i] ?? '').length)))
  const line = (c: string[]): string => c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ').trimEnd()
  return [line(head), widths.map(w => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n')
}
