import { checkpointFile, loadConfig } from './config.js'
import { connect } from './data/connect.js'
import { migrate, pendingMigrations } from './data/migrate.js'
import { buildApp } from './http/app.js'
import { makeLogger } from './logger.js'
import { bootstrapAdmin } from './services/auth-service.js'
import { setupLinkIfNeeded } from './services/people-service.js'
import { checkAtStart } from './services/integrity-service.js'
import { realEnv } from './services/context.js'
import { keyFingerprint } from './domain/ledger/checkpoint.js'
import { loadSigner } from './services/signing-key.js'
import { keepCheckpoints, readKept } from './services/kept-checkpoints.js'

/** config → database → migrations → admin token → listen; closes cleanly on SIGINT/SIGTERM. */
async function main (): Promise<void> {
  const config = loadConfig()
  const logger = makeLogger(config.LOG_LEVEL)
  const readOnly = config.READ_ONLY
  const applied = readOnly ? [] : await migrateWith(config.MIGRATE_DATABASE_URL)
  const store = connect(config.DATABASE_URL, { readOnly })
  if (readOnly) {
    // A replica follows its primary's schema: it is never migrated from here, and code newer than it cannot serve it.
    const pending = await pendingMigrations(store.db)
    if (pending.length > 0) {
      logger.fatal({ pending }, 'READ_ONLY: the database lacks migrations this version needs; migrate the primary (npm start there) first')
      await store.close()
      process.exit(1)
    }
  } else {
    applied.push(...await migrate(store.db))
  }
  logger.info({ database: store.dialect, applied, readOnly }, readOnly ? 'database ready, read-only: writes answer 405' : 'database ready')
  const { signer, created } = loadSigner(config.SIGNING_KEY_FILE)
  logger.info({ file: config.SIGNING_KEY_FILE, fingerprint: keyFingerprint(signer.publicKey), created }, created ? 'signing key made' : 'signing key loaded')
  const keptFile = checkpointFile(config)
  const kept = keptFile === null ? null : readKept(keptFile)
  const check = await checkAtStart(store.db, { key: signer.publicKey, mode: config.STARTUP_CHECK, ...(kept === null ? {} : { kept: kept.groups }) })
  if (!check.ok) {
    logger.fatal({ ...check.problem, findings: check.findings.slice(0, 20) }, 'the books do not verify (a record, the hash chain or a checkpoint): refusing to serve them; run npm run verify for the full report and restore a backup')
    await store.close()
    process.exit(1)
  }
  logger.info({ groups: check.groups, mode: config.STARTUP_CHECK, kept: kept === null ? 0 : Object.keys(kept.groups).length }, 'books checked')
  const env = realEnv(config.TIMEZONE, signer)
  const { adminHash, generated } = await bootstrapAdmin(store.db, env, config.ADMIN_TOKEN, { readOnly })
  if (generated !== null) {
    // Printed once, never logged: only its hash is kept.
    process.stdout.write(`\nLumbung admin token, for integrations over the API (shown once, keep it safe; only its hash is stored):\n\n  ${generated}\n\n`)
  }
  if (!readOnly) {
    const link = await store.db.transaction().execute(async tx => await setupLinkIfNeeded(tx, env))
    // Printed, never logged: only its hash is kept. A start before anyone has set up makes a new one (the last one stops working).
    if (link !== null) process.stdout.write(setupMessage(config, link.token))
  }
  const app = await buildApp({
    store, env, adminHash, logger,
    bodyLimit: config.BODY_LIMIT,
    readOnly,
    ...(config.RATE_LIMIT_PER_MINUTE > 0 ? { rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE } : {}),
    corsOrigins: config.CORS_ORIGINS.split(',').map(o => o.trim()).filter(o => o !== ''),
    webhooks: { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE, timeoutMs: config.WEBHOOK_TIMEOUT_MS },
    publicUrl: config.PUBLIC_URL === '' ? `http://localhost:${config.PORT}` : config.PUBLIC_URL
  })
  // Webhooks are delivered from here, every second (a replica only reads: its primary delivers).
  if (!readOnly) app.lumbung.webhooks.start(1000)
  // Receipts, reminders and alerts leave through each group's message gateway, looked at every second.
  if (!readOnly) app.lumbung.messages.start(1000)
  // The checkpoints the next start is checked against: now, every minute the books changed, and at shutdown.
  const keep = async (): Promise<void> => {
    if (keptFile === null || readOnly) return
    await keepCheckpoints(store.reader, env, keptFile).catch((err: unknown) => { logger.error({ err }, 'could not keep the checkpoints') })
  }
  await keep()
  let commits = app.lumbung.writer.stats.commits
  const keeper = setInterval(() => {
    if (app.lumbung.writer.stats.commits === commits) return
    commits = app.lumbung.writer.stats.commits
    void keep()
  }, 60_000)
  keeper.unref()
  const close = async (signal: string): Promise<void> => {
    logger.info({ signal }, 'shutting down')
    clearInterval(keeper)
    await app.close()
    await keep()
    await store.close()
    process.exit(0)
  }
  process.once('SIGINT', () => { void close('SIGINT') })
  process.once('SIGTERM', () => { void close('SIGTERM') })
  await app.listen({ port: config.PORT, host: config.HOST })
}

/** The first run's words on the console: the link that sets up the group and its ketua in the browser. */
function setupMessage (config: { HOST: string, PORT: number }, token: string): string {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  return [
    '',
    'Buka tautan ini untuk menyiapkan Lumbung: kelompok dan ketua atau pengelolanya (sekali pakai, berlaku 7 hari):',
    'Open this link to set up Lumbung: the group and its ketua or pengelola (one use, valid 7 days):',
    '',
    `  http://${host}:${config.PORT}/mulai/${token}`,
    '',
    host === config.HOST ? '' : 'Dari ponsel di jaringan yang sama, ganti localhost dengan alamat komputer ini.\n',
    ''
  ].join('\n')
}

/** Migrations as the schema's owner, when the service itself runs as a role that may not change the schema. */
async function migrateWith (url: string | undefined): Promise<string[]> {
  if (url === undefined || url === '') return []
  const owner = connect(url)
  try {
    return await migrate(owner.db)
  } finally {
    await owner.close()
  }
}

main().catch(err => {
  process.stderr.write(`lumbung failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
