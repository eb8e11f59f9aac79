import { isIsoDate } from '../domain/dates.js'
import { formatDate } from '../render/format.js'

/**
 * Dates the Indonesian way, on a phone whose browser may show a date input as `12/02/2026`: a date field is text,
 * shown as `2 Desember 2026`, and takes what a treasurer types: `2 Desember 2026`, `2 des 2026`, `2/12/2026`,
 * `2-12-2026`, `2.12.2026` (day first) or `2026-12-02`.
 */
const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1, februari: 2, feb: 2, pebruari: 2, february: 2, maret: 3, mar: 3, march: 3,
  april: 4, apr: 4, mei: 5, may: 5, juni: 6, jun: 6, june: 6, juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, august: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nopember: 11, desember: 12, des: 12, dec: 12, december: 12
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** The ISO date (YYYY-MM-DD) of what was typed, or null when it is not one real calendar day. */
export function parseTanggal (typed: string): string | null {
  const t = typed.trim().toLowerCase().replace(/\s+/g, ' ')
  let y: number, m: number, d: number
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)
  const named = /^(\d{1,2})[ .-]?([a-z]+)\.?[ .-]?(\d{4})$/.exec(t)
  if (iso !== null) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else if (numeric !== null) [d, m, y] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])]
  else if (named !== null && MONTHS[named[2] ?? ''] !== undefined) [d, m, y] = [Number(named[1]), MONTHS[named[2] ?? ''] ?? 0, Number(named[3])]
  else return null
  const date = `${y}-${pad(m)}-${pad(d)}`
  return isIsoDate(date) ? date : null
}

/** A date field's value as shown: an ISO date as `2 Desember 2026`; anything else (what was typed) as it was. */
export function shownTanggal (value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDate(value) ? formatDate(value, 'id') : value
}

const MOMENT: Record<'date-time' | 'time', Intl.DateTimeFormatOptions> = {
  'date-time': { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
  time: { hour: '2-digit', minute: '2-digit', hour12: false }
}

/** The formatters, made once per time zone and form: every signed-in page shows a moment (when it was made). */
const formats = new Map<string, Intl.DateTimeFormat>()
function momentFormat (timeZone: string, part: 'date-time' | 'time'): Intl.DateTimeFormat {
  const key = `${part} ${timeZone}`
  let f = formats.get(key)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('id-ID', { ...MOMENT[part], timeZone })
    formats.set(key, f)
  }
  return f
}

/**
 * A moment as a treasurer reads it, in the group's time zone: `2 Desember 2026 pukul 14.05`, or with `time` the hour
 * and minute alone, always with a dot (`14.05`).
 */
export function shownMoment (iso: string, timeZone: string, part: 'date-time' | 'time' = 'date-time'): string {
  const shown = momentFormat(timeZone, part).format(new Date(iso))
  return part === 'time' ? shown.replace(':', '.') : shown
}

/** What a date field says when what was typed is not a date. */
export const TANGGAL_ERROR = 'Isi tanggal seperti 2 Desember 2026 atau 2/12/2026.'
