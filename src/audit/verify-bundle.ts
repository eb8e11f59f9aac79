import { unzipSync } from 'fflate'
import { isIsoDate } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import { brokenLink, GENESIS_HASH } from '../domain/ledger/hash-chain.js'
import { journalEntry, netByAccount } from '../domain/ledger/journal-entry.js'
import { BUNDLE_FORMAT, isSafeBundlePath, MANIFEST_PATH, sha256Hex, type Manifest, type ManifestFile } from './bundle.js'
import { parseCsv } from './csv.js'
import { chainedEntry, entryLines, parseEntryJson, type EntryJson } from './entry-json.js'

export interface BundleVerification {
  ok: boolean
  /** What was found sound, in the order it was checked; on failure, everything checked before the problem. */
  checked: string[]
  /** The first discrepancy, naming the file (or account) at fault; null when the bundle is sound. */
  problem: string | null
  /** The manifest once it is well-formed (its figures are only vouched for when `ok`). */
  manifest: Manifest | null
}

export const JOURNAL_PATH = 'journal.jsonl'
export const LEDGER_PATH = 'journal.ledger'
export const ACCOUNTS_PATH = 'accounts.json'
export const TRIAL_BALANCE_PATH = 'statements/trial-balance.csv'

/** The columns of statements/trial-balance.csv, in order (the one header row). */
export const TRIAL_BALANCE_COLUMNS = [
  'Kode Akun', 'Nama Akun', 'Saldo Awal Debit', 'Saldo Awal Kredit', 'Mutasi Debit', 'Mutasi Kredit', 'Saldo Akhir Debit', 'Saldo Akhir Kredit'
] as const

/** Stops the walk at the first discrepancy. */
class Discrepancy extends Error {}
const fail = (problem: string): never => { throw new Discrepancy(problem) }

const HASH_RE = /^[0-9a-f]{64}$/
const MANIFEST_KEYS = new Set(['format', 'groupId', 'groupName', 'generatedAt', 'through', 'head', 'entryCount', 'files'])

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

function utf8 (path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return fail(`${path}: not valid UTF-8`)
  }
}

/**
 * Checks an audit bundle offline, trusting nothing in it: the manifest against the files, the hash chain of
 * journal.jsonl recomputed entry by entry, every entry balanced, the manifest's head and count against the chain,
 * the trial balance against balances recomputed from the journal, and the ledger-format journal against the hashes.
 * Stops at the first discrepancy.
 */
export function verifyBundle (zip: Uint8Array): BundleVerification {
  const checked: string[] = []
  let manifest: Manifest | null = null
  try {
    const files = unpack(zip)
    manifest = readManifest(files)
    checked.push(`${MANIFEST_PATH}: well-formed, ${manifest.files.length} files listed`)
    checkFiles(manifest, files, checked)
    const entries = checkJournal(manifest, need(files, JOURNAL_PATH))
    checked.push(`${JOURNAL_PATH}: hash chain of ${entries.length} entries from genesis to the manifest's head, every entry balanced`)
    // journal.jsonl holds the whole chain; the statements and journal.ledger stop at `through`.
    const through = manifest.through
    const upTo = through === undefined ? entries : entries.filter(e => e.date <= through)
    const accounts = files.get(ACCOUNTS_PATH)
    if (accounts !== undefined) {
      checkAccounts(accounts, entries)
      checked.push(`${ACCOUNTS_PATH}: holds every account the journal uses`)
    }
    const rows = checkTrialBalance(need(files, TRIAL_BALANCE_PATH), upTo)
    checked.push(`${TRIAL_BALANCE_PATH}: ${rows} accounts' closing balances equal the journal's, totals balance`)
    const ledger = files.get(LEDGER_PATH)
    if (ledger !== undefined) {
      checkLedger(utf8(LEDGER_PATH, ledger), upTo)
      checked.push(`${LEDGER_PATH}: holds the hash of each of ${upTo.length} entries`)
    }
    return { ok: true, checked, problem: null, manifest }
  } catch (err) {
    if (err instanceof Discrepancy) return { ok: false, checked, problem: err.message, manifest }
    throw err
  }
}

function need (files: Map<string, Uint8Array>, path: string): Uint8Array {
  return files.get(path) ?? fail(`${path}: missing from the bundle`)
}

