import { invalid } from './errors.js'

/**
 * A member's phone number, for receipts and reminders: kept as digits in international form without the plus
 * (6281234567890), typed as people write it (0812-3456-7890, +62 812 3456 7890, 62812…). Indonesian mobile numbers
 * start 08 (62 8…); other countries' numbers are taken as typed with their code.
 */
export function normalPhone (typed: string, field = 'phone'): string {
  const t = typed.replace(/[\s().-]/g, '')
  if (!/^\+?\d{8,15}$/.test(t)) throw invalid(field, 'a phone number is 8 to 15 digits, with 0 or +62 in front, e.g. 0812 3456 7890')
  const digits = t.replace(/^\+/, '')
  const international = digits.startsWith('0') ? `62${digits.slice(1)}` : digits
  if (international.length < 10 || international.length > 15) throw invalid(field, 'a phone number is 8 to 15 digits, with 0 or +62 in front, e.g. 0812 3456 7890')
  return international
}

/** As Indonesians write it: 0812-3456-7890 (a number of another country: +its digits). */
export function shownPhone (stored: string): string {
  if (!stored.startsWith('62')) return `+${stored}`
  const local = `0${stored.slice(2)}`
  return local.replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3')
}
