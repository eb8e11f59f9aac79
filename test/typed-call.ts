import type { paths } from '../src/client/index.js'

/**
 * Calling a route the OpenAPI document describes, typed by the generated `paths`: the path must be one of the
 * document's, its parameters and JSON body are checked by the compiler, and the answer is a union over the documented
 * status codes, so `if (r.status === 201)` (or `expectStatus(r, 201)`) gives the 201 schema and a 4xx gives Problem.
 * The URL is the template with each parameter encoded into it.
 */
export type Method = 'get' | 'post' | 'delete'
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>
/** The paths that have the method. */
export type PathsWith<M extends Method> = { [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P }[keyof paths]

type PathParams<O> = O extends { parameters: { path: infer X } } ? ([X] extends [never] ? object : { params: X }) : object
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [undefined] ? object : { query?: Q }) : object
type Body<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : O extends { requestBody?: { content: { 'application/json': infer B } } } ? { body?: B } : object
/** What a call sends: the path's parameters, the query, the JSON body, and the bearer (the admin's by default; null for none). */
export type Request<P extends keyof paths, M extends Method> = PathParams<Operation<P, M>> & QueryParams<Operation<P, M>> & Body<Operation<P, M>> & {
  token?: string | null
  headers?: Record<string, string>
}

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : R extends { content: { 'application/problem+json': infer J } } ? J : null
type Responses<P extends keyof paths, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never
/** The answer: one member of the union per documented status, with that status's JSON. */
export type TypedAnswer<P extends keyof paths, M extends Method> = {
  [S in keyof Responses<P, M>]: { status: S, headers: Record<string, unknown>, json: JsonOf<Responses<P, M>[S]> }
}[keyof Responses<P, M>]

/** The URL of a path template with its parameters encoded into it, and the query's defined values after it. */
export function urlOf (path: string, params: Record<string, unknown> = {}, query: Record<string, unknown> = {}): string {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`)
    return encodeURIComponent(String(value))
  })
  const search = new URLSearchParams(Object.entries(query).flatMap(([k, v]): Array<[string, string]> => v === undefined ? [] : [[k, String(v)]])).toString()
  return search === '' ? url : `${url}?${search}`
}

/** The JSON of an answer that has the status expected, typed by it; any other status throws with the answer's body. */
export function expectStatus<A extends { status: unknown, json: unknown }, const S extends number> (answer: A, status: S & A['status']): Extract<A, { status: S }>['json'] {
  if (answer.status !== status) throw new Error(`expected ${String(status)}, got ${String(answer.status)}: ${JSON.stringify(answer.json)}`)
  return answer.json
}
