import type { EntryJson, EntryLineJson } from '../../src/verifier/entry-json.js'
import { chainedEntry } from '../../src/verifier/entry-json.js'
import { entryHash, GENESIS_HASH } from '../../src/domain/ledger/hash-chain.js'

export const GROUP = { id: 'grp_mawar', name: 'Kelompok P2WKSS Mawar, Desa Sukamaju' }
export const THROUGH = '2005-03-31'

type Draft = Omit<EntryJson, 'groupId' | 'seq' | 'prevHash' | 'hash' | 'actor' | 'createdAt' | 'reversedBy' | 'kind' | 'source' | 'hashVersion'> & Partial<Pick<EntryJson, 'kind' | 'source'>>
const d = (account: string, amount: string, fund: string | null = 'fnd_hibah', memberId: string | null = null): EntryLineJson => ({ account, debit: amount, fund, memberId })
const c = (account: string, amount: string, fund: string | null = 'fnd_hibah', memberId: string | null = null): EntryLineJson => ({ account, credit: amount, fund, memberId })

/** Links drafts into a valid chain: seq from 1, each prevHash the hash before, each hash computed as the server does. */
export function chain (drafts: readonly Draft[], reversedBy: Record<string, string> = {}): EntryJson[] {
  const out: EntryJson[] = []
  let prevHash = GENESIS_HASH
  for (const [i, draft] of drafts.entries()) {
    const e: EntryJson = {
      ...draft, kind: draft.kind ?? (draft.reverses === null ? 'manual' : 'reversal'), source: draft.source ?? null, hashVersion: 2,
      groupId: GROUP.id, seq: i + 1, reversedBy: reversedBy[draft.id] ?? null,
      actor: { id: 'key_bendahara', name: 'Bu Sri (bendahara)' }, createdAt: `${draft.date}T03:00:00.000Z`, prevHash, hash: ''
    }
    e.hash = entryHash(chainedEntry(e))
    out.push(e)
    prevHash = e.hash
  }
  return out
}

/**
 * The March 2005 books of a small group: a grant, an expense booked to the wrong account, its reversal, the expense
 * booked again, and (after `through`) a member's simpanan pokok. Kas stands at 2.440.000 at the end of March.
 */
export const DRAFTS: Draft[] = [
  { id: 'ent_1', date: '2005-03-01', description: 'Dana hibah P2WKSS dari Dinas', reference: 'SK-12/2005', reverses: null, lines: [d('1101', '2500000'), c('3201', '2500000')] },
  { id: 'ent_2', date: '2005-03-15', description: 'Konsumsi rapat; salah akun', reference: null, reverses: null, lines: [d('5102', '60000'), c('1101', '60000')] },
  { id: 'ent_3', date: '2005-03-16', description: 'Koreksi: membalik ent_2', reference: null, reverses: 'ent_2', lines: [d('1101', '60000'), c('5102', '60000')] },
  { id: 'ent_4', date: '2005-03-16', description: 'Konsumsi rapat  bulanan', reference: null, reverses: null, lines: [d('5101', '60000'), c('1101', '60000')] },
  { id: 'ent_5', date: '2005-04-02', description: 'Simpanan pokok Ibu Ani', reference: null, reverses: null, lines: [d('1101', '10000', null, 'mbr_ani'), c('3101', '10000', null, 'mbr_ani')] }
]

export const ENTRIES = chain(DRAFTS, { ent_2: 'ent_3' })
