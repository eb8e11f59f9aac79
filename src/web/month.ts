import { daysInMonth, isIsoDate, type IsoDate } from '../domain/dates.js'

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
