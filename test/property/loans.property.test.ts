import fc from 'fast-check'
import t from 'tap'
import { addDays } from '../../src/domain/dates.js'
import { testApi, type Api } from '../helpers.js'

/**
 * Random loans under random agreed terms, with random repayment sequences (some over what is left), payoffs and write-offs,
 * through the API. After every step: each loan's outstanding principal equals its share of the Piutang Pinjaman
 * balance (its entries carry the loan id as reference), their sum equals account 1201, Σ schedule principal = P,
 * no repayment is allocated more than was open, a payoff leaves the loan paid off, and the ledger verifies.
 */
const terms = fc.record({
  method: fc.constantFrom('flat', 'declining', 'annuity'),
  ratePercent: fc.constantFrom('0', '1', '1.5', '2', '2.75', '3'),
  ratePer: fc.constantFrom('month', 'year'),
  instalmentRoundTo: fc.constantFrom('1', '100', '500', '1000'),
  roundingMode: fc.constantFrom('half-up', 'half-even', 'up', 'down'),
  penalty: fc.option(fc.record({ percentOfOverdue: fc.constantFrom('0', '1', '2.5'), fixed: fc.constantFrom('0', '500'), per: fc.constantFrom('month', 'once'), graceDays: fc.integer({ min: 0, max: 7 }) }), { nil: undefined })
})
const step = fc.oneof(
  fc.record({ kind: fc.constant('loan' as const), principal: fc.integer({ min: 10_000, max: 1_500_000 }), termCount: fc.integer({ min: 1, max: 12 }), weekly: fc.boolean(), gap: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('repay' as const), pick: fc.nat(), share: fc.oneof(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.constant(1), fc.double({ min: 1.01, max: 1.5, noNaN: true })), gap: fc.integer({ min: 0, max: 45 }) }),
  fc.record({ kind: fc.constant('writeoff' as const), pick: fc.nat(), gap: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('payoff' as const), pick: fc.nat(), gap: fc.integer({ min: 0, max: 60 }) })
)

/** Each loan's share of Piutang (1201), from the entries' kind and source: the loan itself, or the repayment (of a loan). */
async function piutangShares (api: Api, gid: string, loanOfRepayment: ReadonlyMap<string, string>): Promise<{ total: bigint, byLoan: Map<string, bigint> }> {
  const byLoan = new Map<string, bigint>()
  let total = 0n
  let cursor: string | null = null
  do {
    const page: { json: { items: Array<{ kind: string, source: string | null, lines: Array<{ account: string, debit?: string, credit?: string }> }>, nextCursor: string | null } } =
      await api.get(`/v1/groups/${gid}/journal-entries?account=1201&limit=500${cursor === null ? '' : `&cursor=${cursor}`}`)
    for (const e of page.json.items) {
      for (const l of e.lines.filter(x => x.account === '1201')) {
        const d = BigInt(l.debit ?? '0') - BigInt(l.credit ?? '0')
        total += d
        const loan = e.kind === 'repayment' ? loanOfRepayment.get(e.source ?? '') : e.source
        if (loan !== undefined && loan !== null) byLoan.set(loan, (byLoan.get(loan) ?? 0n) + d)
      }
    }
    cursor = page.json.nextCursor
  } while (cursor !== null)
  return { total, byLoan }
}

