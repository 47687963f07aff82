// Issue 12: what a session owns — its clock, tokens, fault rules, journal, coverage and
// notifications — and the limits on sessions.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { test } from 'tap'
import { build, jobPayload, login, loginIn, postJob, WEEKLY_JOB } from '../helpers/build.js'

const API = '/ccs/api/v1'
const FORM = 'grant_type=password&username=domain1%5Cadministrator&password=pass%40123'

async function admin (app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return await app.inject({ method, url: `/__admin${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
}

async function read (app: FastifyInstance, token: string, session?: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: `${API}/Jobs/${WEEKLY_JOB}`, headers: { authorization: `Bearer ${token}`, ...(session === undefined ? {} : { 'x-ccs-mock-session': session }) } })).statusCode
}

test('tokens: good only in the data set that issued them; refresh tokens likewise', async (t) => {
  const { app, dataDir } = await build(t)
  const inDefault = await login(app)
  const inA = await loginIn(app, 'a')
  t.equal(await read(app, inA, 'a'), 200)
  t.equal(await read(app, inA, 'A'), 200, 'session names ignore case')
  t.equal(await read(app, inA), 401, 'a session token in the default data set: unknown')
  t.equal(await read(app, inA, 'b'), 401, 'in another session: unknown')
  t.equal(await read(app, inDefault, 'a'), 401, 'a default token in a session: unknown')

  const pair = (await app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: { 'x-ccs-mock-session': 'a' }, payload: FORM })).json() as { refresh_token: string }
  const refreshElsewhere = await app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: { 'x-ccs-mock-session': 'b' }, payload: `grant_type=refresh_token&refresh_token=${pair.refresh_token}` })
  t.equal(refreshElsewhere.statusCode, 400, 'a refresh token of session a in session b')
  t.same(refreshElsewhere.json(), { error: 'invalid_grant' })
  const refreshed = await app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: { 'x-ccs-mock-session': 'a' }, payload: `grant_type=refresh_token&refresh_token=${pair.refresh_token}` })
  t.equal(refreshed.statusCode, 200, 'in its own session it works')
  const next = (refreshed.json() as { refresh_token: string }).refresh_token

  await app.close()
  const again = await build(t, {}, dataDir)
  const afterRestart = await again.app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: { 'x-ccs-mock-session': 'a' }, payload: `grant_type=refresh_token&refresh_token=${next}` })
  t.equal(afterRestart.statusCode, 200, 'a session\'s refresh token outlives a restart, in its session')
})

test('clocks: each session has its own, kept across a restart; the server clock is the default data set\'s', async (t) => {
  const { app, clock, dataDir } = await build(t)
  const tokenA = await loginIn(app, 'a')
  const tokenB = await loginIn(app, 'b')
  const start = (await admin(app, 'GET', '/clock')).json() as { now: string }
  t.same((await admin(app, 'GET', '/clock?session=a')).json(), { ...start, frozen: true }, 'a new session starts where the server clock stands, frozen as it is')

  t.equal((await admin(app, 'POST', '/clock?session=a', { advance: 'PT90M' })).statusCode, 200)
  t.equal(await read(app, tokenA, 'a'), 401, 'a\'s token expired on a\'s clock')
  t.equal(await read(app, tokenB, 'b'), 200, 'b\'s did not')
  t.match((await admin(app, 'GET', '/clock', undefined, { 'x-ccs-mock-session': 'a' })).json(), { now: new Date(Date.parse(start.now) + 90 * 60_000).toISOString() }, 'the header names the session too')
  t.same((await admin(app, 'GET', '/clock')).json(), start, 'the server clock did not move')
  clock.advance(60_000)
  t.same((await admin(app, 'GET', '/clock?session=b')).json(), { ...start, frozen: true }, 'moving the server clock moves no session')
  t.equal((await admin(app, 'GET', '/clock?session=nobody')).statusCode, 404)

  await app.close()
  const again = await build(t, {}, dataDir)
  t.match((await admin(again.app, 'GET', '/clock?session=a')).json(), { now: new Date(Date.parse(start.now) + 90 * 60_000).toISOString(), frozen: true }, 'a\'s clock is stored with its data')
  t.match((await admin(again.app, 'POST', '/sessions/a/reset')).json(), { name: 'a' })
  t.same((await admin(again.app, 'GET', '/clock?session=a')).json(), (await admin(again.app, 'GET', '/clock')).json(), 'a reset starts the session\'s clock again where the server clock stands')
})

test('fault rules, journal and coverage: per session, filtered by ?session= or the header, all of them unfiltered', async (t) => {
  const { app } = await build(t)
  const tokenA = await loginIn(app, 'a')
  const tokenB = await loginIn(app, 'b')
  const headersOf = (session: string): Record<string, string> => ({ 'x-ccs-mock-session': session })
  const created = await admin(app, 'POST', '/faults', { path: `${API}/jobs/*`, fault: { type: 'status', status: 503 } }, headersOf('a'))
  t.equal(created.statusCode, 201)
  t.equal((created.json() as { session: string | null }).session, 'a', 'the rule says whose it is')
  const everyone = await admin(app, 'POST', '/faults', { path: '/nowhere', fault: { type: 'drop' } })
  t.equal((everyone.json() as { session: string | null }).session, null, 'a rule created without a session is for every request')

  t.equal(await read(app, tokenA, 'a'), 503, 'a\'s rule fires in a')
  t.equal(await read(app, tokenB, 'b'), 200, 'not in b')
  t.same((await admin(app, 'GET', '/faults?session=b')).json().map((r: { session: string | null }) => r.session), [null], 'b sees only the rule for everyone')
  t.same((await admin(app, 'GET', '/faults')).json().map((r: { session: string | null }) => r.session), ['a', null], 'unfiltered: every rule')

  await read(app, tokenB, 'b')
  const count = async (headers: Record<string, string>, query = ''): Promise<number> => (await admin(app, 'POST', `/requests/count${query}`, { path: `${API}/Jobs/*` }, headers)).json().count
  t.equal(await count(headersOf('a')), 1, 'a: its one read')
  t.equal(await count({}, '?session=b'), 2, 'b: its two reads')
  t.equal(await count({}), 3, 'unfiltered: all three')
  const entries = (await admin(app, 'GET', `/requests?path=${encodeURIComponent(`${API}/Jobs/*`)}`)).json() as { requests: Array<{ session: string | null }> }
  t.same(entries.requests.map((e) => e.session), ['b', 'b', 'a'], 'tagged with their sessions, newest first')
  const coverage = (await admin(app, 'GET', '/coverage?session=a')).json() as { operations: Array<{ operationId: string, statuses: Array<{ status: string, count: number }> }> }
  t.same(coverage.operations.find((o) => o.operationId === 'getJob')?.statuses.filter((s) => s.count > 0), [{ status: '503', documented: false, count: 1, stubbed: 0 }], 'a\'s coverage: the 503 only')

  t.equal((await admin(app, 'POST', '/sessions/a/reset')).statusCode, 200)
  t.same((await admin(app, 'GET', '/faults')).json().map((r: { session: string | null }) => r.session), [null], 'a reset takes the session\'s rules with it')
  t.equal(await count(headersOf('a')), 0, 'and its journal')
  t.equal(await count({}, '?session=b'), 2, 'b keeps its own')
  t.equal(await read(app, tokenA, 'a'), 200, 'its tokens stay good')
})

test('limits: at most --max-sessions sessions (429, nothing created); idle sessions close and keep their data', async (t) => {
  const { app, dataDir } = await build(t, { maxSessions: 2 })
  const tokenA = await loginIn(app, 'one')
  await loginIn(app, 'two')
  const refused = await app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: { 'x-ccs-mock-session': 'three' }, payload: FORM })
  t.equal(refused.statusCode, 429)
  t.match(refused.json(), { error: 'temporarily_unavailable', error_description: /at most 2 may exist \(--max-sessions\)/ }, 'the token endpoint answers in OAuth\'s shape')
  const aRead = await app.inject({ method: 'GET', url: `${API}/Jobs/${WEEKLY_JOB}`, headers: { authorization: `Bearer ${tokenA}`, 'x-ccs-mock-session': 'four' } })
  t.equal(aRead.statusCode, 401, 'a CCS call naming a session that does not exist has no token there')
  const imported = await admin(app, 'PUT', '/state?session=three', (await admin(app, 'GET', '/state')).json())
  t.equal(imported.statusCode, 429, 'in the control plane\'s shape there')
  t.match(imported.json(), { statusCode: 429, error: 'Too Many Requests' })
  t.strictSame(readdirSync(join(dataDir, 'sessions')).filter((entry) => entry.startsWith('.staging-')), [], 'the refused import left no staged copy behind')
  t.same((await admin(app, 'GET', '/sessions')).json().sessions.map((s: { name: string }) => s.name), ['one', 'two'], 'nothing created')
  t.equal((await admin(app, 'DELETE', '/sessions/two')).statusCode, 204)
  t.equal((await app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: { 'x-ccs-mock-session': 'three' }, payload: FORM })).statusCode, 200, 'room again after a removal')

  const created = await postJob(app, tokenA, jobPayload(), { 'x-ccs-mock-session': 'one' })
  const jobId = (created.json() as { JobID: string }).JobID
  await app.close()
  const idle = await build(t, { sessionIdleSeconds: 1 }, dataDir)
  const token = await loginIn(idle.app, 'one')
  t.match((await admin(idle.app, 'GET', '/sessions')).json().sessions[0], { name: 'one', open: true })
  const closed = await idle.app.stores.closeIdle(Date.now() + 2000)
  t.equal(closed, 1, 'closed once unused for the idle time')
  t.match((await admin(idle.app, 'GET', '/sessions')).json().sessions[0], { name: 'one', open: false, jobs: null })
  const again = await idle.app.inject({ method: 'GET', url: `${API}/Jobs/${jobId}`, headers: { authorization: `Bearer ${token}`, 'x-ccs-mock-session': 'one' } })
  t.equal(again.statusCode, 200, 'its tokens still work and its data is read back on the next request')
})
