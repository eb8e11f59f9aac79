import { loadConfig } from '../src/config.js'
import { backupSqlite } from '../src/data/backup.js'
import { connect, isPostgresUrl } from '../src/data/connect.js'
import * as groups from '../src/services/group-service.js'
import { verify } from '../src/services/integrity-service.js'
import { publicKeyIn } from '../src/services/signing-key.js'

/**
 * npm run backup -- FILE: an online backup of the SQLite ledger named by DATABASE_URL, safe while the server runs, then
 * every group's chain and balances verified on the copy. Exits 1 if the copy does not verify.
 */
const target = process.argv[2]
if (target === undefined) { process.stderr.write('usage: npm run backup -- FILE\n'); process.exit(2) }
const config = loadConfig()
if (isPostgresUrl(config.DATABASE_URL)) { process.stderr.write('DATABASE_URL is PostgreSQL: use pg_dump\n'); process.exit(2) }
const pages = await backupSqlite(config.DATABASE_URL, target).then(r => r.pages, (err: unknown) => {
  process.stderr.write(`backup failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
const copy = connect(target)
let failed = 0
for (const g of await groups.listGroups(copy.db, null)) {
  const v = await verify(copy.db, g.id, { key: publicKeyIn(config.SIGNING_KEY_FILE) })
  if (!v.valid) failed++
  process.stdout.write(`${v.valid ? 'OK  ' : 'FAIL'}  ${g.id}  ${g.name}: ${v.entries} entries, head ${v.head.seq} ${v.head.hash}${v.valid ? '' : `: ${v.problem ?? ''}`}\n`)
}
await copy.close()
process.stdout.write(`backup written to ${target} (${pages} pages)\n`)
process.exit(failed > 0 ? 1 : 0)
