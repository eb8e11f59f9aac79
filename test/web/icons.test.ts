import t from 'tap'
import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { testApi } from '../helpers.js'
import { MARK } from '../../src/web/icons.js'

/** The parts of a PNG a browser reads first: the size from IHDR and the pixels inflated from IDAT. */
function decodePng (png: Buffer): { width: number, height: number, colourType: number, raw: Buffer } {
  let at = 8
  let width = 0
  let height = 0
  let colourType = -1
  const idat: Buffer[] = []
  while (at < png.length) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    const data = png.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); colourType = data[9] ?? -1 }
    if (type === 'IDAT') idat.push(data)
    at += 12 + length
  }
  return { width, height, colourType, raw: inflateSync(Buffer.concat(idat)) }
}

/** The RGBA of one pixel from the inflated rows (every row starts with its filter byte, 0 here). */
function pixel (raw: Buffer, width: number, x: number, y: number): number[] {
  const i = y * (width * 4 + 1) + 1 + x * 4
  return [...raw.subarray(i, i + 4)]
}

t.test('favicon, icons and manifest answer without a session, revalidated by ETag', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const types: Record<string, string> = {
    '/favicon.ico': 'image/png',
    '/aset/icon.svg': 'image/svg+xml',
    '/aset/icon-192.png': 'image/png',
    '/aset/icon-512.png': 'image/png',
    '/aset/icon-maskable-512.png': 'image/png',
    '/manifest.webmanifest': 'application/manifest+json'
  }
  for (const [url, type] of Object.entries(types)) {
    const r = await api.app.inject({ method: 'GET', url })
    t.equal(r.statusCode, 200, url)
    t.equal(String(r.headers['content-type']).split(';')[0], type, `${url} is ${type}`)
    t.equal(r.headers['cache-control'], 'no-cache', `${url} is revalidated`)
    const again = await api.app.inject({ method: 'GET', url, headers: { 'if-none-match': String(r.headers.etag) } })
    t.equal(again.statusCode, 304, `${url} unchanged: 304`)
  }
  const missing = await api.app.inject({ method: 'GET', url: '/aset/icon-1024.png' })
  t.equal(missing.statusCode, 404)
})

