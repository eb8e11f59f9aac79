import { buildBundle, CHECKPOINT_PATH, JOURNAL_PATH, ACCOUNTS_PATH, LEDGER_PATH, RECORDS_PATH, type ManifestStatement } from '../verifier/bundle.js'
import { accountsJson, jsonLines } from '../verifier/files.js'
import { ledgerJournal } from '../verifier/ledger-journal.js'
import type { Db } from '../data/connect.js'
import { allRecords } from '../data/record-repository.js'
import { inSnapshot } from '../data/snapshot.js'
import { loanFiles } from '../domain/books/books.js'
import { entryToJson } from '../domain/ledger/entry-json.js'
import { bundleStatements } from '../verifier/statements.js'
import { buildStatement } from '../domain/statements/build.js'
import type { Lang, Statement } from '../domain/statements/model.js'
import { renderCsv } from '../render/csv.js'
import { allEntries, loadBooks } from './books-service.js'
import { checkpointOf } from './checkpoint-service.js'
import type { Env } from './context.js'
import { requireGroup } from './group-service.js'
import * as groups from '../data/group-repository.js'

/** Turns a statement into a PDF; the HTTP layer supplies it, so services know no file formats beyond the CSV they verify against. */
export type Renderer = (s: Statement, lang: Lang, printedAt: Date) => Promise<Buffer>

/** The journal dated up to `through` in the plain-text format hledger and ledger read. */
export async function ledgerExport (db: Db, groupId: string, through: string): Promise<string> {
  await requireGroup(db, groupId)
  const [entries, accounts] = await Promise.all([allEntries(db, groupId), groups.listAccounts(db, groupId)])
  return ledgerJournal(entries.map(entryToJson).filter(e => e.date <= through), accounts)
}

/**
 * The audit bundle, from one consistent state of the books: the complete hash chain (journal.jsonl), the complete
 * record chain (records.jsonl), the journal dated up to `through` in ledger format, the chart of accounts, the signed
 * checkpoint of those books, and every statement as of `through` (the year to date for period statements) in CSV
 * and PDF, each PDF bound to the checkpoint; the manifest lists every file with its SHA-256 and is signed.
 * lumbung-verify recomputes every statement from the two chains and checks every figure offline.
 */
export async function auditBundle (db: Db, env: Env, groupId: string, through: string, now: Date, pdf: Renderer): Promise<Uint8Array> {
  const { books, records, checkpoint } = await inSnapshot(db, async tx => ({
    books: await loadBooks(tx, groupId, { entries: true }),
    records: await allRecords(tx, groupId),
    checkpoint: await checkpointOf(tx, env, groupId)
  }))
  const entries = (books.entries ?? []).map(entryToJson)
  const files: Array<{ path: string, bytes: Uint8Array }> = [
    { path: JOURNAL_PATH, bytes: jsonLines(entries) },
    { path: RECORDS_PATH, bytes: jsonLines(records) },
    { path: LEDGER_PATH, bytes: Buffer.from(ledgerJournal(entries.filter(e => e.date <= through), books.accounts), 'utf8') },
    { path: ACCOUNTS_PATH, bytes: accountsJson(books.accounts) },
    { path: CHECKPOINT_PATH, bytes: Buffer.from(JSON.stringify(checkpoint, null, 2) + '\n', 'utf8') }
  ]
  const statements: ManifestStatement[] = []
  for (const job of bundleStatements(through, loanFiles(books, through).map(f => f.loan.id))) {
    const s = { ...buildStatement(books, job.kind, { from: job.from, to: job.to, ...(job.loanId === null ? {} : { loanId: job.loanId }) }), checkpoint }
    files.push({ path: job.csv, bytes: renderCsv(s, 'id') })
    files.push({ path: job.pdf, bytes: await pdf(s, 'id', now) })
    statements.push(job)
  }
  const last = entries.at(-1)
  return buildBundle({
    groupId: books.group.id,
    groupName: books.group.name,
    generatedAt: now.toISOString(),
    through,
    head: last === undefined ? { seq: 0, hash: '0'.repeat(64) } : { seq: last.seq, hash: last.hash },
    entryCount: entries.length,
    records: { seq: checkpoint.checkpoint.records.seq, hash: checkpoint.checkpoint.records.hash, count: records.length },
    checkpoint,
    statements,
    files
  }, env.signer)
}
