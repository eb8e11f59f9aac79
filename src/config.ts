import { envSchema } from 'env-schema'
import { Type, type Static } from 'typebox'

const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DATABASE_URL: Type.String({ default: './data/lumbung.sqlite', description: 'A SQLite file path, or postgres://…' }),
  MIGRATE_DATABASE_URL: Type.Optional(Type.String({ description: 'PostgreSQL: the schema owner, for migrations at start; the service then runs as DATABASE_URL (a member of lumbung_app).' })),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  SIGNING_KEY_FILE: Type.String({ default: './data/lumbung-signing.key', description: 'The Ed25519 key that signs checkpoints (PKCS #8 PEM, made at first start); keep it outside the database and back it up apart from it.' }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map(l => Type.Literal(l)), { default: 'info' }),
  TIMEZONE: Type.String({ default: 'Asia/Makassar', description: 'Decides "today" for default dates (WITA: Bali).' }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, default: 1048576 }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 0, default: 1200, description: 'Requests per minute per key; 0 turns the limit off.' }),
  CORS_ORIGINS: Type.String({ default: '', description: 'Comma-separated origins allowed to call the API from a browser.' }),
  CHECKPOINT_FILE: Type.Optional(Type.String({ description: 'Where the service keeps the signed checkpoint of every group (written at start, each minute the books change, and at shutdown) and checks them at the next start. Default: beside a SQLite file (<file>.checkpoints.json), ./data/lumbung-checkpoints.json for PostgreSQL; "off": not kept.' })),
  STARTUP_CHECK: Type.Union([Type.Literal('full'), Type.Literal('tail')], { default: 'full', description: 'full: verify every group before serving (any edited money record stops the start); tail: only the newest entries, the entry count and the periods\' checkpoints, for books too large to check at every start.' }),
  WEBHOOK_ALLOW_PRIVATE: Type.Boolean({ default: false, description: 'Let webhooks go to loopback, private and link-local addresses (a receiver on this machine or network). Off: such targets are refused when a subscription is made and at every connection.' }),
  PUBLIC_URL: Type.String({ default: '', description: 'Where members\' phones reach this server (https://lumbung.desa.id): receipt links in messages point here. Empty: http://localhost:PORT, only for trying it out.' }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60000, default: 10000, description: 'How long a webhook receiver has to answer before the attempt counts as failed.' }),
  READ_ONLY: Type.Boolean({ default: false, description: 'Serve a read replica (or a copy): every read, no write; writes answer 405 READ_ONLY. Nothing is migrated or written at start.' })
})

export type Config = Static<typeof ConfigSchema>

/** Where the checkpoints are kept (CHECKPOINT_FILE), or null when they are not. */
export function checkpointFile (config: Config): string | null {
  if (config.CHECKPOINT_FILE === 'off') return null
  if (config.CHECKPOINT_FILE !== undefined && config.CHECKPOINT_FILE !== '') return config.CHECKPOINT_FILE
  if (config.DATABASE_URL === ':memory:') return null
  return /^postgres(ql)?:\/\//.test(config.DATABASE_URL) ? './data/lumbung-checkpoints.json' : `${config.DATABASE_URL}.checkpoints.json`
}

/** The service's settings from the environment (and a .env file, if any); Fastify-free. */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  return envSchema<Config>({ schema: ConfigSchema, data: env, dotenv: false })
}