/** The zip's files by name. Two entries with one name would let tools disagree on the content: refused. */
function unpack (zip: Uint8Array): Map<string, Uint8Array> {
  const names: string[] = []
  let unzipped: Record<string, Uint8Array>
  try {
    unzipped = unzipSync(zip, { filter: f => { names.push(f.name); return true } })
  } catch (err) {
    return fail(`bundle: not a readable zip archive (${(err as Error).message})`)
  }
  const seen = new Set<string>()
  for (const name of names) {
    if (seen.has(name)) fail(`${name}: appears twice in the zip`)
    seen.add(name)
  }
  const files = new Map<string, Uint8Array>()
  for (const name of names) {
    const bytes = unzipped[name]
    if (bytes === undefined) continue
    // A directory entry carries nothing; a zip repacked by an archiver may have them.
    if (name.endsWith('/') && bytes.byteLength === 0) continue
    files.set(name, bytes)
  }
  return files
}

function readManifest (files: Map<string, Uint8Array>): Manifest {
  const bad = (why: string): never => fail(`${MANIFEST_PATH}: ${why}`)
  const text = utf8(MANIFEST_PATH, need(files, MANIFEST_PATH))
  let v: unknown
  try { v = JSON.parse(text) } catch (err) { return bad(`not JSON (${(err as Error).message})`) }
  if (!isObj(v)) return bad('not a JSON object')
  const extra = Object.keys(v).find(k => !MANIFEST_KEYS.has(k))
  if (extra !== undefined) bad(`unknown field "${extra}"`)
  if (v.format !== BUNDLE_FORMAT) bad(`format must be "${BUNDLE_FORMAT}"`)
  const { groupId, groupName, generatedAt, through, head, entryCount, files: listed } = v
  if (typeof groupId !== 'string' || groupId === '') return bad('groupId must be a non-empty string')
  if (typeof groupName !== 'string') return bad('groupName must be a string')
  if (typeof generatedAt !== 'string' || Number.isNaN(Date.parse(generatedAt))) return bad('generatedAt must be a timestamp')
  if (through !== undefined && (typeof through !== 'string' || !isIsoDate(through))) return bad('through must be a date YYYY-MM-DD')
  if (!isObj(head) || !isCount(head.seq) || typeof head.hash !== 'string' || !HASH_RE.test(head.hash) || Object.keys(head).length !== 2) {
    return bad('head must be {seq, hash} with a whole seq and 64 lowercase hex digits')
  }
  if (!isCount(entryCount)) return bad('entryCount must be a whole number')
  if (!Array.isArray(listed)) return bad('files must be an array')
  const out: ManifestFile[] = []
  for (const [i, f] of listed.entries()) {
    if (!isObj(f) || Object.keys(f).length !== 3 || typeof f.path !== 'string' || typeof f.sha256 !== 'string' || !isCount(f.bytes)) {
      return bad(`files[${i}] must be {path, sha256, bytes}`)
    }
    if (!isSafeBundlePath(f.path) || f.path === MANIFEST_PATH) bad(`files[${i}]: "${f.path}" is not a path a bundle may hold`)
    if (!HASH_RE.test(f.sha256)) bad(`files[${i}]: sha256 must be 64 lowercase hex digits`)
    const prev = out.at(-1)
    if (prev !== undefined && !(prev.path < f.path)) bad(`files must be sorted by path, each once ("${prev.path}" before "${f.path}")`)
    out.push({ path: f.path, sha256: f.sha256, bytes: f.bytes })
  }
  return {
    format: BUNDLE_FORMAT, groupId, groupName, generatedAt, ...(through === undefined ? {} : { through }),
    head: { seq: head.seq, hash: head.hash }, entryCount, files: out
  }
}

/** (a) Every listed file present with its hash and size; nothing in the zip that the manifest does not list. */
function checkFiles (manifest: Manifest, files: Map<string, Uint8Array>, checked: string[]): void {
  for (const f of manifest.files) {
    const bytes = files.get(f.path) ?? fail(`${f.path}: listed in the manifest but missing from the bundle`)
    if (sha256Hex(bytes) !== f.sha256) fail(`${f.path}: sha256 mismatch`)
    if (bytes.byteLength !== f.bytes) fail(`${f.path}: size mismatch (the manifest says ${f.bytes} bytes, the file has ${bytes.byteLength})`)
    checked.push(`${f.path}: sha256 and size`)
  }
  const listed = new Set(manifest.files.map(f => f.path))
  for (const name of files.keys()) {
    if (name !== MANIFEST_PATH && !listed.has(name)) fail(`${name}: in the bundle but not listed in the manifest`)
  }
}

