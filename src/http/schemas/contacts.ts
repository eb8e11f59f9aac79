import { Type } from 'typebox'
import { StringEnum, Timestamp } from './common.js'

/** A member's phone number for receipts and reminders (src/http/routes/contacts.ts). */
export const ContactJson = Type.Object({
  memberId: Type.String(),
  phone: Type.Union([Type.String({ description: 'Digits in international form without the plus: 6281234567890.' }), Type.Null()]),
  optedOut: Type.Boolean({ description: 'She asked for no messages: no receipt or reminder is sent to her.' }),
  updatedAt: Type.Union([Timestamp, Type.Null()])
}, { additionalProperties: false })
export const ContactBody = Type.Object({
  phone: Type.Union([Type.String({ maxLength: 30, description: 'As people write it: 0812 3456 7890, +62 812-3456-7890; null or "" clears it.' }), Type.Null()]),
  optedOut: Type.Boolean()
}, { additionalProperties: false, examples: [{ phone: '0812 3456 7890', optedOut: false }] })


/** What the group records of a member beyond her name (src/http/routes/contacts.ts). */
export const ProfileJson = Type.Object({
  memberId: Type.String(),
  sex: Type.Union([StringEnum(['female', 'male'] as const, { description: 'Jenis kelamin: female (perempuan) or male (laki-laki).' }), Type.Null()], { description: 'null: not recorded.' }),
  updatedAt: Type.Union([Timestamp, Type.Null()])
}, { additionalProperties: false })
export const ProfileBody = Type.Object({
  sex: Type.Union([StringEnum(['female', 'male'] as const), Type.Null()], { description: 'female, male, or null to clear it.' })
}, { additionalProperties: false, examples: [{ sex: 'female' }] })
