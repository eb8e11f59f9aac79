import t from 'tap'
import { decisionText, termsText } from '../../src/domain/decisions.js'

t.test('loan terms in one sentence, both languages: rate with the language\'s decimal mark, method, limits, denda', async t => {
  const stored = {
    method: 'flat' as const, ratePercent: '2.5', ratePer: 'month' as const, maxTermCount: 10, maxPrincipal: '500000',
    penalty: { percentOfOverdue: '1', fixed: '0', per: 'month' as const, graceDays: 3 }
  }
  t.same(termsText(stored), {
    id: 'Ketentuan pinjaman: jasa 2,5 % per bulan, flat, maks. Rp 500.000, maks. 10 angsuran, denda 1 % dari tunggakan per bulan setelah 3 hari',
    en: 'Loan terms: interest 2.5 % per month, flat, at most Rp 500.000, at most 10 instalments, penalty 1 % of the overdue amount per month after 3 days'
  })
})

t.test('what was not agreed is not mentioned: no limits, no denda, a denda of zero', async t => {
  const bare = { method: 'declining' as const, ratePercent: '18', ratePer: 'year' as const, maxTermCount: null, maxPrincipal: null, penalty: null }
  t.equal(termsText(bare).id, 'Ketentuan pinjaman: jasa 18 % per tahun, menurun')
  t.equal(termsText({ ...bare, penalty: { percentOfOverdue: '0', fixed: '0', per: 'month', graceDays: 7 } }).id, 'Ketentuan pinjaman: jasa 18 % per tahun, menurun',
    'a denda of 0 % and Rp 0 is no denda')
  t.equal(termsText({ method: 'annuity', ratePercent: '1.25', ratePer: 'month' }).en, 'Loan terms: interest 1.25 % per month, annuity', 'as typed into a request: fields left out')
})

t.test('a fixed denda, once, from the day after the due date; a percent and a fixed amount together', async t => {
  const base = { method: 'flat' as const, ratePercent: '2', ratePer: 'month' as const }
  t.equal(termsText({ ...base, penalty: { fixed: '5000', per: 'once' } }).id, 'Ketentuan pinjaman: jasa 2 % per bulan, flat, denda Rp 5.000 sekali sejak lewat jatuh tempo')
  t.equal(termsText({ ...base, penalty: { percentOfOverdue: '0.5', fixed: '1000', per: 'month', graceDays: 7 } }).id,
    'Ketentuan pinjaman: jasa 2 % per bulan, flat, denda 0,5 % dari tunggakan + Rp 1.000 per bulan setelah 7 hari')
  t.equal(termsText({ ...base, penalty: { fixed: '5000', per: 'once' } }).en, 'Loan terms: interest 2 % per month, flat, penalty Rp 5.000 once from the day after the due date')
})

t.test('a general decision stays as typed; an SHU rule lists its buckets; the wajib agreed names its amount', async t => {
  t.same(decisionText({ type: 'savings-terms', wajibAmount: '10000' }), {
    id: 'Simpanan wajib Rp 10.000 per anggota setiap rapat', en: 'Compulsory savings Rp 10.000 per member at each meeting'
  })
  t.same(decisionText({ type: 'general', text: 'Arisan tiap tanggal 5' }), { id: 'Arisan tiap tanggal 5', en: 'Arisan tiap tanggal 5' })
  t.same(decisionText({ type: 'shu-distribution', buckets: [{ name: 'Cadangan', percent: '33.5' }, { name: 'Jasa modal', percent: '66.5' }] }), {
    id: 'Pembagian SHU: Cadangan 33,5 %, Jasa modal 66,5 %',
    en: 'SHU sharing: Cadangan 33.5 %, Jasa modal 66.5 %'
  })
})
