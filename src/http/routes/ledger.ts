import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ACCOUNT } from '../../domain/ledger/accounts.js'
import { invalid } from '../../domain/errors.js'
import { creditLine, debitLine, type Line } from '../../domain/ledger/journal-entry.js'
import { parseAmount, requireWithinRequest } from '../../domain/money.js'
import * as ledger from '../../services/ledger-service.js'
import * as reads from '../../services/ledger-reads.js'
import { reportDate } from '../../services/clock.js'
import { principalOf, write } from '../context.js'
import { entryJson, ledgerJson, trialBalanceJson, verificationJson } from '../presenters.js'
import { errors, GroupParams, IdempotencyHeaders, Problem, Ref } from '../schemas/common.js'
import { domainProblem, statusFor } from '../errors.js'
import * as batch from '../../services/batch-service.js'
import type { Tx } from '../../services/writer.js'
import type { EntryDraft } from '../../domain/ledger/journal-entry.js'
import { Type } from 'typebox'
import type { RouteApp } from './route-app.js'
import {
  AccountLedger, AsOfQuery, BatchBody, Entry, EntryBody, EntryPage, EntryParams, EntryQuery, ExpenseBody, FundingBody, LedgerParams,
  RangeQuery, ReversalBody, TrialBalance
} from '../schemas/ledger.js'
import { CheckpointRef, Verification, VerifyQuery } from '../schemas/integrity.js'
import { checkpointOf } from '../../services/checkpoint-service.js'
import { verify } from '../../services/integrity-service.js'
import { parseSignedCheckpoint } from '../../domain/ledger/checkpoint.js'

/** Each line carries exactly one of debit and credit; the schema lets both be optional, so the rule is checked here. */
function toLines (body: EntryBody, at = ''): Line[] {
  return body.lines.map((l, i) => {
    const tags = { fund: l.fund ?? null, member: l.memberId ?? null }
    if (l.debit !== undefined && l.credit === undefined) return debitLine(l.account, parseAmount(l.debit, `${at}lines/${i}/debit`), tags)
    if (l.credit !== undefined && l.debit === undefined) return creditLine(l.account, parseAmount(l.credit, `${at}lines/${i}/credit`), tags)
    throw invalid(`${at}lines/${i}`, 'must have exactly one of debit and credit')
  })
}

/** The entry of a request body; `at` is where the entry sits in the body (`entries/3/` in a batch). */
function toDraft (b: EntryBody, at = ''): EntryDraft {
  return { date: b.date, description: b.description, reference: b.reference ?? null, reverses: null, kind: 'manual', source: null, lines: toLines(b, at) }
}

const BatchResult = Type.Object({
  mode: Type.Union([Type.Literal('atomic'), Type.Literal('independent')]),
  results: Type.Array(Type.Object({
    index: Type.Integer(),
    status: Type.Integer({ description: '201 when the entry was posted, else the status of its refusal.' }),
    entry: Type.Optional(Ref(Entry)),
    problem: Type.Optional(Ref(Problem))
  }, { additionalProperties: false }))
}, { additionalProperties: false })

export const ledgerRoutes: FastifyPluginAsyncTypebox = async app => {
  journalWrites(app)
  entryRoutes(app)
  fundingRoutes(app)
  statusRoutes(app)
}

