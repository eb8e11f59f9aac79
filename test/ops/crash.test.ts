import { randomInt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import t from 'tap'
import { isAlive, killAll } from '../../scripts/lib/children.js'
import { runCampaign } from '../../scripts/lib/crash-campaign.js'
import { sqliteOnly } from '../postgres.js'

// The short crash campaign of npm test; `npm run crash-test` runs the long one. CRASH_SEED replays a failed run.
const seed = process.env.CRASH_SEED === undefined ? randomInt(1, 2 ** 31) : Number(process.env.CRASH_SEED)

t.test('writes acknowledged before a SIGKILL survive it exactly once, and retried ones land exactly once', { skip: sqliteOnly }, async t => {
  t.teardown(killAll)
  t.comment(`seed ${seed}`)
  const report = await runCampaign({ rounds: 3, clients: 4, seed })
  t.same(report.problems, [], `no check failed (seed ${seed})`)
  t.equal(report.kills, 3, 'the server was killed once per round')
  t.equal(report.starts, 4, 'and restarted after each kill')
  t.ok(report.operations > 0, 'the clients wrote')
  t.equal(report.entries, report.operations + 1, 'the journal holds the grant and every write, once')
  t.equal(report.rounds.reduce((s, r) => s + r.sent, 0), report.operations, 'every write belongs to a round')
  for (const r of report.rounds) t.equal(r.acknowledged + r.retried, r.sent, `round ${r.round}: every write was acknowledged before the kill or retried`)
  t.ok(report.pids.every(pid => !isAlive(pid)), 'no server process outlives the campaign')
  t.notOk(existsSync(dirname(report.database)), 'the temporary database is gone')
})
