import { Type, type Static, type TSchema, type TUnsafe } from 'typebox'
import { AMOUNT_PATTERN } from '../../domain/money.js'

/** A string enum as plain JSON Schema `enum` (clear errors, clean OpenAPI). */
export function StringEnum<const T extends readonly string[]> (values: T, options: Record<string, unknown> = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}

export const Amount = Type.String({
  pattern: AMOUNT_PATTERN,
  description: 'Whole rupiah as a string of digits, from 1 to 10^15. No sign, no decimals, no separators.',
  examples: ['2500000']
})

/** A balance: whole rupiah, negative when it stands on the side opposite the account's normal side. */
export const SignedAmount = Type.String({ $id: 'SignedAmount', pattern: '^-?(0|[1-9][0-9]*)$', description: 'Whole rupiah as a string of digits, with a minus sign when the balance stands on the side opposite the account\'s normal side.', examples: ['2440000'] })

/** A non-negative total. */
export const Total = Type.String({ $id: 'Total', pattern: '^(0|[1-9][0-9]*)$', description: 'Whole rupiah as a string of digits.', examples: ['2500000'] })

export const IsoDate = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD.', examples: ['2025-01-31'] })
export const Timestamp = Type.String({ description: 'An instant, ISO-8601 in UTC.', examples: ['2025-01-31T03:04:05.678Z'] })
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
/** Ids as the server makes them (a prefix and a UUIDv7), for the examples: an example must pass its own schema. */
export const EXAMPLE_ID = {
  group: 'grp_01943b2e-5c1a-7d2e-8f30-4a5b6c7d8e9f',
  member: 'mbr_01943b2f-0a1b-7c2d-9e3f-5a6b7c8d9e0f',
  meeting: 'mtg_01943b30-1b2c-7d3e-8f40-6b7c8d9e0f1a'
} as const
export const Text = (max: number, options: Record<string, unknown> = {}) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...options })

/**
 * A reference to a named schema (one with an `$id`, listed in ./components.ts and registered by buildApp): the OpenAPI
 * document shows the schema once, under components.schemas, and each use as a `$ref` to it. Validation and
 * serialisation follow the reference; the handler types are those of the schema itself.
 */
export function Ref<T extends TSchema> (schema: T, options: { description?: string } = {}): TUnsafe<Static<T>> {
  const id: unknown = (schema as { $id?: unknown }).$id
  if (typeof id !== 'string') throw new Error('Ref: the schema has no $id')
  return Type.Unsafe<Static<T>>({ ...options, $ref: id })
}

type Node = Record<string, unknown>
const COMPONENT_REF = '#/components/schemas/'

/**
 * The OpenAPI document with a `mapping` on each discriminator: without one, OpenAPI takes a variant's tag to be its
 * schema name ("LoanTermsDecision"), and a generated client would send that. The route schemas cannot carry it, as
 * Ajv refuses `discriminator.mapping`; each variant is a $ref to a component whose tag property has one value. A copy:
 * the route schemas themselves stay as Ajv compiled them.
 */
export function withDiscriminatorMappings<T> (doc: T): T {
  const schemas = ((doc as { components?: { schemas?: Record<string, Node> } }).components?.schemas) ?? {}
  const tagOf = (variant: unknown, tag: string): [string, string] => {
    const ref = (variant as { $ref?: unknown }).$ref
    const name = typeof ref === 'string' && ref.startsWith(COMPONENT_REF) ? ref.slice(COMPONENT_REF.length) : ''
    const property = (schemas[name]?.properties as Record<string, { enum?: unknown[], const?: unknown }> | undefined)?.[tag]
    const value = property?.const ?? (property?.enum?.length === 1 ? property.enum[0] : undefined)
    if (typeof ref !== 'string' || typeof value !== 'string') throw new Error(`discriminator ${tag}: every variant is a $ref to a component with one ${tag}`)
    return [value, ref]
  }
  const mapped = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(mapped)
    if (node === null || typeof node !== 'object') return node
    const copy: Node = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mapped(v)]))
    const discriminator = copy.discriminator as { propertyName: string } | undefined
    if (discriminator !== undefined && Array.isArray(copy.oneOf)) {
      copy.discriminator = { ...discriminator, mapping: Object.fromEntries(copy.oneOf.map(v => tagOf(v, discriminator.propertyName))) }
    }
    return copy
  }
  return mapped(doc) as T
}

export const Actor = Type.Object({
  id: Type.String({ description: 'The API key that made the write.' }),
  name: Type.String()
}, { $id: 'Actor', additionalProperties: false, description: 'Who recorded it.' })

/** The body of an action that takes nothing but its path: `{}`. */
export const NoBody = Type.Object({}, { additionalProperties: false, description: 'Nothing: send {}.' })

export const GroupParams = Type.Object({ groupId: Id }, { additionalProperties: false })
export const MemberParams = Type.Object({ groupId: Id, memberId: Id }, { additionalProperties: false })
export type GroupParams = Static<typeof GroupParams>

export const Problem = Type.Object({
  type: Type.String({ examples: ['/problems/entry-unbalanced'] }),
  title: Type.String({ examples: ['Entry does not balance'] }),
  status: Type.Integer({ examples: [422] }),
  code: Type.String({ examples: ['ENTRY_UNBALANCED'] }),
  detail: Type.String({ examples: ['debits 2500000 ≠ credits 2400000'] }),
  instance: Type.Optional(Type.String({ description: 'The request id, for the logs.' })),
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), { description: 'The fields at fault, as JSON pointers into the request (/body/…, /query/…).' })
}, { $id: 'Problem', description: 'An RFC 9457 problem document (application/problem+json).' })

const errorText: Record<number, string> = {
  400: 'Malformed request: a field is missing, of the wrong type or out of range (errors[] names it).',
  401: 'No valid bearer token.',
  403: 'The key may not do this.',
  404: 'Unknown group, member, account or entry (or outside the key\'s groups).',
  409: 'Conflicts with the current state (already reversed, code taken).',
  413: 'The request body is too large.',
  405: 'This server serves a read-only copy (READ_ONLY, with Allow: GET, HEAD): send writes to the primary.',
  415: 'The request body is not application/json.',
  422: 'Well-formed, but it breaks a ledger rule (unbalanced, unknown account, insufficient funds, idempotency key reused).',
  429: 'Too many requests: the server counts requests per key or address (RATE_LIMIT_PER_MINUTE); retry after Retry-After seconds.'
}

/** The problem responses a /v1 route can give (401 and these), for its schema and the OpenAPI document. */
export function errors (...statuses: number[]): Record<number, TSchema> {
  return problems(401, ...statuses)
}

/** The problem responses of a route that takes no key (so never 401), such as GET /health. */
export function problems (...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {}
  // Sent as application/problem+json (RFC 9457), and so documented: Fastify picks the schema by the reply's type.
  for (const s of statuses) {
    out[s] = Type.Unsafe({ description: errorText[s] ?? 'Error', content: { 'application/problem+json': { schema: Ref(Problem) } } })
  }
  return out
}

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'Makes the POST safe to retry: the same key with the same body replays the first answer (with Idempotent-Replayed: true) without writing again; the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED.'
  }))
})
