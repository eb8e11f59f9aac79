import { unzipSync } from 'fflate'
import { booksOf, type Books } from '../domain/books/books.js'
import type { PostedEntry } from '../domain/books/types.js'
import { isIsoDate } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import { checkpointFindings, legacyKindFindings, walkRecords, type RecordChain } from '../domain/integrity/records.js'
import { entryChecker, registerFindings, type Finding } from '../domain/integrity/registers.js'
import { DRAW_RULE } from '../domain/arisan/draw.js'
import { canonicalJson, type Json } from '../domain/ledger/hash-chain.js'
import { checkpointHolds, keyFingerprint, parseSignedCheckpoint, signatureHolds, type SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import { entryFromJson } from '../domain/ledger/entry-json.js'
import { brokenLink, GENESIS_HASH, linkOf, type Link } from '../domain/ledger/hash-chain.js'
import { journalEntry } from '../domain/ledger/journal-entry.js'
import type { HashedRecord } from '../domain/records/record-chain.js'
import { buildStatement } from '../domain/statements/build.js'
import { shown, STATEMENT_KINDS, type Cell, type ColumnKind, type Statement, type StatementKind } from '../domain/statements/model.js'
import { PDF_CHECKPOINT_KEY, PDF_DIGEST_KEY } from '../render/binding.js'
import { renderCsv } from '../render/csv.js'
import { cellText } from '../render/format.js'
import {
  ACCOUNTS_PATH, BUNDLE_FORMAT, CHECKPOINT_PATH, isSafeBundlePath, JOURNAL_PATH, LEDGER_PATH, MANIFEST_PATH, manifestMessage, RECORDS_PATH,
  sha256Hex, type Manifest, type ManifestFile, type ManifestStatement
} from './bundle.js'
import { parseCsv } from './csv.js'
import { parseEntryJson, type EntryJson } from './entry-json.js'
import { accountsJson } from './files.js'
import { ledgerJournal } from './ledger-journal.js'
import { pdfText } from './pdf-text.js'
import { parseRecordJson } from './record-json.js'
import { bundleStatements } from './statements.js'

export { JOURNAL_PATH, LEDGER_PATH, ACCOUNTS_PATH, RECORDS_PATH, CHECKPOINT_PATH }

/** What the auditor holds that the bundle must agree with. */
export interface VerifyOptions {
  /** The journal's head the auditor expects (`--expect-head SEQ:HASH`). */
  expectHead?: { seq: number, hash: string }
  /** Checkpoints kept earlier (`--since`): the bundle's chains must still pass through each. */
  since?: readonly SignedCheckpoint[]
  /** The service's public key (base64) or its fingerprint (`--key`): the bundle must be signed with it. */
  key?: string
}

export interface BundleVerification {
  ok: boolean
  /** What was found sound, in the order it was checked; on failure, everything checked before the problem. */
  checked: string[]
  /** The first discrepancy, naming the file (and the row and figure) at fault; null when the bundle is sound. */
  problem: string | null
  /** The manifest once it is well-formed (its figures are only vouched for when `ok`). */
  manifest: Manifest | null
  /** The fingerprint of the key that signed the bundle, once its signature holds. */
  signedBy: string | null
}

/** Stops the walk at the first discrepancy. */
class Discrepancy extends Error {}
const fail = (problem: string): never => { throw new Discrepancy(problem) }

const HASH_RE = /^[0-9a-f]{64}$/
const MANIFEST_KEYS = ['format', 'groupId', 'groupName', 'generatedAt', 'through', 'head', 'entryCount', 'records', 'checkpoint', 'statements', 'files', 'signature']

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

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.byteLength === b.byteLength && a.every((x, i) => x === b[i])

/**
 * Checks an audit bundle offline, trusting nothing in it and nothing of the server that made it:
 * 1. the manifest is well-formed and signed by the key of its checkpoint (and by `key`, when the auditor gives one),
 *    every file is there with its hash and size, and nothing else is;
 * 2. both hash chains are recomputed from genesis (journal.jsonl: every entry hashed, linked and balanced; records.jsonl:
 *    every record of the group's protected tables), and the signed checkpoint names exactly their heads;
 * 3. the heads the auditor expects and the checkpoints they kept are still on those chains;
 * 4. the books are rebuilt from the two chains and the registers checked against the journal;
 * 5. every statement is recomputed from those books with the service's own code and its CSV must be the file byte for
 *    byte (the first differing figure is named), accounts.json and journal.ledger likewise;
 * 6. every PDF carries the checkpoint and the digest of its statement, and its text holds every figure of the
 *    recomputed statement, in order.
 * Stops at the first discrepancy.
 */
export function verifyBundle (zip: Uint8Array, opts: VerifyOptions = {}): BundleVerification {
  const checked: string[] = []
  let manifest: Manifest | null = null
  let signedBy: string | null = null
  try {
    const files = unpack(zip)
    manifest = readManifest(files)
    checked.push(`${MANIFEST_PATH}: well-formed, ${manifest.files.length} files listed`)
    const m = manifest
    if (!checkpointHolds(m.checkpoint)) fail(`${MANIFEST_PATH}: the checkpoint's signature does not hold`)
    if (!signatureHolds(m.checkpoint.key, manifestMessage(m), m.signature)) fail(`${MANIFEST_PATH}: the signature does not hold: the manifest was changed after it was signed`)
    signedBy = keyFingerprint(m.checkpoint.key)
    if (opts.key !== undefined && opts.key !== m.checkpoint.key && opts.key.replaceAll(' ', '') !== signedBy.replaceAll(' ', '')) {
      fail(`${MANIFEST_PATH}: signed by key ${signedBy}, not by the key you gave`)
    }
    checked.push(`${MANIFEST_PATH}: signed by key ${signedBy}`)
    checkFiles(m, files, checked)
    const kept = parseJson(CHECKPOINT_PATH, need(files, CHECKPOINT_PATH))
    if (canonicalJson(kept as Json) !== canonicalJson(m.checkpoint as unknown as Json)) fail(`${CHECKPOINT_PATH}: is not the manifest's checkpoint`)

    const entries = checkJournal(m, need(files, JOURNAL_PATH))
    checked.push(`${JOURNAL_PATH}: hash chain of ${entries.length} entries from genesis to seq ${m.head.seq}, every entry balanced`)
    const chain = checkRecords(m, need(files, RECORDS_PATH))
    checked.push(`${RECORDS_PATH}: record chain of ${chain.count} records (every account, member, fund, meeting, loan, repayment, write-off, period, SHU and arisan record)`)
    const c = m.checkpoint.checkpoint
    if (c.groupId !== m.groupId || c.seq !== m.head.seq || c.hash !== m.head.hash || c.records.seq !== chain.head.seq || c.records.hash !== chain.head.hash) {
      fail(`${MANIFEST_PATH}: the checkpoint names journal seq ${c.seq} and record ${c.records.seq}, not the heads of the chains in the bundle`)
    }
    checked.push(`${CHECKPOINT_PATH}: signed at ${c.at}, names both heads`)
    const heads = { groupId: m.groupId, hashAt: (seq: number) => entries[seq - 1]?.hash, lastSeq: m.head.seq, chain }
    if (opts.expectHead !== undefined) {
      const e = entries[opts.expectHead.seq - 1]
      if (opts.expectHead.seq !== m.head.seq || e?.hash !== opts.expectHead.hash) {
        fail(`${JOURNAL_PATH}: you expect head seq ${opts.expectHead.seq} hash ${opts.expectHead.hash}; the bundle's head is seq ${m.head.seq} hash ${m.head.hash}`)
      }
      checked.push(`${JOURNAL_PATH}: the head is the one you expect`)
    }
    for (const [i, s] of (opts.since ?? []).entries()) {
      const found = checkpointFindings(s, `kept checkpoint ${i + 1}`, heads, m.checkpoint.key)
      if (found[0] !== undefined) fail(`${found[0].id ?? ''}: ${found[0].detail}`)
      checked.push(`kept checkpoint ${i + 1} (seq ${s.checkpoint.seq}, record ${s.checkpoint.records.seq}, ${s.checkpoint.at}): still on both chains`)
    }

    const books = rebuild(m, entries, chain)
    checked.push(`${RECORDS_PATH}: the registers (loans, repayments, write-offs, periods, SHU, arisan) agree with the journal`)
    const drawn = books.arisanRounds.filter(r => r.draw !== null).length
    if (books.arisans.length > 0) checked.push(`${RECORDS_PATH}: ${books.arisanRounds.length} arisan rounds, each slot once; ${drawn} draws recomputed by ${DRAW_RULE}, each on the journal head just before its entry`)
    let unsigned = 0
    for (const p of books.periods) {
      if (p.checkpoint === null) { unsigned++; continue }
      const found = checkpointFindings(p.checkpoint, `the period closed through ${p.through}`, heads, m.checkpoint.key)
      if (found[0] !== undefined) fail(`${RECORDS_PATH}: periods ${p.id}: its checkpoint, ${found[0].id ?? ''}: ${found[0].detail}`)
    }
    checked.push(`${RECORDS_PATH}: ${books.periods.length - unsigned} period checkpoints signed by the bundle's key${unsigned === 0 ? '' : ` (${unsigned} periods closed without one)`}`)
    expectFile(files, ACCOUNTS_PATH, accountsJson(books.accounts))
    const through = m.through
    expectFile(files, LEDGER_PATH, Buffer.from(ledgerJournal(entries.filter(e => e.date <= through), books.accounts), 'utf8'))
    checked.push(`${ACCOUNTS_PATH}, ${LEDGER_PATH}: as the books give them`)
    checkStatements(m, books, files, checked)
    return { ok: true, checked, problem: null, manifest, signedBy }
  } catch (err) {
    if (err instanceof Discrepancy) return { ok: false, checked, problem: err.message, manifest, signedBy }
    throw err
  }
}

function need (files: Map<string, Uint8Array>, path: string): Uint8Array {
  return files.get(path) ?? fail(`${path}: missing from the bundle`)
}

function parseJson (path: string, bytes: Uint8Array): unknown {
  try { return JSON.parse(utf8(path, bytes)) } catch (err) {
    if (err instanceof Discrepancy) throw err
    return fail(`${path}: not JSON (${(err as Error).message})`)
  }
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
  const v = parseJson(MANIFEST_PATH, need(files, MANIFEST_PATH))
  if (!isObj(v)) return bad('not a JSON object')
  const extra = Object.keys(v).find(k => !MANIFEST_KEYS.includes(k))
  if (extra !== undefined) bad(`unknown field "${extra}"`)
  if (v.format !== BUNDLE_FORMAT) bad(`format must be "${BUNDLE_FORMAT}" (this verifier reads bundles of that format)`)
  const { groupId, groupName, generatedAt, through, head, entryCount, records, checkpoint, statements, files: listed, signature } = v
  if (typeof groupId !== 'string' || groupId === '') return bad('groupId must be a non-empty string')
  if (typeof groupName !== 'string') return bad('groupName must be a string')
  if (typeof generatedAt !== 'string' || Number.isNaN(Date.parse(generatedAt))) return bad('generatedAt must be a timestamp')
  if (typeof through !== 'string' || !isIsoDate(through)) return bad('through must be a date YYYY-MM-DD')
  if (!isObj(head) || !isCount(head.seq) || typeof head.hash !== 'string' || !HASH_RE.test(head.hash) || Object.keys(head).length !== 2) {
    return bad('head must be {seq, hash} with a whole seq and 64 lowercase hex digits')
  }
  if (!isCount(entryCount)) return bad('entryCount must be a whole number')
  if (!isObj(records) || !isCount(records.seq) || !isCount(records.count) || typeof records.hash !== 'string' || !HASH_RE.test(records.hash) || Object.keys(records).length !== 3) {
    return bad('records must be {seq, hash, count}')
  }
  let signed: SignedCheckpoint
  try { signed = parseSignedCheckpoint(checkpoint) } catch (err) { return bad((err as Error).message) }
  if (typeof signature !== 'string') return bad('signature must be base64')
  if (!Array.isArray(statements)) return bad('statements must be an array')
  const jobs: ManifestStatement[] = statements.map((s: unknown, i): ManifestStatement => {
    if (!isObj(s) || Object.keys(s).length !== 6) return bad(`statements[${i}] must be {kind, from, to, loanId, csv, pdf}`)
    const { kind, from, to, loanId, csv, pdf } = s
    if (typeof kind !== 'string' || !(STATEMENT_KINDS as readonly string[]).includes(kind)) return bad(`statements[${i}]: unknown kind`)
    if (!(from === null || (typeof from === 'string' && isIsoDate(from))) || typeof to !== 'string' || !isIsoDate(to)) return bad(`statements[${i}]: from and to must be dates`)
    if (!(loanId === null || typeof loanId === 'string') || typeof csv !== 'string' || typeof pdf !== 'string') return bad(`statements[${i}]: loanId, csv and pdf`)
    return { kind: kind as StatementKind, from, to, loanId, csv, pdf }
  })
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
    format: BUNDLE_FORMAT, groupId, groupName, generatedAt, through, head: { seq: head.seq, hash: head.hash }, entryCount,
    records: { seq: records.seq, hash: records.hash, count: records.count }, checkpoint: signed, statements: jobs, files: out, signature
  }
}

