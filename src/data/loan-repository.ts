import type { LoanFile, LoanRecord, RepaymentRecord, WriteOffRecord } from '../domain/books/types.js'
import type { Installment, PaidPart } from '../domain/loans/types.js'
import { toRupiah } from '../domain/money.js'
import type { Db, Tx } from './connect.js'
import { insertProtected } from './record-repository.js'

type Q = Db | Tx

export type { LoanFile, LoanRecord, RepaymentRecord, WriteOffRecord }

export async function insertLoan (db: Tx, l: LoanRecord, installments: readonly Installment[]): Promise<void> {
  await insertProtected(db, l.groupId, 'loans', [{
    row: {
      id: l.id, group_id: l.groupId, member_id: l.memberId, principal: l.principal, term_count: l.termCount, frequency: l.frequency,
      disbursed_on: l.disbursedOn, purpose: l.purpose, terms: JSON.stringify(l.terms), meeting_id: l.meetingId, decision_id: l.decisionId,
      fund_id: l.fundId, disbursement_entry_id: l.disbursementEntryId, out_of_turn_reason: l.outOfTurnReason, created_at: l.createdAt,
      actor_id: l.actor.id, actor_name: l.actor.name
    },
    children: { loan_installments: installments.map(i => ({ loan_id: l.id, n: i.n, due_date: i.dueDate, principal: i.principal, interest: i.interest })) }
  }])
}

export async function insertRepayment (db: Tx, r: RepaymentRecord, groupId: string): Promise<void> {
  await insertProtected(db, groupId, 'loan_repayments', [{
    row: {
      id: r.id, loan_id: r.loanId, group_id: groupId, date: r.date, amount: r.amount, penalty: r.penalty, interest: r.interest,
      principal: r.principal,
      parts: JSON.stringify(r.parts.map(p => ({ n: p.n, penalty: p.penalty.toString(), interest: p.interest.toString(), principal: p.principal.toString() }))),
      entry_id: r.entryId, created_at: r.createdAt, actor_id: r.actor.id, actor_name: r.actor.name
    }
  }])
}

export async function insertWriteOff (db: Tx, w: WriteOffRecord, groupId: string): Promise<void> {
  await insertProtected(db, groupId, 'loan_write_offs', [{
    row: {
      loan_id: w.loanId, group_id: groupId, date: w.date, reason: w.reason, amount: w.amount, entry_id: w.entryId,
      created_at: w.createdAt, actor_id: w.actor.id, actor_name: w.actor.name
    }
  }])
}

/** The loans disbursed from `since` on, as the giliran pinjaman counts them: who borrowed, and when. */
export async function loanStarts (db: Q, groupId: string, since: string): Promise<Array<{ id: string, memberId: string, disbursedOn: string }>> {
  const rows = await db.selectFrom('loans').select(['id', 'member_id', 'disbursed_on']).where('group_id', '=', groupId).where('disbursed_on', '>=', since).execute()
  return rows.map(r => ({ id: r.id, memberId: r.member_id, disbursedOn: r.disbursed_on }))
}

/** Every loan of a group matching the filter, with its schedule, repayments and write-off, in disbursement order. */
export async function loadLoans (db: Q, groupId: string, filter: { loanId?: string, memberId?: string } = {}): Promise<LoanFile[]> {
  let q = db.selectFrom('loans').selectAll().where('group_id', '=', groupId)
  if (filter.loanId !== undefined) q = q.where('id', '=', filter.loanId)
  if (filter.memberId !== undefined) q = q.where('member_id', '=', filter.memberId)
  const loans = await q.orderBy('disbursed_on').orderBy('created_at').orderBy('id').execute()
  if (loans.length === 0) return []
  const ids = loans.map(l => l.id)
  const [inst, reps, wos] = await Promise.all([
    db.selectFrom('loan_installments').selectAll().where('loan_id', 'in', ids).orderBy('loan_id').orderBy('n').execute(),
    // A repayment undone by a reversing entry comes with that entry's date: it counts on the days before it only.
    db.selectFrom('loan_repayments').leftJoin('journal_entries as r', 'r.reverses_id', 'loan_repayments.entry_id')
      .selectAll('loan_repayments').select('r.date as reversed_on').where('loan_repayments.loan_id', 'in', ids)
      .orderBy('loan_repayments.date').orderBy('loan_repayments.created_at').orderBy('loan_repayments.id').execute(),
    db.selectFrom('loan_write_offs').selectAll().where('loan_id', 'in', ids).execute()
  ])
  return loans.map(l => {
    const own = inst.filter(i => i.loan_id === l.id)
    let balance = toRupiah(l.principal)
    const installments: Installment[] = own.map(i => {
      const principal = toRupiah(i.principal)
      const interest = toRupiah(i.interest)
      balance -= principal
      return { n: Number(i.n), dueDate: i.due_date, principal, interest, total: principal + interest, balance }
    })
    const repayments: RepaymentRecord[] = reps.filter(r => r.loan_id === l.id).map(r => ({
      id: r.id,
      loanId: r.loan_id,
      date: r.date,
      amount: toRupiah(r.amount),
      penalty: toRupiah(r.penalty),
      interest: toRupiah(r.interest),
      principal: toRupiah(r.principal),
      parts: (JSON.parse(r.parts) as Array<{ n: number, penalty: string, interest: string, principal: string }>).map((p): PaidPart => ({
        n: p.n, penalty: BigInt(p.penalty), interest: BigInt(p.interest), principal: BigInt(p.principal)
      })),
      entryId: r.entry_id,
      reversedOn: r.reversed_on,
      createdAt: r.created_at,
      actor: { id: r.actor_id, name: r.actor_name }
    }))
    const w = wos.find(x => x.loan_id === l.id)
    return {
      loan: {
        id: l.id, groupId: l.group_id, memberId: l.member_id, principal: toRupiah(l.principal), termCount: Number(l.term_count),
        frequency: l.frequency, disbursedOn: l.disbursed_on, purpose: l.purpose, terms: JSON.parse(l.terms) as unknown,
        meetingId: l.meeting_id, decisionId: l.decision_id, fundId: l.fund_id, disbursementEntryId: l.disbursement_entry_id, outOfTurnReason: l.out_of_turn_reason,
        createdAt: l.created_at, actor: { id: l.actor_id, name: l.actor_name }
      },
      installments,
      repayments,
      writeOff: w === undefined
        ? null
        : {
            loanId: w.loan_id, date: w.date, reason: w.reason, amount: toRupiah(w.amount), entryId: w.entry_id, createdAt: w.created_at,
            actor: { id: w.actor_id, name: w.actor_name }
          }
    }
  })
}
