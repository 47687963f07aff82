import { Writable } from 'node:stream'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { validateConfig } from '../src/cli.js'
import { createLogger } from '../src/logger.js'
import { jobPayload } from './helpers/build.js'

const PASSWORD = 'pass@123'
const PASSWORD_B64 = Buffer.from(PASSWORD).toString('base64')

function capture (): { stream: Writable, lines: () => Array<Record<string, unknown>>, text: () => string } {
  const chunks: string[] = []
  const stream = new Writable({ write (chunk, _enc, done) { chunks.push(String(chunk)); done() } })
  return {
    stream,
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
  }
}

t.test('one structured line per request, and no password, token or Authorization value anywhere', async (t) => {
  const out = capture()
  const app = await buildApp({ config: validateConfig({ dataDir: t.testdir(), logLevel: 'trace' }), logger: createLogger('trace', out.stream) })
  t.teardown(() => app.close())

  const tokenRes = await app.inject({
    method: 'POST',
    url: '/ccs/api/v1/oauth/tokens',
    headers: { 'content-type': 'application/json' },
    payload: `grant_type=password&username=domain1\\administrator&password=${PASSWORD}`
  })
  const { access_token: access, refresh_token: refresh } = tokenRes.json() as { access_token: string, refresh_token: string }
  const b64Res = await app.inject({
    method: 'POST',
    url: '/ccs/api/v1/oauth/tokens',
    payload: `grant_type=password&username=domain1\\administrator&password=${PASSWORD_B64}`
  })
  t.equal(b64Res.statusCode, 200)
  const refreshed = await app.inject({
    method: 'POST',
    url: '/ccs/api/v1/oauth/tokens',
    payload: `grant_type=refresh_token&refresh_token=${refresh}`
  })
  const newTokens = refreshed.json() as { access_token: string, refresh_token: string }
  const wrong = await app.inject({ method: 'POST', url: '/ccs/api/v1/oauth/tokens', payload: 'grant_type=password&username=domain1\\administrator&password=Secret-Wrong-1' })
  t.equal(wrong.statusCode, 400)
  const created = await app.inject({
    method: 'POST',
    url: `/ccs/api/v1/jobs?access_token=${access}`,
    headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
    payload: JSON.stringify(jobPayload())
  })
  t.equal(created.statusCode, 200)
  const denied = await app.inject({ method: 'POST', url: '/ccs/api/v1/jobs', headers: { authorization: 'Bearer not-a-real-token-value' }, payload: '{}' })
  t.equal(denied.statusCode, 401)

  const requestLines = out.lines().filter((l) => l.msg === 'request completed')
  t.equal(requestLines.length, 6, 'one line per request')
  t.same(requestLines.map((l) => l.statusCode), [200, 200, 200, 400, 200, 401])
  t.ok(requestLines.every((l) => typeof l.method === 'string' && typeof l.url === 'string' && typeof l.responseTimeMs === 'number'))
  t.equal(requestLines[4]?.user, 'domain1\\administrator')

  const text = out.text()
  for (const secret of [PASSWORD, PASSWORD_B64, 'Secret-Wrong-1', access, refresh, newTokens.access_token, newTokens.refresh_token, 'not-a-real-token-value']) {
    t.notOk(text.includes(secret), `log output does not contain ${secret.slice(0, 6)}…`)
  }
  t.notOk(/bearer /i.test(text), 'no Authorization header value')

  // Error bodies never echo a secret either.
  const errorBodies = [wrong.body, denied.body]
  for (const secret of ['Secret-Wrong-1', 'not-a-real-token-value', PASSWORD]) {
    t.notOk(errorBodies.some((body) => body.includes(secret)), `no error body contains ${secret.slice(0, 6)}…`)
  }
  const badRefresh = await app.inject({ method: 'POST', url: '/ccs/api/v1/oauth/tokens', payload: `grant_type=refresh_token&refresh_token=${refresh}` })
  t.equal(badRefresh.statusCode, 400, 'a used refresh token is refused')
  t.notOk(badRefresh.body.includes(refresh), 'without echoing it')
})

t.test('the SMTP URL (it may carry a password) is redacted wherever it is logged', async (t) => {
  const out = capture()
  const logger = createLogger('info', out.stream)
  const smtpUrl = 'smtp://mailer:Smtp-Log-Secret@mail:2525'
  const config = validateConfig({ smtpUrl })
  logger.info({ config }, 'starting')
  logger.info({ smtpUrl }, 'smtp')
  const lines = out.lines()
  t.equal(lines.length, 2)
  t.equal((lines[0]?.config as Record<string, unknown>).smtpUrl, '[Redacted]')
  t.equal(lines[1]?.smtpUrl, '[Redacted]')
  t.notOk(out.text().includes('Smtp-Log-Secret'), 'no password in the log')
})
