import { formatNumber } from '../domain/money.js'
import { formatDate, formatRupiah } from '../render/format.js'
import { html, type Html } from './html.js'
import { shownTanggal } from './tanggal.js'

/** What a page needs to know of the signed-in person. */
export interface Viewer {
  name: string
  /** member: a member on her own page (/saya), which has no group screens. */
  role: 'treasurer' | 'auditor' | 'member'
  csrf: string
  group: { id: string, name: string, village: string | null } | null
  /** When the page was made, as she reads it: a copy kept on the phone and shown with no signal says how old it is. */
  shownAt: string
}

/** Values as typed (kept on error), errors by field name, and a sentence for the top of the form. */
export interface FormState {
  values: Record<string, string>
  errors: Record<string, string>
  banner?: string | null
  /** Prefix of the element ids, unique per form on a page (several forms share field names). */
  idPrefix?: string
}

export const emptyForm = (values: Record<string, string> = {}, idPrefix = 'f'): FormState => ({ values, errors: {}, idPrefix })

export const NAV = [
  ['beranda', 'Beranda'], ['rapat', 'Rapat'], ['anggota', 'Anggota'], ['pinjaman', 'Pinjaman'], ['kas', 'Kas'], ['shu', 'SHU'], ['laporan', 'Laporan']
] as const
export type Screen = typeof NAV[number][0] | 'masuk' | 'kelompok' | 'pengurus'

/** `Rp 2.500.000` with a no-break space, so a figure never breaks between `Rp` and its digits on a narrow screen. */
export function rupiah (digits: string | bigint): string {
  return formatRupiah(typeof digits === 'bigint' ? digits : BigInt(digits)).replace(' ', '\u00a0')
}

export function tanggal (iso: string | null): string {
  return iso === null ? '–' : formatDate(iso, 'id')
}

/** `3 Jan 2027`, for a table column on a phone: the month's first three letters (Agustus: Agu). */
export function tanggalPendek (iso: string | null): string {
  const long = tanggal(iso)
  return long.replace(/^(\d+) (\p{L}{3})\p{L}* (\d{4})$/u, '$1 $2 $3')
}

/** The whole page: a header with the group, the content, and the seven screens as a bottom bar (phone) or side bar. */
export function page (title: string, viewer: Viewer | null, screen: Screen, content: Html, flash: string | null = null): Html {
  const g = viewer?.group ?? null
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title} · Lumbung</title>
<link rel="icon" href="/aset/icon.svg" type="image/svg+xml">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="apple-touch-icon" href="/aset/icon-maskable-512.png">
<link rel="manifest" href="/manifest.webmanifest">
<meta name="theme-color" content="#1f6f4a">
<link rel="stylesheet" href="/aset/app.css">
<script src="/aset/app.js" defer></script>
</head>
<body class="${viewer === null ? 'bare' : ''}"${viewer === null ? '' : html` data-dibuat="${viewer.shownAt}"`}>
<a class="skip" href="#isi">Langsung ke isi</a>
<header class="top">
  <div class="brand"><span class="logo" aria-hidden="true">L</span><span><strong>Lumbung</strong>${g === null ? '' : html`<small>${g.name}</small>`}</span></div>
  ${viewer === null
    ? ''
    : html`<form method="post" action="/keluar" class="signout">
        <input type="hidden" name="_csrf" value="${viewer.csrf}">
        <span class="who">${viewer.name}${viewer.role === 'auditor' ? html` <span class="badge">Pengawas · hanya baca</span>` : viewer.role === 'member' ? html` <span class="badge">Anggota</span>` : ''}</span>
        <button type="submit" class="link">Keluar</button>
      </form>`}
</header>
${g === null || viewer === null || viewer.role === 'member'
  ? ''
  : html`<nav class="tabs" aria-label="Menu utama"><ul>${NAV.map(([key, label]) => html`<li><a href="/g/${g.id}/${key}" ${key === screen ? html`aria-current="page"` : ''}><span class="ico ico-${key}" aria-hidden="true"></span>${label}</a></li>`)}</ul></nav>`}
