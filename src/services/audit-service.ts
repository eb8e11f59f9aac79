import { buildBundle } from '../audit/bundle.js'
import { ledgerJournal } from '../audit/ledger-journal.js'
import type { Db } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import { entryToJson, type EntryJson } from '../domain/ledger/entry-json.js'
import { STATEMENT_KINDS, type Lang, type Statement, type StatementKind } from '../domain/statements/model.js'
import { requireGroup } from './group-service.js'
import { listLoans } from './loan-service.js'
import { buildStatement, type StatementParams } from './statement-service.js'

/** Turns a statement into a file; the HTTP layer supplies it, so services know no file formats. */
export type Renderer = (s: Statement, format: 'csv' | 'pdf', lang: Lang, printedAt: Date) => Promise<Buffer>

const PAGE = 1000

/** The whole chain, in seq order, as its JSON lines. */
async function chain (db: Db, groupId: string): Promise<EntryJson[]> {
  const out: EntryJson[] = []
  let after = 0
  for (;;) {
    const page = await journal.listEntries(db, groupId, { afterSeq: after, limit: PAGE })
    out.push(...page.map(entryToJson))
    const last = page.at(-1)
    if (last === undefined || page.length < PAGE) return out
    after = last.seq
  }
}

/** The journal dated up to `through` in the plain-text format hledger and ledger read. */
export async function ledgerExport (db: Db, groupId: string, through: string): Promise<string> {
  await requireGroup(db, groupId)
  const [entries, accounts] = await Promise.all([chain(db, groupId), groups.listAccounts(db, groupId)])
  return ledgerJournal(entries.filter(e => e.date <= through), accounts)
}

/**
 * The audit bundle: the complete hash chain (journal.jsonl), the journal dated up to `through` in ledger format,
 * the chart of accounts, and every statement as of `through` (the year to date for period statements) in CSV and PDF,
 * with a manifest of SHA-256 hashes. lumbung-verify checks it offline.
 */
export async function auditBundle (db: Db, groupId: string, through: string, now: Date, render: Renderer): Promise<Uint8Array> {
  const group = await requireGroup(db, groupId)
  const [entries, accounts, loans] = await Promise.all([chain(db, groupId), groups.listAccounts(db, groupId), listLoans(db, groupId, { asOf: through })])
  const files: Array<{ path: string, bytes: Uint8Array }> = [
    { path: 'journal.jsonl', bytes: Buffer.from(entries.map(e => JSON.stringify(e)).join('\n') + (entries.length > 0 ? '\n' : ''), 'utf8') },
    { path: 'journal.ledger', bytes: Buffer.from(ledgerJournal(entries.filter(e => e.date <= through), accounts), 'utf8') },
    { path: 'accounts.json', bytes: Buffer.from(JSON.stringify(accounts.map(a => ({ code: a.code, name: a.name, type: a.type, normalBalance: a.normalBalance })), null, 2) + '\n', 'utf8') }
  ]
  const yearStart = `${through.slice(0, 4)}-01-01`
  const jobs: Array<{ path: string, kind: StatementKind, params: StatementParams }> = STATEMENT_KINDS
    .filter(k => k !== 'loan-card')
    .map(kind => ({ path: `statements/${kind}`, kind, params: { from: yearStart, to: through } }))
  for (const l of loans) jobs.push({ path: `statements/loan-card/${l.file.loan.id}`, kind: 'loan-card', params: { from: null, to: through, loanId: l.file.loan.id } })
  for (const job of jobs) {
    const s = await buildStatement(db, groupId, job.kind, job.params)
    files.push({ path: `${job.path}.csv`, bytes: await render(s, 'csv', 'id', now) })
    files.push({ path: `${job.path}.pdf`, bytes: await render(s, 'pdf', 'id', now) })
  }
  const head = entries.at(-1)
  return buildBundle({
    groupId: group.id,
    groupName: group.name,
    generatedAt: now.toISOString(),
    through,
    head: head === undefined ? { seq: 0, hash: '0'.repeat(64) } : { seq: head.seq, hash: head.hash },
    entryCount: entries.length,
    files
  })
}
