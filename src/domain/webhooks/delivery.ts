/**
 * When a delivery is tried: at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about 27 hours in all),
 * each wait moved by up to ±10 % (jitter, so receivers coming back are not hit all at once); after the last it is failed.
 */
export const RETRY_WAITS_S = [5, 300, 1800, 7200, 18000, 36000, 36000] as const
export const MAX_ATTEMPTS = RETRY_WAITS_S.length + 1

/** The wait after attempt `n` (1-based) failed, in ms, or null when it was the last; `random` in [0, 1). */
export function retryWait (n: number, random: number): number | null {
  const base = RETRY_WAITS_S[n - 1]
  if (base === undefined) return null
  return Math.round(base * 1000 * (0.9 + 0.2 * random))
}

/** Whether a subscription wants an event: `*` for all, or its type listed. */
export function wants (eventTypes: readonly string[], type: string): boolean {
  return eventTypes.includes('*') || eventTypes.includes(type)
}

/** A 2xx answer acknowledges a delivery; anything else (or no answer) is tried again. */
export const acknowledged = (status: number | null): boolean => status !== null && status >= 200 && status < 300

/** The event as it is posted: the Standard Webhooks envelope (type, timestamp, data) with the feed's fields, then the event's own. */
export interface FeedEvent { id: string, groupId: string, seq: number, type: string, entityId: string, data: unknown, createdAt: string, actor: { id: string, name: string } }

export function payloadOf (e: FeedEvent): { type: string, timestamp: string, data: Record<string, unknown> } {
  // An event's own `seq` (entry.posted: the entry's; period.closed: the journal's last) is `entrySeq` here: `seq` is the feed's.
  const { seq: entrySeq, ...own } = e.data as Record<string, unknown>
  return {
    type: e.type,
    timestamp: e.createdAt,
    data: { eventId: e.id, groupId: e.groupId, seq: e.seq, entityId: e.entityId, actor: e.actor, ...own, ...(entrySeq === undefined ? {} : { entrySeq }) }
  }
}

/** The webhook-id of an event's delivery to a subscription: the same on every retry and redelivery, so a receiver can drop repeats. */
export const messageId = (eventId: string): string => `msg_${eventId.replace(/^evt_/, '')}`
