import { daysInMonth, isIsoDate, type IsoDate } from '../domain/dates.js'
import { formatMonth } from '../render/format.js'
import { html, type Html } from './html.js'

/** A screen shown a month at a time (Kas, Koreksi): `?bulan=YYYY-MM` if it is a real month not after this one, else this month (`bad` when something else was asked). */
export function monthOf (asked: unknown, asOf: IsoDate): { month: string, bad: boolean } {
  const current = asOf.slice(0, 7)
  if (asked === undefined || asked === '') return { month: current, bad: false }
  const real = typeof asked === 'string' && /^\d{4}-\d{2}$/.test(asked) && isIsoDate(`${asked}-01`) && asked <= current
  return real ? { month: asked, bad: false } : { month: current, bad: true }
}

/** The days a month covers up to today: its first day, and its last day or today for this month. */
export function monthPeriod (month: string, asOf: IsoDate): { from: IsoDate, to: IsoDate } {
  const to = month === asOf.slice(0, 7) ? asOf : `${month}-${daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))}`
  return { from: `${month}-01`, to }
}

/** The month before (-1) or after (+1) a `YYYY-MM`. */
export function shiftMonth (month: string, by: -1 | 1): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String(index % 12 + 1).padStart(2, '0')}`
}

/**
 * The month picker of a screen shown a month at a time: a list of months by their Indonesian names (Desember 2026),
 * this month and the `count` before it (and the one shown, if older), never the browser's own month format.
 */
export function monthSelect (id: string, shown: string, current: string, count = 36): Html {
  const months: string[] = [current]
  while (months.length < count) months.push(shiftMonth(months.at(-1) ?? current, -1))
  if (!months.includes(shown)) months.push(shown)
  return html`<select id="${id}" name="bulan">${months.map(m => html`<option value="${m}"${m === shown ? html` selected` : ''}>${formatMonth(m, 'id')}</option>`)}</select>`
}
