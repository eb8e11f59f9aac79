import t from 'tap'
import { retryWait, RETRY_WAITS_S, MAX_ATTEMPTS, wants } from '../../src/domain/webhooks/delivery.js'
import { sign, signatureHeader, verify } from '../../src/domain/webhooks/signature.js'
import { privateAddress } from '../../src/services/webhook-targets.js'

t.test('signatures follow Standard Webhooks: the specification\'s published test vector', async t => {
  // The example secret, message id, timestamp and body of the Standard Webhooks specification, and its signature.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const body = '{"test": 2432232314}'
  t.equal(sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body), 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  const headers = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: '1614265330', signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }
  t.ok(verify(secret, headers, body, 1614265330), 'verifies')
  t.notOk(verify(secret, headers, '{"test": 2432232315}', 1614265330), 'a body changed by one digit does not')
  t.notOk(verify(secret, { ...headers, timestamp: '1614265331' }, body, 1614265330), 'nor a timestamp changed by a second')
  t.notOk(verify(secret, { ...headers, id: 'msg_other' }, body, 1614265330), 'nor another message id')
  t.notOk(verify(secret, headers, body, 1614265330 + 301), 'nor a delivery older than five minutes (a replay)')
  t.notOk(verify('whsec_' + Buffer.alloc(32, 1).toString('base64'), headers, body, 1614265330), 'nor another secret')
})

t.test('during a rotation the header carries a signature per secret, and either verifies', async t => {
  const a = 'whsec_' + Buffer.alloc(32, 7).toString('base64')
  const b = 'whsec_' + Buffer.alloc(32, 9).toString('base64')
  const header = signatureHeader([b, a], 'msg_1', 1700000000, '{}')
  t.equal(header.split(' ').length, 2)
  for (const s of [a, b]) t.ok(verify(s, { id: 'msg_1', timestamp: '1700000000', signature: header }, '{}', 1700000000))
})

t.test('retries: seven waits of about a day in all, each within ±10 %, then none', async t => {
  t.equal(MAX_ATTEMPTS, 8)
  const total = RETRY_WAITS_S.reduce((s, w) => s + w, 0)
  t.ok(total > 20 * 3600 && total < 30 * 3600, `${total / 3600} hours`)
  for (let n = 1; n <= RETRY_WAITS_S.length; n++) {
    const base = (RETRY_WAITS_S[n - 1] ?? 0) * 1000
    t.ok((retryWait(n, 0) ?? 0) >= base * 0.9 && (retryWait(n, 0.9999) ?? 0) <= base * 1.1, `attempt ${n}: ${base / 1000} s ± 10 %`)
  }
  t.equal(retryWait(8, 0.5), null, 'after the eighth attempt: failed')
  t.ok(wants(['*'], 'loan.repaid') && wants(['loan.repaid'], 'loan.repaid') && !wants(['savings.deposited'], 'loan.repaid'))
})

t.test('targets: loopback, private, link-local and mapped addresses are refused; public ones pass', async t => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', 'not-an-ip']) {
    t.ok(privateAddress(a), `${a} refused`)
  }
  for (const a of ['8.8.8.8', '103.28.12.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) t.notOk(privateAddress(a), `${a} allowed`)
})
