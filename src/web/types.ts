import type { Static } from 'typebox'
import type { Account, Entry, Fund, Member } from '../http/schemas/ledger.js'
import type { Period } from '../http/routes/periods.js'
import type { OwedShare, ShuDistribution, ShuPayout, ShuPreview } from '../http/schemas/shu.js'
import type { ContactJson as ContactSchema, ProfileJson as ProfileSchema } from '../http/schemas/contacts.js'
import type { DeliveryJson as DeliverySchema, Webhook } from '../http/schemas/webhooks.js'
import type { PlaceJson as PlaceSchema } from '../http/schemas/places.js'
import type { GatewayJson as GatewaySchema, MessageJson as MessageSchema, MessageList as MessageListSchema, MonitorJson as MonitorSchema } from '../http/schemas/messages.js'
import type { ArisanContributionJson as ArisanContributionSchema, ArisanJson as ArisanSchema, ArisanRoundJson as ArisanRoundSchema } from '../http/schemas/arisan.js'
import type { LoanQueue as LoanQueueSchema } from '../http/routes/loan-queue.js'
import type { FundGrowth, Loan, LoanPortfolio, Meeting, MemberSavings, RepaymentPreview, RepaymentResult, SchedulePreview, TermsInForce } from '../http/schemas/loans.js'

/** The /v1 answers the pages read, typed by the same schemas that serialise them. */
export type AccountJson = Static<typeof Account>
export type FundJson = Static<typeof Fund>
export type MemberJson = Static<typeof Member>
export type EntryJson = Static<typeof Entry>
export type LoanJson = Static<typeof Loan>
export type PortfolioJson = Static<typeof LoanPortfolio>
export type FundGrowthJson = Static<typeof FundGrowth>
export type MeetingJson = Static<typeof Meeting>
export type SavingsJson = Static<typeof MemberSavings>
export type RepaymentJson = Static<typeof RepaymentResult>
export type PreviewJson = Static<typeof SchedulePreview>
export type RepaymentPreviewJson = Static<typeof RepaymentPreview>
export type ContactJson = Static<typeof ContactSchema>
export type ProfileJson = Static<typeof ProfileSchema>
export type WebhookJson = Static<typeof Webhook>
export type DeliveryJson = Static<typeof DeliverySchema>
export type GatewayJson = Static<typeof GatewaySchema>
export type MessageJson = Static<typeof MessageSchema>
export type MessageList = Static<typeof MessageListSchema>
export type PlaceJson = Static<typeof PlaceSchema>
export type MonitorJson = Static<typeof MonitorSchema>
export type TermsJson = Static<typeof TermsInForce>
export type PeriodJson = Static<typeof Period>
export type ShuPreviewJson = Static<typeof ShuPreview>
export type ShuDistributionJson = Static<typeof ShuDistribution>
export type ShuPayoutJson = Static<typeof ShuPayout>
export type OwedJson = Static<typeof OwedShare>
export type ArisanJson = Static<typeof ArisanSchema>
export type ArisanRoundJson = Static<typeof ArisanRoundSchema>
export type ArisanContributionJson = Static<typeof ArisanContributionSchema>
export type LoanQueueJson = Static<typeof LoanQueueSchema>
export interface Items<T> { items: T[] }
