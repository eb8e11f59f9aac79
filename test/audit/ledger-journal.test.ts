import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EntryJson, EntryLineJson } from '../../src/verifier/entry-json.js'
import { ledgerAccountName, ledgerJournal, type LedgerAccount } from '../../src/verifier/ledger-journal.js'
import { DEFAULT_CHART } from '../../src/domain/ledger/accounts.js'
import { chain, ENTRIES } from './fixture.js'

/** The chart plus accounts whose names hold everything hledger or ledger could trip on. */
const CHART: LedgerAccount[] = [
  ...DEFAULT_CHART,
  { code: '1103', name: 'Kas  Kecil;\tRT 01: (lama) [x] @ = "q" é*!&%$#|', type: 'asset' },
  { code: '1104', name: 'Kas\u00a0\u00a0Desa\u200b\nbaris dua', type: 'asset' },
  { code: '2199', name: 'Utang: lain-lain ; catatan', type: 'liability' },
  { code: '4199', name: '  Pendapatan\t\tlain  ', type: 'income' },
  { code: '5199', name: '(Beban) [lain]', type: 'expense' }
]
const FUNDS = ['fnd_hibah', 'fnd_bergulir', null, 'fnd a,b; c']
const MEMBERS = [null, 'mbr_ani', 'mbr_budi', null]

/** A deterministic pseudo-random journal: 300 balanced entries over every account, amounts from 1 to 10^15. */
function generated (): EntryJson[] {
  let x = 20050301
  const next = (n: number): number => { x = (x * 1103515245 + 12345) % 2147483648; return x % n }
  const drafts = []
  for (let i = 1; i <= 300; i++) {
    const lines: EntryLineJson[] = []
    let total = 0n
    const debits = 1 + next(3)
    for (let k = 0; k < debits; k++) {
      const amount = i % 97 === 0 ? 10n ** 15n / BigInt(debits) : BigInt(1 + next(1_000_000)) * BigInt(1 + next(1000))
      total += amount
      lines.push({ account: CHART[next(CHART.length)]!.code, debit: amount.toString(), fund: FUNDS[next(FUNDS.length)] ?? null, memberId: MEMBERS[next(MEMBERS.length)] ?? null })
    }
    lines.push({ account: CHART[next(CHART.length)]!.code, credit: total.toString(), fund: FUNDS[next(FUNDS.length)] ?? null, memberId: MEMBERS[next(MEMBERS.length)] ?? null })
    const day = String(1 + (i % 28)).padStart(2, '0')
    drafts.push({ id: `ent_${i}`, date: `2006-${String(1 + (i % 12)).padStart(2, '0')}-${day}`, description: i % 5 === 0 ? `Setoran; ke-${i}\t| catatan  ganda` : `Transaksi ${i}`, reference: i % 7 === 0 ? `ref, ${i}` : null, reverses: null, lines })
  }
  return chain(drafts)
}

/** debit − credit per ledger account name, over `entries`, for the lines `keep` accepts. */
function expected (entries: readonly EntryJson[], keep: (l: EntryLineJson) => boolean = () => true): Map<string, bigint> {
  const byCode = new Map(CHART.map(a => [a.code, ledgerAccountName(a)]))
  const out = new Map<string, bigint>()
  for (const e of entries) {
    for (const l of e.lines) {
      if (!keep(l)) continue
      const name = byCode.get(l.account)!
      out.set(name, (out.get(name) ?? 0n) + BigInt(l.debit ?? '0') - BigInt(l.credit ?? '0'))
    }
  }
  for (const [k, v] of out) if (v === 0n) out.delete(k)
  return out
}

/** Account lines of a flat balance report (`  2500000 IDR  Assets:1101 Kas`); zero balances are left out. */
function parseBalances (stdout: string): Map<string, bigint> {
  const out = new Map<string, bigint>()
  for (const line of stdout.split('\n')) {
    const m = /^\s*(-?\d+) IDR {2}(.+)$/.exec(line)
    if (m !== null && m[1] !== '0') out.set(m[2]!, BigInt(m[1]!))
  }
  return out
}

function run (cmd: string, args: string[]): { status: number | null, stdout: string, stderr: string } | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } })
  if (r.error !== undefined) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw r.error
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

