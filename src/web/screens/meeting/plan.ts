import { amountOf, dateOf, hasErrors } from '../../forms.js'
import { parseCount, parseRate } from '../../input.js'
import { SUGGESTED_GRACE_DAYS } from '../../../domain/loans/terms.js'
import type { FormState } from '../../layout.js'
import type { ArisanJson, LoanJson, LoanQueueJson, MeetingJson, MemberJson, TermsJson } from '../../types.js'
import { arisanPlanOf, type ArisanPlan } from './arisan.js'

/** Rows for new loans in one meeting (more are rare; a second meeting form takes them). */
export const LOAN_ROWS = 3

/** What the meeting form is filled against: the members, their active loans, the terms in force, past meetings. */
export interface Data { members: MemberJson[], loans: LoanJson[], terms: TermsJson | null, meetings: MeetingJson[], arisans: ArisanJson[], queue: LoanQueueJson }

/** A meeting as the form says it, checked; `null` parts are absent. */
export interface Plan {
  date: string
  attendees: string[]
  notes: string | null
  decisions: Array<Record<string, unknown>>
  savings: Array<{ field: string, memberId: string, kind: 'wajib' | 'sukarela', amount: string }>
  repayments: Array<{ field: string, loanId: string, amount: string }>
  /** Arisan contributions ticked, and the rounds taken today. */
  arisan: ArisanPlan
  loans: Array<{ row: number, memberId: string, principal: string, termCount: number, purpose: string | null, outOfTurnReason: string | null }>
  refreshments: string | null
  /** Uang di kotak: the cash counted at the end, and whether a difference is to be recorded (ticked on the review). */
  cashCounted: string | null
  recordDifference: boolean
}

/** The simpanan wajib in force on a date: the latest meeting's savings-terms decision on or before it, or null. */
export function wajibInForce (meetings: MeetingJson[], date: string): string | null {
  const agreed = meetings.filter(m => m.date <= date).flatMap(m => m.decisions.filter(x => x.type === 'savings-terms').map(x => ({ date: m.date, amount: x.wajibAmount })))
  return agreed.sort((a, b) => a.date.localeCompare(b.date)).at(-1)?.amount ?? null
}

/** The non-empty lines of a text field (a list of ticked checkboxes arrives one value per line). */
export const lines = (s: string | undefined): string[] => (s ?? '').split('\n').map(x => x.trim()).filter(x => x !== '')

/** The loan terms the meeting agrees, if it filled them in. */
function termsDecision (f: FormState): Record<string, unknown> | null {
  const rate = parseRate(f.values.jasa_persen)
  if (rate === null) f.errors.jasa_persen = 'Isi persen jasa, misalnya 1,5.'
  if (rate === null || rate === '') return null
  const maxTerm = parseCount(f.values.jasa_maks_tenor)
  if (maxTerm === null) f.errors.jasa_maks_tenor = 'Isi jumlah bulan, misalnya 10.'
  const maxPrincipal = amountOf(f, 'jasa_maks_pinjaman', false)
  const penalty = parseRate(f.values.denda_persen)
  if (penalty === null) f.errors.denda_persen = 'Isi persen denda, misalnya 1.'
  const grace = (f.values.denda_tenggang ?? '').trim() === '' ? SUGGESTED_GRACE_DAYS : parseCount(f.values.denda_tenggang)
  if (grace === null) f.errors.denda_tenggang = 'Isi jumlah hari, misalnya 7.'
  return {
    type: 'loan-terms', method: f.values.jasa_metode ?? 'flat', ratePercent: rate, ratePer: 'month',
    ...(typeof maxTerm === 'number' ? { maxTermCount: maxTerm } : {}),
    ...(maxPrincipal === null ? {} : { maxPrincipal }),
    ...(penalty === null || penalty === '' || penalty === '0' ? {} : { penalty: { percentOfOverdue: penalty, per: 'month', graceDays: typeof grace === 'number' ? grace : SUGGESTED_GRACE_DAYS } })
  }
}

/**
 * Each member's wajib and sukarela; "Wajib yang sama untuk semua yang hadir" fills the wajib of everyone ticked present
 * whose own wajib is empty (written into her field, so the review and a form sent back show it).
 */
