import t from 'tap'
import { isGlobal, may, refusalOf, ROLES, viewerRoleOf, webRoleOf, type Access } from '../../src/domain/access.js'

const ACCESS: Access[] = ['read', 'write', 'admin']

t.test('the role table: admins everything, treasurers and integrators read and write, auditors only read', async t => {
  const table = Object.fromEntries(ROLES.map(r => [r, ACCESS.filter(a => may(r, a))]))
  t.same(table, { admin: ['read', 'write', 'admin'], treasurer: ['read', 'write'], auditor: ['read'], integrator: ['read', 'write'] })
  t.equal(refusalOf('auditor', 'write'), 'a auditor key may not write')
  t.equal(refusalOf('treasurer', 'admin'), 'a treasurer key may not administer keys or create groups')
  t.same(ROLES.filter(isGlobal), ['admin'], 'only an admin key is global')
})

t.test('the web: treasurers and auditors sign in; a read-only server shows everyone the auditor\'s pages', async t => {
  t.same(ROLES.map(webRoleOf), [null, 'treasurer', 'auditor', null])
  t.equal(viewerRoleOf('treasurer', false), 'treasurer')
  t.equal(viewerRoleOf('treasurer', true), 'auditor')
  t.equal(viewerRoleOf('auditor', false), 'auditor')
})
