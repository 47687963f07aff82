// Fault injection (issue 5): the /__admin/faults control routes and what each fault does to CCS requests.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { seededRandom } from '../../src/domain/seeded-random.js'
import type { FaultRuleView } from '../../src/schemas/fault.js'
import { ADMIN, AUDITOR, build, jobPayload, login, postJob, requestToken, UNIX_ASSET } from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { DENIED, get } from '../helpers/read-api.js'

const FAULTS = '/__admin/faults'
const JOB = 'a282d163-2248-4904-8135-0eaf08be8e55'
const JOB_URL = `/ccs/api/v1/jobs/${JOB}`
const ASSET_URL = `/ccs/api/v1/assets/${UNIX_ASSET}`
const INTERNAL = { Message: 'An error has occurred.' }
const UNKNOWN_RULE = '00000000-0000-4000-8000-000000000001'

async function createRule (app: FastifyInstance, rule: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({ method: 'POST', url: FAULTS, payload: rule as Record<string, unknown> })
}

async function addFault (app: FastifyInstance, rule: unknown): Promise<FaultRuleView> {
  const res = await createRule(app, rule)
  if (res.statusCode !== 201) throw new Error(`fault rule refused: ${res.statusCode} ${res.body}`)
  return res.json<FaultRuleView>()
}

async function rules (app: FastifyInstance): Promise<FaultRuleView[]> {
  return (await app.inject({ method: 'GET', url: FAULTS })).json<FaultRuleView[]>()
}

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
  expectError(t, await app.inject({ method: 'GET', url: `${FAULTS}/${rule.id}` }), 404, { Message: `No fault rule with ID '${rule.id}' exists.` })

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
  const json = await app.inject({ method: 'POST', url: '/ccs/api/v1/oauth/tokens', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ grant_type: 'password', Username: 'domain1\\auditor', password: 'pass@123' }) })
  expectError(t, json, 503, { Message: 'The service is unavailable.' })
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
  t.equal((await get(app, token, '/ccs/api/v1/standards')).statusCode, 200)
})

t.test('the control plane: list, get, delete one, delete all; never faulted, no bearer token', async (t) => {
  const { app } = await build(t)
  const everything = await addFault(app, { path: '**', fault: { type: 'status', status: 500 } })
  const drop = await addFault(app, { path: '/__admin/**', fault: { type: 'drop' } })
  const listed = await app.inject({ method: 'GET', url: FAULTS })
  t.equal(listed.statusCode, 200, 'the admin routes are not faulted, even by ** or /__admin/**')
  t.same(listed.json<FaultRuleView[]>().map((r) => r.id), [everything.id, drop.id], 'in matching order')
  t.strictSame((await app.inject({ method: 'GET', url: `${FAULTS}/${drop.id.toUpperCase()}` })).json(), drop)
  expectError(t, await get(app, undefined, ASSET_URL), 500, INTERNAL)

  t.equal((await app.inject({ method: 'DELETE', url: `${FAULTS}/${everything.id}` })).statusCode, 204)
  expectError(t, await app.inject({ method: 'DELETE', url: `${FAULTS}/${everything.id}` }), 404, { Message: `No fault rule with ID '${everything.id}' exists.` })
  expectError(t, await app.inject({ method: 'GET', url: `${FAULTS}/${UNKNOWN_RULE}` }), 404, { Message: `No fault rule with ID '${UNKNOWN_RULE}' exists.` })
  t.equal((await app.inject({ method: 'GET', url: `${FAULTS}/nope` })).statusCode, 400)
  await addFault(app, { path: '/x', fault: { type: 'empty' } })
  t.equal((await rules(app)).length, 2)
  const cleared = await app.inject({ method: 'DELETE', url: FAULTS })
  t.equal(cleared.statusCode, 204)
  t.same(await rules(app), [])
  expectError(t, await get(app, undefined, ASSET_URL), 401, DENIED)
})

t.test('invalid rules: 400 naming each failing field', async (t) => {
  const { app } = await build(t)
  const ok = { path: '/x', fault: { type: 'drop' } }
  const cases: Array<[rule: Record<string, unknown>, modelState: Record<string, string[]>]> = [
    [{ fault: { type: 'drop' } }, { 'request.path': ['The path field is required.'] }],
    [{ path: '/x' }, { 'request.fault': ['The fault field is required.'] }],
    [{ path: '', fault: { type: 'drop' } }, { 'request.path': ['The path field is required.'] }],
    [{ path: 'ccs/api', fault: { type: 'drop' } }, { 'request.path': ["The path must start with '/' or '*'."] }],
    [{ ...ok, method: 'GE T' }, { 'request.method': ["The method must be an HTTP method such as GET, or '*'."] }],
    [{ ...ok, count: 0 }, { 'request.count': ['The field count must be between 1 and 1000000.'] }],
    [{ ...ok, probability: 1.5 }, { 'request.probability': ['The field probability must be between 0 and 1.'] }],
    [{ ...ok, seed: -1 }, { 'request.seed': ['The field seed must be between 0 and 4294967295.'] }],
    [{ path: '/x', fault: { type: 'Drop' } }, { 'request.fault.type': ['The type field must be one of: delay, status, drop, empty, truncate, expiredToken. Values are case-sensitive.'] }],
    [{ path: '/x', fault: { type: 'delay' } }, { 'request.fault.minMs': ['A delay needs ms, or minMs and maxMs.'] }],
    [{ path: '/x', fault: { type: 'delay', minMs: 5 } }, { 'request.fault.maxMs': ['A delay needs ms, or minMs and maxMs.'] }],
    [{ path: '/x', fault: { type: 'delay', ms: 5, maxMs: 9 } }, { 'request.fault.ms': ['Give either ms, or minMs and maxMs.'] }],
    [{ path: '/x', fault: { type: 'delay', minMs: 9, maxMs: 5 } }, { 'request.fault.minMs': ['The field minMs must not be greater than maxMs.'] }],
    [{ path: '/x', fault: { type: 'delay', ms: 300_001 } }, { 'request.fault.ms': ['The field ms must be between 0 and 300000.'] }],
    [{ path: '/x', fault: { type: 'status' } }, { 'request.fault.status': ['The status field is required.'] }],
    [{ path: '/x', fault: { type: 'status', status: 200 } }, { 'request.fault.status': ['The field status must be between 400 and 599.'] }],
    [{ path: '/x', fault: { type: 'drop', bytes: 3, status: 500 } }, { 'request.fault.status': ["The field status does not apply to a 'drop' fault."], 'request.fault.bytes': ["The field bytes does not apply to a 'drop' fault."] }],
    [{ path: '/x', fault: { type: 'status', status: 500, headers: { 'Bad Name': 'x', 'Content-Length': '3', 'X-Ok': 'a\nb' } } }, {
      'request.fault.headers.Bad Name': ["'Bad Name' is not a valid header name."],
      'request.fault.headers.Content-Length': ["The header 'Content-Length' is set by the server."],
      'request.fault.headers.X-Ok': ["The value of the header 'X-Ok' is not valid."]
    }]
  ]
  for (const [rule, modelState] of cases) {
    expectError(t, await createRule(app, rule), 400, { Message: 'The request is invalid.', ModelState: modelState })
  }
  t.same(await rules(app), [], 'nothing was added')
})
