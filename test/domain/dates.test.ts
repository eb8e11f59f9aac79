import t from 'tap'
import { addDays, dateIn, isIsoDate } from '../../src/domain/dates.js'

t.test('only real calendar dates pass', async t => {
  for (const ok of ['2025-01-31', '2024-02-29', '2005-12-31']) t.ok(isIsoDate(ok), ok)
  for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-1', '31-01-2025', '2025-01-32', '1899-12-31', '']) t.notOk(isIsoDate(bad), bad)
})

t.test('dates move by whole days across month and year ends', async t => {
  t.equal(addDays('2025-01-31', 1), '2025-02-01')
  t.equal(addDays('2025-01-01', -1), '2024-12-31')
})

t.test('"today" depends on the time zone: 16:30 UTC is already tomorrow in Bali', async t => {
  const instant = new Date('2025-01-31T16:30:00Z')
  t.equal(dateIn(instant, 'UTC'), '2025-01-31')
  t.equal(dateIn(instant, 'Asia/Makassar'), '2025-02-01')
})

t.test('the date turns at midnight to the millisecond, in every zone, whatever was asked before', async t => {
  // Midnight in Jayapura (WIT, UTC+9) is 15:00 UTC; each instant is asked in zones alternately, and out of order.
  const asks: Array<[string, string, string]> = [
    ['2025-01-31T14:59:59.999Z', 'Asia/Jayapura', '2025-01-31'],
    ['2025-01-31T14:59:59.999Z', 'Asia/Jakarta', '2025-01-31'],
    ['2025-01-31T15:00:00.000Z', 'Asia/Jayapura', '2025-02-01'],
    ['2025-01-31T14:59:00.000Z', 'Asia/Jayapura', '2025-01-31'],
    ['2025-01-31T15:00:00.001Z', 'Asia/Jayapura', '2025-02-01'],
    ['2025-01-31T16:59:59.999Z', 'Asia/Jakarta', '2025-01-31'],
    ['2025-01-31T17:00:00.000Z', 'Asia/Jakarta', '2025-02-01'],
    ['2025-01-31T15:59:59.999Z', 'Asia/Kathmandu', '2025-01-31'],
    ['2025-01-31T18:15:00.000Z', 'Asia/Kathmandu', '2025-02-01'],
    ['2025-01-31T18:14:59.999Z', 'Asia/Kathmandu', '2025-01-31']
  ]
  for (const [at, zone, date] of asks) t.equal(dateIn(new Date(at), zone), date, `${at} in ${zone}`)
})
