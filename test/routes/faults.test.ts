// Fault injection (issue 5): what each fault does to CCS requests (the /__admin/faults routes themselves: test/admin/faults.test.ts).
import type { LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { seededRandom } from '../../src/admin/faults/seeded-random.js'
import type { FaultRuleView } from '../../src/schemas/fault.js'
import { addFault, createRule, FAULTS, faultRules as rules } from '../helpers/admin.js'
import { ADMIN, AUDITOR, build, jobPayload, login, postJob, requestToken, UNIX_ASSET } from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { DENIED, get } from '../helpers/read-api.js'

const JOB = 'a282d163-2248-4904-8135-0eaf08be8e55'
const JOB_URL = `/ccs/api/v1/jobs/${JOB}`
const ASSET_URL = `/ccs/api/v1/assets/${UNIX_ASSET}`
const INTERNAL = { Message: 'An error has occurred.' }

function expectError (t: Test, res: LightMyRequestResponse, status: number, body: unknown): void {
  t.equal(res.statusCode, status, `status ${status} (got ${res.statusCode} ${res.body})`)
  t.equal(res.headers['content-type'], JSON_UTF8)
  t.strictSame(res.json(), body)
}

t.test('a status rule with a count answers the vendor error, then disappears and the route works again', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const created = await createRule(app, { method: 'get', path: '/ccs/api/v1/jobs/*', count: 2, fault: { type: 'status', status: 500 } })
  t.equal(created.statusCode, 201)
  const rule = created.json<FaultRuleView>()
  t.match(rule, { id: /^[0-9a-f-]{36}$/, method: 'GET', path: '/ccs/api/v1/jobs/*', count: 2, remaining: 2, probability: 1, seed: Number, fired: 0, fault: { type: 'status', status: 500 } })
  t.equal(created.headers.location, `${FAULTS}/${rule.id}`)

  expectError(t, await get(app, token, JOB_URL), 500, INTERNAL)
  t.match((await app.inject({ method: 'GET', url: `${FAULTS}/${rule.id}` })).json(), { remaining: 1, fired: 1 })
  expectError(t, await get(app, undefined, JOB_URL), 500, INTERNAL)
  t.same(await rules(app), [], 'spent after two firings')
  expectError(t, await app.inject({ method: 'GET', url: `${FAULTS}/${rule.id}` }), 404, { statusCode: 404, error: 'Not Found', message: `No fault rule with ID '${rule.id}' exists.` })

  const res = await get(app, token, JOB_URL)
  t.equal(res.statusCode, 200, 'served normally once spent')
  t.equal(res.json<{ JobID: string }>().JobID, JOB)
})

t.test('status faults: the Web API body for the status, or the rule\'s own body and headers', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const cases: Array<[fault: Record<string, unknown>, status: number, body: unknown, headers: Record<string, string>]> = [
    [{ status: 401 }, 401, DENIED, { 'www-authenticate': 'Bearer' }],
    [{ status: 403 }, 403, { Message: 'You are not authorized to perform this task. Access is denied.' }, {}],
    [{ status: 404 }, 404, { Message: `No HTTP resource was found that matches the request URI 'http://localhost:80${ASSET_URL}'.` }, {}],
    [{ status: 503 }, 503, { Message: 'The service is unavailable.' }, {}],
    [{ status: 502 }, 502, INTERNAL, {}],
    [{ status: 409 }, 409, { Message: 'Conflict.' }, {}],
    [{ status: 429, body: { Message: 'Slow down.' }, headers: { 'Retry-After': '7' } }, 429, { Message: 'Slow down.' }, { 'retry-after': '7' }]
  ]
  for (const [fault, status, body, headers] of cases) {
    await addFault(app, { path: ASSET_URL, count: 1, fault: { type: 'status', ...fault } })
    const res = await get(app, token, ASSET_URL)
    expectError(t, res, status, body)
    t.match(res.headers, headers, `headers of ${status}`)
  }

  await addFault(app, { path: ASSET_URL, count: 1, fault: { type: 'status', status: 404 } })
  const echoed = await get(app, undefined, `${ASSET_URL}?access_token=query-secret-42`)
  expectError(t, echoed, 404, { Message: `No HTTP resource was found that matches the request URI 'http://localhost:80${ASSET_URL}?access_token=[Redacted]'.` })
  t.notMatch(echoed.body, /query-secret-42/, 'a token in the query is not echoed back')

  await addFault(app, { path: ASSET_URL, count: 1, fault: { type: 'status', status: 503, body: '<h1>Service Unavailable</h1>' } })
  const html = await get(app, token, ASSET_URL)
  t.equal(html.statusCode, 503)
  t.equal(html.headers['content-type'], 'text/plain; charset=utf-8', 'a string body is sent as it is')
  t.equal(html.body, '<h1>Service Unavailable</h1>')
  t.equal((await get(app, token, ASSET_URL)).statusCode, 200)
})

