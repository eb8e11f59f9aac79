import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteApp } from './route-app.js'
import { parseAmount } from '../../domain/money.js'
import { requireGroup } from '../../services/group-service.js'
import { reportDate } from '../../services/clock.js'
import * as loans from '../../services/loan-service.js'
import * as reports from '../../services/report-service.js'
import { principalOf, write } from '../context.js'
import { toRounding } from './meetings.js'
import { fundGrowthJson, loanJson, portfolioJson, repaymentJson, repaymentPreviewJson, scheduleJson } from '../presenters.js'
import { errors, GroupParams, IdempotencyHeaders, Ref } from '../schemas/common.js'
import { AsOfQuery, ReversalBody } from '../schemas/ledger.js'
import { FundGrowth, Loan, LoanBody, LoanParams, LoanPortfolio, LoanQuery, PayoffBody, RepaymentBody, RepaymentParams, RepaymentPreview, RepaymentResult, ScheduleBody, SchedulePreview, WriteOffBody } from '../schemas/loans.js'

export const loanRoutes: FastifyPluginAsyncTypebox = async app => {
  loanBook(app)
  loanPayments(app)
  loanReports(app)
}

/** A loan previewed, disbursed, listed and read. */
function loanBook (app: RouteApp): void {
  const { env, store } = app.lumbung
  app.post('/groups/:groupId/loans/schedule-preview', {
    config: { access: 'read' },
    schema: {
      tags: ['loans'],
      operationId: 'previewSchedule',
      summary: 'The instalment table a loan would have (no side effects)',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: ScheduleBody,
      response: { 200: SchedulePreview, ...errors(400, 404, 422) }
    }
  }, async req => {
    await requireGroup(store.reader, req.params.groupId)
    const b = req.body
    return scheduleJson(loans.preview({
      principal: parseAmount(b.principal, 'principal'), termCount: b.termCount, frequency: b.frequency, method: b.method,
      ratePercent: b.ratePercent, ratePer: b.ratePer, disbursedOn: b.disbursedOn, rounding: toRounding(b)
    }))
  })

  app.post('/groups/:groupId/loans', {
    schema: {
      tags: ['loans'],
      operationId: 'createLoan',
      summary: 'Disburse a loan under the terms in force on its date: Piutang Pinjaman Anggota / Kas',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: LoanBody,
      response: { 201: Ref(Loan), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    const principal = parseAmount(b.principal, 'principal')
    return await write(req, reply, tx => loans.disburse(tx, env, actor, req.params.groupId, {
      memberId: b.memberId, principal, termCount: b.termCount, frequency: b.frequency, disbursedOn: b.disbursedOn,
      purpose: b.purpose ?? null, fund: b.fund ?? null, outOfTurnReason: b.outOfTurnReason ?? null
    }), loanJson)
  })

  app.get('/groups/:groupId/loans', {
    schema: {
      tags: ['loans'],
      operationId: 'listLoans',
      summary: 'Loans as they stand on a date (default today), by status or member',
      params: GroupParams,
      querystring: LoanQuery,
      response: { 200: Type.Object({ items: Type.Array(Ref(Loan)) }), ...errors(400, 404, 422) }
    }
  }, async req => ({
    items: (await loans.listLoans(store.reader, req.params.groupId, {
      asOf: reportDate(env, req.query.asOf),
      ...(req.query.status === undefined ? {} : { status: req.query.status }),
      ...(req.query.memberId === undefined ? {} : { memberId: req.query.memberId })
    })).map(loanJson)
  }))

  app.get('/groups/:groupId/loans/:loanId', {
    schema: {
      tags: ['loans'],
      operationId: 'getLoan',
      summary: 'One loan: terms, schedule with payments, outstanding, arrears, days past due, collectibility (kartu pinjaman)',
      params: LoanParams,
      querystring: AsOfQuery,
      response: { 200: Ref(Loan), ...errors(400, 404, 422) }
    }
  }, async req => loanJson(await loans.getLoan(store.reader, req.params.groupId, req.params.loanId, reportDate(env, req.query.asOf))))
}

/** What happens to a loan after it is out: a repayment, a payoff, a repayment reversed, a write-off. */
function loanPayments (app: RouteApp): void {
  const { env, store } = app.lumbung
  app.post('/groups/:groupId/loans/:loanId/repayments', {
    schema: {
      tags: ['loans'],
      operationId: 'recordRepayment',
      summary: 'Record a repayment (angsuran): denda → jasa → pokok of what is due, oldest first; extra pays the coming instalments in order',
      description: 'What is due is paid first: the denda, then the jasa, then the pokok of every instalment due by `date`, oldest first. Whatever is left pays the coming instalments in due-date order, each its jasa then its pokok, so an angsuran paid a few days early is simply paid. A repayment is at most the loan\'s `remaining` (every pokok and jasa still scheduled, plus denda): more is 422 REPAYMENT_EXCEEDS_PAYOFF. To settle a loan early with the jasa of the instalments not yet due waived, use POST …/payoff.',
      headers: IdempotencyHeaders,
      params: LoanParams,
      body: RepaymentBody,
      response: { 201: Ref(RepaymentResult), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const amount = parseAmount(req.body.amount, 'amount')
    return await write(req, reply, tx => loans.repay(tx, env, actor, req.params.groupId, req.params.loanId, { date: req.body.date, amount }), repaymentJson)
  })

  app.post('/groups/:groupId/loans/:loanId/repayment-preview', {
    config: { access: 'read' },
    schema: {
      tags: ['loans'],
      operationId: 'previewRepayment',
      summary: 'How a repayment would be split (denda, jasa, pokok), with nothing recorded',
      description: 'The split recordRepayment would make of `amount` on `date`, and the pokok left after it, so a treasurer sees what a payment covers before it is saved. The same checks and refusals as recordRepayment (DATE_IN_FUTURE, REPAYMENT_EXCEEDS_PAYOFF, REPAYMENT_OUT_OF_ORDER, LOAN_NOT_ACTIVE, DATE_BEFORE_DISBURSEMENT); nothing is written, so a later repayment or a denda accrued by then can change the figure.',
      headers: IdempotencyHeaders,
      params: LoanParams,
      body: RepaymentBody,
      response: { 200: Ref(RepaymentPreview), ...errors(400, 404, 409, 422) }
    }
  }, async req => repaymentPreviewJson(await loans.previewRepayment(store.reader, env, req.params.groupId, req.params.loanId, { date: req.body.date, amount: parseAmount(req.body.amount, 'amount') })))

  app.post('/groups/:groupId/loans/:loanId/payoff', {
    schema: {
      tags: ['loans'],
      operationId: 'payOffLoan',
      summary: 'Pay a loan off early (pelunasan dipercepat): its payoff, the jasa of instalments not yet due waived',
      description: 'Pays the loan\'s `payoff` on `date`: all outstanding pokok + the jasa of instalments already due + denda. Recorded as an ordinary repayment (same entry, same loan.repaid event): what is due as in any repayment (denda → jasa → pokok, oldest first), then the pokok of every instalment not yet due. `amount`, when given, must equal the payoff exactly (422 PAYOFF_AMOUNT_MISMATCH, the detail says the figure). 409 LOAN_NOT_ACTIVE when the loan is paid off or written off.',
      headers: IdempotencyHeaders,
      params: LoanParams,
      body: PayoffBody,
      response: { 201: Ref(RepaymentResult), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const amount = req.body.amount === undefined ? null : parseAmount(req.body.amount, 'amount')
    return await write(req, reply, tx => loans.payOff(tx, env, actor, req.params.groupId, req.params.loanId, { date: req.body.date, amount }), repaymentJson)
  })

  app.post('/groups/:groupId/loans/:loanId/repayments/:repaymentId/reversal', {
    schema: {
      tags: ['loans'],
      operationId: 'reverseRepayment',
      summary: 'Undo a repayment recorded in error: its entry is reversed and the loan stands as before it; the latest repayment only',
      description: 'A loan\'s entries cannot be reversed through /journal-entries/{entryId}/reversal (409 ENTRY_BELONGS_TO_LOAN), so that the loan register and the ledger never part. The answer shows the repayment undone and the loan as it now stands.',
      headers: IdempotencyHeaders,
      params: RepaymentParams,
      body: ReversalBody,
      response: { 201: Ref(RepaymentResult), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const { groupId, loanId, repaymentId } = req.params
    return await write(req, reply, tx => loans.reverseRepayment(tx, env, actor, groupId, loanId, repaymentId, {
      date: req.body.date ?? null, reason: req.body.reason
    }), repaymentJson)
  })

  app.post('/groups/:groupId/loans/:loanId/write-off', {
    schema: {
      tags: ['loans'],
      operationId: 'writeOffLoan',
      summary: 'Write off what is left of a loan\'s principal: Beban Penghapusan Pinjaman / Piutang',
      headers: IdempotencyHeaders,
      params: LoanParams,
      body: WriteOffBody,
      response: { 201: Ref(Loan), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    return await write(req, reply, tx => loans.writeOff(tx, env, actor, req.params.groupId, req.params.loanId, { date: req.body.date ?? null, reason: req.body.reason }), loanJson)
  })
}

/** The loan reports: the fund's growth and the portfolio with its collectibility. */
function loanReports (app: RouteApp): void {
  const { env, store } = app.lumbung
  app.get('/groups/:groupId/reports/fund-growth', {
    schema: {
      tags: ['reports'],
      operationId: 'getFundGrowth',
      summary: 'Fund growth (perkembangan dana): capital put in, what the fund is worth, growth and its percentage',
      params: GroupParams,
      querystring: AsOfQuery,
      response: { 200: FundGrowth, ...errors(400, 404, 422) }
    }
  }, async req => fundGrowthJson(await reports.fundGrowth(store.reader, req.params.groupId, reportDate(env, req.query.asOf))))

  app.get('/groups/:groupId/reports/loan-portfolio', {
    schema: {
      tags: ['reports'],
      operationId: 'getLoanPortfolio',
      summary: 'Loan portfolio and collectibility (daftar pinjaman dan kolektibilitas) with PAR30',
      params: GroupParams,
      querystring: AsOfQuery,
      response: { 200: LoanPortfolio, ...errors(400, 404, 422) }
    }
  }, async req => portfolioJson(await reports.loanPortfolio(store.reader, req.params.groupId, reportDate(env, req.query.asOf))))
}