t.test('each PNG is the mark: signature, size, every byte of its pixels, amber corner and white L', async t => {
  const api = await testApi()
  t.teardown(api.close)
  for (const [url, size, fullBleed] of [['/favicon.ico', 32, false], ['/aset/icon-192.png', 192, false], ['/aset/icon-512.png', 512, false],
    ['/aset/icon-maskable-512.png', 512, true]] as const) {
    const r = await api.app.inject({ method: 'GET', url })
    const png = r.rawPayload
    t.same([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${url}: PNG signature`)
    t.equal(png.toString('latin1', 12, 16), 'IHDR', `${url}: IHDR first`)
    const { width, height, colourType, raw } = decodePng(png)
    t.same([width, height, colourType], [size, size, 6], `${url}: ${size}×${size} RGBA`)
    t.equal(raw.length, size * (size * 4 + 1), `${url}: IDAT inflates to ${size} rows of 1 + ${size * 4} bytes`)
    const amber = [...MARK.background, 255]
    const u = size / MARK.grid
    t.same(pixel(raw, size, 0, 0), fullBleed ? amber : [0, 0, 0, 0], `${url}: the corner is ${fullBleed ? 'amber to the edge' : 'transparent (rounded)'}`)
    t.same(pixel(raw, size, Math.floor(size * 0.1), Math.floor(size / 2)), amber, `${url}: left of the L is amber`)
    const stem = MARK.bars[0] ?? { x: 0, y: 0, w: 0, h: 0 }
    t.same(pixel(raw, size, Math.floor((stem.x + stem.w / 2) * u), Math.floor(size / 2)), [255, 255, 255, 255], `${url}: the L's stem is white`)
    const foot = MARK.bars[1] ?? stem
    t.same(pixel(raw, size, Math.floor((foot.x + foot.w - 20) * u), Math.floor((foot.y + foot.h / 2) * u)), [255, 255, 255, 255], `${url}: its foot too`)
    t.same(pixel(raw, size, Math.floor((foot.x + foot.w - 20) * u), Math.floor(size * 0.4)), amber, `${url}: above the foot is amber`)
  }
})

t.test('the L sits inside the maskable safe zone, and the SVG draws the same mark', async t => {
  const c = MARK.grid / 2
  for (const b of MARK.bars) {
    for (const [x, y] of [[b.x, b.y], [b.x + b.w, b.y], [b.x, b.y + b.h], [b.x + b.w, b.y + b.h]] as const) {
      t.ok(Math.hypot(x - c, y - c) < 0.4 * MARK.grid, `(${x}, ${y}) within 40 % of the centre`)
    }
  }
  const svg = readFileSync(new URL('../../src/web/assets/icon.svg', import.meta.url), 'utf8')
  t.match(svg, `viewBox="0 0 ${MARK.grid} ${MARK.grid}"`)
  t.match(svg, `rx="${MARK.radius}" fill="#${MARK.background.map(v => v.toString(16).padStart(2, '0')).join('')}"`)
  const [stem, foot] = MARK.bars
  if (stem === undefined || foot === undefined) throw new Error('two bars')
  t.match(svg, `d="M${stem.x} ${stem.y}h${stem.w}v${foot.y - stem.y}h${foot.w - stem.w}v${foot.h}H${stem.x}z"`, 'the L of the SVG is the two bars')
  t.notMatch(svg, /<text/, 'drawn, not typeset')
})

t.test('the manifest makes the app installable, and every icon it names is served as declared', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const r = await api.app.inject({ method: 'GET', url: '/manifest.webmanifest' })
  const m = JSON.parse(r.body) as { icons: Array<{ src: string, sizes: string, type: string, purpose?: string }>, [k: string]: unknown }
  t.match(m, { name: 'Lumbung', short_name: 'Lumbung', lang: 'id', start_url: '/', scope: '/', display: 'standalone', theme_color: '#1f6f4a', background_color: '#f4f1ea' })
  t.match(String(m.description), /simpan pinjam/)
  t.ok(m.icons.some(i => i.sizes === '192x192' && i.type === 'image/png'), 'a 192 px PNG')
  t.ok(m.icons.some(i => i.sizes === '512x512' && i.type === 'image/png' && i.purpose === undefined), 'a 512 px PNG')
  t.ok(m.icons.some(i => i.purpose === 'maskable'), 'a maskable icon')
  for (const icon of m.icons) {
    const got = await api.app.inject({ method: 'GET', url: icon.src })
    t.equal(got.statusCode, 200, icon.src)
    t.equal(got.headers['content-type'], icon.type, `${icon.src} is ${icon.type}`)
    if (icon.type === 'image/png') t.equal(icon.sizes, `${got.rawPayload.readUInt32BE(16)}x${got.rawPayload.readUInt32BE(20)}`, `${icon.src} is ${icon.sizes}`)
  }
  const css = readFileSync(new URL('../../src/web/assets/app.css', import.meta.url), 'utf8')
  t.match(css, `--brand: ${String(m.theme_color)};`, 'theme colour: the header bar')
  t.match(css, `--bg: ${String(m.background_color)};`, 'background: the page')
  t.match(css, `--accent: #${MARK.background.map(v => v.toString(16).padStart(2, '0')).join('')};`, 'the mark: the logo colour')
})

t.test('the sign-in page links the icons and the manifest, and its CSP allows them', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const r = await api.app.inject({ method: 'GET', url: '/masuk' })
  const head = r.body.slice(0, r.body.indexOf('</head>'))
  t.match(head, '<link rel="icon" href="/aset/icon.svg" type="image/svg+xml">')
  t.match(head, '<link rel="icon" href="/favicon.ico" sizes="32x32">')
  t.match(head, '<link rel="apple-touch-icon" href="/aset/icon-maskable-512.png">')
  t.match(head, '<link rel="manifest" href="/manifest.webmanifest">')
  t.match(head, '<meta name="theme-color" content="#1f6f4a">')
  const csp = String(r.headers['content-security-policy'])
  t.match(csp, /default-src 'self'/, 'manifest-src falls back to default-src')
  t.match(csp, /img-src 'self'/)
})
