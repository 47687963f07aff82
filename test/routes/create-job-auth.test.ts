// POST /ccs/api/v1/jobs: bearer token (401), permissions (403, spec §4) and unknown routes (404).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { ADMIN, AUDITOR, build, jobPayload, login, postJob, requestToken, SCANNER } from '../helpers/build.js'
import { expectCreated, JSON_UTF8, storedJobs } from '../helpers/create-job.js'

const UNIX_ADMIN = { username: 'domain1\\unixadmin', password: 'Unix#2026' }
const DENIED = { Message: 'Authorization has been denied for this request.' }
const FORBIDDEN = { Message: 'You are not authorized to perform this task. Access is denied.' }

function expectUnauthorized (t: Test, res: LightMyRequestResponse): void {
  t.equal(res.statusCode, 401, 'status 401')
  t.equal(res.headers['www-authenticate'], 'Bearer', 'www-authenticate: Bearer')
  t.equal(res.headers['content-type'], JSON_UTF8)
  t.strictSame(res.json(), DENIED)
}

function expectForbidden (t: Test, res: LightMyRequestResponse): void {
  t.equal(res.statusCode, 403, 'status 403')
  t.equal(res.headers['content-type'], JSON_UTF8)
  t.strictSame(res.json(), FORBIDDEN)
}

async function post (app: FastifyInstance, headers: Record<string, string>, payload: string = JSON.stringify(jobPayload())): Promise<LightMyRequestResponse> {
  return await app.inject({ method: 'POST', url: '/ccs/api/v1/jobs', headers: { 'content-type': 'application/json', ...headers }, payload })
}

