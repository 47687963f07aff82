import type { FastifyInstance } from 'fastify'
import { test, type Test } from 'tap'
import { build, jobPayload, login, postJob, RHEL_STANDARD, UNIX_ASSET, UNIX_ASSET_2, UNIX_TYPE } from '../helpers/build.js'
import { expectOk, get } from '../helpers/read-api.js'

const API = '/ccs/api/v1'
const HOUR = 3_600_000
const DAY = 24 * HOUR
const UNREACHABLE_AGENTLESS = 'c3e1490c-e446-4563-9bc0-1b571c0628f3'

interface JobView { NextRunTime: string | null, LastRunStatus: string, LastRunDate: string | null }
interface RunView { JobRunID: string, Status: string, TriggeredBy: string, ScheduledTime: string | null, QueuedTime: string }

async function createJob (app: FastifyInstance, token: string, details: Record<string, unknown>): Promise<string> {
  const res = await postJob(app, token, jobPayload(details))
  if (res.statusCode !== 200) throw new Error(res.body)
  return (res.json() as { JobID: string }).JobID
}

const runs = async (t: Test, app: FastifyInstance, jobId: string): Promise<RunView[]> =>
  expectOk<RunView[]>(t, await get(app, await login(app), `${API}/jobs/${jobId}/jobruns?count=0`))
const job = async (t: Test, app: FastifyInstance, jobId: string): Promise<JobView> =>
  expectOk<JobView>(t, await get(app, await login(app), `${API}/jobs/${jobId}`))

test('the clock alone drives a job from creation through weekly scheduled runs to results', async (t) => {
  const { app, clock } = await build(t, { timeZone: 'UTC' })
  // Monday 2026-01-05 09:00 UTC: weekly on Mondays (1) at 22:00, nothing now.
  const jobId = await createJob(app, await login(app), {
    AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }],
    Schedule: { RunNow: false, RunPeriodically: true, RecurrenceType: 2, WeeklyRecurEvery: 1, WeeklyDay: 1, StartDate: '2026-01-05T23:00:00+01:00' }
  })
  t.match(await job(t, app, jobId), { NextRunTime: '2026-01-05T22:00:00.0000000Z', LastRunStatus: 'NotRun', LastRunDate: null })
  t.strictSame(await runs(t, app, jobId), [])

  clock.set(Date.parse('2026-01-05T22:00:05Z'))
  const [first] = await runs(t, app, jobId)
  t.match(first, { Status: 'Running', TriggeredBy: 'Schedule', ScheduledTime: '2026-01-05T22:00:00.0000000Z', QueuedTime: '2026-01-05T22:00:00.0000000Z' })
  t.match(await job(t, app, jobId), { NextRunTime: '2026-01-12T22:00:00.0000000Z', LastRunStatus: 'Running' })

  clock.advance(HOUR)
  t.equal((await runs(t, app, jobId))[0]?.Status, 'Completed')
  const token = await login(app)
  const results = await app.inject({
    method: 'POST',
    url: `${API}/results`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { assetid: UNIX_ASSET, standardid: RHEL_STANDARD, jobrunid: first?.JobRunID }
  })
  const body = expectOk<{ RawEvaluationResult: { 'Job Run ID': string, 'Compliance Statistics': Record<string, unknown>, 'Passed Checks': unknown[] } }>(t, results).RawEvaluationResult
  t.equal(body['Job Run ID'], first?.JobRunID)
  t.match(body['Compliance Statistics'], {
    'Data collected on date': '2026-01-05T22:00:07.0000000Z',
    'Evaluation date': '2026-01-05T22:00:10.0000000Z'
  }, 'queued 2 s + collected 5 s + evaluated 3 s after 22:00')
  t.ok(body['Passed Checks'].length > 0, 'the hardened fixture asset passes checks')

  clock.advance(7 * DAY)
  const all = await runs(t, app, jobId)
  t.strictSame(all.map((r) => [r.ScheduledTime, r.Status]), [
    ['2026-01-12T22:00:00.0000000Z', 'Completed'],
    ['2026-01-05T22:00:00.0000000Z', 'Completed']
  ], 'advancing a week played the next occurrence')
  t.match(await job(t, app, jobId), { NextRunTime: '2026-01-19T22:00:00.0000000Z', LastRunStatus: 'Completed', LastRunDate: '2026-01-12T22:00:02.0000000Z' })

  clock.advance(28 * DAY)
  t.equal((await runs(t, app, jobId)).length, 6, 'four more Mondays in four weeks')
})

test('schedules recur in --time-zone wall-clock time across a DST change', async (t) => {
  const { app, clock } = await build(t, { timeZone: 'Europe/Berlin' })
  clock.set(Date.parse('2026-03-27T12:00:00Z'))
  // Daily at 02:30 Berlin time; 29 March 2026 has no 02:30 (clocks jump 02:00 → 03:00).
  const jobId = await createJob(app, await login(app), {
    Schedule: { RunNow: false, RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1, StartDate: '2026-03-27T02:30:00+01:00' }
  })
  const fired: string[] = []
  for (let day = 0; day < 3; day++) {
    fired.push((await job(t, app, jobId)).NextRunTime ?? '')
    clock.set(Date.parse(fired.at(-1) ?? '') + 60_000)
    await runs(t, app, jobId)
  }
  t.strictSame(fired, [
    '2026-03-28T01:30:00.0000000Z',
    '2026-03-29T01:30:00.0000000Z',
    '2026-03-30T00:30:00.0000000Z'
  ], '02:30 CET, the skipped hour moves to 03:30 CEST (01:30Z), then 02:30 CEST')
  t.equal((await runs(t, app, jobId)).length, 3)
})

test('run once on StartDate; an incomplete scheduled run is re-run per the sub-schedule', async (t) => {
  const { app, clock } = await build(t, { timeZone: 'UTC' })
  const once = await createJob(app, await login(app), { Schedule: { RunNow: false, RunOnce: true, StartDate: '2026-01-06T08:00:00Z' } })
  const retried = await createJob(app, await login(app), {
    AssetsResolutionInfo: [{ Id: UNREACHABLE_AGENTLESS, Type: UNIX_TYPE }],
    Schedule: { RunNow: false, RunPeriodically: true, RunEveryNDays: true, RepeatDays: 7, StartDate: '2026-01-06T08:00:00Z', SubScheduleRepeatDays: 1, SubScheduleRepeatPeriodDays: 2 }
  })
  clock.advance(6 * DAY)
  t.strictSame((await runs(t, app, once)).map((r) => r.Status), ['Completed'], 'ran once')
  t.equal((await job(t, app, once)).NextRunTime, null, 'nothing more planned')
  t.strictSame((await runs(t, app, retried)).map((r) => [r.TriggeredBy, r.QueuedTime, r.Status]), [
    ['SubSchedule', '2026-01-08T08:00:00.0000000Z', 'Failed'],
    ['SubSchedule', '2026-01-07T08:00:00.0000000Z', 'Failed'],
    ['Schedule', '2026-01-06T08:00:00.0000000Z', 'Failed']
  ], 're-run every day for two days after the failed occurrence, then given up')
})
