import t from 'tap'
import { BODY_LIMIT } from '../../src/admin/recorder.js'
import { countRequests, journal } from '../helpers/admin.js'
import { ADMIN, build, jobPayload, login, postJob, requestToken } from '../helpers/build.js'

const PASSWORD = ADMIN.password
const TOKEN_URL = '/ccs/api/v1/oauth/tokens'

t.test('each request is recorded: route, operation, status, user, time by the server clock', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  clock.advance(1500)
  const payload = jobPayload({ JobName: 'journal-job' })
  const created = await postJob(app, token, payload)
  t.equal(created.statusCode, 200)
  await app.inject({ method: 'GET', url: '/__admin/health' })

  const { total, requests } = await journal(app)
  t.equal(total, 2, 'admin requests are not journaled')
  const [job, tokenRequest] = requests
  t.match(job, {
    id: 2,
    time: new Date(clock.now()).toISOString(),
    method: 'POST',
    url: '/ccs/api/v1/jobs',
    path: '/ccs/api/v1/jobs',
    query: {},
    route: '/ccs/api/v1/jobs',
    operationId: 'createJob',
    status: 200,
    user: ADMIN.username,
    requestHeaders: { 'content-type': 'application/json', authorization: 'Bearer [Redacted]' },
    requestBodyTruncated: false,
    responseBody: created.body,
    responseBodyTruncated: false
  })
  t.equal(job?.requestBody, JSON.stringify(payload), 'the body as sent')
  t.type(job?.durationMs, 'number')
  t.match(tokenRequest, { id: 1, method: 'POST', route: TOKEN_URL, operationId: 'createToken', status: 200, user: null })
})

t.test('no password, token or Authorization value anywhere in the journal', async (t) => {
  const { app } = await build(t)
  const first = (await requestToken(app)).json() as { access_token: string, refresh_token: string }
  const b64 = Buffer.from(PASSWORD).toString('base64')
  await app.inject({ method: 'POST', url: TOKEN_URL, payload: `grant_type=password&username=${ADMIN.username}&password=${b64}` })
  await app.inject({ method: 'POST', url: TOKEN_URL, payload: `grant_type=password&username=${ADMIN.username}&Password=Wrong-Secret-77` })
  await app.inject({ method: 'POST', url: TOKEN_URL, payload: `grant_type=password&username=${ADMIN.username}&p%61ssword=Encoded-Name-Secret` })
  await app.inject({ method: 'POST', url: TOKEN_URL, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ grant_type: 'password', username: ADMIN.username, password: 'Json-Secret-88' }) })
  await app.inject({ method: 'POST', url: TOKEN_URL, headers: { 'content-type': 'application/json' }, payload: '{"grant_type":"password","pass\\u0077ord":"Escaped-Secret-99"}' })
  const refreshed = (await app.inject({ method: 'POST', url: TOKEN_URL, payload: `grant_type=refresh_token&refresh_token=${first.refresh_token}` })).json() as { access_token: string, refresh_token: string }
  await postJob(app, first.access_token, jobPayload(), { cookie: 'session=Cookie-Secret-55' })
  await app.inject({ method: 'GET', url: `/ccs/api/v1/jobs?Attributes=&access_token=${refreshed.access_token}`, headers: { authorization: `Bearer ${refreshed.access_token}` } })
  // Without Attributes no action takes the request: the 404 echoes the URI, its token masked.
  await app.inject({ method: 'GET', url: `/ccs/api/v1/jobs?access_token=${refreshed.access_token}` })
  await app.inject({ method: 'GET', url: `/ccs/api/v1/nowhere?access_token=${refreshed.access_token}` })
  await app.inject({ method: 'GET', url: '/ccs/api/v1/jobs?Attributes=', headers: { authorization: 'Raw-Token-Without-Scheme' } })

  const text = JSON.stringify(await journal(app))
  const secrets = [PASSWORD, b64, 'Wrong-Secret-77', 'Encoded-Name-Secret', 'Json-Secret-88', 'Escaped-Secret-99', 'Cookie-Secret-55', 'Raw-Token-Without-Scheme',
    first.access_token, first.refresh_token, refreshed.access_token, refreshed.refresh_token]
  for (const secret of secrets) t.notOk(text.includes(secret), `${secret.slice(0, 12)}… is not in the journal`)

  const { requests } = await journal(app, `?path=${TOKEN_URL}&status=200&limit=1`)
  t.match(requests[0]?.responseBody, /"access_token":"\[Redacted\]".*"refresh_token":"\[Redacted\]"/)
  t.match(requests[0]?.requestBody, /^grant_type=refresh_token&refresh_token=\[Redacted\]$/)
  const { requests: [passwordGrant] } = await journal(app, '?bodyContains=Wrong&limit=1')
  t.equal(passwordGrant, undefined, 'a masked value cannot be searched for')
  const { requests: [withQuery] } = await journal(app, '?path=/ccs/api/v1/jobs&method=GET&status=200')
  t.equal(withQuery?.url, '/ccs/api/v1/jobs?Attributes=&access_token=[Redacted]')
  t.same(withQuery?.query, { Attributes: '', access_token: '[Redacted]' })
})