t.test('a rule without a user fires before authentication and before the body is read', async (t) => {
  const { app } = await build(t)
  await addFault(app, { method: 'POST', path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'status', status: 500 } })
  const payload = jobPayload()
  expectError(t, await postJob(app, 'not-a-token', '{ not json'), 500, INTERNAL)
  const token = await login(app)
  const res = await postJob(app, token, payload)
  t.equal(res.statusCode, 200, 'the rule is spent: the job is created')
})

t.test('empty: the real status and headers with no body; the request is served and its job stored', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  await addFault(app, { method: 'POST', path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'empty' } })
  const payload = jobPayload()
  const res = await postJob(app, token, payload)
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-length'], '0')
  t.equal(res.body, '')
  const name = (payload.JobDetails as { JobName: string }).JobName
  const stored = await get(app, token, `/ccs/api/v1/jobs?jobname=${encodeURIComponent(name)}`)
  t.equal(stored.statusCode, 200, 'the job was stored all the same')
  t.equal(stored.json<{ JobName: string }>().JobName, name)
})

t.test('truncate: the headers announce the whole body, a prefix of it arrives', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const whole = await get(app, token, ASSET_URL)
  await addFault(app, { path: ASSET_URL, count: 1, fault: { type: 'truncate', bytes: 25 } })
  await addFault(app, { path: ASSET_URL, count: 1, fault: { type: 'truncate' } })
  const cut = await get(app, token, ASSET_URL)
  t.equal(cut.statusCode, 200)
  t.equal(cut.headers['content-length'], String(Buffer.byteLength(whole.body)))
  t.equal(cut.body, whole.body.slice(0, 25))
  const half = await get(app, token, ASSET_URL)
  t.equal(half.body, whole.body.slice(0, Math.floor(whole.body.length / 2)), 'half of the body by default')
  await addFault(app, { path: ASSET_URL, count: 1, fault: { type: 'truncate', bytes: 1_000_000 } })
  t.equal((await get(app, token, ASSET_URL)).body, whole.body.slice(0, -1), 'never the whole body')
  t.equal((await get(app, token, ASSET_URL)).body, whole.body)
})

t.test('expiredToken: 401 as for an expired token, and that token stays dead; its refresh token still works', async (t) => {
  const { app } = await build(t)
  const pair = (await requestToken(app)).json<{ access_token: string, refresh_token: string }>()
  const other = await login(app)
  await addFault(app, { path: '/ccs/api/v1/jobs/*', count: 1, fault: { type: 'expiredToken' } })
  const res = await get(app, pair.access_token, JOB_URL)
  expectError(t, res, 401, DENIED)
  t.equal(res.headers['www-authenticate'], 'Bearer')
  expectError(t, await get(app, pair.access_token, ASSET_URL), 401, DENIED)
  t.equal((await get(app, other, ASSET_URL)).statusCode, 200, 'the same user\'s other token is untouched')
  const refreshed = await app.inject({ method: 'POST', url: '/ccs/api/v1/oauth/tokens', payload: `grant_type=refresh_token&refresh_token=${pair.refresh_token}` })
  t.equal(refreshed.statusCode, 200)
  t.equal((await get(app, refreshed.json<{ access_token: string }>().access_token, JOB_URL)).statusCode, 200)
})

