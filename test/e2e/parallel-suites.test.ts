// Issue 12, done when: two suites run at once against one server, each doing what would
// break the other if sessions shared anything — a fault rule on POST /jobs, the clock
// moved past token expiry and a weekly schedule, exact request counts, notifications.
import type { LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { startCcsMock, type CcsMock, type CcsMockSession } from '../../src/index.js'
import { jobPayload } from '../helpers/build.js'

const API = '/ccs/api/v1'
const ROUNDS = 3

async function ccsCall (ccs: CcsMock, session: CcsMockSession, token: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return await ccs.app.inject({
    method,
    url,
    headers: { ...session.headers, authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) })
  })
}

/** What one CI suite does; every check would fail if another suite's actions reached it. */
async function suite (t: Test, ccs: CcsMock, label: string): Promise<void> {
  const session = ccs.session()
  t.teardown(() => session.close())
  const token = await session.login()

  // A fault on POST /jobs in this session only: the first create here gets it, nothing else does.
  await session.admin.faults.add({ method: 'POST', path: `${API}/jobs`, count: 1, fault: { type: 'status', status: 503 } })
  const weekly = jobPayload({
    JobName: `${label} weekly`,
    ShouldSendSuccessNotification: true,
    SuccessNotification: { ToEmailAddress: `${label}@example.com` },
    Schedule: { RunNow: false, RunPeriodically: true, RecurrenceType: 2, WeeklyRecurEvery: 1, WeeklyDay: 1, StartDate: '2026-01-05T02:00:00Z' }
  })
  t.equal((await ccsCall(ccs, session, token, 'POST', `${API}/jobs`, weekly)).statusCode, 503, `${label}: its own fault fires`)
  const created = await ccsCall(ccs, session, token, 'POST', `${API}/jobs`, weekly)
  t.equal(created.statusCode, 200, `${label}: then the create goes through (${created.body})`)
  const jobId = (created.json() as { JobID: string }).JobID

  // Exactly the two calls this suite made: the other suite's creates are not counted.
  t.equal(await session.admin.requests.count({ method: 'POST', path: `${API}/jobs` }), 2, `${label}: exactly its own two creates`)

  // Its own clock: 90 minutes expire its token, and a week plays its weekly schedule.
  await session.admin.clock.advance('PT90M')
  t.equal((await ccsCall(ccs, session, token, 'GET', `${API}/Jobs/${jobId}`)).statusCode, 401, `${label}: its token has expired on its clock`)
  await session.admin.clock.advance('P7D')
  const fresh = await session.login()
  const runs = (await ccsCall(ccs, session, fresh, 'GET', `${API}/Jobs/${jobId}/jobruns?count=0`)).json() as Array<{ TriggeredBy: string, Status: string }>
  t.strictSame(runs.map((r) => [r.TriggeredBy, r.Status]), [['Schedule', 'Completed']], `${label}: one Monday played, on its own clock`)

  const notifications = await session.admin.notifications()
  t.strictSame(notifications.map((n) => [n.JobName, n.To]), [[`${label} weekly`, [`${label}@example.com`]]], `${label}: only its own notification`)
  t.strictSame((await session.admin.faults.list()).filter((rule) => rule.session !== null), [], `${label}: its spent rule is gone, no other session's is listed`)
}

t.test('two suites at once on one server never see each other', async (t) => {
  const ccs = await startCcsMock({ http: true })
  t.teardown(() => ccs.close())
  await ccs.admin.clock.change({ set: '2026-01-04T12:00:00Z', freeze: true })
  const defaultToken = await ccs.app.inject({ method: 'POST', url: `${API}/oauth/tokens`, payload: 'grant_type=password&username=domain1%5Cadministrator&password=pass%40123' })
  const token = (defaultToken.json() as { access_token: string }).access_token

  for (let round = 1; round <= ROUNDS; round++) {
    await t.test(`round ${round}`, async (t) => {
      await Promise.all([suite(t, ccs, `alpha${round}`), suite(t, ccs, `beta${round}`)])
      const journal = await ccs.admin.requests.list({ path: `${API}/jobs`, method: 'POST' })
      t.equal(journal.total, 4, 'the unfiltered journal holds both suites\' creates')
      t.same(new Set(journal.requests.map((entry) => entry.session)).size, 2, 'each tagged with its session')
    })
  }
  t.same(await ccs.admin.clock.get(), { now: '2026-01-04T12:00:00.000Z', frozen: true, timeZone: 'UTC' }, 'the server clock never moved')
  const stillValid = await ccs.app.inject({ method: 'GET', url: `${API}/Jobs/a282d163-2248-4904-8135-0eaf08be8e55`, headers: { authorization: `Bearer ${token}` } })
  t.equal(stillValid.statusCode, 200, 'a token of the default data set outlived every session\'s clock moves')
  t.same(await ccs.admin.sessions.list(), [], 'each suite removed its session')
})
