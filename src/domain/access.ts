/**
 * The access policy: who may do what. The one table of roles; the API's hooks, the key service, the web sign-in and
 * the web's screens all read it.
 */

/** The roles a key can have. */
export const ROLES = ['admin', 'treasurer', 'auditor', 'integrator'] as const
export type Role = typeof ROLES[number]

/**
 * What a route does: read, write, administer keys and groups, or manage a group's people and its integrators' keys
 * (`manage`: the admin, or a treasurer key that is a ketua's).
 */
export type Access = 'read' | 'write' | 'admin' | 'manage'

/** Admins everything; treasurers and integrators read and write in their groups; auditors only read. */
const MAY: Record<Role, Record<Exclude<Access, 'manage'>, boolean>> = {
  admin: { read: true, write: true, admin: true },
  treasurer: { read: true, write: true, admin: false },
  integrator: { read: true, write: true, admin: false },
  auditor: { read: true, write: false, admin: false }
}

/** `ketua`: the key is a ketua's sign-in (see src/domain/people.ts), which lets a treasurer key manage her group's people. */
export function may (role: Role, access: Access, ketua = false): boolean {
  return access === 'manage' ? role === 'admin' || (ketua && role === 'treasurer') : MAY[role][access]
}

const DOES: Record<Exclude<Access, 'read'>, string> = {
  write: 'write',
  admin: 'administer keys or create groups',
  manage: 'invite or revoke people or make keys: only the group\'s ketua or the pengelola may'
}

/** Why a role may not do something, as the refusal says it. */
export function refusalOf (role: Role, access: Access): string {
  return `a ${role} key may not ${access === 'read' ? 'read' : DOES[access]}`
}

/** An admin key is global; every other role is scoped to the groups it names. */
export function isGlobal (role: Role): boolean {
  return role === 'admin'
}

/** Who signs in on the web: treasurers and auditors (integrators are programs, the admin uses the API). */
export type WebRole = 'treasurer' | 'auditor'

export function webRoleOf (role: Role): WebRole | null {
  return role === 'treasurer' || role === 'auditor' ? role : null
}

/** How the pages treat a signed-in person: one who may write sees the forms, unless the server only reads. */
export function viewerRoleOf (role: Role, readOnly: boolean): WebRole {
  return may(role, 'write') && !readOnly ? 'treasurer' : 'auditor'
}
