// The /__admin/faults routes: first-class control-plane routes (admin error shape, admin key); what faults do is in test/routes/faults.test.ts.
import type { LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import type { FaultRuleView } from '../../src/schemas/fault.js'
import { addFault, createRule, FAULTS, faultRules } from '../helpers/admin.js'
import { build, UNIX_ASSET } from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { DENIED, get } from '../helpers/read-api.js'

const ASSET_URL = `/ccs/api/v1/assets/${UNIX_ASSET}`
const UNKNOWN_RULE = '00000000-0000-4000-8000-000000000001'
const KEY = 'faults-key-0123456789'

function expectBody (t: Test, res: LightMyRequestResponse, status: number, body: unknown): void {
  t.equal(res.statusCode, status, `status ${status} (got ${res.statusCode} ${res.body})`)
  t.equal(res.headers['content-type'], JSON_UTF8)
  t.strictSame(res.json(), body)
}

const noRule = (id: string): unknown => ({ statusCode: 404, error: 'Not Found', message: `No fault rule with ID '${id}' exists.` })

t.test('list, get, delete one, delete all; never faulted, no bearer token', async (t) => {
  const { app } = await build(t)
  const everything = await addFault(app, { path: '**', fault: { type: 'status', status: 500 } })
  const drop = await addFault(app, { path: '/__admin/**', fault: { type: 'drop' } })
  const listed = await app.inject({ method: 'GET', url: FAULTS })
  t.equal(listed.statusCode, 200, 'the admin routes are not faulted, even by ** or /__admin/**')
  t.same(listed.json<FaultRuleView[]>().map((r) => r.id), [everything.id, drop.id], 'in matching order')
  t.strictSame((await app.inject({ method: 'GET', url: `${FAULTS}/${drop.id.toUpperCase()}` })).json(), drop)
  expectBody(t, await get(app, undefined, ASSET_URL), 500, { Message: 'An error has occurred.' })

  t.equal((await app.inject({ method: 'DELETE', url: `${FAULTS}/${everything.id}` })).statusCode, 204)
  expectBody(t, await app.inject({ method: 'DELETE', url: `${FAULTS}/${everything.id}` }), 404, noRule(everything.id))
  expectBody(t, await app.inject({ method: 'GET', url: `${FAULTS}/${UNKNOWN_RULE}` }), 404, noRule(UNKNOWN_RULE))
  expectBody(t, await app.inject({ method: 'GET', url: `${FAULTS}/nope` }), 400, { statusCode: 400, error: 'Bad Request', message: 'id: must match format "uuid"', details: { id: ['must match format "uuid"'] } })
  await addFault(app, { path: '/x', fault: { type: 'empty' } })
  t.equal((await faultRules(app)).length, 2)
  const cleared = await app.inject({ method: 'DELETE', url: FAULTS })
  t.equal(cleared.statusCode, 204)
  t.same(await faultRules(app), [])
  expectBody(t, await get(app, undefined, ASSET_URL), 401, DENIED)
})

t.test('invalid rules: 400 naming each failing field in the message and in details', async (t) => {
  const { app } = await build(t)
  const ok = { path: '/x', fault: { type: 'drop' } }
  const cases: Array<[rule: Record<string, unknown>, details: Record<string, string[]>]> = [
    [{ fault: { type: 'drop' } }, { path: ['is required'] }],
    [{ path: '/x' }, { fault: ['is required'] }],
    [{ path: '', fault: { type: 'drop' } }, { path: ['must not be empty'] }],
    [{ path: 'ccs/api', fault: { type: 'drop' } }, { path: ["must start with '/' or '*'"] }],
    [{ ...ok, method: 'GE T' }, { method: ["must be an HTTP method such as GET, or '*'"] }],
    [{ ...ok, count: 0 }, { count: ['must be between 1 and 1000000'] }],
    [{ ...ok, probability: 1.5 }, { probability: ['must be between 0 and 1'] }],
    [{ ...ok, seed: -1 }, { seed: ['must be between 0 and 4294967295'] }],
    [{ path: '/x', fault: { type: 'Drop' } }, { 'fault.type': ['must be one of: delay, status, drop, empty, truncate, expiredToken, stub (case-sensitive)'] }],
    [{ path: '/x', fault: { type: 'delay' } }, { 'fault.minMs': ['a delay needs ms, or minMs and maxMs'] }],
    [{ path: '/x', fault: { type: 'delay', minMs: 5 } }, { 'fault.maxMs': ['a delay needs ms, or minMs and maxMs'] }],
    [{ path: '/x', fault: { type: 'delay', ms: 5, maxMs: 9 } }, { 'fault.ms': ['give either ms, or minMs and maxMs'] }],
    [{ path: '/x', fault: { type: 'delay', minMs: 9, maxMs: 5 } }, { 'fault.minMs': ['must not be greater than maxMs'] }],
    [{ path: '/x', fault: { type: 'delay', ms: 300_001 } }, { 'fault.ms': ['must be between 0 and 300000'] }],
    [{ path: '/x', fault: { type: 'status' } }, { 'fault.status': ["is required for a 'status' fault"] }],
    [{ path: '/x', fault: { type: 'status', status: 200 } }, { 'fault.status': ["must be between 400 and 599 for a 'status' fault (an error status)"] }],
    [{ path: '/x', fault: { type: 'drop', bytes: 3, status: 500 } }, { 'fault.status': ["does not apply to a 'drop' fault"], 'fault.bytes': ["does not apply to a 'drop' fault"] }],
    [{ path: '/x', fault: { type: 'status', status: 500, headers: { 'Bad Name': 'x', 'Content-Length': '3', 'X-Ok': 'a\nb' } } }, {
      'fault.headers.Bad Name': ['is not a valid header name'],
      'fault.headers.Content-Length': ['is set by the server'],
      'fault.headers.X-Ok': ['has a value that is not valid in a header']
    }]
  ]
  for (const [rule, details] of cases) {
    const message = Object.entries(details).map(([field, [reason]]) => `${field}: ${reason ?? ''}`).join('; ')
    expectBody(t, await createRule(app, rule), 400, { statusCode: 400, error: 'Bad Request', message, details })
  }

  const several = await createRule(app, { path: '/x', count: 0, fault: { type: 'status', status: 99 } })
  t.equal(several.json<{ message: string }>().message, 'count: must be between 1 and 1000000; fault.status: must be between 200 and 599', 'every bad field, in schema order')
  expectBody(t, await createRule(app, [ok]), 400, { statusCode: 400, error: 'Bad Request', message: 'the body must be object', details: { '': ['the body must be object'] } })
  const malformed = await app.inject({ method: 'POST', url: FAULTS, headers: { 'content-type': 'application/json' }, payload: '{"path":' })
  t.match(malformed.json(), { statusCode: 400, error: 'Bad Request', message: /not valid JSON/ })
  t.same(await faultRules(app), [], 'nothing was added')
})

t.test('behind the admin key like every control-plane route', async (t) => {
  const { app } = await build(t, { adminKey: KEY })
  const unauthorized = { statusCode: 401, error: 'Unauthorized', message: 'This control-plane request needs the admin key in the X-CCS-Mock-Admin-Key header.' }
  for (const [method, url] of [['POST', FAULTS], ['GET', FAULTS], ['DELETE', FAULTS], ['GET', `${FAULTS}/${UNKNOWN_RULE}`], ['DELETE', `${FAULTS}/${UNKNOWN_RULE}`]] as const) {
    expectBody(t, await app.inject({ method, url, payload: method === 'POST' ? { path: '/x', fault: { type: 'drop' } } : undefined }), 401, unauthorized)
  }
  const created = await app.inject({ method: 'POST', url: FAULTS, headers: { 'x-ccs-mock-admin-key': KEY }, payload: { path: '/x', fault: { type: 'drop' } } })
  t.equal(created.statusCode, 201)
  t.equal((await app.inject({ url: FAULTS, headers: { 'x-ccs-mock-admin-key': KEY } })).json<unknown[]>().length, 1, 'only the keyed request added a rule')
})
