import { html, type Html } from '../../html.js'
import { field, rupiah, type FormState } from '../../layout.js'
import type { ArisanJson, ArisanRoundJson } from '../../types.js'
import { lines } from './plan.js'

/**
 * The arisan part of the meeting form: for each arisan still running, who pays the collecting round (ticked), who pays
 * a round she missed (susulan), and whether the round is taken today (kocok, with the number a member called out).
 * Ticked boxes arrive as lines of `arisan_setor` ("arisanId round slot memberId") and `arisan_kocok` (arisan ids).
 */
export const SETOR = 'arisan_setor'
export const KOCOK = 'arisan_kocok'
/** The field of the number called out at the meeting for an arisan's draw. */
export const calledField = (arisanId: string): string => `arisan_seru:${arisanId}`
/** Where a refusal of an arisan's part is shown. */
export const arisanField = (arisanId: string): string => `arisan:${arisanId}`

export interface ArisanPay { key: string, arisanId: string, round: number, slot: number, memberId: string, amount: string }
export interface ArisanTake { key: string, arisanId: string, called: string | null }
export interface ArisanPlan { pays: ArisanPay[], takes: ArisanTake[] }

const running = (arisans: readonly ArisanJson[]): ArisanJson[] => arisans.filter(a => a.nextRound !== null || a.standing.some(s => s.unpaid.length > 0))

/** The arisan the form ticked, checked against what each holder owes; a drawn round ticked without its called number is marked. */
export function arisanPlanOf (f: FormState, arisans: readonly ArisanJson[]): ArisanPlan {
  const pays: ArisanPay[] = []
  for (const line of lines(f.values[SETOR])) {
    const [arisanId = '', round = '', slot = '', memberId = ''] = line.split(' ')
    const a = arisans.find(x => x.id === arisanId)
    const holder = a?.standing.find(s => String(s.slot) === slot && s.memberId === memberId)
    if (a === undefined || holder === undefined || !/^\d+$/.test(round)) continue
    pays.push({ key: `arisan:${line.replaceAll(' ', ':')}`, arisanId, round: Number(round), slot: holder.slot, memberId, amount: holder.due })
  }
  const takes: ArisanTake[] = []
  for (const arisanId of lines(f.values[KOCOK])) {
    const a = arisans.find(x => x.id === arisanId)
    if (a === undefined || a.nextRound === null) continue
    const called = (f.values[calledField(arisanId)] ?? '').trim()
    if (a.order === 'draw' && called === '') f.errors[calledField(arisanId)] = 'Isi angka yang diseru anggota: undian memakainya.'
    takes.push({ key: `kocok:${arisanId}`, arisanId, called: a.order === 'draw' ? called : null })
  }
  return { pays, takes }
}

function holderBox (f: FormState, value: string, label: string, locked: boolean): Html {
  const ticked = new Set(lines(f.values[SETOR]))
  return html`<label class="check"><input type="checkbox" name="${SETOR}" value="${value}"${ticked.has(value) ? html` checked` : ''}${locked ? html` disabled` : ''}> <span>${label}</span></label>`
}

