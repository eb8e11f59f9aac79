import type { AccountDef } from '../domain/ledger/accounts.js'

/** One JSON document per line, each line ending in a line feed: journal.jsonl and records.jsonl. */
export function jsonLines (items: readonly unknown[]): Uint8Array {
  return Buffer.from(items.map(x => JSON.stringify(x) + '\n').join(''), 'utf8')
}

/** accounts.json: the chart of accounts, as the bundle and the verifier write it. */
export function accountsJson (accounts: readonly AccountDef[]): Uint8Array {
  return Buffer.from(JSON.stringify(accounts.map(a => ({ code: a.code, name: a.name, type: a.type, normalBalance: a.normalBalance })), null, 2) + '\n', 'utf8')
}
