import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { test } from 'tap'
import { build, jobPayload, login, loginIn, postJob, UNIX_ASSET, WEEKLY_JOB } from '../helpers/build.js'
import { fixture, FIXTURES_DIR, get } from '../helpers/read-api.js'

const API = '/ccs/api/v1'
const FIXTURE_RUN = 'cae05ae3-8454-43a9-9139-f678b66decf7'
const JOBS = fixture<unknown[]>('jobs.json').length
const RUNS = fixture<unknown[]>('runs.json').length

async function admin (app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({ method, url: `/__admin${url}`, ...(payload === undefined ? {} : { payload: payload as object }) })
}

async function createJob (app: FastifyInstance, token: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return await postJob(app, token, jobPayload(details), headers)
}

test('set or advance with freeze on a running clock stands exactly there, however real time ticks meanwhile', async (t) => {
  const { app } = await build(t)
  t.equal((await admin(app, 'POST', '/clock', { real: true })).json().frozen, false)
  // Real time moves a millisecond at every read, as on a slow machine.
  const realNow = Date.now
  let ticking = realNow()
  Date.now = () => ++ticking
  t.teardown(() => { Date.now = realNow })
  t.strictSame((await admin(app, 'POST', '/clock', { set: '2026-01-04T12:00:00Z', freeze: true })).json(), { now: '2026-01-04T12:00:00.000Z', frozen: true, timeZone: 'UTC' })
  t.strictSame((await admin(app, 'GET', '/clock')).json().now, '2026-01-04T12:00:00.000Z', 'and stays')
  t.equal((await admin(app, 'POST', '/clock', { freeze: false })).json().frozen, false)
  const running = Date.parse((await admin(app, 'GET', '/clock')).json().now)
  const advanced = (await admin(app, 'POST', '/clock', { advance: 'PT1H', freeze: true })).json() as { now: string }
  const frozenAt = Date.parse(advanced.now)
  t.ok(frozenAt - running >= 3_600_000 && frozenAt - running < 3_600_000 + 50, `an hour on from where it ran (${frozenAt - running} ms)`)
  t.equal((await admin(app, 'GET', '/clock')).json().now, advanced.now, 'and stays')
})

test('clock: read, set, advance, freeze, resume, back to real time', async (t) => {
  const { app } = await build(t)
  t.strictSame((await admin(app, 'GET', '/clock')).json(), { now: '2026-01-05T09:00:00.000Z', frozen: true, timeZone: 'UTC' })
  t.match((await admin(app, 'POST', '/clock', { set: '2026-03-01T08:00:00+01:00' })).json(), { now: '2026-03-01T07:00:00.000Z', frozen: true })
  t.match((await admin(app, 'POST', '/clock', { advance: 'P1DT2H30M' })).json(), { now: '2026-03-02T09:30:00.000Z' })
  t.match((await admin(app, 'POST', '/clock', { set: '2026-01-01T00:00:00Z', advance: 'PT1M' })).json(), { now: '2026-01-01T00:01:00.000Z' }, 'set, then advance')

  const running = (await admin(app, 'POST', '/clock', { freeze: false })).json() as { now: string, frozen: boolean }
  t.equal(running.frozen, false, 'runs on from where it stood')
  await new Promise((resolve) => setTimeout(resolve, 30))
  t.ok(Date.parse((await admin(app, 'GET', '/clock')).json().now) > Date.parse(running.now), 'and moves')
  t.equal((await admin(app, 'POST', '/clock', { freeze: true })).json().frozen, true)

  const real = (await admin(app, 'POST', '/clock', { real: true })).json() as { now: string, frozen: boolean }
  t.equal(real.frozen, false)
  t.ok(Math.abs(Date.parse(real.now) - Date.now()) < 5000, 'real time again')

  for (const [body, pattern] of [
    [{ advance: 'ninety minutes' }, /advance must be a forward ISO 8601 duration/],
    [{ advance: '-PT1H' }, /forward/],
    [{ set: 'yesterday' }, /set/],
    [{ freeze: 'yes' }, /freeze/]
  ] as const) {
    const res = await admin(app, 'POST', '/clock', body)
    t.equal(res.statusCode, 400, JSON.stringify(body))
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', message: pattern })
  }
})

