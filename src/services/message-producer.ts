import type { Db } from '../data/connect.js'
import * as events from '../data/event-repository.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import type { Gateway, Message, Monitor } from '../data/message-repository.js'
import * as outbox from '../data/message-repository.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import { membersOf } from '../domain/ledger/journal-entry.js'
import { crossing, remindersDue } from '../domain/messages/reminders.js'
import { alertText, receiptText, reminderText, type ReceiptFact, type SavingsKind } from '../domain/messages/texts.js'
import { sum, toRupiah } from '../domain/money.js'
import type { Env } from './context.js'
import { getEntry } from './ledger-reads.js'
import { getLoan, listLoans } from './loan-service.js'
import { receiptPath } from './receipt-service.js'

/*
 * What goes into a group's outbox, made from its books: a receipt for each member a posting touched (read from the event
 * feed after the group's cursor), the day's instalment reminders, and the alerts of monitors that crossed their
 * thresholds. Each message carries a dedupe key, so making them twice queues them once.
 */

type Draft = Pick<Message, 'kind' | 'dedupeKey' | 'memberId' | 'monitorId' | 'entryId' | 'text'> & { eventSeq?: number }

const data = (e: events.EventRecord): Record<string, string | number | null> => e.data as Record<string, string | number | null>

/** Each member's share of an entry: what her lines moved (their debits: a posting's two sides both carry her tag). */
function movedFor (lines: ReadonlyArray<{ member: string | null, debit: bigint }>, memberId: string): bigint {
  return sum(lines.filter(l => l.member === memberId).map(l => l.debit))
}

/** The receipts one event asks for: member, entry and what her receipt says; none for events that touch no member's money. */
async function receiptFacts (db: Db, e: events.EventRecord): Promise<Array<{ memberId: string, entryId: string, date: string, fact: ReceiptFact }>> {
  const d = data(e)
  switch (e.type) {
    case 'savings.deposited':
    case 'savings.withdrawn': {
      const entry = await getEntry(db, e.groupId, e.entityId)
      const savings = String(d.kind) as SavingsKind
      const amount = toRupiah(d.amount)
      return [{ memberId: String(d.memberId), entryId: entry.id, date: entry.date, fact: e.type === 'savings.deposited' ? { kind: 'deposit', savings, amount } : { kind: 'withdrawal', savings, amount } }]
    }
    case 'loan.disbursed':
      return [{ memberId: String(d.memberId), entryId: String(d.entryId), date: String(d.disbursedOn), fact: { kind: 'disbursement', amount: toRupiah(d.principal), termCount: Number(d.termCount) } }]
    case 'loan.repaid': {
      const loan = await getLoan(db, e.groupId, e.entityId, String(d.date))
      const fact: ReceiptFact = {
        kind: 'repayment', amount: toRupiah(d.amount), principal: toRupiah(d.principal), interest: toRupiah(d.interest), penalty: toRupiah(d.penalty),
        principalLeft: loan.state.outstanding.principal
      }
      return [{ memberId: loan.file.loan.memberId, entryId: String(d.entryId), date: String(d.date), fact }]
    }
    case 'shu.paid': {
      const entry = await getEntry(db, e.groupId, String(d.entryId))
      return [{ memberId: String(d.memberId), entryId: entry.id, date: entry.date, fact: { kind: 'shu', amount: toRupiah(d.amount) } }]
    }
    case 'entry.posted': {
      // Postings the service makes have their own events above; an entry typed by hand that names a member gets one here.
      if (d.kind !== 'manual') return []
      const entry = await getEntry(db, e.groupId, e.entityId)
      const members = membersOf(entry.lines)
      return members.map(m => ({ memberId: m, entryId: entry.id, date: entry.date, fact: { kind: 'entry', amount: movedFor(entry.lines, m), what: entry.description } }))
    }
    case 'arisan.contributed':
    case 'arisan.round_taken': {
      // Each holder the entry names: what she paid in, or what she was paid (a round's pot, a late payment passed on).
      const entry = await getEntry(db, e.groupId, String(d.entryId))
      return membersOf(entry.lines).map(m => {
        const paidIn = movedFor(entry.lines, m)
        const amount = paidIn > 0n ? paidIn : sum(entry.lines.filter(l => l.member === m).map(l => l.credit))
        return { memberId: m, entryId: entry.id, date: entry.date, fact: { kind: 'entry', amount, what: entry.description } }
      })
    }
    case 'entry.reversed': {
      const original = await getEntry(db, e.groupId, e.entityId)
      const reversal = await getEntry(db, e.groupId, String(d.reversedBy))
      const members = membersOf(original.lines)
      return members.map(m => ({ memberId: m, entryId: reversal.id, date: reversal.date, fact: { kind: 'correction', amount: movedFor(original.lines, m), what: original.description } }))
    }
    default:
      return []
  }
}

