import { buildBundle } from '../../src/audit/bundle.js'
import type { EntryJson, EntryLineJson } from '../../src/audit/entry-json.js'
import { chainedEntry } from '../../src/audit/entry-json.js'
import { ledgerJournal } from '../../src/audit/ledger-journal.js'
import { DEFAULT_CHART } from '../../src/domain/ledger/accounts.js'
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

/** The trial balance of March 2005 (from 2005-01-01), as the statement renderer writes it: BOM, CRLF, RFC 4180. */
export const TRIAL_BALANCE_CSV = '\uFEFF' + [
  'Kode Akun,Nama Akun,Saldo Awal Debit,Saldo Awal Kredit,Mutasi Debit,Mutasi Kredit,Saldo Akhir Debit,Saldo Akhir Kredit',
  '1101,Kas,0,0,2560000,120000,2440000,0',
  '1102,Bank,0,0,0,0,0,0',
  '3101,Simpanan Pokok,0,0,0,0,0,0',
  '3201,"Dana Hibah / Dana Stimulan",0,0,0,2500000,0,2500000',
  '5101,Beban Konsumsi Rapat,0,0,60000,0,60000,0',
  '5102,"Beban Administrasi, ATK dan ""lain-lain""",0,0,60000,60000,0,0',
  ',Jumlah,0,0,2680000,2680000,2500000,2500000'
].join('\r\n') + '\r\n'

export const PDF = new TextEncoder().encode('%PDF-1.4\n% dummy statement for the tests\n%%EOF\n')

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

export function bundleFiles (entries: readonly EntryJson[] = ENTRIES): Array<{ path: string, bytes: Uint8Array }> {
  const accounts = DEFAULT_CHART.map(a => ({ code: a.code, name: a.name, type: a.type, normalBalance: a.normalBalance }))
  return [
    { path: 'journal.jsonl', bytes: utf8(entries.map(e => JSON.stringify(e)).join('\n') + '\n') },
    { path: 'journal.ledger', bytes: utf8(ledgerJournal(entries.filter(e => e.date <= THROUGH), DEFAULT_CHART)) },
    { path: 'accounts.json', bytes: utf8(JSON.stringify(accounts, null, 2) + '\n') },
    { path: 'statements/trial-balance.csv', bytes: utf8(TRIAL_BALANCE_CSV) },
    { path: 'statements/trial-balance.pdf', bytes: PDF }
  ]
}

export function validBundle (): Uint8Array {
  const head = ENTRIES.at(-1)!
  return buildBundle({
    groupId: GROUP.id,
    groupName: GROUP.name,
    generatedAt: '2005-04-03T02:00:00.000Z',
    through: THROUGH,
    head: { seq: head.seq, hash: head.hash },
    entryCount: ENTRIES.length,
    files: bundleFiles()
  })
}
