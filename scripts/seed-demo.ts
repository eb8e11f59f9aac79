import { loadConfig } from '../src/config.js'
import { connect } from '../src/data/connect.js'
import { migrate } from '../src/data/migrate.js'
import { ADMIN_ACTOR } from '../src/services/auth-service.js'
import { realEnv } from '../src/services/context.js'
import { loadSigner } from '../src/services/signing-key.js'
import * as groups from '../src/services/group-service.js'
import * as ledger from '../src/services/ledger-service.js'
import { Writer, type Tx } from '../src/services/writer.js'

/**
 * npm run seed:demo — the Abiansemal P2WKSS group of the source paper: 50 households (KK) and its Rp 2.500.000
 * dana stimulan, on the database named by DATABASE_URL. Run it once; a second run finds the group and stops.
 */
const NAME = 'Kelompok P2WKSS Desa Abiansemal'
const birthOrder = ['Wayan', 'Made', 'Nyoman', 'Ketut', 'Putu', 'Kadek', 'Komang', 'Luh', 'Gede', 'Nengah']
const given = ['Sari', 'Rasmiati', 'Suartini', 'Ariani', 'Sukerti', 'Widiastuti']

const config = loadConfig()
const store = connect(config.DATABASE_URL)
await migrate(store.db)
const env = realEnv(config.TIMEZONE, loadSigner(config.SIGNING_KEY_FILE).signer)
const existing = (await groups.listGroups(store.db, null)).find(g => g.name === NAME)
if (existing !== undefined) {
  process.stdout.write(`${NAME} is already there: ${existing.id}\n`)
} else {
  const writer = new Writer(store.db)
  const once = async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => await writer.run({ groupId: null, work })
  const group = await once(async tx => await groups.createGroup(tx, env, ADMIN_ACTOR, { name: NAME, kind: 'p2wkss', village: 'Abiansemal, Kabupaten Badung, Bali' }))
  for (let i = 0; i < 50; i++) {
    const name = `Ni ${birthOrder[i % birthOrder.length] ?? ''} ${given[Math.floor(i / birthOrder.length) % given.length] ?? ''}`
    await once(async tx => await groups.createMember(tx, env, ADMIN_ACTOR, group.id, { name, householdNo: `KK-${String(i + 1).padStart(3, '0')}`, joinedOn: '2005-01-15' }))
  }
  await once(async tx => await ledger.recordFunding(tx, env, ADMIN_ACTOR, group.id, 'grant', {
    date: '2005-03-01', amount: 2500000n, source: 'Program P2WKSS Provinsi Bali', description: 'Dana stimulan P2WKSS', reference: null
  }))
  process.stdout.write(`${NAME}: ${group.id} — 50 members, dana stimulan Rp 2.500.000 posted on 2005-03-01\n`)
}
await store.close()
