import pino, { type DestinationStream, type Logger } from 'pino'

/**
 * The service's logger. Never in a log: the Authorization header, a token, and the secret of a one-time link, which
 * travels in the path (/mulai/<token>, /undangan/<token>, /buku-saya/<message>/<token>): the request is logged with the token cut out, so a log
 * file never lets anyone take up an invitation or the setup. PINs travel only in form bodies, which are never logged.
 */
export function redactLinkTokens (url: string): string {
  return url.replace(/^\/(mulai|undangan)\/[^/?#]+/, '/$1/[redacted]').replace(/^\/buku-saya\/([^/?#]+)\/[^/?#]+/, '/buku-saya/$1/[redacted]')
}

interface LoggedRequest { method?: string, url?: string, host?: string, ip?: string, socket?: { remotePort?: number } }

/** A request as logged: fastify's own fields, the path without a link's token. */
export function requestSerializer (req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: redactLinkTokens(req.url ?? ''), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }
}

export function makeLogger (level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.token', 'token'], censor: '[redacted]' },
    serializers: { req: requestSerializer }
  }
  return destination === undefined ? pino(options) : pino(options, destination)
}
