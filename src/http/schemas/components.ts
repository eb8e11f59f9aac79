import type { TSchema } from 'typebox'
import { Actor, Problem, SignedAmount, Total } from './common.js'
import { SignedCheckpoint } from './integrity.js'
import { Account, Entry, Group, Line, Member } from './ledger.js'
import { GeneralDecision, Loan, LoanQueueDecision, LoanTermsDecision, Meeting, PublicationDecision, RepaymentPreview, RepaymentResult, SavingsResult, SavingsTermsDecision } from './loans.js'
import { ShuDistribution, ShuDistributionDecision, ShuPayout } from './shu.js'
import { ArisanContributionJson, ArisanJson, ArisanRoundJson } from './arisan.js'
import { StatementJson } from './statements.js'
import { PublicPage } from './public.js'
import { GatewayJson, MessageJson, MonitorJson } from './messages.js'
import { Webhook, WebhookEvent } from './webhooks.js'

/**
 * The named schemas (each with an `$id`): buildApp registers them before the routes, which refer to them with Ref(),
 * and the OpenAPI document shows each once, under components.schemas. A schema with an `$id` missing here stops the
 * app at start (the reference does not resolve).
 */
export const COMPONENTS: TSchema[] = [
  Problem, Total, SignedAmount, Actor, Group, Member, Account, Line, Entry, LoanTermsDecision, ShuDistributionDecision,
  GeneralDecision, SavingsTermsDecision, PublicationDecision, LoanQueueDecision,
  Meeting, Loan, RepaymentResult, RepaymentPreview, SavingsResult, ShuDistribution, ShuPayout, SignedCheckpoint, StatementJson,
  Webhook, WebhookEvent, GatewayJson, MessageJson, MonitorJson, PublicPage, ArisanRoundJson, ArisanContributionJson, ArisanJson
]
