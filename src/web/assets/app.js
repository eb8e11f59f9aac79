// Lumbung: a little progressive help on top of forms that work without it.
(function () {
  'use strict'
  document.documentElement.classList.add('js')

  // One submission per form: the second tap is ignored (the server would replay it anyway, by idempotency key).
  // Buttons are disabled only after the browser has taken the form's data, so the pressed button's value is sent.
  document.addEventListener('submit', function (e) {
    var form = e.target
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-once')) return
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
