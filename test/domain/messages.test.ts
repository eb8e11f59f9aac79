import t from 'tap'
import { checkTemplate, gatewayBody } from '../../src/domain/messages/gateway-body.js'
import { crossing } from '../../src/domain/messages/reminders.js'
import { receiptText, reminderText } from '../../src/domain/messages/texts.js'

t.test('a gateway body escapes what it fills in for its format, so a message cannot break out of its field', async t => {
  const fill = { phone: '6281234567890', message: 'Bu "Sari": lunas\nCek: https://x/k?a=1&b=2', id: 'msg_1' }
  const json = gatewayBody('json', null, fill)
  t.same(JSON.parse(json), { phone: '6281234567890', message: fill.message }, 'the default JSON template, quotes and newline escaped')
  const form = new URLSearchParams(gatewayBody('form', 'target={phone}&message={message}&ref={id}', fill))
  t.same(Object.fromEntries(form), { target: '6281234567890', message: fill.message, ref: 'msg_1' }, 'form-encoded: & and = stay inside the value')
  const injected = gatewayBody('json', '{"to":"{phone}","text":"{message}"}', { ...fill, message: '","admin":true,"x":"' })
  t.same(Object.keys(JSON.parse(injected) as object), ['to', 'text'], 'a message with quotes adds no field')
  t.throws(() => { checkTemplate('json', '{"to":"{phone}","text":{message}}') }, { code: 'VALIDATION_FAILED' })
  t.throws(() => { checkTemplate('form', 'text={message}') }, { code: 'VALIDATION_FAILED' })
  t.doesNotThrow(() => { checkTemplate('json', null) })
})

t.test('receipt and reminder texts: the figures as people read them', async t => {
  t.equal(receiptText('P2WKSS Sedana Mertha', '2025-03-01', { kind: 'repayment', amount: 108500n, principal: 93500n, interest: 15000n, penalty: 0n, principalLeft: 406000n }, 'https://l/k'),
    'P2WKSS Sedana Mertha: angsuran Rp 108.500 diterima 1 Maret 2025 (pokok 93.500, jasa 15.000). Sisa pinjaman Rp 406.000. Cek: https://l/k', 'the issue\'s example')
  t.match(receiptText('G', '2025-03-01', { kind: 'repayment', amount: 102300n, principal: 100000n, interest: 0n, penalty: 2300n, principalLeft: 0n }, 'l'), /\(pokok 100\.000, jasa 0, denda 2\.300\)\. Pinjaman lunas\./)
  t.equal(reminderText('G', { kind: 'h-0', n: 2, dueDate: '2025-05-01', amount: 110000n, penalty: 0n, daysLate: 0 }), 'G: angsuran ke-2 jatuh tempo hari ini, 1 Mei 2025. Yang dibayar Rp 110.000.')
})

t.test('a monitor fires on the crossing, not while it stays past, and again after coming back', async t => {
  const walk = (values: bigint[]): boolean[] => {
    let past = false
    return values.map(v => { const c = crossing('kas_below', v, 200000n, past); past = c.past; return c.fire })
  }
  t.same(walk([500000n, 150000n, 140000n, 200000n, 199999n, 199999n]), [false, true, false, false, true, false])
  t.same(crossing('arrears_above', 50000n, 50000n, false), { past: false, fire: false }, 'at the threshold is not above it')
})