/** Every listed file present with its hash and size; nothing in the zip that the manifest does not list. */
function checkFiles (manifest: Manifest, files: Map<string, Uint8Array>, checked: string[]): void {
  for (const f of manifest.files) {
    const bytes = files.get(f.path) ?? fail(`${f.path}: listed in the manifest but missing from the bundle`)
    if (sha256Hex(bytes) !== f.sha256) fail(`${f.path}: sha256 mismatch`)
    if (bytes.byteLength !== f.bytes) fail(`${f.path}: size mismatch (the manifest says ${f.bytes} bytes, the file has ${bytes.byteLength})`)
  }
  checked.push(`${manifest.files.length} files: sha256 and size as signed`)
  const listed = new Set(manifest.files.map(f => f.path))
  for (const name of files.keys()) {
    if (name !== MANIFEST_PATH && !listed.has(name)) fail(`${name}: in the bundle but not listed in the manifest`)
  }
  const known = new Set([JOURNAL_PATH, RECORDS_PATH, LEDGER_PATH, ACCOUNTS_PATH, CHECKPOINT_PATH, ...manifest.statements.flatMap(s => [s.csv, s.pdf])])
  for (const path of listed) if (!known.has(path)) fail(`${path}: a file no bundle holds`)
}

function lines (path: string, bytes: Uint8Array): string[] {
  const out = utf8(path, bytes).split('\n')
  if (out.at(-1) === '') out.pop()
  return out
}

