import type { GroupKind } from '../domain/books/types.js'
import { html, type Html } from './html.js'
import { field, selectField, type FormState } from './layout.js'

/** The kinds of group as the people who run them name them. */
export const KINDS: Array<[GroupKind, string]> = [['p2wkss', 'P2WKSS'], ['pkk', 'PKK'], ['kube', 'KUBE'], ['karang_taruna', 'Karang Taruna'], ['bumdes', 'BUMDes'], ['other', 'Lainnya']]

/** What a new group is asked: its name, its kind and its place (the first run, and a pengelola's Kelompok baru). */
export function groupFields (f: FormState): Html {
  return html`${field(f, 'kelompok', 'Nama kelompok', { required: true, placeholder: 'mis. Kelompok P2WKSS Desa Abiansemal' })}
  ${selectField(f, 'jenis', 'Jenis kelompok', KINDS)}
  ${field(f, 'desa', 'Desa, kecamatan, kabupaten', { placeholder: 'mis. Abiansemal, Badung, Bali' })}`
}

/** The group the form describes, or null with the missing name marked. */
export function groupOf (f: FormState): { name: string, kind: GroupKind, village: string | null } | null {
  const name = (f.values.kelompok ?? '').trim()
  if (name === '') { f.errors.kelompok = 'Wajib diisi.'; return null }
  return { name, kind: KINDS.find(([k]) => k === f.values.jenis)?.[0] ?? 'other', village: (f.values.desa ?? '').trim() || null }
}