test('advancing PT90M expires an access token; P7D plays a week of a daily schedule', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const created = await createJob(app, token, { Schedule: { RunNow: false, RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1, StartDate: '2026-01-05T12:00:00Z' } })
  const jobId = (created.json() as { JobID: string }).JobID

  await admin(app, 'POST', '/clock', { advance: 'PT90M' })
  t.equal((await get(app, token, `${API}/jobs/${jobId}`)).statusCode, 401, 'the 60-minute token has expired')

  await admin(app, 'POST', '/clock', { advance: 'P7D' })
  const fresh = await login(app)
  const runs = (await get(app, fresh, `${API}/jobs/${jobId}/jobruns?count=0`)).json() as Array<{ QueuedTime: string, Status: string }>
  t.strictSame(runs.map((r) => r.QueuedTime.slice(0, 16)).reverse(), [
    '2026-01-05T12:00', '2026-01-06T12:00', '2026-01-07T12:00', '2026-01-08T12:00', '2026-01-09T12:00', '2026-01-10T12:00', '2026-01-11T12:00'
  ], 'one run a day at noon, each played at its own time')
  t.ok(runs.every((r) => r.Status === 'Completed'))
})

test('sessions: two parallel suites create the same job name without conflict', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const tokenA = await loginIn(app, 'suite-a')
  const tokenB = await loginIn(app, 'suite-b')
  const inA = await createJob(app, tokenA, { JobName: 'Nightly scan' }, { 'X-CCS-Mock-Session': 'suite-a' })
  const inB = await createJob(app, tokenB, { JobName: 'Nightly scan' }, { 'X-CCS-Mock-Session': 'suite-b' })
  t.equal(inA.statusCode, 200)
  t.equal(inB.statusCode, 200, 'same name, other session: no conflict')
  t.equal((await createJob(app, tokenA, { JobName: 'Nightly scan' }, { 'X-CCS-Mock-Session': 'suite-a' })).statusCode, 400, 'unique within a session')

  const idA = (inA.json() as { JobID: string }).JobID
  const tokens = new Map<string, string>([['suite-a', tokenA], ['suite-b', tokenB]])
  const inSession = async (session: string | undefined, url: string): Promise<number> => {
    const bearer = session === undefined ? token : tokens.get(session.toLowerCase()) ?? await loginIn(app, session)
    return (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}`, ...(session === undefined ? {} : { 'x-ccs-mock-session': session }) } })).statusCode
  }
  t.equal(await inSession('suite-a', `${API}/jobs/${idA}`), 200)
  t.equal(await inSession('SUITE-A', `${API}/jobs/${idA}`), 200, 'session names ignore case')
  t.equal(await inSession('suite-b', `${API}/jobs/${idA}`), 404, 'invisible to the other session')
  t.equal(await inSession(undefined, `${API}/jobs/${idA}`), 404, 'and to the default data set')
  t.equal(await inSession('suite-c', `${API}/jobs/${WEEKLY_JOB}`), 200, 'a new session starts from the fixtures')

  const bad = await app.inject({ method: 'GET', url: `${API}/jobs/${WEEKLY_JOB}`, headers: { authorization: `Bearer ${token}`, 'x-ccs-mock-session': '../etc' } })
  t.equal(bad.statusCode, 400)
  t.match(bad.json(), { Message: /x-ccs-mock-session header is not a session name/ })

  t.strictSame((await admin(app, 'GET', '/sessions')).json(), { sessions: [
    { name: 'suite-a', open: true, jobs: JOBS + 1 }, { name: 'suite-b', open: true, jobs: JOBS + 1 }, { name: 'suite-c', open: true, jobs: JOBS }
  ] })
  t.match((await admin(app, 'POST', '/sessions/suite-a/reset')).json(), { name: 'suite-a', jobs: JOBS })
  t.equal(await inSession('suite-a', `${API}/jobs/${idA}`), 404, 'reset to the fixtures')
  t.equal((await admin(app, 'DELETE', '/sessions/suite-b')).statusCode, 204)
  t.equal((await admin(app, 'DELETE', '/sessions/suite-b')).statusCode, 404)
  t.equal((await admin(app, 'DELETE', '/sessions/bad%20name!')).statusCode, 400)
  t.strictSame((await admin(app, 'GET', '/sessions')).json().sessions.map((s: { name: string }) => s.name), ['suite-a', 'suite-c'])
})

test('sessions keep their data across a restart', async (t) => {
  const first = await build(t)
  const token = await loginIn(first.app, 'ci-1')
  const created = await createJob(first.app, token, { JobName: 'kept' }, { 'x-ccs-mock-session': 'ci-1' })
  const jobId = (created.json() as { JobID: string }).JobID
  await first.app.close()
  const second = await build(t, {}, first.dataDir)
  const res = await second.app.inject({ method: 'GET', url: `${API}/jobs/${jobId}`, headers: { authorization: `Bearer ${await loginIn(second.app, 'ci-1')}`, 'x-ccs-mock-session': 'ci-1' } })
  t.equal(res.statusCode, 200)
})

test('reset: back to the fixtures, sessions removed; or load another fixture set', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const jobId = ((await createJob(app, token)).json() as { JobID: string }).JobID
  await createJob(app, await loginIn(app, 'other'), {}, { 'x-ccs-mock-session': 'other' })

  const reset = await admin(app, 'POST', '/reset', {})
  t.match(reset.json(), { jobs: JOBS, sessionsRemoved: 1 })
  t.equal((await get(app, token, `${API}/jobs/${jobId}`)).statusCode, 404, 'the created job is gone; the token still works')
  t.equal((await get(app, token, `${API}/jobs/${WEEKLY_JOB}/jobruns`)).json()[0]?.JobRunID, FIXTURE_RUN, 'fixture runs are back')
  t.strictSame((await admin(app, 'GET', '/sessions')).json(), { sessions: [] })

  const other = { fixtures: mkdtempSync(join(tmpdir(), 'ccs-mock-fixtures-')) }
  t.teardown(() => rmSync(other.fixtures, { recursive: true, force: true }))
  cpSync(fileURLToPath(FIXTURES_DIR), other.fixtures, { recursive: true })
  writeFileSync(join(other.fixtures, 'jobs.json'), '[]')
  const loaded = await admin(app, 'POST', '/reset', { fixtures: other.fixtures })
  t.match(loaded.json(), { fixtures: other.fixtures, jobs: 0 })
  t.equal((await get(app, token, `${API}/jobs/${WEEKLY_JOB}`)).statusCode, 404, 'the other set has no jobs')

  writeFileSync(join(other.fixtures, 'users.json'), '{ not json')
  const broken = await admin(app, 'POST', '/reset', { fixtures: other.fixtures })
  t.equal(broken.statusCode, 400)
  t.match(broken.json(), { message: /fixture set cannot be loaded/ })
  t.equal((await get(app, token, `${API}/jobs?Attributes=&page=0`)).statusCode, 200, 'the loaded data set still serves')
})

test('a data set reset to another fixture set keeps that set\'s catalog after a restart with the first', async (t) => {
  const dataDir = t.testdir()
  const other = t.testdir()
  cpSync(fileURLToPath(FIXTURES_DIR), other, { recursive: true })
  const assets = fixture<Array<{ ID: string, DisplayName: string }>>('assets.json')
  for (const asset of assets) if (asset.ID === UNIX_ASSET) asset.DisplayName = 'from-the-other-set'
  writeFileSync(join(other, 'assets.json'), JSON.stringify(assets))
  const first = await build(t, {}, dataDir)
  t.equal((await admin(first.app, 'POST', '/reset', { fixtures: other })).statusCode, 200)
  const name = async (app: FastifyInstance): Promise<unknown> => (await get(app, await login(app), `${API}/Assets/${UNIX_ASSET}`)).json<{ DisplayName: string }>().DisplayName
  t.equal(await name(first.app), 'from-the-other-set')
  await first.app.close()
  const again = await build(t, {}, dataDir)
  t.equal(await name(again.app), 'from-the-other-set', 'the stored catalog, not the fixture set the server started with')
})

test('export the whole state as one snapshot and import it into another server', async (t) => {
  const source = await build(t)
  const token = await login(source.app)
  const jobId = ((await createJob(source.app, token, { JobName: 'to reproduce', Schedule: { RunNow: true } })).json() as { JobID: string }).JobID
  await admin(source.app, 'POST', '/faults', { method: 'GET', path: '/ccs/api/v1/assets', count: 2, fault: { type: 'status', status: 503 } })
  await admin(source.app, 'POST', '/clock', { advance: 'PT3S' })

  const snapshot = (await admin(source.app, 'GET', '/state')).json() as { formatVersion: number, clock: unknown, faults: unknown[], data: Record<string, unknown[]> }
  t.equal(snapshot.formatVersion, 1)
  t.strictSame(snapshot.clock, { now: '2026-01-05T09:00:03.000Z', frozen: true })
  t.equal(snapshot.data.jobs?.length, JOBS + 1)
  t.equal(snapshot.data.runs?.length, RUNS + 1, 'the fixture runs and the new job\'s run')
  t.equal(snapshot.data.assets?.length, fixture<unknown[]>('assets.json').length)
  t.match(snapshot.faults, [{ method: 'GET', path: '/ccs/api/v1/assets', count: 2, fault: { type: 'status', status: 503 } }])

  const target = await build(t)
  const imported = await admin(target.app, 'PUT', '/state', snapshot)
  t.equal(imported.statusCode, 200, imported.body.slice(0, 300))
  t.strictSame((await admin(target.app, 'GET', '/clock')).json(), { now: '2026-01-05T09:00:03.000Z', frozen: true, timeZone: 'UTC' })
  const again = await login(target.app)
  const job = await get(target.app, again, `${API}/jobs/${jobId}`)
  t.match(job.json(), { JobName: 'to reproduce', LastRunStatus: 'Running' }, 'the job and its run in flight')
  t.equal((await get(target.app, again, `${API}/assets`)).statusCode, 503, 'the fault rules came along')
  await admin(target.app, 'POST', '/clock', { advance: 'PT1M' })
  t.match((await get(target.app, await login(target.app), `${API}/jobs/${jobId}`)).json(), { LastRunStatus: 'Completed' }, 'and the run goes on')

  const session = await admin(target.app, 'PUT', '/state?session=repro', snapshot)
  t.equal(session.statusCode, 200, 'into a session too')
  // Real time moving a millisecond at every read, as on a slow machine, does not move the imported frozen clock.
  const realNow = Date.now
  let ticking = realNow()
  Date.now = () => ++ticking
  try {
    t.equal((await admin(target.app, 'PUT', '/state', snapshot)).statusCode, 200)
    t.equal((await admin(target.app, 'GET', '/clock')).json().now, '2026-01-05T09:00:03.000Z', 'imported frozen, exactly where it stood')
  } finally {
    Date.now = realNow
  }
  t.equal((await admin(target.app, 'GET', '/state?session=nope')).statusCode, 404)

  const invalid = await admin(target.app, 'PUT', '/state', { formatVersion: 2 })
  t.equal(invalid.statusCode, 400)
  const badRule = await admin(target.app, 'PUT', '/state', { ...snapshot, faults: [{ path: 'no-slash', fault: { type: 'status', status: 200 } }] })
  t.equal(badRule.statusCode, 400)
  t.match(badRule.json(), { message: /faults\[0\]\.fault\.status: must be between 400 and 599/, details: { 'faults[0].fault.status': [/between 400 and 599/] } })
})

test('notifications: every run-end notification is recorded and listed', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  await createJob(app, token, {
    JobName: 'notify me',
    Schedule: { RunNow: true },
    ShouldSendSuccessNotification: true,
    SuccessNotification: { ToEmailAddress: 'ops@example.com; audit@example.com' }
  })
  t.strictSame((await admin(app, 'GET', '/notifications')).json(), { notifications: [] }, 'nothing until the run ends')
  clock.advance(60_000)
  await get(app, token, `${API}/jobs?page=0`)
  const { notifications } = (await admin(app, 'GET', '/notifications')).json() as { notifications: Array<Record<string, unknown>> }
  t.equal(notifications.length, 1)
  t.match(notifications[0], { JobName: 'notify me', Kind: 'Success', RunStatus: 'Completed', To: ['ops@example.com', 'audit@example.com'], Delivery: 'NotConfigured' })
  t.equal((await admin(app, 'GET', '/notifications?session=none')).statusCode, 404)
})
