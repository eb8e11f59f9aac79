import { arisanState, toHolders } from '../../arisan/cycle.js'
import type { Arisan } from '../../arisan/types.js'
import type { Books } from '../../books/books.js'
import { col, sumRows, table, totalRow, TOTAL, type Builder } from '../common.js'
import { label, type RowsOf, type Statement, type Table } from '../model.js'

const ROUNDS = [
  col('round', 'Putaran', 'Round', 'integer'), col('date', 'Tanggal', 'Date', 'date'), col('slot', 'Nomor', 'Slot', 'integer'),
  col('receivers', 'Penerima', 'Taken by'), col('pot', 'Terkumpul', 'Pot', 'amount'), col('hostFee', 'Uang Tuan Rumah', 'Host\'s Fee', 'amount'),
  col('paidOut', 'Diterima', 'Paid Out', 'amount'), col('called', 'Angka Diseru', 'Called', 'text'), col('headSeq', 'No. Jurnal Sebelum', 'Journal Head', 'integer'),
  col('digest', 'Bukti Undian (SHA-256)', 'Draw Digest (SHA-256)')
]
const STANDING = [
  col('slot', 'Nomor', 'Slot', 'integer'), col('member', 'Anggota', 'Member'), col('due', 'Iuran per Putaran', 'Due per Round', 'amount'),
  col('rounds', 'Putaran Dibayar', 'Rounds Paid', 'integer'), col('paidIn', 'Jumlah Setor', 'Paid In', 'amount'), col('arrears', 'Tunggakan', 'Arrears', 'amount'),
  col('won', 'Dapat Putaran', 'Took Round', 'integer'), col('owesRest', 'Sisa Kewajiban Setelah Dapat', 'Still Owed After Winning', 'amount'),
  col('note', 'Keterangan', 'Note')
]

const STOPPED = label('Berhenti setor setelah dapat', 'Stopped paying after winning')
const BEHIND = label('Menunggak', 'In arrears')

/**
 * Laporan Arisan: for each arisan of the group, as of `to`, every round taken (who took it, the pot, the host's fee,
 * and for a draw the number called and the digest anyone can recompute with docs/ARISAN.md), and every holder's
 * standing (what she paid, her arrears, the round she took, what she still owes of the cycle since). The money passes
 * through Titipan Arisan only: the summary gives what came in, what went out and what it holds.
 */
export const arisanStatement: Builder = (books, p, head) => {
  const tables: Table[] = []
  const summary: Statement['summary'] = []
  // An arisan shows from the date of the meeting that decided it.
  const decided = new Map(books.meetings.map(m => [m.id, m.date]))
  for (const a of books.arisans.filter(x => (decided.get(x.meetingId) ?? '') <= p.to)) {
    const { rounds, standing, state } = arisanTables(books, a, p.to)
    tables.push(table(label(`${a.name} · Putaran`, `${a.name} · Rounds`), ROUNDS, rounds), table(label(`${a.name} · Setoran dan Tunggakan`, `${a.name} · Payments and Arrears`), STANDING, standing))
    summary.push(
      { label: label(`${a.name}: setoran masuk`, `${a.name}: paid in`), value: state.paidIn, kind: 'amount' },
      { label: label(`${a.name}: dibayarkan`, `${a.name}: paid out`), value: state.paidOut, kind: 'amount' },
      { label: label(`${a.name}: saldo Titipan Arisan`, `${a.name}: held in Titipan Arisan`), value: state.held, kind: 'amount' }
    )
  }
  if (tables.length === 0) tables.push(table(null, [col('note', 'Keterangan', 'Note')], [{ cells: { note: label('Kelompok belum menjalankan arisan.', 'The group runs no arisan yet.') } }]))
  return { ...head, tables, summary }
}

function arisanTables (books: Books, a: Arisan, to: string): { rounds: RowsOf<typeof ROUNDS>, standing: RowsOf<typeof STANDING>, state: ReturnType<typeof arisanState> } {
  const names = new Map(books.members.map(m => [m.id, m.name]))
  const taken = books.arisanRounds.filter(r => r.arisanId === a.id && r.date <= to)
  // As of `to`: a contribution reversed after it still stood then.
  const paid = books.arisanContributions.filter(c => c.arisanId === a.id && c.date <= to).map(c => c.reversedOn !== null && c.reversedOn > to ? { ...c, reversedOn: null } : c)
  const state = arisanState(a, taken, paid)
  const rounds: RowsOf<typeof ROUNDS> = taken.map(r => ({
    cells: {
      round: r.round, date: r.date, slot: r.slot, receivers: toHolders(a, r.slot, 0n).map(h => names.get(h.memberId) ?? h.memberId).join(' & '),
      pot: r.pot, hostFee: r.hostFee, paidOut: r.pot - r.hostFee, called: r.draw?.called ?? null, headSeq: r.headSeq, digest: r.draw?.digest ?? null
    }
  }))
  rounds.push(totalRow({ round: null, receivers: TOTAL, pot: sumRows(rounds, 'pot'), hostFee: sumRows(rounds, 'hostFee'), paidOut: sumRows(rounds, 'paidOut') }))
  const standing: RowsOf<typeof STANDING> = state.holders.map(h => ({
    cells: {
      slot: h.slot, member: names.get(h.memberId) ?? h.memberId, due: h.due, rounds: h.paid.length, paidIn: h.due * BigInt(h.paid.length), arrears: h.arrears,
      won: h.wonRound, owesRest: h.wonRound === null ? null : h.owesRest, note: h.stoppedAfterWinning ? STOPPED : h.arrears > 0n ? BEHIND : null
    }
  }))
  standing.push(totalRow({ slot: null, member: TOTAL, paidIn: sumRows(standing, 'paidIn'), arrears: sumRows(standing, 'arrears'), owesRest: sumRows(standing, 'owesRest') }))
  return { rounds, standing, state }
}