<main id="isi" tabindex="-1">
<h1>${title}</h1>
${flash === null ? '' : html`<p class="flash" role="status">${flash}</p>`}
${content}
</main>
</body>
</html>`
}

/** A labelled input with its error (if any) right under it, tied by aria-describedby. */
export function field (f: FormState, name: string, label: string | Html, opts: {
  type?: string, inputmode?: string, hint?: string, required?: boolean, placeholder?: string, readonly?: boolean, id?: string, autocomplete?: string
} = {}): Html {
  const id = opts.id ?? `${f.idPrefix ?? 'f'}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
  const error = f.errors[name]
  const described = [opts.hint === undefined ? null : `${id}-hint`, error === undefined ? null : `${id}-err`].filter(x => x !== null).join(' ')
  return html`<div class="field${error === undefined ? '' : ' invalid'}">
  <label for="${id}">${label}</label>
  ${opts.hint === undefined ? '' : html`<small id="${id}-hint" class="hint">${opts.hint}</small>`}
  <input id="${id}" name="${name}" type="${opts.type ?? 'text'}" value="${f.values[name] ?? ''}"${opts.inputmode === undefined ? '' : html` inputmode="${opts.inputmode}"`}${opts.required === true ? html` required` : ''}${opts.placeholder === undefined ? '' : html` placeholder="${opts.placeholder}"`}${opts.readonly === true ? html` readonly` : ''}${opts.autocomplete === undefined ? '' : html` autocomplete="${opts.autocomplete}"`}${error === undefined ? '' : html` aria-invalid="true"`}${described === '' ? '' : html` aria-describedby="${described}"`}${opts.inputmode === 'numeric' && opts.type !== 'number' ? html` data-rupiah` : ''}>
  ${error === undefined ? '' : html`<p id="${id}-err" class="error">${error}</p>`}
</div>`
}

/**
 * A date typed the Indonesian way (src/web/tanggal.ts): text, shown as `2 Desember 2026`, never the browser's own
 * date format; the form reads it with dateOf.
 */
export function dateField (f: FormState, name: string, label: string | Html, opts: { required?: boolean, readonly?: boolean, hint?: string } = {}): Html {
  const shown = { ...f, values: { ...f.values, [name]: shownTanggal(f.values[name] ?? '') } }
  return field(shown, name, label, { placeholder: 'mis. 2 Desember 2026', autocomplete: 'off', ...opts })
}

/** An amount field; a value of plain digits (a figure offered, such as the agreed wajib or a payoff) is shown grouped, 2.500.000. */
export function amountField (f: FormState, name: string, label: string | Html, opts: { required?: boolean, readonly?: boolean, hint?: string } = {}): Html {
  const v = f.values[name]
  const shown = v !== undefined && /^\d{1,16}$/.test(v) ? { ...f, values: { ...f.values, [name]: formatNumber(BigInt(v)) } } : f
  return field(shown, name, label, { inputmode: 'numeric', placeholder: 'Rp', autocomplete: 'off', ...opts })
}

export function selectField (f: FormState, name: string, label: string | Html, options: Array<[string, string]>, opts: { required?: boolean } = {}): Html {
  const id = `${f.idPrefix ?? 'f'}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
  const error = f.errors[name]
  const current = f.values[name] ?? ''
  return html`<div class="field${error === undefined ? '' : ' invalid'}">
  <label for="${id}">${label}</label>
  <select id="${id}" name="${name}"${opts.required === true ? html` required` : ''}${error === undefined ? '' : html` aria-invalid="true" aria-describedby="${id}-err"`}>
    ${options.map(([v, l]) => html`<option value="${v}"${v === current ? html` selected` : ''}>${l}</option>`)}
  </select>
  ${error === undefined ? '' : html`<p id="${id}-err" class="error">${error}</p>`}
</div>`
}

/** A form that posts to the web app with the session's CSRF token and the form's own idempotency key. */
/** `onlineOnly`: a form that asks a PIN again or hands out a secret, never kept on the phone to be sent later. */
export function postForm (action: string, viewer: Viewer, idem: string, body: Html, opts: { id?: string, cls?: string, onlineOnly?: boolean } = {}): Html {
  return html`<form method="post" action="${action}" class="${opts.cls ?? 'card form'}"${opts.id === undefined ? '' : html` id="${opts.id}"`} data-once${opts.onlineOnly === true ? html` data-online-only` : ''}>
  <input type="hidden" name="_csrf" value="${viewer.csrf}">
  <input type="hidden" name="_idem" value="${idem}">
  ${body}
</form>`
}

export function banner (f: FormState): Html {
  return f.banner === undefined || f.banner === null ? html`` : html`<div class="alert" role="alert">${f.banner}</div>`
}

export function stat (label: string, value: string, sub: string | null = null, tone: '' | 'good' | 'warn' = ''): Html {
  return html`<div class="stat ${tone}"><span class="stat-label">${label}</span><strong class="stat-value">${value}</strong>${sub === null ? '' : html`<span class="stat-sub">${sub}</span>`}</div>`
}

/** A group's kind as its programme is called. */
export const PROGRAMME: Record<string, string> = { p2wkss: 'P2WKSS', pkk: 'PKK', kube: 'KUBE', karang_taruna: 'Karang Taruna', bumdes: 'BUMDes', other: 'Lainnya' }

export const KOLEK: Record<string, string> = { lancar: 'Lancar', kurang_lancar: 'Kurang lancar', diragukan: 'Diragukan', macet: 'Macet' }
export const STATUS: Record<string, string> = { active: 'Berjalan', paid_off: 'Lunas', written_off: 'Dihapusbukukan' }
