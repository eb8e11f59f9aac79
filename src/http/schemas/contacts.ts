import { Type } from 'typebox'
import { Timestamp } from './common.js'

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