t.test('the journal keeps the last --journal-size requests', async (t) => {
  const { app } = await build(t, { journalSize: 3 })
  for (let i = 1; i <= 5; i++) await app.inject({ method: 'GET', url: `/ccs/api/v1/jobs?n=${i}` })
  const { total, requests } = await journal(app)
  t.equal(total, 3)
  t.same(requests.map((r) => r.id), [5, 4, 3], 'newest first, oldest dropped')
  t.same(requests.map((r) => r.query.n), ['5', '4', '3'])
  const health = (await app.inject({ url: '/__admin/health' })).json() as { journal: { capacity: number, size: number } }
  t.same(health.journal, { capacity: 3, size: 3 })
})

t.test('DELETE /__admin/requests empties the journal; ids are never reused', async (t) => {
  const { app } = await build(t)
  await app.inject({ method: 'GET', url: '/ccs/api/v1/jobs' })
  const cleared = await app.inject({ method: 'DELETE', url: '/__admin/requests' })
  t.equal(cleared.statusCode, 204)
  t.equal((await journal(app)).total, 0)
  await app.inject({ method: 'GET', url: '/ccs/api/v1/jobs' })
  t.same((await journal(app)).requests.map((r) => r.id), [2])
})

t.test('bodies longer than the limit are cut and marked', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const long = JSON.stringify(jobPayload({ JobName: 'long', JobDescription: 'x'.repeat(BODY_LIMIT) }))
  await postJob(app, token, long)
  const { requests: [entry] } = await journal(app)
  t.equal(entry?.requestBodyTruncated, true)
  t.equal(Buffer.byteLength(entry?.requestBody ?? ''), BODY_LIMIT, 'the first BODY_LIMIT bytes')
  t.ok(long.startsWith(entry?.requestBody ?? 'x'))
  t.equal(entry?.responseBodyTruncated, false)
})

t.test('recording changes nothing about the answer: a too-large body is still a 413', async (t) => {
  const { app } = await build(t, { bodyLimit: 2048 })
  const res = await postJob(app, await login(app), { x: 'y'.repeat(4096) })
  t.equal(res.statusCode, 413)
  const { requests: [entry] } = await journal(app)
  t.equal(entry?.status, 413)
  t.equal(entry?.requestBody, null, 'refused before reading')
})

