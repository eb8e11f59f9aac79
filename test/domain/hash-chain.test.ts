import t from 'tap'
import { canonicalEntry, canonicalJson, entryHash, firstBrokenLink, GENESIS_HASH, type ChainedEntry } from '../../src/domain/ledger/hash-chain.js'
import { creditLine, debitLine } from '../../src/domain/ledger/journal-entry.js'

function chain (n: number): Array<ChainedEntry & { hash: string }> {
  const out: Array<ChainedEntry & { hash: string }> = []
  let prev = GENESIS_HASH
  for (let i = 1; i <= n; i++) {
    const e: ChainedEntry = {
      id: `ent_${i}`, groupId: 'grp_1', seq: i, date: '2025-01-10', description: `entry ${i}`, reference: null, reverses: null,
      actor: { id: 'key_admin', name: 'admin' }, createdAt: '2025-01-10T00:00:00.000Z',
      lines: [debitLine('1101', BigInt(i * 1000)), creditLine('3201', BigInt(i * 1000))], prevHash: prev,
      kind: 'manual', source: null, hashVersion: 1
    }
    const hash = entryHash(e)
    out.push({ ...e, hash })
    prev = hash
  }
  return out
}

t.test('canonical JSON sorts keys at every level and has no white space', async t => {
  t.equal(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] }), '{"a":[{"c":"x","d":null}],"b":1}')
  t.throws(() => canonicalJson(1.5))
})

t.test('the canonical form of an entry is documented and stable', async t => {
  const [first] = chain(1)
  t.equal(canonicalEntry(first!), '{"actor":{"id":"key_admin","name":"admin"},"createdAt":"2025-01-10T00:00:00.000Z","date":"2025-01-10","description":"entry 1","groupId":"grp_1","id":"ent_1","lines":[{"account":"1101","credit":"0","debit":"1000","fund":null,"member":null},{"account":"3201","credit":"1000","debit":"0","fund":null,"member":null}],"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","reference":null,"reverses":null,"seq":1}')
  t.match(first!.hash, /^[0-9a-f]{64}$/)
})

t.test('a whole chain verifies; any change breaks it at the changed entry', async t => {
  const c = chain(5)
  t.equal(firstBrokenLink(c), null)
  const amount = c.map((e, i) => i === 2 ? { ...e, lines: [debitLine('1101', 1n), creditLine('3201', 1n)] } : e)
  t.same(firstBrokenLink(amount), { seq: 3, reason: 'hash does not match the entry\'s content' })
  const text = c.map((e, i) => i === 1 ? { ...e, description: 'changed' } : e)
  t.equal(firstBrokenLink(text)?.seq, 2)
  const gap = c.filter(e => e.seq !== 4)
  t.equal(firstBrokenLink(gap)?.seq, 4)
  const relinked = c.map((e, i) => i === 4 ? { ...e, prevHash: GENESIS_HASH } : e)
  t.equal(firstBrokenLink(relinked)?.seq, 5)
})