/** The journal's chain recomputed from genesis: gapless seq, links, hashes, balanced entries, reversals, head and count. */
function checkJournal (manifest: Manifest, bytes: Uint8Array): EntryJson[] {
  const entries: EntryJson[] = []
  const byId = new Map<string, EntryJson>()
  let prev: Link = { seq: 0, hash: GENESIS_HASH }
  for (const [i, line] of lines(JOURNAL_PATH, bytes).entries()) {
    let e: EntryJson
    try {
      e = parseEntryJson(line)
    } catch (err) {
      return fail(`${JOURNAL_PATH}: line ${i + 1}: ${(err as Error).message}`)
    }
    const at = `${JOURNAL_PATH}: seq ${Math.min(e.seq, prev.seq + 1)}`
    const chained = entryFromJson(e)
    const broken = brokenLink(prev, chained)
    if (broken !== null) fail(`${at}: ${broken}`)
    if (e.groupId !== manifest.groupId) fail(`${at}: groupId "${e.groupId}" is not the bundle's group "${manifest.groupId}"`)
    if (byId.has(e.id)) fail(`${at}: id "${e.id}" is used by an earlier entry`)
    try {
      journalEntry(chained.lines)
    } catch (err) {
      if (err instanceof DomainError) fail(`${at}: does not balance: ${err.detail}`)
      throw err
    }
    entries.push(e)
    byId.set(e.id, e)
    prev = linkOf(chained)
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

/** The record chain recomputed from genesis, its head and count as the manifest says. */
function checkRecords (manifest: Manifest, bytes: Uint8Array): RecordChain {
  const records: HashedRecord[] = []
  for (const [i, line] of lines(RECORDS_PATH, bytes).entries()) {
    try {
      records.push(parseRecordJson(line))
    } catch (err) {
      return fail(`${RECORDS_PATH}: line ${i + 1}: ${(err as Error).message}`)
    }
  }
  const chain = walkRecords(manifest.groupId, records)
  if (chain.broken !== null) fail(`${RECORDS_PATH}: ${chain.broken.id ?? ''}: ${chain.broken.detail}`)
  if (chain.head.seq !== manifest.records.seq || chain.head.hash !== manifest.records.hash || chain.count !== manifest.records.count) {
    fail(`${MANIFEST_PATH}: records say ${manifest.records.count} up to ${manifest.records.seq} ${manifest.records.hash}, ${RECORDS_PATH} holds ${chain.count} up to ${chain.head.seq} ${chain.head.hash}`)
  }
  return chain
}

const findingText = (f: Finding): string => `${f.table}${f.id === null ? '' : ` ${f.id}`}: ${f.detail}`

/** The books from the two chains, and the registers checked against the journal. */
function rebuild (manifest: Manifest, json: readonly EntryJson[], chain: RecordChain): Books {
  const entries: PostedEntry[] = json.map(e => ({ ...entryFromJson(e), reversedBy: e.reversedBy ?? null }))
  let books: Books
  try {
    books = booksOf(chain.byKey.values(), { entries })
  } catch (err) {
    return fail(`${RECORDS_PATH}: the records do not make up a group's books: ${(err as Error).message}`)
  }
  if (books.group.id !== manifest.groupId) fail(`${RECORDS_PATH}: the records are of group ${books.group.id}`)
  const byId = new Map(entries.map(e => [e.id, e]))
  const check = entryChecker(books)
  const findings = [
    ...legacyKindFindings(chain, entries),
    ...entries.flatMap(e => check(e, e.reverses === null ? undefined : byId.get(e.reverses))),
    ...registerFindings(books, id => byId.get(id))
  ]
  const first = findings[0]
  if (first !== undefined) fail(`${first.table === 'journal_entries' ? JOURNAL_PATH : RECORDS_PATH}: ${findingText(first)}`)
  return books
}

function expectFile (files: Map<string, Uint8Array>, path: string, want: Uint8Array): void {
  if (!sameBytes(need(files, path), want)) fail(`${path}: is not what the books give`)
}

/** The first cell where two CSVs differ, named by row and column. */
function csvDifference (path: string, found: Uint8Array, want: Uint8Array): string {
  let got: string[][]
  try { got = parseCsv(utf8(path, found)) } catch (err) { return `${path}: not RFC 4180 CSV (${(err as Error).message})` }
  const exp = parseCsv(new TextDecoder().decode(want))
  const header = exp[0] ?? []
  for (let r = 0; r < Math.max(got.length, exp.length); r++) {
    const a = got[r]
    const b = exp[r]
    if (a === undefined) return `${path}: row ${r + 1} is missing (the books give ${JSON.stringify(b?.join(','))})`
    if (b === undefined) return `${path}: row ${r + 1} is one the books do not give: ${JSON.stringify(a.join(','))}`
    for (let c = 0; c < Math.max(a.length, b.length); c++) {
      if (a[c] !== b[c]) {
        const what = r === 0 ? 'the header' : `row ${r + 1}${b[0] === undefined ? '' : ` (${[b[0], b[1]].filter(x => x !== undefined && x !== '').join(' ')})`}, column "${header[c] ?? c + 1}"`
        return `${path}: ${what}: the file says ${JSON.stringify(a[c] ?? '')}, the books give ${JSON.stringify(b[c] ?? '')}`
      }
    }
  }
  return `${path}: differs from the statement the books give (byte order mark or line ends)`
}

/** What a figure looks like in print, without the spaces a PDF may or may not keep. */
const squeeze = (text: string): string => text.replace(/\s+/g, '')

/** Every figure the statement prints (amounts, counts, dates, percents), in the order the PDF draws them. */
function figures (s: Statement): Array<{ text: string, where: string }> {
  const out: Array<{ text: string, where: string }> = []
  const push = (cell: Cell | undefined, kind: ColumnKind, where: string): void => {
    const value = shown(cell, 'id')
    if (kind === 'text' || value === null) return
    const text = squeeze(cellText(value, kind, 'id'))
    if (text !== '') out.push({ text, where })
  }
  for (const t of s.tables) {
    for (const [i, r] of t.rows.entries()) {
      for (const c of t.columns) push(r.cells[c.key], c.kind, `${t.title === null ? '' : `${t.title.id}, `}row ${i + 1}, column "${c.label.id}"`)
    }
  }
  for (const x of s.summary) push(x.value, x.kind, `"${x.label.id}"`)
  return out
}

/** Every statement recomputed from the books: its CSV byte for byte, its PDF bound to the checkpoint and holding its figures. */
function checkStatements (m: Manifest, books: Books, files: Map<string, Uint8Array>, checked: string[]): void {
  const expected = bundleStatements(m.through, books.loans.filter(l => l.loan.disbursedOn <= m.through).map(l => l.loan.id))
  if (canonicalJson(expected as unknown as Json) !== canonicalJson(m.statements as unknown as Json)) {
    const missing = expected.find(e => !m.statements.some(s => s.csv === e.csv))
    fail(`${MANIFEST_PATH}: the statements listed are not those of the books as of ${m.through}${missing === undefined ? '' : ` (${missing.csv} is missing)`}`)
  }
  const checkpoint = canonicalJson(m.checkpoint as unknown as Json)
  const fingerprint = keyFingerprint(m.checkpoint.key)
  for (const job of m.statements) {
    let s: Statement
    try {
      s = buildStatement(books, job.kind, { from: job.from, to: job.to, ...(job.loanId === null ? {} : { loanId: job.loanId }) })
    } catch (err) {
      return fail(`${job.csv}: the books give no such statement (${(err as Error).message})`)
    }
    const csv = renderCsv(s, 'id')
    const found = need(files, job.csv)
    if (!sameBytes(found, csv)) fail(csvDifference(job.csv, found, csv))
    let doc: ReturnType<typeof pdfText>
    try {
      doc = pdfText(need(files, job.pdf))
    } catch (err) {
      return fail(`${job.pdf}: not a PDF this verifier can read (${(err as Error).message})`)
    }
    let bound: unknown
    try { bound = JSON.parse(doc.info[PDF_CHECKPOINT_KEY] ?? 'null') } catch { bound = null }
    if (bound === null || canonicalJson(bound as Json) !== checkpoint) fail(`${job.pdf}: does not carry the bundle's signed checkpoint`)
    if (doc.info[PDF_DIGEST_KEY] !== sha256Hex(csv)) fail(`${job.pdf}: is not bound to the statement the books give (its digest differs from ${job.csv}'s)`)
    const text = squeeze(doc.pages.map(p => [...p.runs].sort((a, b) => b.y - a.y || a.x - b.x).map(r => r.text).join('')).join(''))
    if (!text.toLocaleUpperCase('id').includes(squeeze(s.title.id).toLocaleUpperCase('id'))) fail(`${job.pdf}: its title is not "${s.title.id}"`)
    if (!text.includes(squeeze(`seq ${m.head.seq}`)) || !text.includes(squeeze(`kunci ${fingerprint}`))) fail(`${job.pdf}: its footer does not name the ledger head seq ${m.head.seq} and key ${fingerprint}`)
    let at = 0
    for (const f of figures(s)) {
      const i = text.indexOf(f.text, at)
      if (i < 0) fail(`${job.pdf}: ${f.where}: the books give ${JSON.stringify(f.text)}, which the PDF does not show there`)
      at = i + f.text.length
    }
  }
  checked.push(`${m.statements.length} statements recomputed from the books: every CSV byte for byte, every PDF bound to the checkpoint with every figure in place`)
}
