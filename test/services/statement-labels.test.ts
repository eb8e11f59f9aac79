import t from 'tap'
import { STATEMENT_KINDS, type Label, type Statement, type StatementKind } from '../../src/domain/statements/model.js'
import { renderCsv } from '../../src/render/csv.js'
import { renderJson } from '../../src/render/json.js'
import { buildStatement } from '../../src/services/statement-service.js'
import { TEST_SIGNER } from '../helpers.js'
import { fullYears, twoYearApi } from '../scenario.js'

// Row labels come in both languages: under lang=en no fixed Indonesian text of a builder (a total row, an item of the
// fund reports, a collectibility, a loan's status, how a share was paid) is shown; what users typed (account,
// member and fund names, descriptions, minutes) is shown as typed in both.

const isLabel = (x: unknown): x is Label => typeof x === 'object' && x !== null && !Array.isArray(x) &&
  Object.keys(x).sort().join() === 'en,id' && typeof (x as Label).id === 'string' && typeof (x as Label).en === 'string'

/** The Indonesian side of every label of the statement that has an English side of its own. */
function translated (s: Statement): Set<string> {
  const out = new Set<string>()
  const walk = (x: unknown): void => {
    if (isLabel(x)) { if (x.en !== x.id) out.add(x.id); return }
    if (Array.isArray(x)) { for (const y of x) walk(y); return }
    if (typeof x === 'object' && x !== null) for (const y of Object.values(x)) walk(y)
  }
  walk(s)
  return out
}

/** Every string in a JSON document. */
function strings (x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x)
  else if (Array.isArray(x)) for (const y of x) strings(y, out)
  else if (typeof x === 'object' && x !== null) for (const y of Object.values(x)) strings(y, out)
  return out
}

// Texts that reached English statements before their rows were bilingual; none of them is a name in these books.
const LEAKED = ['Jumlah', 'Jumlah Aset', 'Jumlah Kewajiban', 'Jumlah Ekuitas', 'Jumlah Pendapatan', 'Jumlah Beban', 'Kas bersih',
  'Saldo awal', 'Saldo akhir', 'SHU periode berjalan (belum ditutup)', 'Sisa dana', 'Dana diterima', 'Modal dan simpanan diterima',
  'Modal yang dihimpun', 'Perkembangan', 'Tunai', 'Simpanan sukarela', 'Lancar', 'Kurang Lancar', 'Diragukan', 'Macet', 'Aktif', 'Lunas',
  'Dihapusbukukan', 'Rata per anggota', 'Simpanan (jasa modal)']
const LEAKED_PREFIXES = ['Digunakan:', 'berupa:', 'Pembagian SHU:', 'Ketentuan pinjaman:']

t.test('every statement of the two-year books: no Indonesian row label under lang=en, the Indonesian text under lang=id', async t => {
  const api = await twoYearApi()
  t.teardown(api.close)
  const books = await fullYears(api)
  const env = { now: () => new Date('2007-01-20T02:00:00.000Z'), newId: (x: string) => x, timeZone: 'Asia/Makassar', signer: TEST_SIGNER }
  const asked: Array<[StatementKind, Record<string, string>]> = [
    ...STATEMENT_KINDS.filter(k => k !== 'loan-card').map(k => [k, {}] as [StatementKind, Record<string, string>]),
    ['loan-card', { loanId: books.loans[0] ?? '' }],
    ['loan-card', { loanId: books.loans[1] ?? '' }],
    ['member-savings', { memberId: books.members[0] ?? '' }]
  ]
  const seen = new Set<string>()
  for (const [kind, extra] of asked) {
    const s = await buildStatement(api.store.reader, env, books.gid, kind, { from: '2005-01-01', to: '2007-01-20', ...extra })
    const fixed = translated(s)
    for (const text of fixed) seen.add(text)
    const json = strings(JSON.parse(renderJson(s, 'en')))
    const isLeak = (x: string): boolean => LEAKED.includes(x) || LEAKED_PREFIXES.some(p => x.startsWith(p))
    t.same(json.filter(x => fixed.has(x) || isLeak(x)), [], `${kind} ${JSON.stringify(extra)}: no Indonesian fixed text in the English JSON`)
    const csvCells = renderCsv(s, 'en').toString('utf8').split(/[\r\n]+/).flatMap(line => line.split(','))
    t.same(csvCells.filter(isLeak), [], `${kind} ${JSON.stringify(extra)}: nor in the English CSV`)
    const indonesian = strings(JSON.parse(renderJson(s, 'id')))
    t.ok([...fixed].every(x => indonesian.includes(x) || indonesian.some(y => y.includes(x))), `${kind}: its Indonesian JSON shows the Indonesian labels`)
  }
  // The books reach the rows that leaked before, so the checks above were not vacuous.
  for (const text of ['Jumlah', 'Jumlah Aset', 'Kas bersih', 'Saldo awal', 'Sisa dana', 'Tunai', 'Lancar', 'Dihapusbukukan']) {
    t.ok(seen.has(text), `some statement carries "${text}" as a label with an English side`)
  }
})
