import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { acknowledged } from '../domain/webhooks/delivery.js'
import { privateAddress } from './webhook-targets.js'

/** What one POST came to: its status (null when none came back), how long it took, and what went wrong. */
export interface Sent { status: number | null, latencyMs: number, error: string | null }


/**
 * POSTs from the service to the outside (webhook receivers, message gateways): only to addresses the policy allows
 * (loopback, private and link-local ones refused unless allowed, checked as the name is resolved, so a name that
 * points inside is refused too), within a timeout, over connections kept open between requests to the same host.
 */
export class OutboundHttp {
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 4 }), https: new https.Agent({ keepAlive: true, maxSockets: 4 }) }

  constructor (private readonly o: { allowPrivate: boolean, timeoutMs: number, userAgent: string }) {}

  close (): void {
    this.agents.http.destroy()
    this.agents.https.destroy()
  }

  async post (url: string, body: string, headers: Record<string, string>): Promise<Sent> {
    const started = process.hrtime.bigint()
    const elapsed = (): number => Number((process.hrtime.bigint() - started) / 1_000_000n)
    return await new Promise<Sent>(resolve => {
      let u: URL
      try { u = new URL(url) } catch { resolve({ status: null, latencyMs: 0, error: 'not a URL' }); return }
      const host = u.hostname.replace(/^\[|\]$/g, '')
      if (!this.o.allowPrivate && isIP(host) !== 0 && privateAddress(host)) { resolve({ status: null, latencyMs: 0, error: `address not allowed: ${host}` }); return }
      const secure = u.protocol === 'https:'
      const req = (secure ? https : http).request(u, {
        method: 'POST',
        agent: secure ? this.agents.https : this.agents.http,
        headers: { 'content-type': 'application/json', ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': this.o.userAgent },
        timeout: this.o.timeoutMs,
        lookup: this.guardedLookup()
      }, res => {
        res.resume()
        res.on('end', () => { resolve({ status: res.statusCode ?? null, latencyMs: elapsed(), error: acknowledged(res.statusCode ?? null) ? null : `HTTP ${res.statusCode ?? '?'}` }) })
        res.on('error', err => { resolve({ status: res.statusCode ?? null, latencyMs: elapsed(), error: err.message }) })
      })
      req.on('timeout', () => { req.destroy(new Error(`no answer within ${this.o.timeoutMs} ms`)) })
      req.on('error', err => { resolve({ status: null, latencyMs: elapsed(), error: err.message }) })
      req.end(body)
    })
  }

  /** dns.lookup that refuses loopback, private and link-local answers unless they are allowed. */
  private guardedLookup () {
    const allowPrivate = this.o.allowPrivate
    return (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err !== null) { callback(err, []); return }
        const bad = addresses.find(a => !allowPrivate && privateAddress(a.address))
        if (bad !== undefined) { callback(Object.assign(new Error(`address not allowed: ${hostname} is ${bad.address}`), { code: 'EADDRNOTALLOWED' }), []); return }
        if (options.all === true) callback(null, addresses)
        else callback(null, addresses[0]?.address ?? '', addresses[0]?.family)
      })
    }
  }
}