t.test('random loans and repayments keep every loan equal to its share of Piutang', async t => {
  const seen = { loans: 0, repayments: 0, overpayments: 0, payoffs: 0, writeOffs: 0 }
  await fc.assert(fc.asyncProperty(terms, fc.array(step, { minLength: 1, maxLength: 14 }), async (agreed, steps) => {
    const api = await testApi({ env: { now: () => new Date('2030-01-01T00:00:00Z') } })
    try {
      const gid = (await api.post('/v1/groups', { name: 'KUBE', kind: 'kube' })).json.id as string
      const member = (await api.post(`/v1/groups/${gid}/members`, { name: 'Anggota' })).json.id as string
      await api.post(`/v1/groups/${gid}/grants`, { date: '2025-01-01', amount: '5000000', source: 'Desa' })
      const m = await api.post(`/v1/groups/${gid}/meetings`, { date: '2025-01-01', attendees: [member], decisions: [{ type: 'loan-terms', ...agreed }] })
      if (m.status !== 201) t.fail(`meeting ${JSON.stringify(m.json)}`)
      let date = '2025-01-02'
      const loans: string[] = []
      const loanOfRepayment = new Map<string, string>()
      for (const s of steps) {
        date = addDays(date, s.gap)
        if (s.kind === 'loan') {
          const r = await api.post(`/v1/groups/${gid}/loans`, { memberId: member, principal: String(s.principal), termCount: s.termCount, frequency: s.weekly ? 'weekly' : 'monthly', disbursedOn: date })
          if (r.status === 201) {
            loans.push(r.json.id as string)
            seen.loans++
            const sum = (r.json.schedule as Array<{ principal: string }>).reduce((a, x) => a + BigInt(x.principal), 0n)
            if (sum !== BigInt(s.principal)) t.fail(`Σ principal ${sum} ≠ ${s.principal}`)
          } else if (r.json.code !== 'INSUFFICIENT_FUNDS') t.fail(`loan refused: ${JSON.stringify(r.json)}`)
        }
        if (loans.length === 0 || s.kind === 'loan') continue
        const loanId = loans[s.pick % loans.length]!
        const before = (await api.get(`/v1/groups/${gid}/loans/${loanId}?asOf=${date}`)).json
        if (s.kind === 'repay') {
          const remaining = BigInt(before.remaining as string)
          const amount = BigInt(Math.max(1, Math.floor(Number(remaining) * s.share)))
          const r = await api.post(`/v1/groups/${gid}/loans/${loanId}/repayments`, { date, amount: String(amount) })
          const interestLeft = (before.schedule as Array<{ interestCharged: string, paid: { interest: string } }>)
            .reduce((acc, x) => acc + BigInt(x.interestCharged) - BigInt(x.paid.interest), 0n)
          if (before.status !== 'active') {
            if (r.status < 400) t.fail('a settled or written-off loan took a repayment')
          } else if (amount > remaining) {
            if (r.json.code !== 'REPAYMENT_EXCEEDS_PAYOFF') t.fail(`overpayment gave ${r.status}`)
            seen.overpayments++
          } else if (r.status !== 201) {
            t.fail(`repayment refused: ${JSON.stringify(r.json)}`)
          } else {
            seen.repayments++
            loanOfRepayment.set(r.json.id as string, loanId)
            const a = r.json.allocation
            if (BigInt(a.penalty) + BigInt(a.interest) + BigInt(a.principal) !== amount) t.fail('allocation does not add up')
            if (BigInt(a.penalty) > BigInt(before.outstanding.penalty)) t.fail('more denda than was due')
            if (BigInt(a.interest) > interestLeft) t.fail('more jasa than was scheduled')
            if (BigInt(a.principal) > BigInt(before.outstanding.principal)) t.fail('more pokok than was outstanding')
          }
        }
        if (s.kind === 'payoff') {
          const r = await api.post(`/v1/groups/${gid}/loans/${loanId}/payoff`, { date })
          if (before.status !== 'active') {
            if (r.status < 400) t.fail('a settled or written-off loan took a payoff')
          } else if (r.status !== 201) {
            t.fail(`payoff refused: ${JSON.stringify(r.json)}`)
          } else {
            seen.payoffs++
            loanOfRepayment.set(r.json.id as string, loanId)
            const a = r.json.allocation
            if (BigInt(a.penalty) + BigInt(a.interest) + BigInt(a.principal) !== BigInt(before.payoff)) t.fail('the payoff is not the payoff figure')
            if (r.json.loan.status !== 'paid_off') t.fail(`after a payoff the loan is ${r.json.loan.status as string}`)
          }
        }
        if (s.kind === 'writeoff') {
          const r = await api.post(`/v1/groups/${gid}/loans/${loanId}/write-off`, { date, reason: 'macet' })
          if (before.status === 'active' && BigInt(before.outstanding.principal) > 0n && r.status !== 201) t.fail(`write-off refused: ${JSON.stringify(r.json)}`)
          if (r.status === 201) seen.writeOffs++
          if (before.status !== 'active' && r.status < 400) t.fail('wrote off a closed loan')
        }
        const shares = await piutangShares(api, gid, loanOfRepayment)
        let sum = 0n
        for (const id of loans) {
          const l = (await api.get(`/v1/groups/${gid}/loans/${id}?asOf=2030-01-01`)).json
          const outstanding = l.status === 'written_off' ? 0n : BigInt(l.outstanding.principal)
          sum += outstanding
          if ((shares.byLoan.get(id) ?? 0n) !== outstanding) t.fail(`loan ${id}: outstanding ${outstanding} ≠ Piutang share ${shares.byLoan.get(id) ?? 0n}`)
        }
        if (sum !== shares.total) t.fail(`Σ outstanding ${sum} ≠ Piutang ${shares.total}`)
      }
      const v = await api.get(`/v1/groups/${gid}/verify`)
      // verify recomputes the loan register (repayments, write-offs, Piutang per loan) from the journal and compares.
      if (v.json.valid !== true) t.fail(`verify: ${v.json.problem as string}`)
      if (v.json.records.count < loans.length) t.fail('every loan is in the record chain')
    } finally {
      await api.close()
    }
  }), { numRuns: 25 })
  // Overpayments and write-offs are covered deterministically in test/http; here they are counted, not required.
  t.ok(seen.loans > 0 && seen.repayments > 0, `the runs disbursed and repaid loans: ${JSON.stringify(seen)}`)
})