/** One arisan's block of the form. */
function arisanBlock (f: FormState, a: ArisanJson, lock: (key: string) => boolean): Html {
  const n = a.nextRound
  const names = (slot: number): string => a.holders.filter(h => h.slot === slot).map(h => h.name).join(' & ')
  const due = n === null ? [] : a.standing.filter(s => !s.paid.includes(n))
  const late = a.standing.flatMap(s => s.unpaid.map(r => ({ s, r })))
  const error = f.errors[arisanField(a.id)]
  const kocok = new Set(lines(f.values[KOCOK])).has(a.id)
  return html`<fieldset class="arisan">
  <legend>${a.name}${n === null ? ' · putaran selesai' : ` · putaran ${n} dari ${a.slots}`}</legend>
  <p class="hint">Iuran ${rupiah(a.contribution)} per nomor. Terkumpul putaran ini: ${rupiah(a.pot)}.${a.order === 'draw' ? ' Dikocok tiap putaran.' : ' Urutan sesuai nomor.'}</p>
  ${error === undefined ? '' : html`<p class="error" role="alert">${error}</p>`}
  ${due.length === 0 ? '' : html`<div class="members">${due.map(s => holderBox(f, `${a.id} ${n ?? ''} ${s.slot} ${s.memberId}`, `No. ${s.slot} ${s.name}: ${rupiah(s.due)}`, lock(`arisan:${a.id}:${n ?? ''}:${s.slot}:${s.memberId}`)))}</div>`}
  ${late.length === 0 ? '' : html`<p class="muted">Susulan (diteruskan ke penerima putaran itu):</p><div class="members">${late.map(({ s, r }) =>
    holderBox(f, `${a.id} ${r} ${s.slot} ${s.memberId}`, `Putaran ${r} · No. ${s.slot} ${s.name}: ${rupiah(s.due)}${s.stoppedAfterWinning ? ' (sudah dapat, berhenti setor)' : ''}`, lock(`arisan:${a.id}:${r}:${s.slot}:${s.memberId}`)))}</div>`}
  ${n === null ? '' : html`<label class="check"><input type="checkbox" name="${KOCOK}" value="${a.id}"${kocok ? html` checked` : ''}${lock(`kocok:${a.id}`) ? html` disabled` : ''}> <span>${a.order === 'draw' ? `Kocok putaran ${n} hari ini` : `Putaran ${n} diambil hari ini oleh No. ${a.eligible[0] ?? ''} (${names(a.eligible[0] ?? 0)})`}</span></label>
  ${a.order === 'draw' ? field(f, calledField(a.id), 'Angka yang diseru anggota', { inputmode: 'numeric', hint: 'Bersama kepala buku kas, angka ini menentukan pemenang: siapa pun bisa menghitung ulang.' }) : ''}`}
</fieldset>`
}

/** The arisan card of the meeting form (nothing when the group runs none). */
export function arisanCard (f: FormState, arisans: readonly ArisanJson[], lock: (key: string) => boolean): Html {
  const shown = running(arisans)
  if (shown.length === 0) return html``
  return html`<section class="card">
  <h2><span class="step">3a</span> Arisan</h2>
  <p class="muted">Centang yang menyetor hari ini. Uang arisan lewat Titipan Arisan, bukan pendapatan kelompok.</p>
  ${shown.map(a => arisanBlock(f, a, lock))}
</section>`
}

/** The arisan lines of the review. */
export function arisanReview (plan: ArisanPlan, arisans: readonly ArisanJson[]): Html {
  return html`${arisans.map(a => {
    const pays = plan.pays.filter(p => p.arisanId === a.id)
    const take = plan.takes.find(t => t.arisanId === a.id)
    if (pays.length === 0 && take === undefined) return ''
    const total = pays.reduce((s, p) => s + BigInt(p.amount), 0n)
    return html`${pays.length === 0 ? '' : html`<li>Setoran ${a.name}: ${pays.length} nomor, <strong>${rupiah(total)}</strong></li>`}
      ${take === undefined ? '' : html`<li>${a.name} putaran ${a.nextRound ?? ''}: ${take.called === null ? 'diambil sesuai urutan' : `dikocok, angka diseru ${take.called}`}</li>`}`
  })}`
}

/** A round taken, as the receipt of the meeting says it. */
export function roundLine (a: ArisanJson, r: ArisanRoundJson): Html {
  const paid = r.holders.reduce((s, h) => s + BigInt(h.amount), 0n)
  return html`<li>${a.name} putaran ${r.round}: No. ${r.slot} (${r.holders.map(h => h.name).join(' & ')}) menerima <strong>${rupiah(paid)}</strong>${r.draw === null ? '' : html` · bukti undian <code>${r.draw.digest.slice(0, 16)}…</code>`}</li>`
}
