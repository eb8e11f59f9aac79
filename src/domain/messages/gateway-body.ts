import { invalid } from '../errors.js'

/**
 * The body a generic HTTP message gateway is sent: its template with {phone}, {message} and {id} (the message's id, for
 * a gateway that drops repeats) filled in, escaped for the body's format: JSON string contents, or form-encoded. The
 * defaults fit most Indonesian WhatsApp and SMS gateways; a gateway that wants other field names gets its own template.
 */
export type BodyFormat = 'json' | 'form'

export const DEFAULT_TEMPLATE: Record<BodyFormat, string> = {
  json: '{"phone":"{phone}","message":"{message}"}',
  form: 'phone={phone}&message={message}'
}

export interface Fill { phone: string, message: string, id: string }

export function gatewayBody (format: BodyFormat, template: string | null, fill: Fill): string {
  const escape = format === 'json' ? (v: string) => JSON.stringify(v).slice(1, -1) : encodeURIComponent
  return (template ?? DEFAULT_TEMPLATE[format]).replace(/\{(phone|message|id)\}/g, (_, name: keyof Fill) => escape(fill[name]))
}

/** Refuses a template that says neither {phone} nor {message}, or (JSON) that is not JSON once filled in. */
export function checkTemplate (format: BodyFormat, template: string | null, field = 'bodyTemplate'): void {
  if (template === null) return
  if (!template.includes('{phone}') || !template.includes('{message}')) throw invalid(field, 'the template must contain {phone} and {message}')
  if (format === 'json') {
    try { JSON.parse(gatewayBody(format, template, { phone: '6281234567890', message: 'a "test"\nline', id: 'msg_1' })) } catch {
      throw invalid(field, 'filled in, the template is not JSON: put {phone} and {message} inside JSON strings, e.g. {"target":"{phone}","text":"{message}"}')
    }
  }
}
