import { html, type Html } from '../html.js'
import { field, page, type FormState, type Viewer } from '../layout.js'

export function signInPage (f: FormState, flash: string | null): Html {
  return page('Masuk', null, 'masuk', html`
<section class="card narrow">
  <p class="lead">Buku kas kelompok simpan pinjam. Masuk dengan <strong>kunci API</strong> bendahara atau pengawas yang diberikan pengelola.</p>
  <form method="post" action="/masuk" class="form" data-once>
    ${field(f, 'kunci', 'Kunci API', { type: 'password', required: true, autocomplete: 'current-password', hint: 'Diawali lmb_. Kunci tidak disimpan di ponsel; yang disimpan hanya sesi selama 12 jam.' })}
    <button type="submit" class="primary wide">Masuk</button>
  </form>
</section>`, flash)
}

export function groupsPage (viewer: Viewer, groups: Array<{ id: string, name: string, village: string | null }>): Html {
  return page('Pilih kelompok', viewer, 'kelompok', html`
${groups.length === 0 ? html`<p class="empty">Kunci ini belum terhubung ke kelompok mana pun. Minta pengelola menambahkannya.</p>` : ''}
<ul class="list">
  ${groups.map(g => html`<li><a class="row-link" href="/g/${g.id}/beranda"><strong>${g.name}</strong><span>${g.village ?? ''}</span></a></li>`)}
</ul>`)
}
