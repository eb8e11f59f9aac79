import { loadConfig } from '../src/config.js'
import { connect } from '../src/data/connect.js'
import * as groups from '../src/services/group-service.js'
import * as ledger from '../src/services/ledger-service.js'

/**
 * npm run verify [-- groupId …] — recomputes every group's hash chain and balances on the database named by
 * DATABASE_URL, without the server. Exits 1 when any group fails.
 */
const config = loadConfig()
const store = connect(config.DATABASE_URL)
const wanted = process.argv.slice(2)
const all = await groups.listGroups(store.db, wanted.length > 0 ? wanted : null)
let failed = 0
for (const g of all) {
  const v = await ledger.verify(store.db, g.id)
  if (v.valid) process.stdout.write(`OK    ${g.id}  ${g.name}: ${v.entries} entries, head ${v.head.seq} ${v.head.hash}\n`)
  else {
    failed++
    process.stdout.write(`FAIL  ${g.id}  ${g.name}: seq ${v.firstBadSeq ?? '-'}: ${v.problem ?? ''}\n`)
  }
}
if (all.length === 0) process.stdout.write('no groups\n')
await store.close()
process.exit(failed > 0 ? 1 : 0)