function savingsOf (f: FormState, d: Data): Plan['savings'] {
  const savings: Plan['savings'] = []
  const forAll = amountOf(f, 'wajib_semua', false)
  const present = new Set(lines(f.values.hadir))
  for (const m of d.members) {
    if (forAll !== null && present.has(m.id) && (f.values[`wajib:${m.id}`] ?? '').trim() === '') f.values[`wajib:${m.id}`] = forAll
    for (const kind of ['wajib', 'sukarela'] as const) {
      const name = `${kind}:${m.id}`
      const a = amountOf(f, name, false)
      if (a !== null) savings.push({ field: name, memberId: m.id, kind, amount: a })
    }
  }
  return savings
}

function repaymentsOf (f: FormState, d: Data): Plan['repayments'] {
  const repayments: Plan['repayments'] = []
  for (const l of d.loans) {
    const name = `angsuran:${l.id}`
    const a = amountOf(f, name, false)
    if (a !== null) repayments.push({ field: name, loanId: l.id, amount: a })
  }
  return repayments
}

/** The new-loan rows filled in; a row half filled gets its missing fields marked. */
function newLoansOf (f: FormState): Plan['loans'] {
  const loans: Plan['loans'] = []
  for (let i = 0; i < LOAN_ROWS; i++) {
    const p = `pinjam:${i}:`
    const memberId = f.values[`${p}anggota`] ?? ''
    const principal = amountOf(f, `${p}jumlah`, false)
    const term = parseCount(f.values[`${p}tenor`])
    if (memberId === '' && principal === null && term === '' && f.errors[`${p}jumlah`] === undefined) continue
    if (memberId === '') f.errors[`${p}anggota`] = 'Pilih anggota yang meminjam.'
    if (principal === null && f.errors[`${p}jumlah`] === undefined) f.errors[`${p}jumlah`] = 'Isi jumlah pinjaman.'
    if (term === null || term === '') f.errors[`${p}tenor`] = 'Isi lama angsuran dalam bulan, misalnya 10.'
    if (memberId !== '' && principal !== null && typeof term === 'number') {
      const purpose = (f.values[`${p}tujuan`] ?? '').trim()
      const reason = (f.values[`${p}alasan`] ?? '').trim()
      loans.push({ row: i, memberId, principal, termCount: term, purpose: purpose === '' ? null : purpose, outOfTurnReason: reason === '' ? null : reason })
    }
  }
  return loans
}

/** Reads the whole meeting form; problems go next to their fields. */
export function planOf (f: FormState, d: Data): Plan | null {
  const date = dateOf(f, 'tanggal')
  const attendees = lines(f.values.hadir).filter(id => d.members.some(m => m.id === id))
  const notes = (f.values.catatan ?? '').trim()
  const terms = termsDecision(f)
  const wajib = amountOf(f, 'wajib_sepakat', false)
  const decisions: Array<Record<string, unknown>> = [
    ...(terms === null ? [] : [terms]),
    ...(wajib === null ? [] : [{ type: 'savings-terms', wajibAmount: wajib }]),
    ...lines(f.values.keputusan).map(text => ({ type: 'general', text })),
    ...(f.values.halaman_publik === 'buka' ? [{ type: 'publication', public: true }] : f.values.halaman_publik === 'tutup' ? [{ type: 'publication', public: false }] : [])
  ]
  const savings = savingsOf(f, d)
  const repayments = repaymentsOf(f, d)
  const arisan = arisanPlanOf(f, d.arisans)
  const loans = newLoansOf(f)
  const refreshments = amountOf(f, 'konsumsi', false)
  const cashCounted = amountOf(f, 'kas_dihitung', false)
  if (hasErrors(f) || date === null) {
    f.banner ??= 'Ada isian yang belum benar. Periksa kolom yang ditandai.'
    return null
  }
  return { date, attendees, notes: notes === '' ? null : notes, decisions, savings, repayments, arisan, loans, refreshments, cashCounted, recordDifference: f.values.catat_selisih === '1' }
}
