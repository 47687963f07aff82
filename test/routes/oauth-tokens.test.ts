import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { ADMIN, build, login, postJob, requestToken } from '../helpers/build.js'

const TOKEN_URL = '/ccs/api/v1/oauth/tokens'
const INVALID_CREDENTIALS = { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' }
const MINUTE = 60_000

interface Pair { access_token: string, token_type: string, expires_in: number, refresh_token: string }

async function token (app: FastifyInstance, payload: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return await app.inject({ method: 'POST', url: TOKEN_URL, headers, payload })
}

async function refresh (app: FastifyInstance, refreshToken: string): Promise<LightMyRequestResponse> {
  return await token(app, `grant_type=refresh_token&refresh_token=${encodeURIComponent(refreshToken)}`, { 'content-type': 'application/x-www-form-urlencoded' })
}

async function loginPair (app: FastifyInstance): Promise<Pair> {
  const res = await requestToken(app)
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  return res.json<Pair>()
}

/**
 * Create Job with an empty body: 400 once the bearer token is accepted, 401 when it
 * is not (authentication runs before validation), so the status says which.
 */
async function probe (app: FastifyInstance, accessToken: string): Promise<number> {
  return (await postJob(app, accessToken, {})).statusCode
}

function assertPair (t: Test, res: LightMyRequestResponse, expiresIn = 3599): Pair {
  t.equal(res.statusCode, 200, res.statusCode === 200 ? 'answers 200' : res.body)
  const body = res.json<Pair>()
  t.same(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type'])
  t.equal(body.token_type, 'bearer')
  t.equal(body.expires_in, expiresIn)
  t.type(body.access_token, 'string')
  t.type(body.refresh_token, 'string')
  t.ok(body.access_token.length >= 40, 'access token is long')
  t.ok(body.refresh_token.length >= 40, 'refresh token is long')
  t.not(body.access_token, body.refresh_token, 'access and refresh tokens differ')
  t.equal(res.headers['cache-control'], 'no-cache')
  t.match(res.headers['content-type'], /^application\/json/)
  return body
}

t.test('password grant: the body is read as a form whatever the Content-Type says', async (t) => {
  const { app } = await build(t)
  const form = 'grant_type=password&username=domain1\\administrator&password=pass@123'
  const cases: Array<{ name: string, payload: string, headers: Record<string, string> }> = [
    { name: 'form body as application/json (vendor sample)', payload: form, headers: { 'content-type': 'application/json' } },
    { name: 'form body as application/x-www-form-urlencoded', payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { name: 'form body as text/plain', payload: form, headers: { 'content-type': 'text/plain' } },
    // inject sends a string payload without a content-type header unless told to.
    { name: 'form body with no content type', payload: form, headers: {} },
    { name: 'a public client\'s form (requests data=dict: + and %XX)', payload: 'username=domain1%5Cadministrator&password=pass%40123&grant_type=password', headers: { 'content-type': 'application/json' } },
    { name: 'form body with CRLF and trailing whitespace', payload: `${form}\r\n  `, headers: { 'content-type': 'application/json' } }
  ]
  const seen = new Set<string>()
  for (const c of cases) {
    await t.test(c.name, async (t) => {
      const res = await token(app, c.payload, c.headers)
      const pair = assertPair(t, res)
      t.notOk(seen.has(pair.access_token), 'a new access token per login')
      t.notOk(seen.has(pair.refresh_token), 'a new refresh token per login')
      seen.add(pair.access_token)
      seen.add(pair.refresh_token)
      t.equal(await probe(app, pair.access_token), 400, 'the access token authenticates')
    })
  }
})

t.test('a JSON object body is one odd form field, without grant_type: 400 unsupported_grant_type (OWIN reads forms; a public connector moved from JSON to a form to log in)', async (t) => {
  const { app } = await build(t)
  const pair = await loginPair(app)
  const bodies = [
    JSON.stringify({ grant_type: 'password', username: ADMIN.username, password: ADMIN.password }),
    JSON.stringify({ username: ADMIN.username, password: ADMIN.password, grant_type: 'password' }, null, 2),
    JSON.stringify({ grant_type: 'refresh_token', refresh_token: pair.refresh_token })
  ]
  for (const body of bodies) {
    for (const contentType of ['application/json', 'application/x-www-form-urlencoded']) {
      const res = await token(app, body, { 'content-type': contentType })
      t.equal(res.statusCode, 400, `${contentType}: ${body.slice(0, 40)}`)
      t.strictSame(res.json(), { error: 'unsupported_grant_type' })
      t.match(res.headers['content-type'], /^application\/json/)
    }
  }
  assertPair(t, await refresh(app, pair.refresh_token), 3599)
})

t.test('password grant: user name, password encodings and failures', async (t) => {
  const { app } = await build(t)
  const form = (fields: Record<string, string>): string => Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('&')
  const ok = [
    { name: 'user name in another letter case', body: form({ grant_type: 'password', username: 'DOMAIN1\\Administrator', password: 'pass@123' }) },
    { name: 'password Base64-encoded', body: form({ grant_type: 'password', username: ADMIN.username, password: 'cGFzc0AxMjM=' }) },
    { name: 'password URL-encoded', body: form({ grant_type: 'password', username: ADMIN.username, password: 'pass%40123' }) },
    { name: 'user name URL-encoded', body: form({ grant_type: 'password', username: 'domain1%5Cadministrator', password: 'pass@123' }) },
    { name: 'another user', body: form({ grant_type: 'password', username: 'domain1\\unixadmin', password: 'Unix%232026' }) }
  ]
  for (const c of ok) {
    await t.test(`200: ${c.name}`, async (t) => {
      const pair = assertPair(t, await token(app, c.body, { 'content-type': 'application/json' }))
      // unixadmin lacks the Standards folder: 403, still past authentication.
      t.not(await probe(app, pair.access_token), 401)
    })
  }

  const invalidGrant = [
    { name: 'wrong password', body: form({ grant_type: 'password', username: ADMIN.username, password: 'pass@1234' }) },
    { name: 'password in another letter case', body: form({ grant_type: 'password', username: ADMIN.username, password: 'PASS@123' }) },
    { name: 'Base64 of a wrong password', body: form({ grant_type: 'password', username: ADMIN.username, password: Buffer.from('pass@124').toString('base64') }) },
    { name: 'the password of another user', body: form({ grant_type: 'password', username: 'domain1\\unixadmin', password: 'pass@123' }) },
    { name: 'unknown user', body: form({ grant_type: 'password', username: 'domain1\\nobody', password: 'pass@123' }) },
    { name: 'user without domain', body: form({ grant_type: 'password', username: 'administrator', password: 'pass@123' }) },
    { name: 'missing password', body: form({ grant_type: 'password', username: ADMIN.username }) },
    { name: 'missing username', body: form({ grant_type: 'password', password: 'pass@123' }) },
    { name: 'empty password', body: form({ grant_type: 'password', username: ADMIN.username, password: '' }) },
    { name: 'only grant_type', body: 'grant_type=password' }
  ]
  for (const c of invalidGrant) {
    await t.test(`400 invalid_grant: ${c.name}`, async (t) => {
      const res = await token(app, c.body, { 'content-type': 'application/json' })
      t.equal(res.statusCode, 400)
      t.same(res.json(), INVALID_CREDENTIALS)
      t.match(res.headers['content-type'], /^application\/json/)
    })
  }

  const unsupported = [
    { name: 'no grant_type', body: form({ username: ADMIN.username, password: ADMIN.password }) },
    { name: 'empty body', body: '' },
    { name: 'unknown grant_type', body: form({ grant_type: 'client_credentials', username: ADMIN.username, password: ADMIN.password }) },
    { name: 'grant_type in another letter case (Password)', body: form({ grant_type: 'Password', username: ADMIN.username, password: ADMIN.password }) },
    { name: 'grant_type REFRESH_TOKEN', body: form({ grant_type: 'REFRESH_TOKEN', refresh_token: 'x' }) },
    { name: 'JSON body with an unknown grant_type', body: JSON.stringify({ grant_type: 'authorization_code' }) }
  ]
  for (const c of unsupported) {
    await t.test(`400 unsupported_grant_type: ${c.name}`, async (t) => {
      const res = await token(app, c.body, { 'content-type': 'application/json' })
      t.equal(res.statusCode, 400)
      t.same(res.json(), { error: 'unsupported_grant_type' })
    })
  }
})

t.test('refresh_token grant', async (t) => {
  t.test('returns a new pair that works; the old refresh token is single-use', async (t) => {
    const { app } = await build(t)
    const first = await loginPair(app)
    const res = await refresh(app, first.refresh_token)
    const second = assertPair(t, res)
    t.not(second.access_token, first.access_token)
    t.not(second.refresh_token, first.refresh_token)
    t.equal(await probe(app, second.access_token), 400, 'the new access token authenticates')
    t.equal(await probe(app, first.access_token), 400, 'the old access token lives on until it expires')

    const again = await refresh(app, first.refresh_token)
    t.equal(again.statusCode, 400, 'a used refresh token is refused')
    t.same(again.json(), { error: 'invalid_grant' })

    const third = assertPair(t, await refresh(app, second.refresh_token))
    t.equal(await probe(app, third.access_token), 400, 'the chain goes on')
  })

  t.test('works under any content type', async (t) => {
    const { app } = await build(t)
    const a = await loginPair(app)
    assertPair(t, await token(app, `grant_type=refresh_token&refresh_token=${a.refresh_token}`, { 'content-type': 'application/json' }))
    const b = await loginPair(app)
    assertPair(t, await token(app, `grant_type=refresh_token&refresh_token=${encodeURIComponent(b.refresh_token)}`, { 'content-type': 'text/plain' }))
  })

  t.test('unknown, missing or mistaken refresh tokens', async (t) => {
    const { app } = await build(t)
    const pair = await loginPair(app)
    const bad = [
      { name: 'unknown token', body: 'grant_type=refresh_token&refresh_token=not-a-token' },
      { name: 'missing token', body: 'grant_type=refresh_token' },
      { name: 'empty token', body: 'grant_type=refresh_token&refresh_token=' },
      { name: 'an access token', body: `grant_type=refresh_token&refresh_token=${pair.access_token}` }
    ]
    for (const c of bad) {
      const res = await token(app, c.body, { 'content-type': 'application/x-www-form-urlencoded' })
      t.equal(res.statusCode, 400, c.name)
      t.same(res.json(), { error: 'invalid_grant' }, c.name)
    }
    t.equal(await probe(app, pair.refresh_token), 401, 'a refresh token is not an access token')
    assertPair(t, await refresh(app, pair.refresh_token), 3599)
  })

  t.test('two concurrent refreshes with one token: exactly one succeeds', async (t) => {
    const { app } = await build(t)
    const pair = await loginPair(app)
    const results = await Promise.all([refresh(app, pair.refresh_token), refresh(app, pair.refresh_token)])
    const statuses = results.map((r) => r.statusCode).sort()
    t.same(statuses, [200, 400])
    const loser = results.find((r) => r.statusCode === 400)
    t.same(loser?.json(), { error: 'invalid_grant' })
  })

  t.test('many concurrent refreshes with distinct tokens all succeed', async (t) => {
    const { app } = await build(t)
    const pairs = await Promise.all(Array.from({ length: 10 }, async () => await loginPair(app)))
    const results = await Promise.all(pairs.map(async (p) => await refresh(app, p.refresh_token)))
    t.same(results.map((r) => r.statusCode), Array(10).fill(200))
    const fresh = results.map((r) => r.json<Pair>())
    t.equal(new Set(fresh.map((p) => p.refresh_token)).size, 10)
    for (const p of fresh) t.equal((await refresh(app, p.refresh_token)).statusCode, 200, 'each new refresh token is on record')
  })
})

t.test('expiry follows the clock', async (t) => {
  t.test('access token: valid at 3599 s, refused at 3600 s', async (t) => {
    const { app, clock } = await build(t)
    const accessToken = await login(app)
    clock.advance(3599_000)
    t.equal(await probe(app, accessToken), 400)
    clock.advance(999)
    t.equal(await probe(app, accessToken), 400, 'valid 1 ms before expiry')
    clock.advance(1)
    const res = await postJob(app, accessToken, {})
    t.equal(res.statusCode, 401)
    t.same(res.json(), { Message: 'Authorization has been denied for this request.' })
    clock.set(clock.now() - 10 * MINUTE)
    t.equal(await probe(app, accessToken), 401, 'an expired token stays dead')
  })

  t.test('refresh token: valid at 89 min, refused at 90 min', async (t) => {
    const { app, clock } = await build(t)
    const early = await loginPair(app)
    const late = await loginPair(app)
    clock.advance(89 * MINUTE)
    t.equal(await probe(app, early.access_token), 401, 'the access token is long gone')
    const renewed = assertPair(t, await refresh(app, early.refresh_token))
    t.equal(await probe(app, renewed.access_token), 400)
    clock.advance(MINUTE)
    const res = await refresh(app, late.refresh_token)
    t.equal(res.statusCode, 400)
    t.same(res.json(), { error: 'invalid_grant' })
    assertPair(t, await refresh(app, renewed.refresh_token), 3599)
  })

  t.test('a refreshed pair gets full lifetimes from the refresh time', async (t) => {
    const { app, clock } = await build(t)
    const first = await loginPair(app)
    clock.advance(80 * MINUTE)
    const second = assertPair(t, await refresh(app, first.refresh_token))
    clock.advance(59 * MINUTE)
    t.equal(await probe(app, second.access_token), 400)
    clock.advance(MINUTE)
    t.equal(await probe(app, second.access_token), 401)
    clock.advance(29 * MINUTE)
    assertPair(t, await refresh(app, second.refresh_token))
  })

  t.test('--access-token-ttl and --refresh-token-ttl set the lifetimes', async (t) => {
    const { app, clock } = await build(t, { accessTokenTtl: 60, refreshTokenTtl: 120 })
    const a = assertPair(t, await requestToken(app), 59)
    const b = assertPair(t, await requestToken(app), 59)
    clock.advance(59_999)
    t.equal(await probe(app, a.access_token), 400)
    clock.advance(1)
    t.equal(await probe(app, a.access_token), 401)
    clock.advance(59_999)
    const renewed = assertPair(t, await refresh(app, a.refresh_token), 59)
    clock.advance(1)
    t.same((await refresh(app, b.refresh_token)).json(), { error: 'invalid_grant' }, 'refused at 120 s')
    t.equal(await probe(app, renewed.access_token), 400)
  })
})

t.test('restart on the same data dir', async (t) => {
  const first = await build(t)
  const pair = await loginPair(first.app)
  const spare = await loginPair(first.app)
  await first.app.close()

  const second = await build(t, {}, first.dataDir)
  t.equal(await probe(second.app, pair.access_token), 401, 'access tokens die with the process')
  const renewed = assertPair(t, await refresh(second.app, pair.refresh_token))
  t.equal(await probe(second.app, renewed.access_token), 400)
  t.same((await refresh(second.app, pair.refresh_token)).json(), { error: 'invalid_grant' }, 'still single-use')
  await second.app.close()

  const third = await build(t, {}, first.dataDir)
  assertPair(t, await refresh(third.app, renewed.refresh_token), 3599)
  assertPair(t, await refresh(third.app, spare.refresh_token), 3599)
})

t.test('the refresh-token file holds no usable token', async (t) => {
  const { app, dataDir } = await build(t)
  const file = join(dataDir, 'tokens.json')
  const pair = await loginPair(app)
  const afterLogin = await readFile(file, 'utf8')
  const renewed = assertPair(t, await refresh(app, pair.refresh_token))
  const text = await readFile(file, 'utf8')
  t.not(text, afterLogin, 'the file is rewritten when a token is issued')
  t.notOk(afterLogin.includes(pair.refresh_token), 'the token text is not in the file')
  for (const secret of [pair.refresh_token, renewed.refresh_token, pair.access_token, renewed.access_token]) {
    t.notOk(text.includes(secret), 'the token text is not in the file')
  }
  t.notOk(text.includes('pass@123'), 'nor the password')
})
