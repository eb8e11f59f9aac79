import type { FastifyInstance } from 'fastify'
import { today } from '../../services/clock.js'
import { newFormKey } from '../api.js'
import { hasErrors } from '../forms.js'
import type { FormState } from '../layout.js'
import { parseTanggal } from '../tanggal.js'
import { ctxOf, formOf, sendPage } from '../request.js'
import { load, previews, record, repaymentSplits } from './meeting/calls.js'
import { kasOn } from './meeting/cash-count.js'
import { formPage, reviewPage, savedPage } from './meeting/form.js'
import { planOf, wajibInForce } from './meeting/plan.js'

/**
 * Rapat: one screen records a whole meeting. The form is read into a plan (meeting/plan.ts), shown for review with
 * the new loans' schedules (meeting/form.ts), and recorded part by part, each with its own idempotency key
 * (meeting/calls.ts).
 */
export async function meetingRoutes (app: FastifyInstance): Promise<void> {
  app.get('/g/:groupId/rapat', async (req, reply) => {
    const ctx = ctxOf(req)
    const now = today(app.lumbung.env)
    const d = await load(ctx, now)
    // The wajib the group agreed is offered for everyone present: typed once a year at a meeting, not fifty times a month.
    const wajib = wajibInForce(d.meetings, now)
    return await sendPage(reply, formPage(ctx, d, { values: { tanggal: now, ...(wajib === null ? {} : { wajib_semua: wajib }) }, errors: {} }, newFormKey(), new Set()))
  })

  app.post('/g/:groupId/rapat', async (req, reply) => {
    const ctx = ctxOf(req)
    const { _csrf: _c, _idem: idemRaw, langkah, ...values } = formOf(req)
    const idem = idemRaw ?? newFormKey()
    const f: FormState = { values, errors: {} }
    const date = parseTanggal(values.tanggal ?? '') ?? today(app.lumbung.env)
    const d = await load(ctx, date)
    if (langkah === 'ubah') return await sendPage(reply, formPage(ctx, d, f, idem, new Set()))
    const plan = planOf(f, d)
    if (plan === null) return await sendPage(reply, formPage(ctx, d, f, idem, new Set()), 422)
    if (langkah !== 'simpan') {
      const schedules = await previews(ctx, f, plan)
      const splits = await repaymentSplits(ctx, f, plan)
      if (hasErrors(f)) return await sendPage(reply, formPage(ctx, d, f, idem, new Set()), 422)
      const kasBefore = plan.cashCounted === null ? 0n : await kasOn(ctx, plan.date)
      return await sendPage(reply, reviewPage(ctx.viewer, ctx.groupId, d, f, idem, plan, { schedules, splits, kasBefore }))
    }
    const r = await record(ctx, d, f, idem, plan)
    if (hasErrors(f)) {
      f.banner = `${r.done.size > 0 ? 'Sebagian sudah tersimpan (ditandai ✓) dan tidak akan tercatat dua kali. ' : ''}Yang belum: ${f.banner ?? 'periksa kolom yang ditandai.'}`
      const fresh = await load(ctx, date)
      // Loans and repayments recorded just now are already in `fresh`; the form keeps showing the ones of this meeting.
      return await sendPage(reply, formPage(ctx, { ...fresh, loans: d.loans }, f, idem, r.done), 422)
    }
    return await sendPage(reply, savedPage(ctx, plan, r))
  })
}
