import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sleep, startNode, type Child } from '../../scripts/lib/children.js'
import { receiver } from '../webhook-receiver.js'

/*
 * kill -9 of the service in the middle of a delivery: the real server (src/server.ts) on a SQLite file, a receiver that
 * holds the third delivery without answering, SIGKILL, a start on the same file. Nothing is lost; only the delivery
 * the receiver never acknowledged comes again (with the same webhook-id), and none it acknowledged does.
 */
const ROOT = join(import.meta.dirname, '..', '..')
const TOKEN = 'crash-admin-token-0123456789'

t.test('kill -9 mid-delivery loses nothing and repeats only what was never acknowledged', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-webhook-crash-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const env = {
    DATABASE_URL: join(dir, 'lumbung.sqlite'), SIGNING_KEY_FILE: join(dir, 'signing.key'), ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '30000', CHECKPOINT_FILE: 'off'
  }
  const start = async (): Promise<Child> => await startNode({ cwd: ROOT, script: 'src/server.ts', env, healthPath: '/health', startMs: 60_000 })
  const r = await receiver((n) => n === 3 ? 'hang' : 204)
  t.teardown(r.close)
  let server = await start()
  t.teardown(async () => { await server.kill('SIGKILL') })
  const post = async (path: string, body: unknown): Promise<{ id?: string, webhook?: { id: string } }> => {
    const a = await fetch(`${server.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (!a.ok) throw new Error(`${path}: ${a.status} ${await a.text()}`)
    return await a.json() as { id?: string }
  }
  const gid = (await post('/v1/groups', { name: 'KUBE Melati', kind: 'kube' })).id ?? ''
  await post('/v1/webhooks', { url: r.url, groupId: gid, eventTypes: ['member.created'] })
  for (let i = 1; i <= 5; i++) await post(`/v1/groups/${gid}/members`, { name: `Ni Anggota ${i}` })
  const until = async (what: () => boolean, ms: number): Promise<void> => {
    for (const end = Date.now() + ms; !what();) {
      if (Date.now() > end) throw new Error(`waited ${ms} ms; received ${r.got.length}`)
      await sleep(50)
    }
  }
  await until(() => r.got.length === 3, 20_000)
  t.equal((await server.kill('SIGKILL')).signal, 'SIGKILL', 'killed while the third delivery is in flight')

  r.set(() => 204)
  server = await start()
  await until(() => new Set(r.got.map(x => x.id)).size === 5, 30_000)
  await sleep(1500)
  const ids = r.got.map(x => x.id)
  const names = r.got.map(x => String(x.json.data.name))
  t.same([...new Set(names)], ['Ni Anggota 1', 'Ni Anggota 2', 'Ni Anggota 3', 'Ni Anggota 4', 'Ni Anggota 5'], 'every event arrived, in order')
  t.same(names, ['Ni Anggota 1', 'Ni Anggota 2', 'Ni Anggota 3', 'Ni Anggota 3', 'Ni Anggota 4', 'Ni Anggota 5'], 'only the one never acknowledged came twice')
  t.equal(ids[2], ids[3], 'with the same webhook-id, so the receiver can tell')
  await server.stop()
})
