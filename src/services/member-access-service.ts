import type { Tx } from '../data/connect.js'
import * as keys from '../data/key-repository.js'
import * as people from '../data/people-repository.js'
import { DomainError, invalid } from '../domain/errors.js'
import { loginOrRefuse } from '../domain/people.js'
import type { Principal } from './auth-service.js'
import type { Env } from './context.js'
import { requireMember } from './group-service.js'
import { createKey } from './key-service.js'
import { listGroupPeople, newLink, type NewLink, type PersonView } from './people-service.js'

/**
 * A member's own sign-in (issue 18): the bendahara or the ketua gives a member a login (her phone number) on a `member`
 * key of her own that reads only her figures (/v1/me). Either they set her first PIN with her at the meeting, or they
 * send her a one-time link (/undangan/<token>, 7 days) where she chooses it. Asked again for a member who has a sign-in,
 * it renews it (a new PIN or a new link; her earlier links stop working): how a forgotten PIN is replaced. Revoking it
 * is the people's revocation (POST …/people/{personId}/revocation).
 */
export interface MemberSignIn { person: PersonView, memberId: string, invitation: NewLink | null }

export async function grantMemberSignIn (
  tx: Tx, env: Env, by: Principal, groupId: string, memberId: string, input: { login: string, pinHash: string | null }
): Promise<MemberSignIn> {
  const member = await requireMember(tx, groupId, memberId)
  const live = await keys.liveKeysOfMember(tx, groupId, memberId)
  const at = env.now().toISOString()
  let person = live.length === 0 ? null : await people.findPerson(tx, { keyId: live[0] ?? '' })
  if (person !== null) {
    if (loginOrRefuse(input.login) !== person.login) {
      throw invalid('login', `her sign-in is with ${person.login}: revoke it (POST …/people/${person.id}/revocation) to give her another login`)
    }
    await people.useLinks(tx, at, { personId: person.id })
  } else {
    const login = loginOrRefuse(input.login)
    if (await people.findPerson(tx, { login }) !== null) throw new DomainError('LOGIN_TAKEN', `the login ${login} is already someone's: a bendahara who is also a member reads her own passbook with her own sign-in`)
    const { key } = await createKey(tx, env, { name: member.name, role: 'member', groupIds: [groupId] })
    await keys.insertKeyMember(tx, { keyId: key.id, groupId, memberId, createdAt: at })
    person = { id: env.newId('psn'), keyId: key.id, login, name: member.name, role: 'anggota', createdBy: by.actor.id, createdAt: at }
    await people.insertPerson(tx, person)
  }
  if (input.pinHash !== null) await people.setPin(tx, person.id, input.pinHash, at)
  const invitation = input.pinHash === null ? await newLink(tx, env, 'invitation', person.id, by.actor) : null
  const view = (await listGroupPeople(tx, env, groupId)).find(v => v.id === person?.id) as PersonView
  return { person: view, memberId, invitation }
}
