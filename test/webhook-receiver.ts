import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verify } from '../src/domain/webhooks/signature.js'

/** What a receiver got: the Standard Webhooks headers and the body exactly as sent. */
export interface Received { id: string, timestamp: string, signature: string, body: string, json: { type: string, timestamp: string, data: Record<string, unknown> } }

/** How the receiver answers the n-th request (1-based): a status, or 'hang' (never answers), or 'drop' (closes the connection). */
export type Behaviour = (n: number, r: Received) => number | 'hang' | 'drop'

/**
 * A real HTTP webhook consumer on 127.0.0.1, as an integrator would run one: it records every request and answers as
 * told. `verified(secret, nowS)` checks every signature with the documented algorithm.
 */
export async function receiver (behaviour: Behaviour = () => 204): Promise<{ url: string, got: Received[], close: () => Promise<void>, set: (b: Behaviour) => void }> {
  const got: Received[] = []
  let answer = behaviour
  const open = new Set<ServerResponse>()
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const r: Received = {
        id: String(req.headers['webhook-id'] ?? ''), timestamp: String(req.headers['webhook-timestamp'] ?? ''), signature: String(req.headers['webhook-signature'] ?? ''),
        body, json: JSON.parse(body) as Received['json']
      }
      got.push(r)
      const a = answer(got.length, r)
      if (a === 'hang') { open.add(res); return }
      if (a === 'drop') { req.socket.destroy(); return }
      res.statusCode = a
      res.end()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    set: b => { answer = b },
    close: async () => {
      for (const res of open) res.destroy()
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => { resolve() }))
    }
  }
}

/** Whether a received delivery verifies with the secret, as of `nowS`. */
export const verifies = (secret: string, r: Received, nowS: number): boolean =>
  verify(secret, { id: r.id, timestamp: r.timestamp, signature: r.signature }, r.body, nowS)
