import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { invalid } from '../../domain/errors.js'
import { creditLine, debitLine, type Line } from '../../domain/ledger/journal-entry.js'
import { parseAmount } from '../../domain/money.js'
import * as ledger from '../../services/ledger-service.js'
import { principalOf, write } from '../context.js'
import { entryJson, ledgerJson, trialBalanceJson, verificationJson } from '../presenters.js'
import { errors, GroupParams, IdempotencyHeaders } from '../schemas/common.js'
import {
  AccountLedger, AsOfQuery, Entry, EntryBody, EntryPage, EntryParams, EntryQuery, ExpenseBody, FundingBody, LedgerParams,
  RangeQuery, ReversalBody, TrialBalance, Verification
} from '../schemas/ledger.js'

/** Each line carries exactly one of debit and credit; the schema lets both be optional, so the rule is checked here. */
function toLines (body: EntryBody): Line[] {
  return body.lines.map((l, i) => {
    const tags = { fund: l.fund ?? null, member: l.memberId ?? null }
    if (l.debit !== undefined && l.credit === undefined) return debitLine(l.account, parseAmount(l.debit, `/body/lines/${i}/debit`), tags)
    if (l.credit !== undefined && l.debit === undefined) return creditLine(l.account, parseAmount(l.credit, `/body/lines/${i}/credit`), tags)
    throw invalid(`/body/lines/${i}`, 'must have exactly one of debit and credit')
  })
}

export const ledgerRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/groups/:groupId/journal-entries', {
    schema: {
      tags: ['ledger'],
      summary: 'Post a journal entry (at least two lines; debits equal credits)',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: EntryBody,
      response: { 201: Entry, ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    const lines = toLines(b)
    return await write(req, reply, tx => ledger.post(tx, env, actor, req.params.groupId, {
      date: b.date, description: b.description, reference: b.reference ?? null, reverses: null, lines
    }), entryJson)
  })

  app.get('/groups/:groupId/journal-entries', {
    schema: {
      tags: ['ledger'],
      summary: 'The journal (jurnal umum) in seq order, keyset-paged',
      params: GroupParams,
      querystring: EntryQuery,
      response: { 200: EntryPage, ...errors(400, 404) }
    }
  }, async req => {
    const q = req.query
    const page = await ledger.listEntries(store.reader, req.params.groupId, {
      ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.to === undefined ? {} : { to: q.to }),
      ...(q.account === undefined ? {} : { account: q.account }),
      ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      limit: q.limit ?? 50
    })
    return { items: page.items.map(entryJson), nextCursor: page.nextCursor }
  })

  app.get('/groups/:groupId/journal-entries/:entryId', {
    schema: { tags: ['ledger'], summary: 'One journal entry', params: EntryParams, response: { 200: Entry, ...errors(404) } }
  }, async req => entryJson(await ledger.getEntry(store.reader, req.params.groupId, req.params.entryId)))

  app.post('/groups/:groupId/journal-entries/:entryId/reversal', {
    schema: {
      tags: ['ledger'],
      summary: 'Reverse an entry: a new entry with the sides swapped, linked both ways; at most once per entry',
      headers: IdempotencyHeaders,
      params: EntryParams,
      body: ReversalBody,
      response: { 201: Entry, ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    return await write(req, reply, tx => ledger.reverse(tx, env, actor, req.params.groupId, req.params.entryId, {
      date: req.body.date ?? null, reason: req.body.reason
    }), entryJson)
  })

  for (const kind of ['grant', 'donation'] as const) {
    app.post(`/groups/:groupId/${kind}s`, {
      schema: {
        tags: ['ledger'],
        summary: kind === 'grant'
          ? 'Record a grant (dana hibah / dana stimulan): Kas / Dana Hibah, tagged with a new fund'
          : 'Record a donation or village capital: Kas / Donasi, tagged with a new fund',
        headers: IdempotencyHeaders,
        params: GroupParams,
        body: FundingBody,
        response: { 201: Entry, ...errors(400, 404, 422) }
      }
    }, async (req, reply) => {
      const actor = principalOf(req).actor
      const b = req.body
      const amount = parseAmount(b.amount, '/body/amount')
      return await write(req, reply, tx => ledger.recordFunding(tx, env, actor, req.params.groupId, kind, {
        date: b.date, amount, source: b.source, description: b.description ?? null
      }), entryJson)
    })
  }

  app.post('/groups/:groupId/expenses', {
    schema: {
      tags: ['ledger'],
      summary: 'Record an expense or a fixed-asset purchase paid from Kas (or Bank)',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: ExpenseBody,
      response: { 201: Entry, ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    const amount = parseAmount(b.amount, '/body/amount')
    return await write(req, reply, tx => ledger.recordExpense(tx, env, actor, req.params.groupId, {
      date: b.date, amount, account: b.account, description: b.description, fund: b.fund ?? null, paidFrom: b.paidFrom ?? '1101'
    }), entryJson)
  })

  app.get('/groups/:groupId/trial-balance', {
    schema: {
      tags: ['ledger'],
      summary: 'Trial balance (neraca saldo) as of a date (default today): every account on the side its balance stands',
      params: GroupParams,
      querystring: AsOfQuery,
      response: { 200: TrialBalance, ...errors(400, 404) }
    }
  }, async req => trialBalanceJson(await ledger.trialBalance(store.reader, req.params.groupId, req.query.asOf ?? ledger.today(env))))

  app.get('/groups/:groupId/accounts/:code/ledger', {
    schema: {
      tags: ['ledger'],
      summary: 'One account\'s ledger (buku besar): opening balance, postings with running balance, closing balance',
      params: LedgerParams,
      querystring: RangeQuery,
      response: { 200: AccountLedger, ...errors(400, 404) }
    }
  }, async req => ledgerJson(await ledger.accountLedger(store.reader, req.params.groupId, req.params.code, {
    ...(req.query.from === undefined ? {} : { from: req.query.from }),
    ...(req.query.to === undefined ? {} : { to: req.query.to })
  })))

  app.get('/groups/:groupId/verify', {
    schema: {
      tags: ['ledger'],
      summary: 'Recompute the hash chain and every balance from the postings',
      params: GroupParams,
      response: { 200: Verification, ...errors(404) }
    }
  }, async req => verificationJson(await ledger.verify(store.reader, req.params.groupId)))
}
