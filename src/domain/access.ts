/**
 * The access policy: who may do what. The one table of roles; the API's hooks, the key service, the web sign-in and
 * the web's screens all read it.
 */

/** The roles a key is made with over the API. */
export const KEY_ROLES = ['admin', 'treasurer', 'auditor', 'integrator'] as const

/** The roles a key can have: those, and `member`, a member's own sign-in (made for one member, never over /v1/api-keys). */
export const ROLES = [...KEY_ROLES, 'member'] as const
export type Role = typeof ROLES[number]

/**
 * What a route does: read, write, administer keys and groups, manage a group's people and its integrators' keys
 * (`manage`: the admin, or a treasurer key that is a ketua's), or read one's own figures as a member (`own`: /v1/me).
 */
export type Access = 'read' | 'write' | 'admin' | 'manage' | 'own'

/**
 * Admins everything; treasurers and integrators read and write in their groups; auditors only read. A member reads her
 * own figures (the /v1/me routes) and nothing else: not even her group's books, which name every member.
 */
const MAY: Record<Role, Record<Exclude<Access, 'manage'>, boolean>> = {
  admin: { read: true, write: true, admin: true, own: false },
  treasurer: { read: true, write: true, admin: false, own: false },
  integrator: { read: true, write: true, admin: false, own: false },
  auditor: { read: true, write: false, admin: false, own: false },
  member: { read: false, write: false, admin: false, own: true }
}

/** `ketua`: the key is a ketua's sign-in (see src/domain/people.ts), which lets a treasurer key manage her group's people. */
export function may (role: Role, access: Access, ketua = false): boolean {
  return access === 'manage' ? role === 'admin' || (ketua && role === 'treasurer') : MAY[role][access]
}

const DOES: Record<Exclude<Access, 'read'>, string> = {
  own: 'read /v1/me: those are a member\'s own figures, for her own key',
  write: 'write',
  admin: 'administer keys or create groups',
  manage: 'invite or revoke people or make keys: only the group\'s ketua or the pengelola may'
}

/** Why a role may not do something, as the refusal says it. */
export function refusalOf (role: Role, access: Access): string {
  if (role === 'member') return 'a member key reads only her own figures, at /v1/me'
  return `a ${role} key may not ${access === 'read' ? 'read' : DOES[access]}`
}

/** An admin key is global; every other role is scoped to the groups it names. */
export function isGlobal (role: Role): boolean {
  return role === 'admin'
}

/** Who signs in on the web: treasurers, auditors and members (integrators are programs, the admin uses the API). */
export type WebRole = 'treasurer' | 'auditor' | 'member'

export function webRoleOf (role: Role): WebRole | null {
  return role === 'treasurer' || role === 'auditor' || role === 'member' ? role : null
}

/** How the pages treat a signed-in person: one who may write sees the forms, unless the server only reads. */
export function viewerRoleOf (role: Role, readOnly: boolean): 'treasurer' | 'auditor' {
  return may(role, 'write') && !readOnly ? 'treasurer' : 'auditor'
}
