import { randomInt } from 'node:crypto'
import { parseArgs } from 'node:util'
import { killAll } from './lib/children.js'
import { runCampaign } from './lib/crash-campaign.js'

/**
 * npm run crash-test [-- --rounds 20 --clients 16 --seed S --keep]: starts the real server, lets concurrent clients
 * post with Idempotency-Keys, SIGKILLs it at a random moment, restarts it and retries every unacknowledged write, round
 * after round; then checks that every acknowledged write is in the ledger exactly once and nothing else is. Exits 1 on
 * any failed check; the seed printed first replays the same kill moments and write streams.
 */
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '16' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false }
  }
})
const positive = (name: string, text: string): number => {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) { process.stderr.write(`--${name} must be a positive integer, not ${text}\n`); process.exit(2) }
  return n
}
const rounds = positive('rounds', values.rounds)
const clients = positive('clients', values.clients)
const seed = values.seed === undefined ? randomInt(1, 2 ** 31) : positive('seed', values.seed)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { killAll(); process.exit(130) })
}

process.stdout.write(`crash campaign: ${rounds} rounds, ${clients} clients, seed ${seed}\n`)
const report = await runCampaign({ rounds, clients, seed, keep: values.keep, log: line => { process.stdout.write(`${line}\n`) } }).catch((err: unknown) => {
  process.stderr.write(`crash campaign aborted: ${err instanceof Error ? err.message : String(err)}\n(seed ${seed})\n`)
  process.exit(1)
})
const acknowledgedBeforeKill = report.rounds.reduce((s, r) => s + r.acknowledged, 0)
process.stdout.write(
  `\n${report.operations} writes, ${acknowledgedBeforeKill} acknowledged before a kill, ${report.retries} retried after a restart ` +
  `(${report.replays} replayed: committed, answer lost), ${report.kills} SIGKILLs, ${report.starts} starts; ` +
  `${report.entries} journal entries; ${(report.ms / 1000).toFixed(1)} s (seed ${report.seed})\n`)
if (values.keep) process.stdout.write(`database kept at ${report.database}\n`)
if (report.problems.length > 0) {
  process.stdout.write(`FAIL: ${report.problems.length} problems\n`)
  for (const p of report.problems.slice(0, 50)) process.stdout.write(`  ${p}\n`)
  process.exit(1)
}
process.stdout.write('OK: every acknowledged write exactly once, nothing else written; verify valid, trial balance balanced, Kas = grant − expenses, integrity_check ok\n')
