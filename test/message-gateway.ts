import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the gateway got: its headers and body as sent, and the fields read from it (JSON or form). */
export interface Sms { headers: IncomingMessage['headers'], body: string, fields: Record<string, unknown> }

/**
 * A fake WhatsApp / SMS gateway on 127.0.0.1, as the Indonesian gateway services behave: it takes a POST with the
 * recipient and the text (form or JSON), answers as told (a status, 'drop' to close the connection, 'hang' never to answer), and keeps what
 * it got.
 */
export async function fakeGateway (answer: (n: number) => number | 'drop' | 'hang' = () => 200): Promise<{ url: string, got: Sms[], set: (a: (n: number) => number | 'drop' | 'hang') => void, close: () => Promise<void> }> {
  const got: Sms[] = []
  let how = answer
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const form = String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')
      const fields = form ? Object.fromEntries(new URLSearchParams(body)) : JSON.parse(body) as Record<string, unknown>
      got.push({ headers: req.headers, body, fields })
      const a = how(got.length)
      if (a === 'drop') { req.socket.destroy(); return }
      if (a === 'hang') return
      res.statusCode = a
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ status: a < 300 }))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/send`,
    got,
    set: a => { how = a },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => { resolve() }))
    }
  }
}
