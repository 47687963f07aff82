import t from 'tap'
import { parseSmtpUrl, redactSmtpUrl, scrubSecrets, smtpUrlSecrets } from '../../../src/domain/runs/smtp-url.js'

t.test('parseSmtpUrl accepts smtp: and smtps: URLs with a host', async (t) => {
  const good = ['smtp://mail:2525', 'smtp://user:pass@mail.example.com:2525', 'smtps://user:pass@mail.example.com', 'SMTP://mail', ' smtp://127.0.0.1:25 ', 'smtp://[::1]:2525', 'smtp://mail?tls.rejectUnauthorized=false']
  for (const text of good) t.ok(parseSmtpUrl(text), text)
  const bad = ['', 'mail:25', 'http://mail', 'smtp:mail', 'smtp://', 'smtp://user:pass@', 'ftp://user:pass@mail', 'not a url', 'smtp://ma il']
  for (const text of bad) t.equal(parseSmtpUrl(text), undefined, JSON.stringify(text))
})

t.test('redactSmtpUrl hides the password and keeps the rest', async (t) => {
  t.equal(redactSmtpUrl('smtp://user:hunter2@mail:2525'), 'smtp://user:***@mail:2525')
  t.equal(redactSmtpUrl('smtps://mail'), 'smtps://mail')
  t.equal(redactSmtpUrl('http://u:p%40ss@mail'), 'http://u:***@mail/', 'any URL, also the wrong scheme')
  t.equal(redactSmtpUrl('no url: p@ss'), undefined, 'text that is no URL is not shown at all')
  t.equal(redactSmtpUrl('user:p@ss@mail:25'), undefined, 'nor a URL without a host, whose password cannot be told apart')
})

t.test('smtpUrlSecrets and scrubSecrets', async (t) => {
  t.same(smtpUrlSecrets('smtp://user:p%40ss%3Aw@mail'), ['p%40ss%3Aw', 'p@ss:w'], 'as written and decoded')
  t.same(smtpUrlSecrets('smtp://user:plain@mail'), ['plain'])
  t.same(smtpUrlSecrets('smtp://user@mail'), [])
  t.same(smtpUrlSecrets('smtp://user:%E0%A4%A@mail'), ['%E0%A4%A'], 'a malformed escape stays as written')
  t.equal(scrubSecrets('535 p@ss:w and p%40ss%3Aw and p@ss:w', ['p%40ss%3Aw', 'p@ss:w']), '535 *** and *** and ***')
  t.equal(scrubSecrets('nothing here', []), 'nothing here')
})
