import { daysBetween, type IsoDate } from '../dates.js'
import type { Rupiah } from '../money.js'
import type { LoanState } from '../loans/types.js'
import type { ReminderFact } from './texts.js'

/** Days after its due date on which an unpaid instalment is reminded again. */
export const OVERDUE_DAYS = [1, 7, 30] as const

/**
 * The reminders a loan asks for on `today`: each unpaid instalment three days before its due date (h-3), on it (h-0),
 * and 1, 7 and 30 days after it (overdue). The amount is what makes the loan current by that instalment: the unpaid
 * pokok and jasa of it and of every earlier one, plus the denda accrued up to today. Nothing on other days, so a day
 * missed (the service was down) is not made up later with a stale figure.
 */
export function remindersDue (state: LoanState, today: IsoDate): ReminderFact[] {
  const unpaid = (i: LoanState['installments'][number]): Rupiah => i.principal + i.interestCharged - i.paidPrincipal - i.paidInterest
  const out: ReminderFact[] = []
  let owed = 0n
  for (const i of state.installments) {
    const left = unpaid(i)
    owed += left > 0n ? left : 0n
    if (left <= 0n) continue
    const until = daysBetween(today, i.dueDate)
    const late = -until
    const kind = until === 3 ? 'h-3' : until === 0 ? 'h-0' : (OVERDUE_DAYS as readonly number[]).includes(late) ? 'overdue' : null
    if (kind === null) continue
    out.push({ kind, n: i.n, dueDate: i.dueDate, amount: owed + state.outstanding.penalty, penalty: state.outstanding.penalty, daysLate: Math.max(late, 0) })
  }
  return out
}

/** Whether a monitor's value is past its threshold, and whether it just crossed (fires once per crossing). */
export function crossing (kind: 'kas_below' | 'arrears_above', value: Rupiah, threshold: Rupiah, wasPast: boolean): { past: boolean, fire: boolean } {
  const past = kind === 'kas_below' ? value < threshold : value > threshold
  return { past, fire: past && !wasPast }
}