/** (b) The chain recomputed from genesis: gapless seq, links, hashes, balanced entries, reversals, head and count. */
function checkJournal (manifest: Manifest, bytes: Uint8Array): EntryJson[] {
  const text = utf8(JOURNAL_PATH, bytes)
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const entries: EntryJson[] = []
  const byId = new Map<string, EntryJson>()
  let prev = { seq: 0, hash: GENESIS_HASH }
  for (const [i, line] of lines.entries()) {
    let e: EntryJson
    try {
      e = parseEntryJson(line)
    } catch (err) {
      return fail(`${JOURNAL_PATH}: line ${i + 1}: ${(err as Error).message}`)
    }
    const at = `${JOURNAL_PATH}: seq ${Math.min(e.seq, prev.seq + 1)}`
    const broken = brokenLink(prev, chainedEntry(e))
    if (broken !== null) fail(`${at}: ${broken}`)
    if (e.groupId !== manifest.groupId) fail(`${at}: groupId "${e.groupId}" is not the bundle's group "${manifest.groupId}"`)
    if (byId.has(e.id)) fail(`${at}: id "${e.id}" is used by an earlier entry`)
    try {
      journalEntry(entryLines(e))
    } catch (err) {
      if (err instanceof DomainError) fail(`${at}: does not balance: ${err.detail}`)
      throw err
    }
    entries.push(e)
    byId.set(e.id, e)
    prev = { seq: e.seq, hash: e.hash }
  }
  // reversedBy is not covered by the hash, so it must agree with the `reverses` of the entries that are.
  for (const e of entries) {
    const at = `${JOURNAL_PATH}: seq ${e.seq}`
    if (e.reverses !== null) {
      const original = byId.get(e.reverses)
      if (original === undefined || original.seq >= e.seq) fail(`${at}: reverses "${e.reverses}", which is not an earlier entry`)
      if (original?.reversedBy !== undefined && original.reversedBy !== e.id) {
        fail(`${JOURNAL_PATH}: seq ${original.seq}: reversedBy says ${JSON.stringify(original.reversedBy)}, but seq ${e.seq} reverses it`)
      }
    }
    if (e.reversedBy !== undefined && e.reversedBy !== null && byId.get(e.reversedBy)?.reverses !== e.id) {
      fail(`${at}: reversedBy says ${JSON.stringify(e.reversedBy)}, but no entry with that id reverses it`)
    }
  }
  if (prev.seq !== manifest.head.seq || prev.hash !== manifest.head.hash) {
    fail(`${MANIFEST_PATH}: head says seq ${manifest.head.seq} hash ${manifest.head.hash}, the journal ends at seq ${prev.seq} hash ${prev.hash}`)
  }
  if (entries.length !== manifest.entryCount) fail(`${MANIFEST_PATH}: entryCount says ${manifest.entryCount}, ${JOURNAL_PATH} holds ${entries.length} entries`)
  return entries
}

function checkAccounts (bytes: Uint8Array, entries: readonly EntryJson[]): void {
  let v: unknown
  try { v = JSON.parse(utf8(ACCOUNTS_PATH, bytes)) } catch (err) {
    if (err instanceof Discrepancy) throw err
    return fail(`${ACCOUNTS_PATH}: not JSON (${(err as Error).message})`)
  }
  if (!Array.isArray(v) || !v.every(a => isObj(a) && typeof a.code === 'string' && typeof a.name === 'string' && typeof a.type === 'string')) {
    return fail(`${ACCOUNTS_PATH}: must be an array of {code, name, type, normalBalance}`)
  }
  const codes = new Set(v.map(a => (a as { code: string }).code))
  for (const e of entries) {
    for (const l of e.lines) {
      if (!codes.has(l.account)) fail(`${ACCOUNTS_PATH}: account ${l.account}, used by seq ${e.seq}, is not in the chart`)
    }
  }
}

/** Every account's balance (debit − credit) over `entries`. */
export function balancesOf (entries: readonly EntryJson[]): Map<string, bigint> {
  return netByAccount(entries.flatMap(entryLines))
}

/**
 * (c) statements/trial-balance.csv against the journal: each row's opening plus movements gives its closing; each
 * closing (debit − credit) equals the account's balance over the entries it covers; the one totals row (code empty
 * or TOTAL) holds the column sums and balances. Returns the number of account rows.
 */