/** A journal entry, one or a batch, posted as given. */
function journalWrites (app: RouteApp): void {
  const { env } = app.lumbung
  app.post('/groups/:groupId/journal-entries', {
    schema: {
      tags: ['ledger'],
      operationId: 'postEntry',
      summary: 'Post a journal entry (at least two lines; debits equal credits)',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: EntryBody,
      response: { 201: Ref(Entry), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const draft = toDraft(req.body)
    return await write(req, reply, tx => ledger.post(tx, env, actor, req.params.groupId, draft), entryJson)
  })

  app.post('/groups/:groupId/journal-entries/batch', {
    schema: {
      tags: ['ledger'],
      operationId: 'postEntryBatch',
      summary: 'Post up to 1000 entries in one request and one commit: atomic (all or none) or independent (each on its own)',
      description: 'Atomic: 201 with every entry, or the first refusal (its path names the entry: /body/entries/3/…) and nothing posted. Independent: 200 with a result per entry in order: status 201 and the entry, or the status and problem document of its refusal.',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: BatchBody,
      response: {
        200: BatchResult,
        201: BatchResult,
        ...errors(400, 404, 409, 422)
      }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const { groupId } = req.params
    const entries = req.body.entries
    requireWithinRequest(entries.flatMap(e => e.lines.map(l => l.debit)), 'entries')
    if (req.body.mode === 'atomic') {
      const drafts = entries.map((e, i) => toDraft(e, `entries/${i}/`))
      return await write(req, reply, tx => batch.atomically(tx, drafts.map(d => async (tx: Tx) => await ledger.post(tx, env, actor, groupId, d))),
        posted => ({ mode: 'atomic' as const, results: posted.map((e, index) => ({ index, status: 201, entry: entryJson(e) })) }))
    }
    return await write(req, reply, tx => batch.independently(tx, entries.map((e, i) => async (tx: Tx) => await ledger.post(tx, env, actor, groupId, toDraft(e, `entries/${i}/`)))),
      results => ({
        mode: 'independent' as const,
        results: results.map((r, index) => r.ok
          ? { index, status: 201, entry: entryJson(r.value) }
          : { index, status: statusFor(r.error.code), problem: domainProblem(r.error, 'body') })
      }), 200)
  })
}

/** The journal read page by page or by entry, and an entry reversed. */
function entryRoutes (app: RouteApp): void {
  const { env, store } = app.lumbung
  app.get('/groups/:groupId/journal-entries', {
    schema: {
      tags: ['ledger'],
      operationId: 'listEntries',
      summary: 'The journal (jurnal umum) in seq order, keyset-paged',
      params: GroupParams,
      querystring: EntryQuery,
      response: { 200: EntryPage, ...errors(400, 404) }
    }
  }, async req => {
    const q = req.query
    const page = await reads.listEntries(store.reader, req.params.groupId, {
      ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.to === undefined ? {} : { to: q.to }),
      ...(q.account === undefined ? {} : { account: q.account }),
      ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      limit: q.limit ?? 50
    })
    return { items: page.items.map(entryJson), nextCursor: page.nextCursor }
  })

  app.get('/groups/:groupId/journal-entries/:entryId', {
    schema: { tags: ['ledger'], operationId: 'getEntry', summary: 'One journal entry', params: EntryParams, response: { 200: Ref(Entry), ...errors(404) } }
  }, async req => entryJson(await reads.getEntry(store.reader, req.params.groupId, req.params.entryId)))

  app.post('/groups/:groupId/journal-entries/:entryId/reversal', {
    schema: {
      tags: ['ledger'],
      operationId: 'reverseEntry',
      summary: 'Reverse an entry: a new entry with the sides swapped, linked both ways; at most once per entry',
      headers: IdempotencyHeaders,
      params: EntryParams,
      body: ReversalBody,
      response: { 201: Ref(Entry), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    return await write(req, reply, tx => ledger.reverse(tx, env, actor, req.params.groupId, req.params.entryId, {
      date: req.body.date ?? null, reason: req.body.reason
    }), entryJson)
  })
}

/** Money coming in (a grant, a donation) and going out (an expense): each one entry from a form. */
function fundingRoutes (app: RouteApp): void {
  const { env } = app.lumbung
  for (const kind of ['grant', 'donation'] as const) {
    app.post(`/groups/:groupId/${kind}s`, {
      schema: {
        tags: ['ledger'],
        operationId: kind === 'grant' ? 'recordGrant' : 'recordDonation',
        summary: kind === 'grant'
          ? 'Record a grant (dana hibah / dana stimulan): Kas / Dana Hibah, tagged with a new fund'
          : 'Record a donation or village capital: Kas / Donasi, tagged with a new fund',
        headers: IdempotencyHeaders,
        params: GroupParams,
        body: FundingBody,
        response: { 201: Ref(Entry), ...errors(400, 404, 422) }
      }
    }, async (req, reply) => {
      const actor = principalOf(req).actor
      const b = req.body
      const amount = parseAmount(b.amount, 'amount')
      return await write(req, reply, tx => ledger.recordFunding(tx, env, actor, req.params.groupId, kind, {
        date: b.date, amount, source: b.source, description: b.description ?? null, reference: b.reference ?? null
      }), entryJson)
    })
  }

  app.post('/groups/:groupId/expenses', {
    schema: {
      tags: ['ledger'],
      operationId: 'recordExpense',
      summary: 'Record an expense or a fixed-asset purchase paid from Kas (or Bank)',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: ExpenseBody,
      response: { 201: Ref(Entry), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    const amount = parseAmount(b.amount, 'amount')
    return await write(req, reply, tx => ledger.recordExpense(tx, env, actor, req.params.groupId, {
      date: b.date, amount, account: b.account, description: b.description, fund: b.fund ?? null, paidFrom: b.paidFrom ?? ACCOUNT.kas,
      reference: b.reference ?? null
    }), entryJson)
  })
}

/** Where the books stand: the trial balance, one account's ledger, the full check and the signed checkpoint. */
function statusRoutes (app: RouteApp): void {
  const { env, store } = app.lumbung
  app.get('/groups/:groupId/trial-balance', {
    schema: {
      tags: ['ledger'],
      operationId: 'getTrialBalance',
      summary: 'Trial balance (neraca saldo) as of a date (default today): every account on the side its balance stands',
      params: GroupParams,
      querystring: AsOfQuery,
      response: { 200: TrialBalance, ...errors(400, 404, 422) }
    }
  }, async req => trialBalanceJson(await reads.trialBalance(store.reader, req.params.groupId, reportDate(env, req.query.asOf))))

  app.get('/groups/:groupId/accounts/:code/ledger', {
    schema: {
      tags: ['ledger'],
      operationId: 'getAccountLedger',
      summary: 'One account\'s ledger (buku besar): opening balance, postings with running balance, closing balance',
      params: LedgerParams,
      querystring: RangeQuery,
      response: { 200: AccountLedger, ...errors(400, 404) }
    }
  }, async req => ledgerJson(await reads.accountLedger(store.reader, req.params.groupId, req.params.code, {
    ...(req.query.from === undefined ? {} : { from: req.query.from }),
    ...(req.query.to === undefined ? {} : { to: req.query.to })
  })))

  app.get('/groups/:groupId/verify', {
    schema: {
      tags: ['ledger'],
      operationId: 'verifyGroup',
      summary: 'The full check: both hash chains, every record against its row, the registers against the journal, every signed checkpoint (and the ones you kept)',
      params: GroupParams,
      querystring: VerifyQuery,
      response: { 200: Verification, ...errors(400, 404) }
    }
  }, async req => {
    const since = (req.query.checkpoint ?? []).map((text, i) => {
      try {
        return parseSignedCheckpoint(JSON.parse(text))
      } catch (err) {
        throw invalid(`checkpoint/${i}`, err instanceof SyntaxError ? 'must be the JSON of a signed checkpoint' : (err as Error).message)
      }
    })
    return verificationJson(await verify(store.reader, req.params.groupId, { key: env.signer.publicKey, since }))
  })

  app.get('/groups/:groupId/checkpoint', {
    schema: {
      tags: ['ledger'],
      operationId: 'getCheckpoint',
      summary: 'The signed checkpoint of the books as they stand: keep it, and any later verify shows whether the books still contain it',
      params: GroupParams,
      response: { 200: CheckpointRef, ...errors(404) }
    }
  }, async req => await checkpointOf(store.reader, env, req.params.groupId))
}
