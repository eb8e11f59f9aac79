import { may, type Role } from './access.js'
import { invalid } from './errors.js'

/**
 * People who sign in on the web: what each is in the group, the key role that carries it, the rules for a login and a
 * PIN, and how long failed tries lock a person out. Pure: no database, no clock.
 */

export const PERSON_ROLES = ['pengelola', 'ketua', 'bendahara', 'pengawas', 'anggota'] as const
export type PersonRole = typeof PERSON_ROLES[number]

/** The roles a group's people can be invited to (the pengelola comes from the setup link). */
export const GROUP_PERSON_ROLES = ['ketua', 'bendahara', 'pengawas'] as const
export type GroupPersonRole = typeof GROUP_PERSON_ROLES[number]

/**
 * The API key role a person's key gets: the pengelola runs the install, ketua and bendahara keep the books, the pengawas
 * reads, an anggota (a member given a sign-in by the bendahara) reads her own figures.
 */
export const KEY_ROLE: Record<PersonRole, Role> = { pengelola: 'admin', ketua: 'treasurer', bendahara: 'treasurer', pengawas: 'auditor', anggota: 'member' }

export const ROLE_LABEL: Record<PersonRole, string> = { pengelola: 'Pengelola', ketua: 'Ketua', bendahara: 'Bendahara', pengawas: 'Pengawas', anggota: 'Anggota' }

/** Who may invite people, revoke them and make keys for integrators: the pengelola anywhere, a ketua in her groups. */
export function managesPeople (role: PersonRole | null, keyRole: Role): boolean {
  return may(keyRole, 'manage', role === 'ketua')
}

/**
 * A login as kept: a phone number as digits with 0 in front (+62 812-3456-789 and 0812 3456 789 are the same login),
 * or a username in lower case (letters, digits, dot, dash, underscore; 3 to 40).
 */
export function normalLogin (typed: string): string | null {
  const t = typed.trim().toLowerCase()
  const phone = t.replace(/[\s().-]/g, '')
  if (/^\+?\d{8,15}$/.test(phone)) {
    const digits = phone.replace(/^\+/, '')
    return digits.startsWith('62') ? `0${digits.slice(2)}` : digits
  }
  return /^[a-z][a-z0-9._-]{2,39}$/.test(t) ? t : null
}

export function loginOrRefuse (typed: string, field = 'login'): string {
  const login = normalLogin(typed)
  if (login === null) throw invalid(field, 'a login is a phone number (8 to 15 digits) or a username of 3 to 40 letters, digits, dots, dashes or underscores starting with a letter')
  return login
}

/**
 * Why a PIN or passphrase is refused, or null when it is acceptable: 6 to 12 digits that are not all the same nor a
 * run (123456, 987654), or a passphrase of 10 characters or more.
 */
export function pinProblem (pin: string): string | null {
  if (/^\d+$/.test(pin)) {
    if (pin.length < 6 || pin.length > 12) return 'PIN terdiri dari 6 sampai 12 angka.'
    const steps = new Set([...pin].slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10))
    if (steps.size === 1 && (steps.has(0) || steps.has(1) || steps.has(9))) return 'PIN ini terlalu mudah ditebak (angka sama atau berurutan). Pilih yang lain.'
    return null
  }
  if ([...pin].length < 10) return 'Pakai PIN 6 angka atau lebih, atau kata sandi 10 huruf atau lebih.'
  if ([...pin].length > 200) return 'Kata sandi paling panjang 200 huruf.'
  return null
}

/** Tries allowed before the first lock. */
export const FREE_TRIES = 5

/**
 * How long a person is locked after `failures` wrong tries in a row, in seconds: nothing for the first four, then 5
 * minutes, doubling with each further wrong try, at most a day. A right PIN clears the count.
 */
export function lockSeconds (failures: number): number {
  if (failures < FREE_TRIES) return 0
  return Math.min(5 * 60 * 2 ** (failures - FREE_TRIES), 24 * 3600)
}