t.test('the journal has the documented shape', async t => {
  const text = ledgerJournal(ENTRIES.slice(0, 1), DEFAULT_CHART)
  t.match(text, /^commodity IDR$/m)
  t.match(text, /^account Assets:1101 Kas$/m)
  t.match(text, /^account Revenues:4101 Pendapatan Jasa Pinjaman$/m)
  t.match(text, /^account Liabilities:2101 Simpanan Sukarela$/m)
  t.match(text, /^account Expenses:5101 Beban Konsumsi Rapat$/m)
  t.ok(text.endsWith([
    '2005-03-01 * (seq 1) Dana hibah P2WKSS dari Dinas',
    '    ; id: ent_1',
    `    ; hash: ${ENTRIES[0]!.hash}`,
    '    ; reference: SK-12/2005',
    '    Assets:1101 Kas                            2500000 IDR',
    '        ; fund: fnd_hibah',
    '    Equity:3201 Dana Hibah / Dana Stimulan    -2500000 IDR',
    '        ; fund: fnd_hibah',
    ''
  ].join('\n')), text)
  t.equal(ledgerJournal(ENTRIES, DEFAULT_CHART), ledgerJournal([...ENTRIES].reverse(), [...DEFAULT_CHART].reverse()), 'the same books give the same text')
})

t.test('names and text lose whatever would end or split them', async t => {
  const text = ledgerJournal(generated(), CHART)
  for (const line of text.split('\n')) {
    if (line.startsWith('account ')) {
      t.notMatch(line, /;| {2}|\t|\u00a0|:.*:/, line)
    }
  }
  t.equal(ledgerAccountName(CHART.find(a => a.code === '1103')!), 'Assets:1103 Kas Kecil, RT 01- (lama) [x] @ = "q" é*!&%$#|')
  t.equal(ledgerAccountName(CHART.find(a => a.code === '1104')!), 'Assets:1104 Kas Desa baris dua')
  t.equal(ledgerAccountName(CHART.find(a => a.code === '4199')!), 'Revenues:4199 Pendapatan lain')
  t.notMatch(text, /\t/)
  t.throws(() => ledgerJournal(ENTRIES, DEFAULT_CHART.filter(a => a.code !== '5101')), /5101/)
})

for (const tool of ['hledger', 'ledger'] as const) {
  const version = run(tool, ['--version'])
  const skip = version === null ? `${tool} is not installed (apt-get install -y ${tool}); CI runs this` : false
  t.test(`${tool} reads the journal unchanged and every account's balance is the sum of its lines`, { skip }, async t => {
    t.comment(version?.stdout.split('\n')[0] ?? '')
    const dir = mkdtempSync(join(tmpdir(), 'lumbung-ledger-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const entries = generated()
    const file = join(dir, 'journal.ledger')
    writeFileSync(file, ledgerJournal(entries, CHART))

    // Strict modes: every account, commodity (and, for ledger, tag) must be declared.
    const strict = tool === 'hledger' ? ['-s', '-f', file, 'bal', '--flat', '-N', '--no-elide'] : ['--pedantic', '-f', file, 'bal', '--flat']
    const all = run(tool, strict)!
    t.equal(all.status, 0, all.stderr)
    t.equal(all.stderr, '')
    t.same(parseBalances(all.stdout), expected(entries))

    // fund and member are posting tags either tool can select by.
    const query = (tag: string, value: string): string[] => tool === 'hledger' ? [`tag:${tag}=^${value}$`] : [`%${tag}=^${value}$`]
    for (const [tag, value] of [['fund', 'fnd_bergulir'], ['member', 'mbr_ani']] as const) {
      const r = run(tool, ['-f', file, 'bal', '--flat', ...(tool === 'hledger' ? ['-N'] : []), ...query(tag, value)])!
      t.equal(r.status, 0, r.stderr)
      t.same(parseBalances(r.stdout), expected(entries, l => (tag === 'fund' ? l.fund : l.memberId) === value), `${tag}:${value}`)
    }

    // hledger infers each account's type from its top-level name.
    if (tool === 'hledger') {
      const types = run(tool, ['-f', file, 'accounts', '--types'])!
      t.equal(types.status, 0, types.stderr)
      const want = { asset: 'A', liability: 'L', equity: 'E', income: 'R', expense: 'X' } as const
      for (const a of CHART) t.ok(types.stdout.includes(ledgerAccountName(a)), `${a.code} is declared`)
      for (const line of types.stdout.trim().split('\n')) {
        const m = /^(.+?)\s+; type: (\w)$/.exec(line)
        const account = CHART.find(a => ledgerAccountName(a) === m?.[1])
        t.equal(m?.[2], account === undefined ? undefined : want[account.type], line)
      }
    }

    // Each transaction can be found by the hash of its entry.
    const last = entries.at(-1)!
    const byHash = run(tool, tool === 'hledger' ? ['-f', file, 'print', `tag:hash=${last.hash}`] : ['-f', file, 'print', `%hash=${last.hash}`])!
    t.match(byHash.stdout, `(seq ${last.seq})`)
    t.equal(byHash.stdout.match(/\(seq \d+\)/g)?.length, 1)
  })
}
