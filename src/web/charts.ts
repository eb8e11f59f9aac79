import { html, type Html } from './html.js'
import { rupiah } from './layout.js'

/**
 * Simple charts drawn on the server as SVG (no script, no library): they scale to the phone's width (a viewBox 320
 * wide), carry their figures as text, and each has a title and a description for a screen reader.
 */

const W = 320
const BRAND = '#1f6f4a'
const WARN = '#b45309'
const MUTED = '#6b7280'

const short = (s: string, n = 16): string => s.length <= n ? s : `${s.slice(0, n - 1)}…`
/** `12,5 %` from "12.50". */
const pct = (p: string): string => `${p.replace(/\.?0+$/, '').replace('.', ',')} %`

/** One horizontal bar per item, longest first as given; values are percentages ("12.50"); bars past `warnAt` in the warning colour. */
export function percentBars (title: string, items: ReadonlyArray<{ label: string, percent: string }>, warnAt = 5): Html {
  const row = 24
  const h = Math.max(1, items.length) * row + 8
  const max = Math.max(10, ...items.map(i => Number(i.percent)))
  const left = 130
  const span = W - left - 58
  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-labelledby="c-par-t c-par-d" xmlns="http://www.w3.org/2000/svg">
<title id="c-par-t">${title}</title><desc id="c-par-d">${items.map(i => `${i.label} ${pct(i.percent)}`).join('; ')}</desc>
${items.map((it, k) => {
    const y = 4 + k * row
    const w = Math.max(1, Math.round(Number(it.percent) / max * span))
    return html`<text x="0" y="${y + 15}" font-size="13" fill="#111">${short(it.label)}</text>
<rect x="${left}" y="${y + 4}" width="${w}" height="14" rx="2" fill="${Number(it.percent) > warnAt ? WARN : BRAND}"/>
<text x="${left + w + 4}" y="${y + 15}" font-size="13" fill="#111">${pct(it.percent)}</text>`
  })}
</svg><figcaption>${title}</figcaption></figure>`
}

/** Parts of one whole as a stacked bar with a legend under it (amounts in rupiah). */
export function stackedBar (title: string, parts: ReadonlyArray<{ label: string, amount: bigint }>): Html {
  const colours = [BRAND, '#4f9d77', '#a7d3bb', '#d6b25e']
  const total = parts.reduce((s, p) => s + p.amount, 0n)
  let x = 0
  const bars = parts.map((p, i) => {
    const w = total === 0n ? 0 : Number(p.amount * BigInt(W) / total)
    const r = html`<rect x="${x}" y="0" width="${w}" height="22" fill="${colours[i % colours.length] ?? BRAND}"/>`
    x += w
    return r
  })
  const legend = parts.map((p, i) => html`<rect x="0" y="${34 + i * 20}" width="13" height="13" fill="${colours[i % colours.length] ?? BRAND}"/><text x="20" y="${45 + i * 20}" font-size="13" fill="#111">${p.label}: ${rupiah(p.amount)}</text>`)
  const h = 34 + parts.length * 20 + 4
  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-labelledby="c-sav-t c-sav-d" xmlns="http://www.w3.org/2000/svg">
<title id="c-sav-t">${title}</title><desc id="c-sav-d">${parts.map(p => `${p.label} ${rupiah(p.amount)}`).join('; ')}</desc>
<rect x="0" y="0" width="${W}" height="22" fill="#eee"/>${bars}${legend}
</svg><figcaption>${title}</figcaption></figure>`
}

/** A line of amounts over dates (oldest first), each point labelled with its month. */
export function lineOverTime (title: string, points: ReadonlyArray<{ label: string, amount: bigint }>): Html {
  const h = 160
  const top = 18
  const bottom = h - 30
  const values = points.map(p => Number(p.amount))
  const lo = Math.min(0, ...values)
  const hi = Math.max(1, ...values)
  const step = points.length > 1 ? (W - 56) / (points.length - 1) : 0
  const at = (i: number): [number, number] => [28 + i * step, bottom - ((values[i] ?? 0) - lo) / (hi - lo) * (bottom - top)]
  const line = points.map((_, i) => at(i).map(n => n.toFixed(1)).join(',')).join(' ')
  const last = points.at(-1)
  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-labelledby="c-fund-t c-fund-d" xmlns="http://www.w3.org/2000/svg">
<title id="c-fund-t">${title}</title><desc id="c-fund-d">${points.map(p => `${p.label} ${rupiah(p.amount)}`).join('; ')}</desc>
<line x1="20" y1="${bottom}" x2="${W - 20}" y2="${bottom}" stroke="${MUTED}" stroke-width="0.5"/>
<polyline points="${line}" fill="none" stroke="${BRAND}" stroke-width="2"/>
${points.map((p, i) => {
    const [x, y] = at(i)
    return html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${BRAND}"/><text x="${x.toFixed(1)}" y="${h - 12}" font-size="12" fill="${MUTED}" text-anchor="middle">${p.label}</text>`
  })}
${last === undefined ? '' : html`<text x="${W - 20}" y="12" font-size="13" fill="#111" text-anchor="end">${rupiah(last.amount)}</text>`}
</svg><figcaption>${title}</figcaption></figure>`
}