t.test('401: missing, malformed or unknown bearer tokens (spec §3)', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const refreshToken = ((await requestToken(app)).json() as { refresh_token: string }).refresh_token
  const before = (await storedJobs(dataDir)).length
  const rows: Array<[string, Record<string, string>]> = [
    ['no Authorization header', {}],
    ['empty Authorization header', { authorization: '' }],
    ['"Bearer" without a token', { authorization: 'Bearer' }],
    ['"Bearer " and blanks', { authorization: 'Bearer    ' }],
    ['the token without the scheme', { authorization: token }],
    ['Basic scheme', { authorization: `Basic ${Buffer.from('domain1\\administrator:pass@123').toString('base64')}` }],
    ['Basic scheme with the access token', { authorization: `Basic ${token}` }],
    ['two tokens', { authorization: `Bearer ${token} ${token}` }],
    ['unknown token', { authorization: 'Bearer not-a-token' }],
    ['the token with one character changed', { authorization: `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }],
    ['a refresh token used as an access token', { authorization: `Bearer ${refreshToken}` }]
  ]
  for (const [name, headers] of rows) {
    await t.test(name, async (t) => { expectUnauthorized(t, await post(app, headers)) })
  }
  t.equal((await storedJobs(dataDir)).length, before, 'nothing was stored')

  // The scheme is case-insensitive (RFC 7235); the same token then works.
  await t.test('"bearer" in lower case with the live token: accepted', async (t) => {
    await expectCreated(t, await post(app, { authorization: `bearer ${token}` }), dataDir)
  })
})

t.test('401 wins over a bad body', async (t) => {
  const { app } = await build(t)
  const cases: Array<[string, Record<string, string>, string]> = [
    ['malformed JSON', {}, '{"JobDetails":'],
    ['empty body', {}, ''],
    ['invalid fields', {}, JSON.stringify(jobPayload({ AssetTimeOut: 0 }, { JobType: 'nope' }))],
    ['unsupported media type', { 'content-type': 'text/plain' }, 'hello'],
    ['unknown token and malformed JSON', { authorization: 'Bearer nope' }, '{']
  ]
  for (const [name, headers, body] of cases) {
    await t.test(name, async (t) => { expectUnauthorized(t, await post(app, headers, body)) })
  }
})

t.test('an access token expires after 60 minutes (spec §3)', async (t) => {
  const { app, clock, dataDir } = await build(t)
  const token = await login(app)
  clock.advance(3600_000 - 1)
  await t.test('one millisecond before expiry: accepted', async (t) => {
    await expectCreated(t, await postJob(app, token, jobPayload()), dataDir)
  })
  clock.advance(1)
  await t.test('at 60 minutes: 401', async (t) => { expectUnauthorized(t, await postJob(app, token, jobPayload())) })
  clock.advance(3600_000)
  await t.test('later still: 401', async (t) => { expectUnauthorized(t, await postJob(app, token, jobPayload())) })
  await t.test('a fresh login works again', async (t) => {
    await expectCreated(t, await postJob(app, await login(app), jobPayload()), dataDir)
  })
})

t.test('expired token: clock.advance(3600_000) right after login', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  clock.advance(3600_000)
  expectUnauthorized(t, await postJob(app, token, jobPayload()))
})

t.test('403: a caller without every task and folder Create Job needs (spec §4)', async (t) => {
  const { app, dataDir } = await build(t)
  const before = (await storedJobs(dataDir)).length
  const callers: Array<[string, { username: string, password: string }]> = [
    ['auditor (View tasks only)', AUDITOR],
    ['scanner (no Standards folder)', SCANNER],
    ['unixadmin (only a sub-folder of Asset System)', UNIX_ADMIN]
  ]
  for (const [name, credentials] of callers) {
    await t.test(name, async (t) => {
      const token = await login(app, credentials)
      expectForbidden(t, await postJob(app, token, jobPayload()))
      await t.test('403 wins over a malformed body', async (t) => {
        expectForbidden(t, await postJob(app, token, '{"JobDetails":'))
      })
      await t.test('403 wins over an empty body', async (t) => {
        expectForbidden(t, await postJob(app, token, ''))
      })
      await t.test('403 wins over invalid fields', async (t) => {
        expectForbidden(t, await postJob(app, token, jobPayload({ AssetTimeOut: 0, Standards: [] }, { JobType: 'x' })))
      })
      await t.test('403 wins over an unsupported media type', async (t) => {
        expectForbidden(t, await postJob(app, token, 'hello', { 'content-type': 'text/plain' }))
      })
    })
  }
  t.equal((await storedJobs(dataDir)).length, before, 'nothing was stored')

  await t.test('the administrator, with every task and folder: accepted', async (t) => {
    const job = await expectCreated(t, await postJob(app, await login(app, ADMIN), jobPayload()), dataDir)
    t.equal(job.CreatedBy, ADMIN.username)
  })
})

t.test('404: an unknown route under /ccs/api/v1 (spec §1)', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const rows: Array<[string, string, string]> = [
    ['POST', '/ccs/api/v1/job', 'with a token'],
    ['POST', '/ccs/api/v1/jobs/extra/segments', 'with a token'],
    ['POST', '/ccs/api/v2/jobs', 'with a token'],
    ['GET', '/ccs/api/v1/nothing-here', 'with a token'],
    ['POST', '/ccs/api/v1/nothing-here', 'without a token']
  ]
  for (const [method, url, how] of rows) {
    await t.test(`${method} ${url} ${how}`, async (t) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (how === 'with a token') headers.authorization = `Bearer ${token}`
      const res = await app.inject({ method: method as 'GET' | 'POST', url, headers, payload: method === 'POST' ? JSON.stringify(jobPayload()) : undefined })
      t.equal(res.statusCode, 404)
      t.equal(res.headers['content-type'], JSON_UTF8)
      const body = res.json() as { Message: string }
      t.strictSame(Object.keys(body), ['Message'])
      t.match(body.Message, /^No HTTP resource was found that matches the request URI '/)
      t.ok(body.Message.endsWith(`${url}'.`), `the message names the URI (${body.Message})`)
    })
  }
})

t.test('405: a known route with a method it does not support (Web API)', async (t) => {
  const { app } = await build(t)
  for (const [method, url, allow] of [['DELETE', '/ccs/api/v1/oauth/tokens', 'POST'], ['PUT', '/CCS/API/V1/OAuth/Tokens?x=1', 'POST']] as const) {
    const res = await app.inject({ method, url })
    t.equal(res.statusCode, 405, `${method} ${url}`)
    t.equal(res.headers.allow, allow)
    t.strictSame(res.json(), { Message: `The requested resource does not support http method '${method}'.` })
  }
})
