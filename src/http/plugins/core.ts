import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Authenticator } from '../../services/auth-service.js'
import type { Env, Store } from '../../services/context.js'
import { PostgresWriter } from '../../services/postgres-writer.js'
import { Sessions } from '../../services/session-service.js'
import { Writer } from '../../services/writer.js'
import { MessageWorker } from '../../services/message-worker.js'
import { WebhookDispatcher } from '../../services/webhook-dispatcher.js'
import type { TargetPolicy } from '../../services/webhook-targets.js'

export interface Lumbung {
  store: Store
  env: Env
  writer: Writer
  auth: Authenticator
  /** Web sign-in sessions (the treasurer's pages at /). */
  sessions: Sessions
  /** A read replica or copy: reads only; every write is refused with READ_ONLY before it reaches the writer. */
  readOnly: boolean
  /** Where webhooks may go (checked when a subscription is made and at every connection). */
  targets: TargetPolicy
  /** Delivers the event feed to webhook subscriptions; started by the server (src/server.ts), turned by tests. */
  webhooks: WebhookDispatcher
  /** Sends receipts, reminders and alerts through each group's message gateway; started by the server, turned by tests. */
  messages: MessageWorker
}

declare module 'fastify' {
  interface FastifyInstance {
    lumbung: Lumbung
  }
}

export interface CoreOptions {
  store: Store
  env: Env
  adminHash: string
  readOnly: boolean
  webhooks: { allowPrivate: boolean, timeoutMs: number }
  /** Where receipt links in messages point. */
  publicUrl: string
}

/** The service behind every route: the store, the single writer (group commit), sign-in and web sessions. */
export const core = fp(async (app: FastifyInstance, opts: CoreOptions) => {
  const writer = new (opts.store.dialect === 'postgres' ? PostgresWriter : Writer)(opts.store.db)
  // Web sessions are kept through the writer, so they survive a restart; a read-only server keeps them in memory.
  const sessions = new Sessions(opts.store.reader, opts.env, opts.readOnly ? null : async work => {
    await writer.run({ groupId: null, work })
  })
  app.decorate('lumbung', {
    store: opts.store,
    env: opts.env,
    writer,
    auth: new Authenticator(opts.store.reader, opts.adminHash, sessions),
    sessions,
    readOnly: opts.readOnly,
    targets: { allowPrivate: opts.webhooks.allowPrivate },
    webhooks: new WebhookDispatcher({
      db: opts.store.reader, writer, env: opts.env, allowPrivate: opts.webhooks.allowPrivate, timeoutMs: opts.webhooks.timeoutMs, logger: app.log
    }),
    messages: new MessageWorker({
      db: opts.store.reader, writer, env: opts.env, origin: opts.publicUrl, allowPrivate: opts.webhooks.allowPrivate, timeoutMs: opts.webhooks.timeoutMs, logger: app.log
    })
  })
  // Who is calling: set by the authentication hook under /v1, null elsewhere (the rate limit reads it everywhere).
  app.decorateRequest('principal', null)
  app.decorateRequest('credential', null)
}, { name: 'lumbung-core' })
