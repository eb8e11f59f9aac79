import { cellText, ledgerHeadText, periodText } from '../render/format.js'
import type { ColumnKind } from '../domain/statements/model.js'
import { html, type Html } from './html.js'

type Cell = string | number | boolean | null | undefined

/** A statement as /v1 sends it in JSON (src/render/json.ts). */
export interface StatementJson {
  kind: string
  title: string
  group: { name: string, village: string | null }
  period: { from: string | null, to: string }
  ledgerHead: { seq: number, hash: string, at: string | null }
  subject: string | null
  tables: Array<{ title: string | null, columns: Array<{ key: string, label: string, kind: ColumnKind }>, rows: Array<Record<string, Cell>> }>
  summary: Array<{ label: string, value: string | number | null, kind: ColumnKind }>
}

function cell (v: string | number | boolean | null | undefined, kind: ColumnKind): string {
  if (v === null || v === undefined || typeof v === 'boolean') return ''
  return cellText(kind === 'amount' && typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : v, kind, 'id')
}

/** The statement as HTML tables with the same words and figures as its PDF; wide tables scroll inside their box. */
export function statementHtml (s: StatementJson, opts: { heading?: boolean } = {}): Html {
  return html`<article class="statement">
  ${opts.heading === false ? '' : html`<header><h2>${s.title}</h2><p>${s.group.name}${s.group.village === null ? '' : ` · ${s.group.village}`}<br>${periodText(s.period, 'id')}${s.subject === null ? '' : html`<br>${s.subject}`}</p></header>`}
  ${s.tables.map(t => html`
  ${t.title === null ? '' : html`<h3>${t.title}</h3>`}
  <div class="table-wrap" tabindex="0" role="region" aria-label="${t.title ?? s.title}"><table>
    <thead><tr>${t.columns.map(c => html`<th scope="col" class="${c.kind}">${c.label}</th>`)}</tr></thead>
    <tbody>${t.rows.length === 0 ? html`<tr><td colspan="${t.columns.length}" class="empty">Belum ada data.</td></tr>` : t.rows.map(r => html`<tr class="${r.emphasis === true ? 'total' : ''}">${t.columns.map((c, i) => html`<td class="${c.kind}${i === 0 && typeof r.indent === 'number' ? ` indent-${r.indent}` : ''}">${cell(r[c.key], c.kind)}</td>`)}</tr>`)}</tbody>
  </table></div>`)}
  ${s.summary.length === 0 ? '' : html`<dl class="summary">${s.summary.map(x => html`<div><dt>${x.label}</dt><dd>${cell(x.value, x.kind)}</dd></div>`)}</dl>`}
  <p class="fine">${ledgerHeadText(s.ledgerHead, 'id')}</p>
</article>`
}