/** Receipts for the events after the cursor (at most `limit`), and the seq they reach. */
export async function receiptsAfter (
  db: Db, env: Env, origin: string, group: { id: string, name: string }, after: number, limit: number
): Promise<{ drafts: Draft[], lastSeq: number }> {
  const [groupId, groupName] = [group.id, group.name]
  const feed = await events.listEvents(db, groupId, after, limit)
  const drafts: Draft[] = []
  for (const e of feed) {
    for (const r of await receiptFacts(db, e)) {
      const link = `${origin}${receiptPath(env, groupId, r.entryId)}`
      drafts.push({
        kind: 'receipt', dedupeKey: `receipt:${r.entryId}:${r.memberId}`, memberId: r.memberId, monitorId: null, entryId: r.entryId, eventSeq: e.seq,
        text: receiptText(groupName, r.date, r.fact, link)
      })
    }
  }
  return { drafts, lastSeq: feed.at(-1)?.seq ?? after }
}

/** The reminders of `today` for every active loan of the group: one per instalment, kind and day. */
export async function remindersOn (db: Db, groupName: string, groupId: string, today: string): Promise<Draft[]> {
  const drafts: Draft[] = []
  for (const loan of await listLoans(db, groupId, { status: 'active', asOf: today })) {
    for (const r of remindersDue(loan.state, today)) {
      drafts.push({
        kind: 'reminder', dedupeKey: `reminder:${loan.file.loan.id}:${r.n}:${r.kind}:${today}`, memberId: loan.file.loan.memberId, monitorId: null, entryId: null,
        text: reminderText(groupName, r)
      })
    }
  }
  return drafts
}

/** A monitor's values on `today`: Kas (one subject, '') or each member's arrears with denda (subject: her id). */
async function monitorValues (db: Db, m: Monitor, today: string): Promise<Map<string, bigint>> {
  if (m.kind === 'kas_below') {
    const [kas] = (await journal.sumByAccount(db, m.groupId, { to: today })).filter(t => t.account === ACCOUNT.kas)
    return new Map([['', kas === undefined ? 0n : kas.debit - kas.credit]])
  }
  const owed = new Map<string, bigint>()
  for (const loan of await listLoans(db, m.groupId, { status: 'active', asOf: today })) {
    const id = loan.file.loan.memberId
    owed.set(id, (owed.get(id) ?? 0n) + loan.state.arrears + loan.state.outstanding.penalty)
  }
  return owed
}

/** The alerts of a group's monitors on `today`, and each subject's new state (written with them). */
export interface MonitorState { monitorId: string, subject: string, past: boolean, crossings: number }

export async function alertsOn (db: Db, groupName: string, monitors: readonly Monitor[], today: string): Promise<{ drafts: Draft[], states: MonitorState[] }> {
  const drafts: Draft[] = []
  const states: MonitorState[] = []
  for (const m of monitors) {
    const before = await outbox.monitorStates(db, m.id)
    const values = await monitorValues(db, m, today)
    // A member whose arrears are gone is no longer in the values: she is back below.
    for (const subject of before.keys()) if (!values.has(subject)) values.set(subject, 0n)
    for (const [subject, value] of values) {
      const was = before.get(subject) ?? { past: false, crossings: 0 }
      const c = crossing(m.kind, value, m.threshold, was.past)
      if (c.past === was.past) continue
      const crossings = was.crossings + (c.fire ? 1 : 0)
      states.push({ monitorId: m.id, subject, past: c.past, crossings })
      if (!c.fire) continue
      const member = subject === '' ? '' : (await groups.findMember(db, m.groupId, subject))?.name ?? subject
      const text = m.kind === 'kas_below' ? alertText(groupName, today, { kind: 'kas_below', value, threshold: m.threshold }) : alertText(groupName, today, { kind: 'arrears_above', member, value, threshold: m.threshold })
      drafts.push({ kind: 'alert', dedupeKey: `alert:${m.id}:${subject}:${crossings}`, memberId: null, monitorId: m.id, entryId: null, text })
    }
  }
  return { drafts, states }
}

/** Drafts as outbox messages of a gateway, due at once. */
export function asMessages (env: Env, g: Gateway, drafts: readonly Draft[]): Message[] {
  const now = env.now().toISOString()
  return drafts.map(d => ({ ...d, eventSeq: d.eventSeq ?? 0, id: env.newId('msg'), groupId: g.groupId, gatewayId: g.id, status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, updatedAt: now }))
}