t.test('every filter', async (t) => {
  const { app, clock } = await build(t)
  const start = clock.now()
  const token = await login(app) // 1: POST token 200, t0
  clock.advance(60_000)
  await postJob(app, token, jobPayload({ JobName: 'filter-me' })) // 2: POST jobs 200, t0+60s
  clock.advance(60_000)
  await app.inject({ method: 'GET', url: '/ccs/api/v1/Jobs/00000000-0000-0000-0000-000000000001', headers: { authorization: `Bearer ${token}` } }) // 3: 404
  await app.inject({ method: 'GET', url: '/ccs/api/v1/assets/d387d8b5-6278-4bcb-83c7-b55d2072d2a8' }) // 4: 401
  await app.inject({ method: 'POST', url: '/ccs/api/v1/job', payload: {} }) // 5: 404, no route
  const at = (ms: number): string => encodeURIComponent(new Date(start + ms).toISOString())

  const rows: Array<[string, number[]]> = [
    ['', [5, 4, 3, 2, 1]],
    ['?method=post', [5, 2, 1]],
    ['?path=/ccs/api/v1/jobs', [2]],
    ['?path=/CCS/API/V1/JOBS', [2]],
    ['?path=/ccs/api/v1/jobs*', [3, 2]],
    ['?path=*/assets/*', [4]],
    ['?pathPattern=' + encodeURIComponent('^/ccs/api/v1/jobs?$'), [5, 2]],
    ['?status=404', [5, 3]],
    ['?status=4xx', [5, 4, 3]],
    ['?status=2xx', [2, 1]],
    ['?user=DOMAIN1\\Administrator', [3, 2]],
    ['?bodyContains=' + encodeURIComponent('"JobName":"filter-me"'), [2]],
    [`?since=${at(60_000)}`, [5, 4, 3, 2]],
    [`?until=${at(60_000)}`, [1]],
    [`?since=${at(60_000)}&until=${at(120_000)}`, [2]],
    ['?method=GET&status=4xx', [4, 3]],
    ['?limit=2', [5, 4]]
  ]
  for (const [query, ids] of rows) {
    const list = await journal(app, query)
    t.same(list.requests.map((r) => r.id), ids, query || '(no filter)')
    if (query !== '?limit=2') t.equal(list.total, ids.length)
  }
  t.equal((await journal(app, '?limit=2')).total, 5, 'total counts before the limit')

  for (const bad of ['?status=42', '?status=6xx', '?limit=0', '?since=yesterday', '?pathPattern=' + encodeURIComponent('(unclosed')]) {
    const res = await app.inject({ url: `/__admin/requests${bad}` })
    t.equal(res.statusCode, 400, bad)
    t.equal((res.json() as { error: string }).error, 'Bad Request')
  }
})

t.test('POST /__admin/requests/count verifies calls', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  await postJob(app, token, jobPayload({ JobName: 'counted' }))
  await postJob(app, token, jobPayload({ JobName: 'counted' }))
  await app.inject({ method: 'GET', url: '/ccs/api/v1/standards' })

  const rows: Array<[Record<string, unknown>, number]> = [
    [{}, 4],
    [{ method: 'POST', path: '/ccs/api/v1/jobs' }, 2],
    [{ method: 'POST', path: '/ccs/api/v1/jobs', status: 200 }, 1],
    [{ method: 'POST', path: '/ccs/api/v1/jobs', status: 400 }, 1],
    [{ status: '4xx' }, 2],
    [{ pathPattern: 'standards$' }, 1],
    [{ user: 'domain1\\administrator' }, 2],
    [{ bodyContains: '"counted"' }, 2],
    [{ method: 'DELETE' }, 0],
    [{ Method: 'post', PATH: '/ccs/api/v1/oauth/tokens' }, 1]
  ]
  for (const [matcher, count] of rows) t.equal(await countRequests(app, matcher), count, JSON.stringify(matcher))

  const bad = await app.inject({ method: 'POST', url: '/__admin/requests/count', payload: { status: 'teapot' } })
  t.equal(bad.statusCode, 400)
  const malformed = await app.inject({ method: 'POST', url: '/__admin/requests/count', headers: { 'content-type': 'application/json' }, payload: '{"method":' })
  t.equal(malformed.statusCode, 400)
  t.match(malformed.json(), { statusCode: 400, error: 'Bad Request', message: /not valid JSON/ })
})

t.test('--journal-size 0: no journal, the journal routes answer 409', async (t) => {
  const { app } = await build(t, { journalSize: 0 })
  await app.inject({ method: 'GET', url: '/ccs/api/v1/jobs' })
  for (const route of [{ method: 'GET', url: '/__admin/requests' }, { method: 'GET', url: '/__admin/requests/unmatched' }, { method: 'POST', url: '/__admin/requests/count', payload: {} }] as const) {
    const res = await app.inject(route)
    t.equal(res.statusCode, 409, `${route.method} ${route.url}`)
    t.match(res.json(), { error: 'Conflict', message: /--journal-size 0/ })
  }
  const coverage = (await app.inject({ url: '/__admin/coverage' })).json() as { summary: { operationsExercised: number } }
  t.equal(coverage.summary.operationsExercised, 1, 'coverage counts without a journal')
})
