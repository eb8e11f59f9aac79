import { invalid } from './errors.js'

/** A calendar date as `YYYY-MM-DD`; compared as text, which orders correctly. */
export type IsoDate = string

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `text` is a real calendar date (no 2025-02-30) between 1900 and 9999. */
export function isIsoDate (text: string): boolean {
  const m = DATE_RE.exec(text)
  if (m === null) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false
  return d <= daysInMonth(y, mo)
}

export function parseDate (text: string, field: string): IsoDate {
  if (!isIsoDate(text)) throw invalid(field, 'must be a calendar date YYYY-MM-DD')
  return text
}

export function daysInMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Per zone: its formatter, and the last minute asked with its date (every write asks for today). */
const zones = new Map<string, { format: Intl.DateTimeFormat, minute: number, date: IsoDate }>()

/**
 * The calendar date of an instant in a time zone (Indonesia keeps WIB, WITA and WIT). Formatting costs microseconds,
 * so the date of the last minute asked is kept: zones are offset from UTC by whole minutes, so a date never changes
 * within a minute.
 */
export function dateIn (instant: Date, timeZone: string): IsoDate {
  const minute = Math.floor(instant.getTime() / 60_000)
  let zone = zones.get(timeZone)
  if (zone === undefined) {
    // Building a formatter costs far more than using one: keep one per zone.
    zone = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), minute: NaN, date: '' }
    zones.set(timeZone, zone)
  }
  if (zone.minute !== minute) {
    zone.date = zone.format.format(instant)
    zone.minute = minute
  }
  return zone.date
}

/** Adds whole days to a date. */
export function addDays (date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween (from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/*
 * Dates as people read them on paper and in messages: pure, independent of the machine's locale data (no Intl), so
 * every server prints the same.
 */
const MONTHS: Record<'id' | 'en', readonly string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
}

/** `2025-01-31` → `31 Januari 2025` (id) or `31 January 2025` (en); text that is not such a date comes back unchanged. */
export function formatDate (iso: string, lang: 'id' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  const month = m === null ? undefined : MONTHS[lang][Number(m[2]) - 1]
  if (m === null || month === undefined) return iso
  return `${Number(m[3])} ${month} ${m[1]}`
}

/** `2026-12` → `Desember 2026` (id) or `December 2026` (en); text that is not such a month comes back unchanged. */
export function formatMonth (yearMonth: string, lang: 'id' | 'en'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth)
  const month = m === null ? undefined : MONTHS[lang][Number(m[2]) - 1]
  return m === null || month === undefined ? yearMonth : `${month} ${m[1]}`
}
