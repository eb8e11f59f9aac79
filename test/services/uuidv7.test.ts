import t from 'tap'
import { uuidv7 } from '../../src/services/context.js'

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

t.test('a UUIDv7 carries its millisecond in the first 48 bits, version 7 and the RFC 9562 variant', async t => {
  const at = Date.UTC(2025, 0, 31, 8, 30)
  const id = uuidv7(at)
  t.match(id, V7)
  t.equal(parseInt(id.slice(0, 8) + id.slice(9, 13), 16), at, 'the time comes back out')
  t.match(uuidv7(0), /^00000000-0000-7/)
})

t.test('ids sort in creation order across milliseconds and never repeat', async t => {
  const ids = Array.from({ length: 2000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 10)))
  t.equal(new Set(ids).size, ids.length, 'no two alike')
  for (let i = 10; i < ids.length; i += 10) t.ok((ids[i - 1] ?? '') < (ids[i] ?? ''), `a later millisecond sorts after (${i})`)
  t.ok(ids.every(id => V7.test(id)))
})
