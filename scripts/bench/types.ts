import type { Fixture } from './fixture.js'
import type { BatchThroughput, Latency, Throughput } from './load.js'
import type { Ceiling } from './sqlite-ceiling.js'
import type { RollupRead } from './rollup.js'
import type { WebhookLoad } from './webhooks.js'

/* The bench's phases and what each measured (scripts/bench.ts). */

export interface Verification { valid: boolean, entries: number, firstBadSeq: number | null, problem: string | null }
export interface Memory { peakMiB: number, rssMiB: number }

/** The fixture group, and the database URL the server is to open (the SQLite file or its PostgreSQL copy). */
export interface FixturePhase { fixture: Fixture, serverDatabase: string }

/** This machine's ceilings, measured with the same entry. */
export interface Ceilings {
  fastify: Throughput
  perEntry: Ceiling
  batched: Ceiling
  schemaOnly: Fixture
  schemaPerSecond: number
}

/** The posting loads on a fresh group, with what they wrote. */
export interface Posting {
  groupId: string
  single64: Throughput
  single8: Throughput
  batch: BatchThroughput
  /** Entries acknowledged, the grant included. */
  posted: number
  /** autocannon stops on time with a request in flight on each connection: those are written but never counted. */
  inFlight: number
  /** The server's peak RSS (MiB) after each phase, to tell which one set it. */
  peakAfter: Record<string, number>
}

/** The timed reads on the fixture group. */
export interface Reads { trial: Latency, sheet: Latency }

/** GET …/verify on both groups, and the server's memory before and after. */
export interface Checks {
  beforeVerify: Memory
  end: Memory
  verifyMs: number
  fixtureCheck: Verification
  postingVerifyMs: number
  postingCheck: Verification
}

/** What Lumbung measured, from its start to its verifies. */
export interface Run { startMs: number, posting: Posting, reads: Reads, checks: Checks, webhooks: WebhookLoad, rollup: RollupRead }
