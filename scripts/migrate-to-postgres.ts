import { parseArgs } from 'node:util'
import { connect, isPostgresUrl } from '../src/data/connect.js'
import { copyToPostgres } from '../src/data/copy-to-postgres.js'
import { migrate } from '../src/data/migrate.js'
import { verify } from '../src/services/integrity-service.js'

/**
 * npm run migrate-to-postgres -- --from ./data/lumbung.sqlite --to postgres://owner@host/db [--group grp_…]
 *
 * Moves a SQLite deployment (or one group of it) to PostgreSQL with the server stopped: migrates the target, copies
 * every row in one transaction (PostgreSQL's triggers check every entry again on the way in), then verifies each
 * group on both sides and compares the chain heads. Exits 1 unless every head matches and every group verifies.
 */
const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, group: { type: 'string' } } })
if (values.from === undefined || values.to === undefined || !isPostgresUrl(values.to) || isPostgresUrl(values.from)) {
  process.stderr.write('usage: npm run migrate-to-postgres -- --from ./data/lumbung.sqlite --to postgres://user@host/db [--group grp_…]\n')
  process.exit(2)
}
const source = connect(values.from)
const target = connect(values.to)
let failed = 0
try {
  await migrate(target.db)
  const report = await copyToPostgres(values.from, target, values.group ?? null)
  for (const t of report.tables) process.stdout.write(`copied ${String(t.rows).padStart(9)}  ${t.table}\n`)
  for (const id of report.groupIds) {
    const [before, after] = [await verify(source.db, id, { key: null }), await verify(target.db, id, { key: null })]
    const same = before.valid && after.valid && before.head.seq === after.head.seq && before.head.hash === after.head.hash && before.entries === after.entries
    if (!same) failed++
    process.stdout.write(`${same ? 'OK  ' : 'FAIL'}  ${id}: SQLite head ${before.head.seq} ${before.head.hash}, PostgreSQL head ${after.head.seq} ${after.head.hash}${after.valid ? '' : ` (${after.problem ?? 'invalid'})`}\n`)
  }
  process.stdout.write(failed === 0 ? `moved ${report.groupIds.length} group(s); every chain head matches\n` : `${failed} group(s) do not match\n`)
} catch (e) {
  failed++
  process.stderr.write(`migrate-to-postgres failed, nothing was copied: ${e instanceof Error ? e.message : String(e)}\n`)
} finally {
  await source.close()
  await target.close()
}
process.exit(failed > 0 ? 1 : 0)
