import Fastify from 'fastify'

/*
 * The HTTP ceiling: the same Fastify, the same route path and the same JSON body as Lumbung's single-entry POST, and
 * nothing else (no auth, no schema, no database). Started by scripts/bench.ts as a child process on PORT.
 */
const app = Fastify({ logger: false })
let seq = 0

app.get('/health', async () => ({ status: 'ok' }))
app.post('/v1/groups/:groupId/journal-entries', async (req, reply) => {
  const body = req.body as { lines?: unknown[] } | null
  seq++
  return await reply.code(201).send({ id: `ent_${seq}`, seq, lines: Array.isArray(body?.lines) ? body.lines.length : 0 })
})

process.once('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
