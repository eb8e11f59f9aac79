import { html, type Html } from '../html.js'
import { field, page, type FormState } from '../layout.js'
import { ONLINE_ONLY } from '../pin.js'

/** Sign-in: a login and a PIN (what people use), and an API key (folded: for keys an admin made by hand). */
export function signInPage (f: FormState, flash: string | null, keyOpen = false): Html {
  return page('Masuk', null, 'masuk', html`
<section class="card narrow">
  <p class="lead">Buku kas kelompok simpan pinjam. Masuk dengan nomor HP atau nama pengguna dan PIN Anda.</p>
  <form method="post" action="/masuk" class="form" data-once${ONLINE_ONLY}>
    ${field({ ...f, idPrefix: 'pin' }, 'login', 'Nomor HP atau nama pengguna', { required: true, autocomplete: 'username', placeholder: 'mis. 0812 3456 7890' })}
    ${field({ ...f, idPrefix: 'pin' }, 'pin', 'PIN', { type: 'password', required: true, autocomplete: 'current-password', hint: 'Ponsel ini tetap masuk selama 30 hari. Di ponsel orang lain, tekan Keluar setelah selesai.' })}
    <button type="submit" class="primary wide">Masuk</button>
  </form>
  <p class="hint">Belum punya PIN? Minta ketua kelompok mengirim tautan undangan.</p>
</section>
<details class="card narrow"${keyOpen ? html` open` : ''}>
  <summary>Masuk dengan kunci API</summary>
  <form method="post" action="/masuk" class="form" data-once${ONLINE_ONLY}>
    ${field({ ...f, idPrefix: 'kunci' }, 'kunci', 'Kunci API', { type: 'password', required: true, autocomplete: 'off', hint: 'Diawali lmb_. Kunci tidak disimpan di ponsel; yang disimpan hanya sesi selama 12 jam.' })}
    <button type="submit" class="wide">Masuk dengan kunci</button>
  </form>
</details>`, flash)
}
