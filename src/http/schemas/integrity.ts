import { Type, type Static } from 'typebox'
import { CHECKPOINT_FORMAT } from '../../domain/ledger/checkpoint.js'
import { Ref, Timestamp } from './common.js'

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, 64 lowercase hex digits.' })
const Head = Type.Object({ seq: Type.Integer({ minimum: 0 }), hash: Hash }, { additionalProperties: false })

export const SignedCheckpoint = Type.Object({
  checkpoint: Type.Object({
    format: Type.Literal(CHECKPOINT_FORMAT),
    groupId: Type.String(),
    seq: Type.Integer({ minimum: 0, description: 'The journal\'s head: the last entry\'s seq (0 before the first).' }),
    hash: Hash,
    records: Head,
    at: Timestamp
  }, { additionalProperties: false }),
  key: Type.String({ description: 'The signer\'s Ed25519 public key, raw 32 bytes in base64 (GET /signing-key).' }),
  signature: Type.String({ description: 'Ed25519 signature of the checkpoint\'s canonical JSON (keys sorted, no white space), base64.' })
}, {
  $id: 'SignedCheckpoint',
  additionalProperties: false,
  description: 'Where a group\'s journal and record chain stood, signed by the service. Keep it: GET …/verify?checkpoint= and lumbung-verify --since prove later that the books still contain what it names.'
})

export const Finding = Type.Object({
  table: Type.String({ description: 'The table (or journal_entries, records, events, checkpoints) the problem is in.' }),
  id: Type.Union([Type.String(), Type.Null()], { description: 'The row: its id, or "seq N" for an entry or record.' }),
  detail: Type.String()
}, { additionalProperties: false })

export const Verification = Type.Object({
  valid: Type.Boolean(),
  entries: Type.Integer({ description: 'Entries checked.' }),
  head: Type.Object({ seq: Type.Integer(), hash: Type.String() }, { additionalProperties: false, description: 'The last entry that checked out.' }),
  records: Type.Object({ count: Type.Integer(), head: Head }, { additionalProperties: false, description: 'The record chain: records checked and the last that checked out.' }),
  checkpoints: Type.Object({
    checked: Type.Integer({ description: 'Signed checkpoints checked: every closed period\'s and every one given in ?checkpoint=.' }),
    unsigned: Type.Integer({ description: 'Periods closed before checkpoints were signed.' })
  }, { additionalProperties: false }),
  firstBadSeq: Type.Union([Type.Integer(), Type.Null()], { description: 'The first entry where the journal\'s own chain breaks.' }),
  problem: Type.Union([Type.String(), Type.Null()], { description: 'The first finding in one sentence.' }),
  findings: Type.Array(Finding, { description: 'Every problem found (at most 100), each naming its table and row.' })
}, { additionalProperties: false })

export const VerifyQuery = Type.Object({
  checkpoint: Type.Optional(Type.Array(Type.String({ maxLength: 4096 }), {
    maxItems: 20,
    description: 'A signed checkpoint you kept (its JSON, as GET …/checkpoint gave it), once or more: the books must still contain it. curl -G --data-urlencode "checkpoint=$(cat checkpoint.json)"'
  }))
}, { additionalProperties: false })
export type VerifyQuery = Static<typeof VerifyQuery>

export const SigningKey = Type.Object({
  algorithm: Type.Literal('Ed25519'),
  publicKey: Type.String({ description: 'Raw 32-byte public key, base64: the `key` of every signed checkpoint.' }),
  fingerprint: Type.String({ description: 'The first 16 hex digits of the key\'s SHA-256 in groups of four, as every PDF footer prints it.' }),
  pem: Type.String({ description: 'The same key as a PEM SubjectPublicKeyInfo.' })
}, { additionalProperties: false })

export const CheckpointRef = Ref(SignedCheckpoint)
