import { ACCOUNT } from '../../../domain/ledger/accounts.js'
import { partKey } from '../../api.js'
import { html, type Html } from '../../html.js'
import { rupiah, tanggal } from '../../layout.js'
import type { Ctx } from '../../request.js'
import type { Plan } from './plan.js'

/**
 * Uang di kotak: at the end of the meeting the treasurer counts the cash in the box; the review compares it with what
 * the books will say (Kas before the meeting, plus what the meeting takes in, minus what it pays out). A difference
 * is recorded, as a documented entry against Selisih Kas, only when she ticks it on the review; otherwise nothing.
 */
export const SHORTAGE = { code: '5104', name: 'Selisih Kas (Kurang)', type: 'expense' } as const
export const SURPLUS = { code: '4104', name: 'Selisih Kas (Lebih)', type: 'income' } as const

/** Kas as the books have it at the end of a day (before this meeting's writes, at review time). */
export async function kasOn (ctx: Ctx, date: string): Promise<bigint> {
  const tb = await ctx.api.get<{ rows: Array<{ account: string, debit: string, credit: string }> }>(`/v1/groups/${ctx.groupId}/trial-balance?asOf=${date}`)
  const row = tb.rows.find(r => r.account === ACCOUNT.kas)
  return row === undefined ? 0n : BigInt(row.debit) - BigInt(row.credit)
}

/** What the meeting moves through the box: savings and instalments in, new loans and refreshments out. */
export function meetingCash (plan: Plan): { cashIn: bigint, cashOut: bigint } {
  const cashIn = [...plan.savings, ...plan.repayments].reduce((s, x) => s + BigInt(x.amount), 0n)
  const cashOut = plan.loans.reduce((s, l) => s + BigInt(l.principal), 0n) + BigInt(plan.refreshments ?? '0')
  return { cashIn, cashOut }
}

/** The review's box: the figures, and the tick that records a difference (unticked unless she ticked it before). */
export function cashCountHtml (plan: Plan, before: bigint): Html {
  if (plan.cashCounted === null) return html``
  const { cashIn, cashOut } = meetingCash(plan)
  const expected = before + cashIn - cashOut
  const diff = BigInt(plan.cashCounted) - expected
  return html`<section class="card" id="uang-di-kotak">
  <h2>Uang di kotak</h2>
  <dl class="allocation">
    <div><dt>Kas sebelum rapat</dt><dd>${rupiah(before)}</dd></div>
    <div><dt>Masuk di rapat</dt><dd>${rupiah(cashIn)}</dd></div>
    <div><dt>Keluar di rapat</dt><dd>${rupiah(cashOut)}</dd></div>
    <div><dt>Seharusnya di kotak</dt><dd>${rupiah(expected)}</dd></div>
    <div><dt>Dihitung</dt><dd>${rupiah(plan.cashCounted)}</dd></div>
    <div><dt>Selisih</dt><dd><strong>${diff === 0n ? 'tidak ada' : `${diff > 0n ? 'lebih' : 'kurang'} ${rupiah(diff > 0n ? diff : -diff)}`}</strong></dd></div>
  </dl>
  ${diff === 0n
    ? html`<p class="ok-text">✓ Uang di kotak sama dengan catatan.</p>`
    : html`<label class="check"><input type="checkbox" name="catat_selisih" value="1" form="simpan-rapat"${plan.recordDifference ? html` checked` : ''}> <span>Catat selisih ${rupiah(diff > 0n ? diff : -diff)} sebagai jurnal <em>${diff > 0n ? SURPLUS.name : SHORTAGE.name}</em></span></label>
      <p class="muted">Tanpa centang, selisih tidak dicatat; periksa lagi hitungan dan catatan rapat.</p>`}
</section>`
}

/**
 * After the meeting's writes: the difference between the box and Kas, recorded if she ticked it, once (its own
 * idempotency key); its account is added to the group's chart the first time. Returns the receipt line, or null.
 */
export async function recordDifference (ctx: Ctx, idem: string, plan: Plan): Promise<Html | null> {
  if (plan.cashCounted === null || !plan.recordDifference) return null
  const kas = await kasOn(ctx, plan.date)
  const diff = BigInt(plan.cashCounted) - kas
  if (diff === 0n) return null
  const base = `/v1/groups/${ctx.groupId}`
  const account = diff > 0n ? SURPLUS : SHORTAGE
  const accounts = await ctx.api.get<{ items: Array<{ code: string }> }>(`${base}/accounts`)
  if (!accounts.items.some(a => a.code === account.code)) await ctx.api.post(`${base}/accounts`, account, partKey(idem, `akun-${account.code}`, account))
  const amount = (diff > 0n ? diff : -diff).toString()
  const body = {
    date: plan.date,
    description: `Selisih kas rapat ${tanggal(plan.date)}: uang di kotak ${rupiah(plan.cashCounted)}, tercatat ${rupiah(kas)}`.replace(/\u00a0/g, ' '),
    lines: diff > 0n
      ? [{ account: ACCOUNT.kas, debit: amount }, { account: account.code, credit: amount }]
      : [{ account: account.code, debit: amount }, { account: ACCOUNT.kas, credit: amount }]
  }
  const a = await ctx.api.post(`${base}/journal-entries`, body, partKey(idem, 'selisih-kas', { date: plan.date, counted: plan.cashCounted }))
  return a.problem === null ? html`<li>Selisih kas ${diff > 0n ? 'lebih' : 'kurang'}: ${rupiah(amount)} (${account.name})</li>` : null
}
