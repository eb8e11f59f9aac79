// Lumbung: a little progressive help on top of forms that work without it.
(function () {
  'use strict'
  document.documentElement.classList.add('js')

  // Offline: a form sent with no connection waits in an outbox on the phone (IndexedDB) with the idempotency key it
  // already carries, and is sent once the connection returns (also after the browser was closed). The server records
  // it once, however often it arrives. A refusal that comes back shows the form with the sentence next to its field.
  var DB = 'lumbung', STORE = 'outbox'
  function db () {
    return new Promise(function (resolve, reject) {
      var open = window.indexedDB.open(DB, 1)
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true }) }
      open.onsuccess = function () { resolve(open.result) }
      open.onerror = function () { reject(open.error) }
    })
  }
  function tx (mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(STORE, mode)
        var result = work(t.objectStore(STORE))
        t.oncomplete = function () { resolve(result && 'result' in result ? result.result : undefined) }
        t.onerror = function () { reject(t.error) }
      })
    })
  }
  function pending () { return tx('readonly', function (s) { return s.getAll() }) }
  var retry = null
  function showCount () {
    return pending().then(function (items) {
      var badge = document.getElementById('outbox')
      if (!badge) {
        badge = document.createElement('p')
        badge.id = 'outbox'
        badge.className = 'outbox'
        badge.setAttribute('role', 'status')
        var main = document.querySelector('main')
        if (main) main.insertBefore(badge, main.firstChild)
      }
      badge.hidden = items.length === 0
      badge.textContent = 'Belum terkirim (' + items.length + '): ' + items.map(function (i) { return i.what }).join(', ') + '. Terkirim sendiri saat ada sinyal.'
      // Tried again every 10 s while something waits: a signal can return without the browser saying so.
      if (items.length > 0 && retry === null) retry = window.setInterval(flush, 10000)
      if (items.length === 0 && retry !== null) { window.clearInterval(retry); retry = null }
      return items
    })
  }
  // A page the phone kept, shown because the network failed just now (the service worker says so when asked): it
  // says how old its figures are, and its forms go to the outbox even where the browser still claims to be online.
  var kept = false
  function offline () { return kept || !navigator.onLine }
  var made = document.body.getAttribute('data-dibuat')
  var worker = navigator.serviceWorker && navigator.serviceWorker.controller
  if (made && worker && window.MessageChannel) {
    var channel = new window.MessageChannel()
    channel.port1.onmessage = function (m) { if (m.data === true) { kept = true; showAge(made) } }
    worker.postMessage('dari-simpanan?', [channel.port2])
  }
  function showAge (made) {
    var age = document.createElement('p')
    age.className = 'alert stale'
    age.setAttribute('role', 'status')
    age.textContent = 'Data dari ' + made + ' (tanpa sinyal). Yang dicatat sesudahnya belum tampil di sini.'
    var main = document.querySelector('main')
    if (main) main.insertBefore(age, main.firstChild)
  }
  var sending = false
  function flush () {
    if (sending || !navigator.onLine || !window.indexedDB) return
    sending = true
    pending().then(function next (items) {
      var item = items[0]
      if (!item) return
      // Sent with this page's form token: the session may have been renewed since the form was typed.
      var token = document.querySelector('input[name=_csrf]')
      var body = token ? item.body.replace(/(^|&)_csrf=[^&]*/, '$1_csrf=' + encodeURIComponent(token.value)) : item.body
      return fetch(item.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
        .then(function (res) {
          kept = false
          // Not signed in, or refused for the session: kept, to be sent after signing in again.
          if (res.status >= 500 || res.status === 401 || res.status === 403 || (res.redirected && new URL(res.url).pathname === '/masuk')) throw new Error('not sent: ' + res.status)
          return tx('readwrite', function (s) { s.delete(item.id) }).then(function () {
            if (res.ok) return pending().then(next)
            // Refused: the form as the server sent it back, the sentence next to its field and everything typed kept.
            return res.text().then(function (page) { document.open(); document.write(page); document.close() })
          })
        })
    }).catch(function () {}).then(function () { sending = false; return showCount() })
  }
  // Never kept on the phone: a form marked data-online-only (signing in, setting a PIN, a step-up PIN: secrets, or an
  // answer needed at once), nor, whatever its mark, one with a password field. With no signal it is not sent at all.
  function onlineOnly (form) {
    return form.hasAttribute('data-online-only') || Array.prototype.some.call(form.elements, function (el) { return el.type === 'password' })
  }
  function needSignal (form) {
    var note = form.querySelector('.offline-note')
    if (!note) {
      note = document.createElement('p')
      note.className = 'alert offline-note'
      note.setAttribute('role', 'alert')
      note.setAttribute('aria-live', 'assertive')
      var button = form.querySelector('button[type=submit]')
      if (button) button.before(note)
      else form.append(note)
    }
    // Emptied and written again, so that a second try is read out again.
    note.textContent = ''
    setTimeout(function () { note.textContent = 'Perlu sinyal: formulir ini tidak disimpan di ponsel. Coba lagi saat ada sinyal.' }, 50)
  }
  document.addEventListener('submit', function (e) {
    var form = e.target
    if (!(form instanceof HTMLFormElement) || !offline() || form.method !== 'post' || form.classList.contains('signout')) return
    if (onlineOnly(form)) { e.preventDefault(); needSignal(form); return }
    if (!window.indexedDB) return
    e.preventDefault()
    var data = new FormData(form, e.submitter)
    // With no signal a meeting cannot be checked first: it is kept as sent to be saved, and the server checks it then.
    if (data.get('langkah') === 'periksa') data.set('langkah', 'simpan')
    // What the badge names: the form's heading (without its step number) and the amount typed, e.g. "Setor simpanan Rp 5.000".
    var title = form.querySelector('h2, h3')
    var amount = data.get('jumlah')
    var what = (title ? title.textContent.replace(/^\s*\d+\s*/, '').trim() : 'Formulir') + (amount ? ' Rp ' + amount : '')
    var item = { action: form.action, body: new URLSearchParams(data).toString(), what: what, at: Date.now() }
    tx('readwrite', function (s) { s.add(item) }).then(function () {
      form.reset()
      // The next one typed into this form is another write: it gets a key of its own (the same key and body replay).
      var key = form.querySelector('input[name=_idem]')
      if (key) key.value = 'web-' + window.crypto.randomUUID()
      return showCount()
    })
  }, true)
  window.addEventListener('online', flush)
  // Signing out forgets the pages kept for reading offline (a shared phone); what waits to be sent stays.
  document.addEventListener('submit', function (e) {
    if (e.target instanceof HTMLFormElement && e.target.classList.contains('signout') && window.caches) window.caches.delete('lumbung-pages-1')
  })
  if (window.indexedDB) { showCount().then(flush) }
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(function () {})

  // One submission per form: the second tap is ignored (the server would replay it anyway, by idempotency key).
  // Buttons are disabled only after the browser has taken the form's data, so the pressed button's value is sent.
  document.addEventListener('submit', function (e) {
    var form = e.target
    if (e.defaultPrevented || !(form instanceof HTMLFormElement) || !form.hasAttribute('data-once')) return
    if (form.dataset.sent === '1') { e.preventDefault(); return }
    form.dataset.sent = '1'
    setTimeout(function () {
      form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; b.setAttribute('aria-busy', 'true') })
    }, 0)
  })
  // Back from the next page (bfcache): the form may be sent again.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-sent]').forEach(function (f) {
      delete f.dataset.sent
      f.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = false; b.removeAttribute('aria-busy') })
    })
  })

  // Amounts are shown grouped as people write them (2.500.000); the server reads both forms.
  function group (v) {
    var digits = v.replace(/^\s*rp\.?\s*/i, '').replace(/[.\s]/g, '')
    if (!/^\d+$/.test(digits)) return v
    return digits.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  }
  document.addEventListener('change', function (e) {
    var t = e.target
    if (t instanceof HTMLInputElement && t.hasAttribute('data-rupiah') && !t.readOnly) t.value = group(t.value)
  })

  // "Centang semua hadir".
  document.querySelectorAll('[data-check-all]').forEach(function (b) {
    b.addEventListener('click', function () {
      document.querySelectorAll('input[type=checkbox][name="' + b.getAttribute('data-check-all') + '"]:not(:disabled)').forEach(function (c) { c.checked = true })
    })
  })

  // The meeting's running total, under its button: cash in (wajib, the wajib for everyone present whose own is empty,
  // sukarela, instalments) and out (new loans, refreshments), as typed so far. Exact: summed as BigInt.
  var running = document.querySelector('[data-running]')
  if (running && window.BigInt) {
    var meeting = running.closest('form')
    var rupiahOf = function (v) {
      var d = (v || '').replace(/^\s*rp\.?\s*/i, '').replace(/[.\s]/g, '')
      return /^\d+$/.test(d) ? window.BigInt(d) : window.BigInt(0)
    }
    var total = function () {
      var into = window.BigInt(0)
      var out = window.BigInt(0)
      var forAll = rupiahOf(meeting.elements.wajib_semua && meeting.elements.wajib_semua.value)
      meeting.querySelectorAll('input[name^="wajib:"], input[name^="sukarela:"], input[name^="angsuran:"]').forEach(function (el) { into += rupiahOf(el.value) })
      meeting.querySelectorAll('input[name=hadir]:checked').forEach(function (c) {
        var own = meeting.elements['wajib:' + c.value]
        if (own && own.value.trim() === '') into += forAll
      })
      meeting.querySelectorAll('input[name$=":jumlah"], input[name=konsumsi]').forEach(function (el) { out += rupiahOf(el.value) })
      running.textContent = 'Sejauh ini: masuk Rp\u00a0' + group(String(into)) + ' · keluar Rp\u00a0' + group(String(out))
      running.hidden = false
    }
    meeting.addEventListener('input', total)
    meeting.addEventListener('change', total)
    meeting.addEventListener('click', function () { setTimeout(total, 0) })
    total()
  }

  // What only works with the script (a member search) is shown only with it.
  document.querySelectorAll('[data-js-only]').forEach(function (el) { el.hidden = false })
  // "Cari anggota": the meeting's list narrowed to the names typed; hidden rows keep what was typed in them.
  document.querySelectorAll('input[data-filter]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute('data-filter'))
    if (!list) return
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase()
      list.querySelectorAll('li').forEach(function (li) { li.hidden = q !== '' && li.textContent.toLowerCase().indexOf(q) < 0 })
    })
  })

  // Extra loan rows stay folded until asked for.
  var more = document.querySelector('[data-more-loans]')
  if (more) {
    var show = function () {
      var next = document.querySelector('fieldset[data-extra]')
      if (next) next.removeAttribute('data-extra')
      more.hidden = !document.querySelector('fieldset[data-extra]')
    }
    more.hidden = !document.querySelector('fieldset[data-extra]')
    more.addEventListener('click', show)
  }
})()
