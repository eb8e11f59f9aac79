import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sleep, startNode, type Child } from '../../scripts/lib/children.js'
import { fakeGateway } from '../message-gateway.js'

/*
 * kill -9 of the service in the middle of sending a receipt: the real server on a SQLite file, a gateway that holds the
 * third message without answering, SIGKILL, a start on the same file. Every receipt arrives; only the one the gateway
 * never acknowledged comes again (with the same {id}), and none it acknowledged does.
 */
const ROOT = join(import.meta.dirname, '..', '..')
const TOKEN = 'crash-admin-token-0123456789'

t.test('kill -9 mid-send loses no receipt and repeats only the one never acknowledged', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-message-crash-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const env = {
    DATABASE_URL: join(dir, 'lumbung.sqlite'), SIGNING_KEY_FILE: join(dir, 'signing.key'), ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '30000', CHECKPOINT_FILE: 'off', PUBLIC_URL: 'https://lumbung.desa.id'
  }
  const start = async (): Promise<Child> => await startNode({ cwd: ROOT, script: 'src/server.ts', env, healthPath: '/health', startMs: 60_000 })
  const gw = await fakeGateway(n => n === 3 ? 'hang' : 200)
  t.teardown(gw.close)
  let server = await start()
  t.teardown(async () => { await server.kill('SIGKILL') })
  const post = async (path: string, body: unknown): Promise<{ id?: string }> => {
    const a = await fetch(`${server.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (!a.ok) throw new Error(`${path}: ${a.status} ${await a.text()}`)
    return await a.json() as { id?: string }
  }
  const gid = (await post('/v1/groups', { name: 'KUBE Melati', kind: 'kube' })).id ?? ''
  const members: string[] = []
  for (let i = 1; i <= 5; i++) {
    const m = (await post(`/v1/groups/${gid}/members`, { name: `Ni Anggota ${i}` })).id ?? ''
    await post(`/v1/groups/${gid}/members/${m}/contact`, { phone: `0812300000${i}`, optedOut: false })
    members.push(m)
  }
  await post(`/v1/groups/${gid}/message-gateway`, { kind: 'http', url: gw.url, bodyTemplate: '{"phone":"{phone}","message":"{message}","ref":"{id}"}' })
  for (const m of members) await post(`/v1/groups/${gid}/savings`, { memberId: m, kind: 'pokok', date: new Date().toISOString().slice(0, 10), amount: '10000' })
  const until = async (what: () => boolean, ms: number): Promise<void> => {
    for (const end = Date.now() + ms; !what();) {
      if (Date.now() > end) throw new Error(`waited ${ms} ms; the gateway got ${gw.got.length}`)
      await sleep(50)
    }
  }
  await until(() => gw.got.length === 3, 20_000)
  t.equal((await server.kill('SIGKILL')).signal, 'SIGKILL', 'killed while the third receipt is in flight')

  gw.set(() => 200)
  server = await start()
  await until(() => new Set(gw.got.map(x => x.fields.ref)).size === 5, 30_000)
  await sleep(1500)
  const phones = gw.got.map(x => String(x.fields.phone))
  t.same([...new Set(phones)], members.map((_, i) => `62812300000${i + 1}`), 'every member\'s receipt arrived, in the postings\' order')
  t.same(phones, ['628123000001', '628123000002', '628123000003', '628123000003', '628123000004', '628123000005'], 'only the one never acknowledged came twice')
  t.equal(gw.got[2]?.fields.ref, gw.got[3]?.fields.ref, 'with the same id, so the gateway can tell')
  await server.stop()
})