function checkTrialBalance (bytes: Uint8Array, entries: readonly EntryJson[]): number {
  const at = (what: string): string => `${TRIAL_BALANCE_PATH}: ${what}`
  let records: string[][]
  try {
    records = parseCsv(utf8(TRIAL_BALANCE_PATH, bytes))
  } catch (err) {
    if (err instanceof Discrepancy) throw err
    return fail(at(`not RFC 4180 CSV (${(err as Error).message})`))
  }
  const [header, ...rows] = records
  if (header === undefined || header.join('\u0000') !== TRIAL_BALANCE_COLUMNS.join('\u0000')) {
    fail(at(`the header row must be ${TRIAL_BALANCE_COLUMNS.join(', ')}`))
  }
  const zero = (): bigint[] => [0n, 0n, 0n, 0n, 0n, 0n]
  const sums = zero()
  let totals: bigint[] | null = null
  /** Each account's row as net figures (debit − credit). */
  const accounts = new Map<string, { opening: bigint, movement: bigint, closing: bigint }>()
  for (const [i, row] of rows.entries()) {
    const rowNo = i + 2
    if (row.length !== TRIAL_BALANCE_COLUMNS.length) fail(at(`row ${rowNo} has ${row.length} fields, not ${TRIAL_BALANCE_COLUMNS.length}`))
    const code = (row[0] ?? '').trim()
    const amounts = row.slice(2).map((cell, k) => {
      const c = cell.trim()
      if (c === '') return 0n
      if (!/^-?[0-9]+$/.test(c)) return fail(at(`row ${rowNo}: ${TRIAL_BALANCE_COLUMNS[k + 2]} is not a whole number: "${cell}"`))
      return BigInt(c)
    })
    const [od = 0n, oc = 0n, md = 0n, mc = 0n, cd = 0n, cc = 0n] = amounts
    if (code === '' || code.toUpperCase() === 'TOTAL') {
      if (totals !== null) fail(at(`row ${rowNo}: a second totals row`))
      totals = amounts
      continue
    }
    if (totals !== null) fail(at(`row ${rowNo}: account ${code} comes after the totals row`))
    if (accounts.has(code)) fail(at(`account ${code} has two rows`))
    accounts.set(code, { opening: od - oc, movement: md - mc, closing: cd - cc })
    amounts.forEach((a, k) => { sums[k] = (sums[k] ?? 0n) + a })
  }
  // The figure that matters first: each closing balance against the journal; then the sheet's own arithmetic.
  const balances = balancesOf(entries)
  for (const [code, row] of accounts) {
    const journal = balances.get(code) ?? 0n
    if (row.closing !== journal) fail(`account ${code}: trial balance says ${row.closing}, the journal says ${journal}`)
  }
  for (const [code, journal] of balances) {
    if (!accounts.has(code) && journal !== 0n) fail(`account ${code}: trial balance has no row, the journal says ${journal}`)
  }
  for (const [code, row] of accounts) {
    if (row.opening + row.movement !== row.closing) {
      fail(at(`account ${code}: opening ${row.opening} plus movements ${row.movement} is ${row.opening + row.movement}, but the closing balance says ${row.closing}`))
    }
  }
  if (totals === null) return fail(at('no totals row (code empty or TOTAL)'))
  for (const [k, total] of totals.entries()) {
    if (total !== sums[k]) fail(at(`totals row: ${TRIAL_BALANCE_COLUMNS[k + 2]} says ${total}, the rows add up to ${sums[k]}`))
  }
  for (const k of [0, 2, 4]) {
    const d = totals[k] ?? 0n
    const c = totals[k + 1] ?? 0n
    if (d !== c) fail(at(`totals row: ${TRIAL_BALANCE_COLUMNS[k + 2]} ${d} ≠ ${TRIAL_BALANCE_COLUMNS[k + 3]} ${c}`))
  }
  return accounts.size
}

/**
 * (d) The ledger-format journal names each entry it covers by its hash, in a `hash:` tag, and names no other: a
 * transaction added to it, or one left out, shows.
 */
function checkLedger (text: string, entries: readonly EntryJson[]): void {
  const tagged = new Set([...text.matchAll(/\bhash:\s*([0-9a-f]{64})\b/g)].map(m => m[1]))
  for (const e of entries) {
    if (!tagged.has(e.hash)) fail(`${LEDGER_PATH}: seq ${e.seq}: hash ${e.hash} is missing`)
  }
  const known = new Set(entries.map(e => e.hash))
  for (const hash of tagged) {
    if (hash !== undefined && !known.has(hash)) fail(`${LEDGER_PATH}: a transaction carries hash ${hash}, which no entry of the journal up to the bundle's date has`)
  }
}
