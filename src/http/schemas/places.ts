import { Type } from 'typebox'
import { Timestamp } from './common.js'

/** Where a group is (src/http/routes/places.ts). */
const Name = Type.Union([Type.String({ maxLength: 100 }), Type.Null()])
export const PlaceBody = Type.Object({
  regionCode: Type.Union([Type.String({ maxLength: 13, description: 'The most precise Kemendagri code known: 51.03.05.2001 (desa), 51.03.05 (kecamatan), 51.03 (kabupaten/kota) or 51 (provinsi).' }), Type.Null()]),
  province: Name,
  regency: Name,
  district: Name,
  village: Name
}, { additionalProperties: false, description: 'The whole place, every field (null for one not known): a body that leaves one out is refused, so a careless {} never wipes it.', examples: [{ regionCode: '51.03.05.2001', province: 'Bali', regency: 'Badung', district: 'Abiansemal', village: 'Abiansemal' }] })
/** Where a group is, without who set it: the roll-up's rows and the public page. */
export const PlaceNames = Type.Object({
  regionCode: Type.Union([Type.String(), Type.Null()]),
  province: Name,
  regency: Name,
  district: Name,
  village: Name
}, { additionalProperties: false })
export const PlaceJson = Type.Object({
  regionCode: Type.Union([Type.String(), Type.Null()]),
  province: Name,
  regency: Name,
  district: Name,
  village: Name,
  updatedAt: Type.Union([Timestamp, Type.Null()], { description: 'null: never set.' })
}, { additionalProperties: false })
