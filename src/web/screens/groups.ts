import type { FastifyInstance } from 'fastify'
import type { WebSession } from '../../services/session-service.js'
import { Api, newFormKey } from '../api.js'
import { formState, hasErrors, submit } from '../forms.js'
import { groupFields, groupOf } from '../group-fields.js'
import { html, type Html } from '../html.js'
import { banner, emptyForm, page, postForm, type FormState, type Viewer } from '../layout.js'
import { viewerOf, type GroupJson } from '../plugins/group-context.js'
import { formOf, sendPage } from '../request.js'

/** Whether this session may start a group: the pengelola (an admin key), on a copy that can be written. */
const startsGroups = (app: FastifyInstance, s: WebSession): boolean => s.role === 'admin' && !app.lumbung.readOnly

function groupsPage (viewer: Viewer, groups: GroupJson[], form: FormState | null): Html {
  const f = { ...(form ?? emptyForm({ jenis: 'p2wkss' })), idPrefix: 'baru' }
  return page('Pilih kelompok', viewer, 'kelompok', html`
${groups.length === 0 ? html`<p class="empty">Anda belum terhubung ke kelompok mana pun. Minta pengelola menambahkan Anda.</p>` : ''}
${groups.length > 1 ? html`<p><a class="button primary" href="/rekap">Rekap semua kelompok</a></p>` : ''}
<ul class="list">
  ${groups.map(g => html`<li><a class="row-link" href="/g/${g.id}/beranda"><strong>${g.name}</strong><span>${g.village ?? ''}</span></a></li>`)}
</ul>
${form === null ? '' : postForm('/kelompok', viewer, newFormKey(), html`
<h2>Kelompok baru</h2>${banner(f)}
<p class="muted">Sesudah kelompok dibuat, undang ketuanya di Pengurus: ia memilih PIN sendiri.</p>
${groupFields(f)}
<button type="submit" class="primary">Buat kelompok</button>`, { id: 'form-kelompok' })}`)
}

/** Kelompok: the groups a session may open (straight to the one, for most people), and a pengelola's Kelompok baru. */
export async function groupRoutes (app: FastifyInstance): Promise<void> {
  app.get('/kelompok', async (req, reply) => {
    const s = req.webSession as WebSession
    const groups = await new Api(app, s).get<{ items: GroupJson[] }>('/v1/groups')
    const starts = startsGroups(app, s)
    if (!starts && groups.items.length === 1 && groups.items[0] !== undefined) return await reply.redirect(`/g/${groups.items[0].id}/beranda`, 303)
    return await sendPage(reply, groupsPage(viewerOf(app, s), groups.items, starts ? emptyForm({ jenis: 'p2wkss' }) : null))
  })

  app.post('/kelompok', async (req, reply) => {
    const s = req.webSession as WebSession
    const api = new Api(app, s)
    const { f, idem } = formState(formOf(req))
    const group = groupOf(f)
    if (group !== null && !hasErrors(f)) {
      const body = { name: group.name, kind: group.kind, ...(group.village === null ? {} : { village: group.village }) }
      const made = await submit<GroupJson>(api, f, idem, 'kelompok', '/v1/groups', body, { '/body/name': 'kelompok', '/body/village': 'desa', '/body/kind': 'jenis' })
      if (made !== null) return await reply.redirect(`/g/${made.json.id}/pengurus?ok=kelompok`, 303)
    }
    const groups = await api.get<{ items: GroupJson[] }>('/v1/groups')
    return await sendPage(reply, groupsPage(viewerOf(app, s), groups.items, f), 422)
  })
}
