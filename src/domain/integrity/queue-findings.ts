import type { Books } from '../books/books.js'
import { outOfTurn, queueInForce, queueState } from '../loans/queue.js'

type Add = (table: string, id: string | null, detail: string) => void

/**
 * The giliran pinjaman against the loans (verify and the offline verifier): each loan is checked against the queue
 * in force on its date and the loans recorded before it, as the service checked it. One that passed over the member
 * next in line must carry its reason; one made in turn must carry none.
 */
export function queueFindings (books: Books, add: Add): void {
  const loans = books.loans.map(l => l.loan)
  for (const loan of loans) {
    const before = loans.filter(l => l.createdAt < loan.createdAt || (l.createdAt === loan.createdAt && l.id < loan.id))
    const line = queueState(queueInForce(books.meetings, loan.disbursedOn), before.map(l => ({ id: l.id, memberId: l.memberId, disbursedOn: l.disbursedOn })), loan.disbursedOn)
    const passedOver = outOfTurn(line, loan.memberId)
    if (passedOver && loan.outOfTurnReason === null) add('loans', loan.id, `lent on ${loan.disbursedOn} while ${line.next ?? ''} was next in the giliran pinjaman, with no reason recorded`)
    if (!passedOver && loan.outOfTurnReason !== null) add('loans', loan.id, 'records a reason for lending out of turn, but the loan was in turn')
  }
}
