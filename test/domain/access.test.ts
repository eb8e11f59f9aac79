import t from 'tap'
import { isGlobal, may, refusalOf, ROLES, viewerRoleOf, webRoleOf, type Access } from '../../src/domain/access.js'

const ACCESS: Access[] = ['read', 'write', 'admin', 'own']

t.test('the role table: admins everything, treasurers and integrators read and write, auditors only read, a member only her own', async t => {
  const table = Object.fromEntries(ROLES.map(r => [r, ACCESS.filter(a => may(r, a))]))
  t.same(table, { admin: ['read', 'write', 'admin'], treasurer: ['read', 'write'], auditor: ['read'], integrator: ['read', 'write'], member: ['own'] })
  t.notOk(may('member', 'manage', true), 'a member manages nothing')
  t.equal(refusalOf('member', 'read'), 'a member key reads only her own figures, at /v1/me')
  t.equal(refusalOf('auditor', 'own'), 'a auditor key may not read /v1/me: those are a member\'s own figures, for her own key')
  t.equal(refusalOf('auditor', 'write'), 'a auditor key may not write')
  t.equal(refusalOf('treasurer', 'admin'), 'a treasurer key may not administer keys or create groups')
  t.same(ROLES.filter(isGlobal), ['admin'], 'only an admin key is global')
})

t.test('the web: treasurers, auditors and members sign in; a read-only server shows everyone the auditor\'s pages', async t => {
  t.same(ROLES.map(webRoleOf), [null, 'treasurer', 'auditor', null, 'member'])
  t.equal(viewerRoleOf('member', false), 'auditor', 'a member who reached a group page would see no form (she never does: /saya is hers)')
  t.equal(viewerRoleOf('treasurer', false), 'treasurer')
  t.equal(viewerRoleOf('treasurer', true), 'auditor')
  t.equal(viewerRoleOf('auditor', false), 'auditor')
})
