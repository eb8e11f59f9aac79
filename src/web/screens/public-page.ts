import type { FastifyInstance, FastifyReply } from 'fastify'
import { DomainError } from '../../domain/errors.js'
import { keyFingerprint } from '../../domain/ledger/checkpoint.js'
import type { Statement } from '../../domain/statements/model.js'
import { statementDoc } from '../../render/json.js'
import { CONTENT_TYPE, renderFile } from '../../render/file.js'
import { formatPercent } from '../../render/format.js'
import { publicPage, type PublicPage } from '../../services/public-page-service.js'
import { html, type Html } from '../html.js'
import { page, PROGRAMME, rupiah, stat, tanggal } from '../layout.js'
import { sendPage } from '../request.js'
import { statementHtml } from '../statement-html.js'
import { shownMoment } from '../tanggal.js'

/** provinsi … desa as a line, from the most precise: "Desa Abiansemal, Kec. Abiansemal, Badung, Bali". */
function placeLine (p: PublicPage['place'], village: string | null): string {
  const desa = p.village ?? village
  return [desa === null ? null : `Desa ${desa}`, p.district === null ? null : `Kec. ${p.district}`, p.regency, p.province].filter(x => x !== null).join(', ')
}

function growthCard (p: PublicPage): Html {
  const f = p.fundGrowth
  const c = f.capital
  return html`<section class="card" id="perkembangan"><h2>Perkembangan dana</h2>
<div class="stats">
  ${stat('Modal awal', rupiah(c.total), `hibah ${rupiah(c.grants)} · donasi ${rupiah(c.donations)} · simpanan pokok dan wajib ${rupiah(c.savingsPokok + c.savingsWajib)}`)}
  ${stat('Dana kelompok kini', rupiah(f.fund), `per ${tanggal(f.asOf)}`)}
  ${stat('Perkembangan', `${f.growth >= 0n ? '+' : ''}${rupiah(f.growth)}`, `${formatPercent(f.growthPercent, 'id')} dari modal awal`, f.growth >= 0n ? 'good' : 'warn')}
</div>
<p class="hint">Pendapatan jasa dan denda sejak awal ${rupiah(f.income.total)}, biaya ${rupiah(f.expenses)}.</p>
</section>`
}

function proofCard (p: PublicPage, groupId: string, tz: string): Html {
  const c = p.checkpoint.checkpoint
  return html`<section class="card" id="bukti"><h2>Bukti dari buku kelompok</h2>
<p>Angka di halaman ini berasal dari buku kelompok sampai entri jurnal nomor <strong>${c.seq}</strong> (hash <code class="break">${c.hash}</code>), ${shownMoment(c.at, tz)},
ditandatangani kunci <strong>${keyFingerprint(p.checkpoint.key)}</strong> (lihat <a href="/signing-key">/signing-key</a>).</p>
<p>Siapa pun dapat memeriksa bahwa buku yang diaudit kelak memuat buku ini: simpan checkpoint di bawah, lalu periksa bundel audit kelompok dengan <code>lumbung-verify</code>.</p>
<p class="actions"><a class="button" download href="/publik/${groupId}/neraca.pdf">Unduh neraca (PDF)</a> <a class="button secondary" download href="/publik/${groupId}/laporan-shu.pdf">Unduh laporan SHU (PDF)</a></p>
<details><summary>Checkpoint lengkap (JSON)</summary><pre class="break">${JSON.stringify(p.checkpoint, null, 2)}</pre></details>
</section>`
}

function publicHtml (p: PublicPage, tz: string): Html {
  const place = placeLine(p.place, p.group.village)
  return page(p.group.name, null, 'masuk', html`
<section class="card">
  <p>${PROGRAMME[p.group.kind] ?? p.group.kind}${place === '' ? '' : html` · ${place}`}</p>
  <p class="muted">Halaman ini dibuka untuk umum oleh rapat kelompok tanggal ${tanggal(p.opened.date)}. Isinya jumlah per akun saja: tidak ada nama atau angka pribadi anggota.</p>
</section>
${growthCard(p)}
<section class="card" id="neraca">${statementHtml(statementDoc(p.balanceSheet, 'id'))}</section>
<section class="card" id="laba-rugi">${statementHtml(statementDoc(p.incomeStatement, 'id'))}</section>
${proofCard(p, p.group.id, tz)}`)
}

const closed = (): Html => page('Halaman publik', null, 'masuk', html`<section class="card narrow"><p class="lead">Halaman publik kelompok ini tidak ada atau belum dibuka oleh rapat kelompok.</p></section>`)

/** The page, or the one answer for no such group and for a page not opened (neither leaks which). */
async function pageOr404 (app: FastifyInstance, groupId: string, reply: FastifyReply): Promise<PublicPage | null> {
  try {
    return await publicPage(app.lumbung.store.reader, app.lumbung.env, groupId)
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'PUBLIC_PAGE_NOT_FOUND') throw err
    await sendPage(reply, closed(), 404)
    return null
  }
}

/** GET /publik/<group>: a group's public transparency page, for anyone, once a meeting opened it; its two statements as PDF. */
export async function publicPageRoutes (app: FastifyInstance): Promise<void> {
  const { env } = app.lumbung
  app.get('/publik/:groupId', async (req, reply) => {
    const p = await pageOr404(app, (req.params as { groupId: string }).groupId, reply)
    if (p === null) return reply
    return await sendPage(reply.header('cache-control', 'public, max-age=60'), publicHtml(p, env.timeZone))
  })

  const files: Record<string, (p: PublicPage) => Statement> = { 'neraca.pdf': p => p.balanceSheet, 'laporan-shu.pdf': p => p.incomeStatement }
  for (const [file, statementOf] of Object.entries(files)) {
    app.get(`/publik/:groupId/${file}`, async (req, reply) => {
      const p = await pageOr404(app, (req.params as { groupId: string }).groupId, reply)
      if (p === null) return reply
      const pdf = await renderFile(statementOf(p), 'pdf', 'id', env.now(), env.timeZone)
      return await reply.header('content-disposition', `attachment; filename="${file.replace('.pdf', '')}_${p.asOf}.pdf"`).type(CONTENT_TYPE.pdf).send(pdf)
    })
  }
}
