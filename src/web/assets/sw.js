// Lumbung's service worker: the app shell and the pages the treasurer opened stay readable with no signal.
// Pages are fetched from the network first and kept; with no network the kept copy is shown. Writes are never
// cached or replayed here: a form sent offline waits in the page's outbox (app.js), which sends it once.
'use strict'
var SHELL = 'lumbung-shell-1'
var PAGES = 'lumbung-pages-1'
var KEPT = {}
var SHELL_FILES = ['/aset/app.css', '/aset/app.js', '/aset/icon.svg', '/favicon.ico']

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(SHELL_FILES) }).then(function () { return self.skipWaiting() }))
})
self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== SHELL && k !== PAGES }).map(function (k) { return caches.delete(k) }))
  }).then(function () { return self.clients.claim() }))
})
self.addEventListener('fetch', function (e) {
  var req = e.request
  var url = new URL(req.url)
  if (url.origin !== self.location.origin) return
  // The sign-in page is where a sign-out lands: the pages kept for one person are forgotten (a shared phone).
  if (url.pathname === '/masuk' || url.pathname === '/keluar') caches.delete(PAGES)
  if (req.method !== 'GET') return
  // Files to download (PDF, XLSX, CSV, the audit bundle) and the API are not kept.
  if (!(url.pathname.indexOf('/aset/') === 0 || url.pathname.indexOf('/g/') === 0) || url.pathname.indexOf('/unduh') > 0 || url.pathname.indexOf('/bundel') > 0) return
  var store = url.pathname.indexOf('/aset/') === 0 ? SHELL : PAGES
  e.respondWith(fetch(req).then(function (res) {
    if (res.ok && res.type === 'basic') {
      var copy = res.clone()
      caches.open(store).then(function (c) { return c.put(req, copy) })
    }
    return res
  }).catch(function () {
    return caches.match(req).then(function (hit) {
      // A kept page is remembered a moment, so that it can say how old its figures are when it asks (app.js).
      if (hit && store === PAGES) KEPT[req.url] = Date.now()
      return hit || new Response('<!doctype html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Tidak ada sinyal</title><p>Tidak ada sinyal, dan halaman ini belum pernah dibuka di HP ini.</p>', { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } })
    })
  }))
})
// A page asks whether it came from what the phone kept: answered once, for the page that asks.
self.addEventListener('message', function (e) {
  if (e.data !== 'dari-simpanan?' || !e.ports[0] || !e.source) return
  var url = e.source.url.split('#')[0]
  var kept = KEPT[url] !== undefined && Date.now() - KEPT[url] < 60000
  delete KEPT[url]
  e.ports[0].postMessage(kept)
})
