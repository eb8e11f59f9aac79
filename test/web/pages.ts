import type { Api } from '../helpers.js'

/** A page as the browser would get it, through app.inject with the session cookie. */
export interface Page { status: number, body: string, headers: Record<string, unknown> }

/** The session cookie an answer sets, as the browser sends it back (`name=value`); empty when it sets none. */
export const cookieOf = (answer: { headers: Record<string, unknown> }): string => String(answer.headers['set-cookie'] ?? '').split(';')[0] ?? ''

export async function signIn (api: Api, key: string): Promise<{ cookie: string, setCookie: string }> {
  const r = await api.app.inject({ method: 'POST', url: '/masuk', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ kunci: key }).toString() })
  return { cookie: cookieOf(r), setCookie: String(r.headers['set-cookie'] ?? '') }
}
/** Signs a member in on the web with her login and PIN: the session's cookie and the bearer token her pages call /v1/me with. */
export async function memberSignIn (api: Api, login: string, pin: string): Promise<{ cookie: string, token: string, location: string }> {
  const r = await api.app.inject({ method: 'POST', url: '/masuk', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ login, pin }).toString() })
  const cookie = cookieOf(r)
  const session = await api.app.lumbung.sessions.find(cookie.split('=')[1] ?? '')
  if (r.statusCode !== 303 || session === null) throw new Error(`sign-in: ${r.statusCode}`)
  return { cookie, token: session.internalToken, location: String(r.headers.location) }
}
export async function get (api: Api, url: string, cookie: string): Promise<Page> {
  const r = await api.app.inject({ method: 'GET', url, headers: { cookie } })
  return { status: r.statusCode, body: r.body, headers: r.headers }
}
export async function post (api: Api, url: string, cookie: string, form: Record<string, string>): Promise<Page> {
  const r = await api.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() })
  return { status: r.statusCode, body: r.body, headers: r.headers }
}
export const csrfOf = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? ''
/** The idempotency key written into the form with that id. */
export const idemOf = (body: string, form: string): string => new RegExp(`id="${form}"[^>]*>\\s*<input type="hidden" name="_csrf" value="[^"]+">\\s*<input type="hidden" name="_idem" value="([^"]+)"`).exec(body)?.[1] ?? ''
