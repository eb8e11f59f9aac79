import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import { DomainError } from '../domain/errors.js'

/** Loopback, private, link-local, shared and unspecified ranges: never a webhook target unless allowed by configuration. */
const PRIVATE = new BlockList()
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6')

/** Whether an address is in a range a webhook must not reach (IPv4-mapped IPv6 is judged as its IPv4). */
export function privateAddress (address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped !== undefined) return PRIVATE.check(mapped, 'ipv4')
  const family = isIP(address)
  if (family === 0) return true
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** Where deliveries may go: with `allowPrivate` (tests, a receiver on the same machine or network) loopback and private ranges too. */
export interface TargetPolicy { allowPrivate: boolean }

/**
 * Refuses a URL a webhook must not be sent to: not http(s), credentials in it, or a host that is (or resolves to) a
 * loopback, private or link-local address unless the policy allows them. Checked when a subscription is made and again
 * at every connection (src/services/webhook-dispatcher.ts), so a name that later resolves elsewhere is caught too.
 */
export async function requireTarget (url: string, policy: TargetPolicy, code: 'WEBHOOK_URL_NOT_ALLOWED' | 'GATEWAY_URL_NOT_ALLOWED' = 'WEBHOOK_URL_NOT_ALLOWED'): Promise<URL> {
  let u: URL
  try { u = new URL(url) } catch { throw new DomainError(code, 'not a URL') }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new DomainError(code, 'only http and https URLs')
  if (u.username !== '' || u.password !== '') throw new DomainError(code, 'no credentials in the URL: the signature authenticates')
  if (policy.allowPrivate) return u
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) !== 0 ? [host] : await lookup(host, { all: true }).then(a => a.map(x => x.address), () => [])
  if (addresses.length === 0) throw new DomainError(code, `${host} does not resolve`)
  if (addresses.some(privateAddress)) throw new DomainError(code, `${host} is a loopback, private or link-local address: set WEBHOOK_ALLOW_PRIVATE=true to allow it (webhooks and message gateways)`)
  return u
}

