import type { LoanMethod, RatePer } from './loans/types.js'
import { formatRupiah } from './money.js'
import { label, type Label, type Lang } from './statements/model.js'

/**
 * What a meeting decided, in one sentence per decision, in both languages: the one wording the meetings statement,
 * the home screen, the meeting screen and its preview all show. Terms come as stored (LoanTermsJson, nulls for what
 * was not agreed) or as typed into a request (fields left out); a zero part of a denda is not mentioned.
 */
export interface TermsText {
  method: LoanMethod
  ratePercent: string
  ratePer: RatePer
  maxTermCount?: number | null
  maxPrincipal?: string | null
  penalty?: { percentOfOverdue?: string, fixed?: string, per: 'month' | 'once', graceDays?: number } | null
}

export type DecisionText =
  | { type: 'general', text: string }
  | { type: 'loan-terms', terms: TermsText }
  | { type: 'shu-distribution', buckets: ReadonlyArray<{ name: string, percent: string }> }
  | { type: 'savings-terms', wajibAmount: string }
  | { type: 'publication', public: boolean }
  | { type: 'loan-queue', names: readonly string[] }

const METHOD: Record<LoanMethod, Label> = {
  flat: label('flat', 'flat'),
  declining: label('menurun', 'declining balance'),
  annuity: label('anuitas', 'annuity')
}

/** A decimal string as each language writes it: `2,5` in Bahasa Indonesia, `2.5` in English. */
export function decimal (text: string, lang: Lang): string {
  return lang === 'id' ? text.replace('.', ',') : text
}

const isZero = (text: string | undefined): boolean => text === undefined || /^0*(\.0*)?$/.test(text)

function penaltyText (p: NonNullable<TermsText['penalty']>, lang: Lang): string | null {
  const parts = [
    isZero(p.percentOfOverdue) ? null : lang === 'id' ? `${decimal(p.percentOfOverdue ?? '', lang)} % dari tunggakan` : `${p.percentOfOverdue ?? ''} % of the overdue amount`,
    isZero(p.fixed) ? null : formatRupiah(BigInt(p.fixed ?? '0'))
  ].filter(x => x !== null)
  if (parts.length === 0) return null
  const grace = p.graceDays ?? 0
  const when = lang === 'id'
    ? `${p.per === 'month' ? 'per bulan' : 'sekali'} ${grace > 0 ? `setelah ${grace} hari` : 'sejak lewat jatuh tempo'}`
    : `${p.per === 'month' ? 'per month' : 'once'} ${grace > 0 ? `after ${grace} days` : 'from the day after the due date'}`
  return lang === 'id' ? `denda ${parts.join(' + ')} ${when}` : `penalty ${parts.join(' + ')} ${when}`
}

/** The loan terms in one line: `Ketentuan pinjaman: jasa 2,5 % per bulan, flat, maks. Rp 500.000, maks. 10 angsuran, denda …`. */
export function termsText (t: TermsText): Label {
  const say = (lang: Lang): string => {
    const id = lang === 'id'
    const per = t.ratePer === 'month' ? (id ? 'bulan' : 'month') : (id ? 'tahun' : 'year')
    const parts = [
      `${id ? 'jasa' : 'interest'} ${decimal(t.ratePercent, lang)} % per ${per}`,
      METHOD[t.method][lang],
      t.maxPrincipal === undefined || t.maxPrincipal === null ? null : `${id ? 'maks.' : 'at most'} ${formatRupiah(BigInt(t.maxPrincipal))}`,
      t.maxTermCount === undefined || t.maxTermCount === null ? null : `${id ? 'maks.' : 'at most'} ${t.maxTermCount} ${id ? 'angsuran' : 'instalments'}`,
      t.penalty === undefined || t.penalty === null ? null : penaltyText(t.penalty, lang)
    ].filter(x => x !== null)
    return `${id ? 'Ketentuan pinjaman' : 'Loan terms'}: ${parts.join(', ')}`
  }
  return label(say('id'), say('en'))
}

/** One decision in one sentence; what the meeting typed (a general decision, a bucket's name) stays as typed. */
export function decisionText (d: DecisionText): Label {
  switch (d.type) {
    case 'general': return label(d.text)
    case 'loan-terms': return termsText(d.terms)
    case 'savings-terms': {
      const amount = formatRupiah(BigInt(d.wajibAmount))
      return label(`Simpanan wajib ${amount} per anggota setiap rapat`, `Compulsory savings ${amount} per member at each meeting`)
    }
    case 'publication': return d.public
      ? label('Laporan keuangan kelompok dibuka untuk umum di halaman publik', 'The group\'s financial statements are open to the public on its public page')
      : label('Halaman publik kelompok ditutup', 'The group\'s public page is closed')
    case 'loan-queue': {
      if (d.names.length === 0) return label('Giliran pinjaman dihapus', 'The loan queue is ended')
      const list = d.names.map((n, i) => `${i + 1}. ${n}`).join(', ')
      return label(`Giliran pinjaman: ${list}`, `Loan queue: ${list}`)
    }
    case 'shu-distribution': {
      const buckets = (lang: Lang): string => d.buckets.map(b => `${b.name} ${decimal(b.percent, lang)} %`).join(', ')
      return label(`Pembagian SHU: ${buckets('id')}`, `SHU sharing: ${buckets('en')}`)
    }
  }
}
