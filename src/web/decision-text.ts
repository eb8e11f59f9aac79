import { decisionText, termsText, type DecisionText, type TermsText } from '../domain/decisions.js'

/**
 * A decision in one Indonesian sentence (the wording of src/domain/decisions.ts), from either shape the web meets:
 * a meeting's decision as /v1 answers it (`terms`, `buckets` or `text` beside the type) or one the meeting form is
 * about to send (the terms' fields on the decision itself).
 */
export function decisionLine (d: { type: string, terms?: unknown, buckets?: unknown, text?: unknown, wajibAmount?: unknown, public?: unknown, memberIds?: unknown },
  names: ReadonlyMap<string, string> = new Map()): string {
  if (d.type === 'loan-queue') {
    const ids = Array.isArray(d.memberIds) ? d.memberIds as string[] : []
    // Without the members' names (a member's own page), the queue is told by its length.
    if (names.size === 0) return ids.length === 0 ? 'Giliran pinjaman dihapus' : `Giliran pinjaman diputuskan: ${ids.length} anggota menunggu`
    return decisionText({ type: 'loan-queue', names: ids.map(m => names.get(m) ?? m) }).id
  }
  if (d.type === 'general') return decisionText({ type: 'general', text: String(d.text ?? '') }).id
  if (d.type === 'savings-terms') return decisionText({ type: 'savings-terms', wajibAmount: String(d.wajibAmount ?? '0') }).id
  if (d.type === 'publication') return decisionText({ type: 'publication', public: d.public === true }).id
  if (d.type === 'shu-distribution') return decisionText({ type: 'shu-distribution', buckets: (d.buckets ?? []) as Extract<DecisionText, { buckets: unknown }>['buckets'] }).id
  return termsText((d.terms ?? d) as TermsText).id
}

/** The terms in force as a sentence, for the meeting screen. */
export function termsLine (t: TermsText): string {
  return termsText(t).id
}

/**
 * Whether the meetings (in the order /v1 lists them: by date, then as recorded) left the public page open: the last
 * publication decision wins, as GET /public/groups/{id} decides it.
 */
export function publicPageOpen (meetings: ReadonlyArray<{ date: string, decisions: ReadonlyArray<{ type: string, public?: boolean }> }>): boolean {
  const decided = [...meetings].sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0).flatMap(m => m.decisions.filter(d => d.type === 'publication'))
  return decided.at(-1)?.public === true
}
