import { Type } from 'typebox'
import { PERSON_ROLES } from '../../domain/people.js'
import { Id, IsoDate, Ref, StringEnum, Timestamp, Total } from './common.js'
import { Decision, FundGrowth } from './loans.js'
import { Group, Member } from './ledger.js'

/** The schemas of a member's own sign-in and of what she reads at /v1/me (src/services/member-self-service.ts). */

export const MemberSignInBody = Type.Object({
  login: Type.String({ minLength: 3, maxLength: 60, description: 'Her phone number (or a username): what she types to sign in. Renewing a sign-in keeps its login.', examples: ['0812 3456 7890'] }),
  pin: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Her first PIN, set with her at the meeting (6 to 12 digits, not all the same nor a run, or a passphrase of 10 characters or more). Left out: a one-time link is made for her to choose it.' }))
}, { additionalProperties: false, examples: [{ login: '0812 3456 7890' }, { login: '0812 3456 7890', pin: '482913' }] })

export const MemberSignInParams = Type.Object({ groupId: Id, memberId: Id }, { additionalProperties: false })

export const MemberSignIn = Type.Object({
  memberId: Type.String(),
  person: Type.Object({
    id: Type.String({ description: 'The person: revoke her sign-in with POST /v1/groups/{groupId}/people/{personId}/revocation (the ketua).' }),
    name: Type.String(),
    login: Type.String(),
    role: StringEnum(PERSON_ROLES, { description: 'anggota.' }),
    status: StringEnum(['diundang', 'aktif', 'terkunci', 'dicabut'] as const)
  }, { additionalProperties: false }),
  invitation: Type.Union([Type.Object({
    path: Type.String({ description: 'The one-time link, on this server: /undangan/<token> (7 days). Opened, it asks her to choose her PIN and signs her in. Shown this once.' }),
    expiresAt: Timestamp
  }, { additionalProperties: false }), Type.Null()], { description: 'null when her PIN was set in the request.' })
}, { additionalProperties: false })

export const Me = Type.Object({
  group: Ref(Group),
  member: Ref(Member)
}, { additionalProperties: false, description: 'The member this key stands for, and her group.' })

export const MyShu = Type.Object({
  shares: Type.Array(Type.Object({
    distributionId: Type.String(), through: IsoDate, date: IsoDate, amount: Ref(Total, { description: 'Her share of that distribution, all buckets together.' })
  }, { additionalProperties: false })),
  owed: Type.Array(Type.Object({ distributionId: Type.String(), through: IsoDate, distributedOn: IsoDate, amount: Ref(Total) }, { additionalProperties: false }), { description: 'Her shares not paid out yet, oldest first.' }),
  payouts: Type.Array(Type.Object({ id: Type.String(), distributionId: Type.String(), amount: Ref(Total), to: StringEnum(['cash', 'sukarela'] as const), date: IsoDate, entryId: Type.String() }, { additionalProperties: false }))
}, { additionalProperties: false })

export const MyReceipts = Type.Object({
  items: Type.Array(Type.Object({
    entryId: Type.String(),
    seq: Type.Integer(),
    date: IsoDate,
    description: Type.String(),
    kind: Type.String({ description: 'The entry\'s kind (savings.deposit, loan.repayment …).' }),
    reverses: Type.Union([Type.String(), Type.Null()]),
    reversedBy: Type.Union([Type.String(), Type.Null()], { description: 'The correction that reversed this posting, if any.' }),
    path: Type.String({ description: 'Her receipt page on this server (/kuitansi/…); its PDF at path + "/pdf". Anyone with the link can check it: the link carries its own proof.' })
  }, { additionalProperties: false }))
}, { additionalProperties: false, description: 'Every posting that names her, newest first.' })

export const GroupSummary = Type.Object({
  group: Ref(Group),
  asOf: IsoDate,
  kas: Ref(Total, { description: 'Kas and bank together on asOf.' }),
  fundGrowth: FundGrowth,
  lastMeeting: Type.Union([Type.Object({ id: Type.String(), date: IsoDate, decisions: Type.Array(Decision) }, { additionalProperties: false }), Type.Null()])
}, { additionalProperties: false, description: 'The group as every member may see it: no member\'s figures.' })
