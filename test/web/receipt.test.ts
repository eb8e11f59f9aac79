import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkpointHolds, parseSignedCheckpoint } from '../../src/domain/ledger/checkpoint.js'
import { testApi } from '../helpers.js'
import { grantedGroup, ok } from './fixture.js'
import { get, signIn } from './pages.js'

t.test('a receipt link shows the entry, its place in the hash chain and a signed checkpoint containing it, to anyone holding the link and no one else', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, g } = await grantedGroup(api)
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari' })
  const deposit = (await api.post(`${g}/savings`, { memberId: sari, kind: 'wajib', date: '2025-03-15', amount: '5000' })).json as { entryId: string }
  const entry = (await api.get(`${g}/journal-entries/${deposit.entryId}`)).json as { seq: number, hash: string }
  const { cookie } = await signIn(api, treasurer)

  const member = await get(api, `/g/${groupId}/anggota/${sari}`, cookie)
  const path = new RegExp(`href="(/kuitansi/${groupId}/${deposit.entryId}/[A-Za-z0-9_-]{22})"`).exec(member.body)?.[1] ?? ''
  t.ok(path !== '', 'the passbook row links to its receipt')
  const wa = /href="(https:\/\/wa\.me\/\?text=[^"]+)"/.exec(member.body)?.[1] ?? ''
  const text = decodeURIComponent(wa.replace('https://wa.me/?text=', '').replace(/&amp;/g, '&'))
  t.match(text, /^Kelompok P2WKSS Desa Abiansemal: setoran wajib Rp\u00a05\.000 Ni Made Sari, 15 Maret 2025\. Cek kuitansi: http:\/\/localhost(:\d+)?\/kuitansi\//, 'a WhatsApp message with what was received and the link')
  t.ok(text.endsWith(path), 'the same link')

  const receipt = await api.app.inject({ method: 'GET', url: path })
  t.equal(receipt.statusCode, 200, 'no sign-in needed: the link is the proof')
  t.equal(receipt.headers['cache-control'], 'no-store')
  t.match(receipt.body, /Simpanan wajib/)
  t.match(receipt.body, /Ni Made Sari/)
  t.match(receipt.body, new RegExp(`<dt>Nomor urut di jurnal</dt><dd>${entry.seq}</dd>`))
  t.ok(receipt.body.includes(entry.hash), 'the entry\'s hash')
  const json = /<pre class="break">([\s\S]*?)<\/pre>/.exec(receipt.body)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&') ?? '{}'
  const checkpoint = parseSignedCheckpoint(JSON.parse(json))
  t.ok(checkpointHolds(checkpoint), 'the checkpoint\'s signature holds, offline')
  t.ok(checkpoint.checkpoint.seq >= entry.seq && checkpoint.checkpoint.groupId === groupId, 'and it covers the entry')

  t.match(receipt.body, new RegExp(`href="${path}/pdf">Unduh kuitansi`), 'a PDF to print or keep')
  const pdf = await api.app.inject({ method: 'GET', url: `${path}/pdf` })
  t.equal(pdf.statusCode, 200)
  t.equal(pdf.headers['content-type'], 'application/pdf')
  t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
  if (spawnSync('pdftotext', ['-v']).error === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'lumbung-receipt-'))
    writeFileSync(join(dir, 'k.pdf'), pdf.rawPayload)
    const text = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'k.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ')
    t.match(text, /Kuitansi Kelompok P2WKSS Desa Abiansemal Simpanan wajib Ni Made Sari/)
    t.match(text, new RegExp(`Nomor urut di jurnal: ${entry.seq} Hash: ${entry.hash.slice(0, 20)}`), 'its seq and hash')
    t.match(text, /D Rp 5\.000[\s\S]*K Rp 5\.000/, 'both lines')
    t.ok(text.replace(/\s+/g, '').includes(path), 'and the link its QR code opens (printed under it, broken across lines)')
  }
  t.equal((await api.app.inject({ method: 'GET', url: `${path.slice(0, -1)}x/pdf` })).statusCode, 404, 'no PDF without the right token')

  const token = path.split('/').at(-1) ?? ''
  const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
  const other = (await api.post(`${g}/savings`, { memberId: sari, kind: 'sukarela', date: '2025-03-16', amount: '1000' })).json as { entryId: string }
  const g2 = (await api.post('/v1/groups', { name: 'PKK Kenanga', kind: 'pkk' })).json.id as string
  for (const [why, url] of [
    ['a token changed by one character', `/kuitansi/${groupId}/${deposit.entryId}/${flipped}`],
    ['another entry\'s id with this token', `/kuitansi/${groupId}/${other.entryId}/${token}`],
    ['another group', `/kuitansi/${g2}/${deposit.entryId}/${token}`],
    ['no token', `/kuitansi/${groupId}/${deposit.entryId}/x`]
  ] as const) {
    const r = await api.app.inject({ method: 'GET', url })
    t.equal(r.statusCode, 404, why)
    t.notOk(r.body.includes(entry.hash), `${why}: shows nothing of the entry`)
  }
})

t.test('an instalment: the loan page offers its receipt by WhatsApp with the split and what is left, and its history row opens the receipt', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const { groupId, treasurer, g } = await grantedGroup(api)
  const sari = await ok(api, `${g}/members`, { name: 'Ni Made Sari' })
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] })
  const loan = await ok(api, `${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-02-01' })
  const repayment = (await api.post(`${g}/loans/${loan}/repayments`, { date: '2025-03-01', amount: '115000' })).json as { id: string, entryId: string }
  const { cookie } = await signIn(api, treasurer)
  const page = await get(api, `/g/${groupId}/pinjaman/${loan}?bayar=${repayment.id}`, cookie)
  const wa = /href="(https:\/\/wa\.me\/\?text=[^"]+)"/.exec(page.body)?.[1] ?? ''
  t.match(decodeURIComponent(wa.replace('https://wa.me/?text=', '')), /: angsuran Ni Made Sari Rp\u00a0115\.000 diterima 1 Maret 2025 \(jasa Rp\u00a015\.000, pokok Rp\u00a0100\.000\)\. Sisa pinjaman Rp\u00a0900\.000\. Cek kuitansi: /)
  const path = new RegExp(`href="(/kuitansi/${groupId}/${repayment.entryId}/[A-Za-z0-9_-]{22})"`).exec(page.body)?.[1] ?? ''
  t.ok(path !== '', 'the history row links to the receipt')
  const receipt = await api.app.inject({ method: 'GET', url: path })
  t.equal(receipt.statusCode, 200)
  t.match(receipt.body, /Angsuran pinjaman Ni Made Sari/)

  await api.post(`${g}/members/${sari}/contact`, { phone: '0813 9876 5432', optedOut: false })
  t.match((await get(api, `/g/${groupId}/pinjaman/${loan}?bayar=${repayment.id}`, cookie)).body, /href="https:\/\/wa\.me\/6281398765432\?text=/, 'to her number, as on her page')
  await api.post(`${g}/members/${sari}/contact`, { phone: '0813 9876 5432', optedOut: true })
  const optedOut = (await get(api, `/g/${groupId}/pinjaman/${loan}?bayar=${repayment.id}`, cookie)).body
  t.notMatch(optedOut, /wa\.me/, 'and not at all when she opted out')
  t.match(optedOut, /Ni Made Sari memilih tidak menerima pesan/)
})
