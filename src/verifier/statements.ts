import type { ManifestStatement } from './bundle.js'
import { STATEMENT_KINDS } from '../domain/statements/model.js'

/**
 * The statements an audit bundle holds as of `through`: every kind for the year to date (a balance or a list as of
 * `through`), and one loan card per loan disbursed by then. The verifier expects exactly these, so a statement left out
 * of a bundle shows.
 */
export function bundleStatements (through: string, loanIds: readonly string[]): ManifestStatement[] {
  const from = `${through.slice(0, 4)}-01-01`
  const out: ManifestStatement[] = STATEMENT_KINDS.filter(k => k !== 'loan-card')
    .map(kind => ({ kind, from, to: through, loanId: null, csv: `statements/${kind}.csv`, pdf: `statements/${kind}.pdf` }))
  for (const id of loanIds) out.push({ kind: 'loan-card', from: null, to: through, loanId: id, csv: `statements/loan-card/${id}.csv`, pdf: `statements/loan-card/${id}.pdf` })
  return out
}
