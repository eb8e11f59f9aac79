import type { AccountType } from '../domain/ledger/accounts.js'
import type { EntryJson } from './entry-json.js'

/**
 * The journal as plain text that both hledger (1.25+) and ledger (3.x) read unchanged, so an auditor can check the
 * books with tools that owe nothing to Lumbung:
 *
 *     commodity IDR
 *     account Assets:1101 Kas
 *
 *     2005-03-01 * (seq 1) Hibah dari Dinas
 *         ; id: ent_1
 *         ; hash: 5f0c…
 *         Assets:1101 Kas                             2500000 IDR
 *             ; fund: fnd_1
 *         Equity:3201 Dana Hibah / Dana Stimulan     -2500000 IDR
 *             ; fund: fnd_1
 *
 * Choices the two tools force:
 * - `commodity IDR` with no sample amount: hledger refuses `commodity 1000 IDR` (it wants a decimal mark,
 *   `1000. IDR`), and ledger reads `1000. IDR` as a different commodity. Amounts are whole numbers, so both tools
 *   print them as such without a format.
 * - One `key: value` per comment line: ledger reads the rest of a comment line as one value, so `; id: x, hash: y`
 *   would give it a single tag. hledger reads the same lines as tags, so `tag:fund=…` and `%fund=…` both work.
 * - Account names start with the type hledger infers (Assets, Liabilities, Equity, Revenues, Expenses) and hold no
 *   `;`, `:` (beyond the one after the type), tab, line break or two spaces in a row: those end or split a name.
 * - Nothing on an `account` line after the name: ledger would take a trailing `; type:A` as part of the name.
 */

export interface LedgerAccount {
  code: string
  name: string
  type: AccountType
}

const ROOT: Record<AccountType, string> = {
  asset: 'Assets',
  liability: 'Liabilities',
  equity: 'Equity',
  income: 'Revenues',
  expense: 'Expenses'
}

/** The tags every transaction or posting may carry; declared so `ledger --pedantic` accepts the file. */
const TAGS = ['id', 'hash', 'reference', 'reverses', 'fund', 'member'] as const

/** Text on one line with no comment marker and single spaces: safe in a description, a tag value or a name. */
function oneLine (text: string): string {
  return text
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/;/g, ',')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** A tag value: hledger ends a value at a comma. */
const tagValue = (text: string): string => oneLine(text).replace(/,/g, ' ').replace(/ {2,}/g, ' ').trim()

/** `Assets:1101 Kas`: the colon would start a sub-account, so none is left inside the code or the name. */
export function ledgerAccountName (a: LedgerAccount): string {
  const part = (text: string): string => oneLine(text.replace(/:/g, '-'))
  const name = part(a.name)
  return `${ROOT[a.type]}:${part(a.code)}${name === '' ? '' : ` ${name}`}`
}

/** The journal of `entries` (sorted by seq) over the chart `accounts`, every account declared first. */
export function ledgerJournal (entries: readonly EntryJson[], accounts: ReadonlyArray<LedgerAccount>): string {
  const names = new Map<string, string>()
  const taken = new Set<string>()
  for (const a of [...accounts].sort((x, y) => x.code < y.code ? -1 : x.code > y.code ? 1 : 0)) {
    const name = ledgerAccountName(a)
    if (names.has(a.code)) throw new Error(`account ${a.code} appears twice in the chart`)
    if (taken.has(name)) throw new Error(`two accounts would both be named "${name}" in the ledger journal`)
    names.set(a.code, name)
    taken.add(name)
  }
  const nameOf = (code: string): string => {
    const name = names.get(code)
    if (name === undefined) throw new Error(`account ${code} is used by the journal but is not in the chart`)
    return name
  }

  const sorted = [...entries].sort((a, b) => a.seq - b.seq)
  const postings = sorted.flatMap(e => e.lines.map(l => ({ name: nameOf(l.account), amount: amountOf(l) })))
  const nameWidth = Math.max(0, ...postings.map(p => p.name.length))
  const amountWidth = Math.max(0, ...postings.map(p => p.amount.length))

  const out: string[] = []
  const first = sorted[0]
  const last = sorted.at(-1)
  out.push(`; Lumbung journal: ${sorted.length} ${sorted.length === 1 ? 'entry' : 'entries'}` +
    (first === undefined || last === undefined ? '' : `, seq ${first.seq} to ${last.seq}, head hash ${last.hash}`))
  out.push('; Amounts are whole rupiah. Each transaction carries the id and hash of its entry in the hash chain.')
  out.push('')
  out.push('commodity IDR')
  out.push('')
  for (const tag of TAGS) out.push(`tag ${tag}`)
  out.push('')
  for (const name of names.values()) out.push(`account ${name}`)

  let i = 0
  for (const e of sorted) {
    out.push('')
    const description = oneLine(e.description)
    out.push(`${e.date} * (seq ${e.seq})${description === '' ? '' : ` ${description}`}`)
    out.push(`    ; id: ${tagValue(e.id)}`)
    out.push(`    ; hash: ${tagValue(e.hash)}`)
    if (e.reference !== null) out.push(`    ; reference: ${tagValue(e.reference)}`)
    if (e.reverses !== null) out.push(`    ; reverses: ${tagValue(e.reverses)}`)
    for (const l of e.lines) {
      const p = postings[i++]
      if (p === undefined) throw new Error('unreachable: one posting per line')
      out.push(`    ${p.name.padEnd(nameWidth)}    ${p.amount.padStart(amountWidth)} IDR`)
      if (l.fund !== null) out.push(`        ; fund: ${tagValue(l.fund)}`)
      if (l.memberId !== null) out.push(`        ; member: ${tagValue(l.memberId)}`)
    }
  }
  return out.join('\n') + '\n'
}

/** A line's amount as a signed integer: debits positive, credits negative. */
function amountOf (l: EntryJson['lines'][number]): string {
  return (BigInt(l.debit ?? '0') - BigInt(l.credit ?? '0')).toString()
}
