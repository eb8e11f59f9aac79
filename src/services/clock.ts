import { addDays, dateIn } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import type { Env } from './context.js'

/*
 * The clock and date policy: what "today" is for a group, how far back or ahead a date may go. Every date rule of the
 * services reads these; nothing else asks the clock what day it is.
 */

/** The latest date an entry may carry: today in Indonesia's easternmost zone (WIT), so no group is refused "today". */
export function latestDate (env: Env): string {
  return dateIn(env.now(), 'Asia/Jayapura')
}

export function today (env: Env): string {
  return dateIn(env.now(), env.timeZone)
}

/** How far ahead a report may look: a statement "per 31 Desember" prepared during the year, not beyond. */
const REPORT_HORIZON_DAYS = 366

/**
 * The date a report or loan view is made for: the one asked, or today. Loan state is walked day by day up to it, so a
 * date more than a year ahead is refused rather than computed for minutes.
 */
export function reportDate (env: Env, asked: string | undefined): string {
  if (asked === undefined) return today(env)
  const horizon = addDays(latestDate(env), REPORT_HORIZON_DAYS)
  if (asked > horizon) throw new DomainError('DATE_IN_FUTURE', `${asked} is more than a year ahead; reports and loan views reach ${horizon} at most`)
  return asked
}

/** The hour (0–23) it is now in the service's time zone: when the reminders of the day go out. */
export function localHour (env: Env): number {
  const h = new Intl.DateTimeFormat('en-GB', { timeZone: env.timeZone, hour: 'numeric', hourCycle: 'h23' }).format(env.now())
  return Number(h)
}
