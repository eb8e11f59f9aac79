import { invalid } from './errors.js'

/**
 * Indonesia's region codes as Kemendagri writes them: provinsi `51`, kabupaten/kota `51.03`, kecamatan `51.03.05`, desa
 * or kelurahan `51.03.05.2001`. A region contains every code that starts with it and a dot (src/data/place-repository.ts).
 */
const CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/

export function regionCode (text: string, field = 'regionCode'): string {
  const t = text.trim()
  if (!CODE.test(t)) throw invalid(field, 'a region code as Kemendagri writes it: 51 (provinsi), 51.03 (kabupaten/kota), 51.03.05 (kecamatan) or 51.03.05.2001 (desa)')
  return t
}