t.test('delay: the request waits, then is served normally; closing the server ends the wait', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  await addFault(app, { path: ASSET_URL, count: 1, fault: { type: 'delay', ms: 5 } })
  t.equal((await get(app, token, ASSET_URL)).statusCode, 200, 'a short delay, then the normal answer')

  const rule = await addFault(app, { path: JOB_URL, fault: { type: 'delay', ms: 300_000 } })
  let settled = false
  const delayed = get(app, token, JOB_URL).then((res) => { settled = true; return res })
  t.equal((await get(app, token, ASSET_URL)).statusCode, 200, 'other requests are not held up')
  t.match((await app.inject({ method: 'GET', url: `${FAULTS}/${rule.id}` })).json(), { fired: 1 })
  t.equal(settled, false, 'the delayed request is still waiting')
  await app.close()
  const res = await delayed
  t.equal(res.statusCode, 200, 'served normally once the server closes')
  t.equal(res.json<{ JobID: string }>().JobID, JOB)
})

t.test('probability with a seed: the same requests fire the same way every time', async (t) => {
  async function run (): Promise<boolean[]> {
    const { app } = await build(t)
    const token = await login(app)
    await addFault(app, { path: ASSET_URL, probability: 0.5, seed: 2026, fault: { type: 'status', status: 503 } })
    const fired: boolean[] = []
    for (let i = 0; i < 16; i++) fired.push((await get(app, token, ASSET_URL)).statusCode === 503)
    t.equal((await rules(app))[0]?.fired, fired.filter(Boolean).length, 'fired counts the hits')
    return fired
  }
  const random = seededRandom(2026)
  const expected = Array.from({ length: 16 }, () => random() < 0.5)
  t.same(await run(), expected, 'the rule\'s own mulberry32 sequence decides')
  t.same(await run(), expected, 'again on a fresh server')
  t.ok(expected.includes(true) && expected.includes(false))
})

t.test('user rules: only that user\'s requests, once authenticated', async (t) => {
  const { app } = await build(t)
  const admin = await login(app)
  const auditor = await login(app, AUDITOR)
  await addFault(app, { path: '/ccs/**', user: 'DOMAIN1\\Auditor', fault: { type: 'status', status: 500 } })
  t.equal((await get(app, admin, ASSET_URL)).statusCode, 200, 'another user is not affected')
  expectError(t, await get(app, auditor, ASSET_URL), 500, INTERNAL)
  expectError(t, await get(app, undefined, ASSET_URL), 401, DENIED)
  expectError(t, await get(app, 'forged', ASSET_URL), 401, DENIED)
  t.equal((await rules(app))[0]?.fired, 1, 'unauthenticated requests do not fire it')
})

t.test('user rules on the token endpoint match the form\'s username', async (t) => {
  const { app } = await build(t)
  await addFault(app, { method: 'POST', path: '/ccs/api/v1/oauth/tokens', user: 'domain1\\AUDITOR', count: 2, fault: { type: 'status', status: 503 } })
  t.equal((await requestToken(app, ADMIN)).statusCode, 200)
  expectError(t, await requestToken(app, AUDITOR), 503, { Message: 'The service is unavailable.' })
  const form = await app.inject({ method: 'POST', url: '/ccs/api/v1/oauth/tokens', headers: { 'content-type': 'application/json' }, payload: 'grant_type=password&Username=domain1%5Cauditor&password=pass%40123' })
  expectError(t, form, 503, { Message: 'The service is unavailable.' })
  t.equal((await requestToken(app, AUDITOR)).statusCode, 200, 'spent')
})

t.test('method and path globs choose the requests', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  await addFault(app, { method: 'POST', path: '/ccs/api/v1/jobs/*', fault: { type: 'status', status: 500 } })
  await addFault(app, { method: 'GET', path: '/ccs/api/v1/asset*/*', fault: { type: 'status', status: 503 } })
  t.equal((await get(app, token, JOB_URL)).statusCode, 200, 'GET is not POST')
  t.equal((await app.inject({ method: 'POST', url: `/CCS/API/V1/Jobs/${JOB}/`, headers: { authorization: `Bearer ${token}` }, payload: { Operation: 'x' } })).statusCode, 500, 'case, trailing slash and an unknown route alike')
  t.equal((await get(app, token, `/ccs/api/v1/AssetGroup/817fd810-83e1-4a29-85ea-8aa6204421e3`)).statusCode, 503)
  t.equal((await get(app, token, `/ccs//api/v1/assets/${UNIX_ASSET}?x=1`)).statusCode, 503)
  t.not((await get(app, token, '/ccs/api/v1/assets')).statusCode, 503, 'one segment short: the route answers itself')
  t.equal((await get(app, token, '/ccs/api/v1/standards?Attributes=')).statusCode, 200)
})
