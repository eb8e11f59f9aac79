import { existsSync, renameSync } from 'node:fs'
import { checkpointFile, loadConfig } from '../src/config.js'
import { restoreSqlite } from '../src/data/backup.js'
import { connect, isPostgresUrl } from '../src/data/connect.js'
import * as groups from '../src/services/group-service.js'
import { verify } from '../src/services/integrity-service.js'
import { publicKeyIn } from '../src/services/signing-key.js'

/**
 * npm run restore -- FILE: verifies the backup, then puts it in place of the SQLite ledger named by DATABASE_URL (the
 * server must be stopped; the replaced file is kept beside it). Refuses a backup that does not verify.
 */
const backup = process.argv[2]
if (backup === undefined) { process.stderr.write('usage: npm run restore -- FILE\n'); process.exit(2) }
const config = loadConfig()
if (isPostgresUrl(config.DATABASE_URL)) { process.stderr.write('DATABASE_URL is PostgreSQL: use pg_restore\n'); process.exit(2) }
const copy = connect(backup)
for (const g of await groups.listGroups(copy.db, null)) {
  const v = await verify(copy.db, g.id, { key: publicKeyIn(config.SIGNING_KEY_FILE) })
  if (!v.valid) {
    process.stderr.write(`the backup does not verify: group ${g.id} seq ${v.firstBadSeq ?? '-'}: ${v.problem ?? ''}\n`)
    process.exit(1)
  }
  process.stdout.write(`OK    ${g.id}  ${g.name}: ${v.entries} entries, head ${v.head.seq} ${v.head.hash}\n`)
}
await copy.close()
let replaced: string | null = null
try {
  replaced = restoreSqlite(backup, config.DATABASE_URL, new Date()).replaced
} catch (err) {
  process.stderr.write(`restore refused: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
}
process.stdout.write(`restored ${backup} to ${config.DATABASE_URL}${replaced === null ? '' : ` (the previous file is kept as ${replaced})`}\n`)
// The checkpoints the service kept may be of books newer than the backup: the next start would refuse the restored
// books as a deleted tail. They are kept aside, not deleted (an auditor may want them).
const kept = checkpointFile(config)
if (kept !== null && existsSync(kept)) {
  const aside = `${kept}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
  renameSync(kept, aside)
  process.stdout.write(`the checkpoints the service kept of the replaced books are set aside as ${aside}\n`)
}
