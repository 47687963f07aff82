// PATCH /ccs/api/v1/jobs (Update Job) and DELETE /ccs/api/v1/jobs?jobid=&DeleteJob= (Delete Job), spec §6 and §4.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import type { User } from '../../src/schemas/catalog.js'
import type { Job } from '../../src/schemas/job.js'
import {
  AUDITOR, build, FIXTURE_RUN, jobPayload, login, postJob, RHEL_STANDARD, RUN_MS, SCANNER, UNIX_ASSET, UNIX_ASSET_2, UNIX_TYPE, UNKNOWN_ID, WEEKLY_JOB
} from '../helpers/build.js'
import { CLOCK_START_TEXT, EXPECTED_SCHEDULE_DEFAULTS, expectInvalid, JSON_UTF8, storedJob } from '../helpers/create-job.js'
import { customFixtures, DENIED, expectInvalidParam, expectOk, FORBIDDEN, get } from '../helpers/read-api.js'

const JOBS = '/ccs/api/v1/jobs'
const WEEKLY_JOB_NAME = 'Weekly RHEL CER'
const MINUTE = 60_000
const CREATE_TASKS = ['View standards', 'View assets', 'Manage jobs', 'Collect data', 'Evaluate standards', 'View evaluation results']
/** Every Create Job right but not View all jobs: sees only the jobs it created. */
const OWNER = { username: 'domain1\\jobowner', password: 'owner@123' }

function ownerFixtures (t: Test): { fixtures: string, data: string } {
  const owner: User = { UserName: OWNER.username, Password: OWNER.password, Tasks: CREATE_TASKS, Folders: ['Asset System', 'Standards'] }
  return customFixtures(t, [owner])
}

async function patch (app: FastifyInstance, token: string | undefined, body: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'PATCH',
    url: JOBS,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
    payload: JSON.stringify(body)
  })
}

async function del (app: FastifyInstance, token: string | undefined, query: string): Promise<LightMyRequestResponse> {
  return await app.inject({ method: 'DELETE', url: `${JOBS}?${query}`, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })
}

async function createJob (app: FastifyInstance, token: string, details: Record<string, unknown> = {}): Promise<string> {
  const res = await postJob(app, token, jobPayload(details))
  if (res.statusCode !== 200) throw new Error(`create failed: ${res.statusCode} ${res.body}`)
  return (res.json() as { JobID: string }).JobID
}

async function onDisk (dataDir: string, id: string): Promise<Job> {
  const job = await storedJob(dataDir, id)
  if (job === undefined) throw new Error(`job ${id} is not on disk`)
  return job
}

function expectMessage (t: Test, res: LightMyRequestResponse, status: number, message: string): void {
  t.equal(res.statusCode, status, `status ${status}`)
  t.equal(res.headers['content-type'], JSON_UTF8)
  t.strictSame(res.json(), { Message: message })
}

const noJob = (id: string): string => `No job with ID '${id}' exists.`
const inFlight = (name: string): string => `The job '${name}' has a queued or running job run. Abort it before deleting.`
/** The clock's start plus `ms`, in .NET round-trip form. */
const at = (ms: number): string => new Date(Date.parse(CLOCK_START_TEXT) + ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z')

interface RunItem { JobRunID: string, Status: string, TriggeredBy: string, RequestedBy: string }

t.test('PATCH Jobs: only the fields sent change; identity, creator and creation time stay', async (t) => {
  const { app, clock, dataDir } = await build(t)
  const token = await login(app)
  const id = await createJob(app, token, {
    JobName: 'Patch me',
    JobDescription: 'before',
    AssetTimeOut: 90,
    FailureNotification: { ToEmailAddress: 'ops@example.com', Subject: 'failed' },
    ShouldSendFailureNotification: true,
    Schedule: { RunNow: false, RunPeriodically: true, RecurrenceType: 1, RepeatDays: 2, StartDate: '2026-02-01T06:00:00Z' }
  })
  const before = await onDisk(dataDir, id)
  clock.advance(5 * MINUTE)

  const res = await patch(app, token, { JobID: id, JobDetails: { JobDescription: 'after', Standards: [RHEL_STANDARD], AssetsResolutionInfo: [{ Id: UNIX_ASSET_2, Type: UNIX_TYPE }], Schedule: { RepeatDays: 3 } } })
  t.strictSame(expectOk(t, res), { JobID: id }, 'answers the JobID')
  const after = await onDisk(dataDir, id)
  t.strictSame(after, {
    ...before,
    JobDescription: 'after',
    AssetsResolutionInfo: [{ Id: UNIX_ASSET_2, Type: UNIX_TYPE }],
    Schedule: { ...before.Schedule, RepeatDays: 3 },
    JobModifiedTime: at(5 * MINUTE)
  }, 'on disk: the sent fields, Schedule merged field by field, a new JobModifiedTime, everything else as before')
  t.equal(after.JobCreationTime, CLOCK_START_TEXT)
  t.equal(after.CreatedBy, 'domain1\\administrator')
  t.match(expectOk(t, await get(app, token, `${JOBS}/${id}`)), { JobDescription: 'after', JobModifiedTime: at(5 * MINUTE), Schedule: { RepeatDays: 3, RecurrenceType: 1 } }, 'GET reads the change')

  await t.test('an empty JobDetails changes only JobModifiedTime', async (t) => {
    clock.advance(MINUTE)
    expectOk(t, await patch(app, token, { JobID: id, JobDetails: {} }))
    t.strictSame(await onDisk(dataDir, id), { ...after, JobModifiedTime: at(6 * MINUTE) })
  })

  await t.test('null is "not sent": the stored values stay', async (t) => {
    const stored = await onDisk(dataDir, id)
    clock.advance(MINUTE)
    expectOk(t, await patch(app, token, { JobID: id, JobDetails: { JobName: null, AssetTimeOut: null, FailureNotification: null, Schedule: { RepeatDays: null } } }))
    t.strictSame(await onDisk(dataDir, id), { ...stored, JobModifiedTime: at(7 * MINUTE) })
  })

  await t.test('Json.NET binding as in Create Job: names in any case, GUID forms, "true" strings', async (t) => {
    expectOk(t, await patch(app, token, { jobid: `{${id.toUpperCase()}}`, jobdetails: { assettimeout: '120', shouldsendfailurenotification: 'false' } }))
    t.match(await onDisk(dataDir, id), { AssetTimeOut: 120, ShouldSendFailureNotification: false, FailureNotification: { ToEmailAddress: 'ops@example.com', Subject: 'failed' } })
  })

  await t.test('renaming to the job\'s own name in another case is not a duplicate', async (t) => {
    expectOk(t, await patch(app, token, { JobID: id, JobDetails: { JobName: 'PATCH ME' } }))
    t.equal((await onDisk(dataDir, id)).JobName, 'PATCH ME')
    t.equal((expectOk(t, await get(app, token, `${JOBS}?jobname=patch%20me`)) as Job).JobID, id, 'found by its new name')
  })

  await t.test('a rename frees the old name', async (t) => {
    expectOk(t, await patch(app, token, { JobID: id, JobDetails: { JobName: 'Patched' } }))
    t.equal((await get(app, token, `${JOBS}?jobname=patch%20me`)).statusCode, 404, 'the old name finds nothing')
    t.equal((await postJob(app, token, jobPayload({ JobName: 'Patch me' }))).statusCode, 200, 'another job may take the old name')
  })
})

t.test('PATCH Jobs: IsIncremental follows IncrementalPeriod as in Create Job', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const rows: Array<{ name: string, created: Record<string, unknown>, patch: Record<string, unknown>, expected: Pick<Job, 'IsIncremental' | 'IncrementalPeriod'> }> = [
    { name: 'IncrementalPeriod sent: IsIncremental turns true', created: {}, patch: { IncrementalPeriod: 5 }, expected: { IsIncremental: true, IncrementalPeriod: 5 } },
    { name: 'IncrementalPeriod sent with IsIncremental false: stays false', created: {}, patch: { IncrementalPeriod: 6, IsIncremental: false }, expected: { IsIncremental: false, IncrementalPeriod: 6 } },
    { name: 'IncrementalPeriod sent with IsIncremental "False": stays false', created: {}, patch: { IncrementalPeriod: 6, IsIncremental: 'False' }, expected: { IsIncremental: false, IncrementalPeriod: 6 } },
    { name: 'neither sent: an incremental job stays incremental', created: { IncrementalPeriod: 7 }, patch: { AssetTimeOut: 10 }, expected: { IsIncremental: true, IncrementalPeriod: 7 } },
    { name: 'neither sent: a full job stays full', created: {}, patch: { AssetTimeOut: 10 }, expected: { IsIncremental: false, IncrementalPeriod: 1 } },
    { name: 'IsIncremental false alone keeps the period', created: { IncrementalPeriod: 7 }, patch: { IsIncremental: false }, expected: { IsIncremental: false, IncrementalPeriod: 7 } }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const id = await createJob(app, token, row.created)
      expectOk(t, await patch(app, token, { JobID: id, JobDetails: row.patch }))
      t.match(await onDisk(dataDir, id), row.expected)
    })
  }
})

t.test('PATCH Jobs: notifications change field by field', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const id = await createJob(app, token, { ShouldSendFailureNotification: true, FailureNotification: { ToEmailAddress: 'ops@example.com', Subject: 'old' } })
  expectOk(t, await patch(app, token, { JobID: id, JobDetails: { FailureNotification: { Subject: 'new' } } }))
  t.strictSame((await onDisk(dataDir, id)).FailureNotification, { ToEmailAddress: 'ops@example.com', FromEmailAddress: '', Subject: 'new', Body: '' }, 'the recipient stays')
  expectOk(t, await patch(app, token, { JobID: id, JobDetails: { SuccessNotification: { ToEmailAddress: 'team@example.com' }, ShouldSendSuccessNotification: true } }))
  t.match(await onDisk(dataDir, id), { ShouldSendSuccessNotification: true, SuccessNotification: { ToEmailAddress: 'team@example.com' }, FailureNotification: { Subject: 'new' } })
  const emptied = await patch(app, token, { JobID: id, JobDetails: { FailureNotification: { ToEmailAddress: ' ' } } })
  t.equal(emptied.statusCode, 400, 'a blank recipient while ShouldSendFailureNotification is on')
})

t.test('PATCH Jobs: the changed job must pass every Create Job rule; a refused change stores nothing', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const id = await createJob(app, token, { JobName: 'Valid job', Schedule: { RunNow: false, RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1 } })
  const original = await onDisk(dataDir, id)
  const key = (field: string): string => `request.JobDetails.${field}`
  const rows: Array<{ name: string, body: Record<string, unknown>, modelState: Record<string, string[]> }> = [
    { name: 'JobID missing', body: { JobDetails: { JobDescription: 'x' } }, modelState: { 'request.JobID': ['The JobID field is required.'] } },
    { name: 'JobDetails missing', body: { JobID: id }, modelState: { 'request.JobDetails': ['The JobDetails field is required.'] } },
    { name: 'JobID not a GUID', body: { JobID: 'job-1', JobDetails: {} }, modelState: { 'request.JobID': ["Error converting value \"job-1\" to type 'System.Guid'. Path 'JobID'."] } },
    { name: 'blank JobName', body: { JobID: id, JobDetails: { JobName: '  ' } }, modelState: { [key('JobName')]: ['The JobName field is required.'] } },
    { name: 'JobName of another job (other case)', body: { JobID: id, JobDetails: { JobName: WEEKLY_JOB_NAME.toUpperCase() } }, modelState: { [key('JobName')]: [`A job with the name '${WEEKLY_JOB_NAME.toUpperCase()}' already exists.`] } },
    { name: 'JobName of 257 characters', body: { JobID: id, JobDetails: { JobName: 'n'.repeat(257) } }, modelState: { [key('JobName')]: ['The field JobName must be a string with a maximum length of 256.'] } },
    { name: 'AssetTimeOut 0', body: { JobID: id, JobDetails: { AssetTimeOut: 0 } }, modelState: { [key('AssetTimeOut')]: ['The field AssetTimeOut must be between 1 and 500.'] } },
    { name: 'AssetTimeOut 501', body: { JobID: id, JobDetails: { AssetTimeOut: 501 } }, modelState: { [key('AssetTimeOut')]: ['The field AssetTimeOut must be between 1 and 500.'] } },
    { name: 'IncrementalPeriod 101', body: { JobID: id, JobDetails: { IncrementalPeriod: 101 } }, modelState: { [key('IncrementalPeriod')]: ['The field IncrementalPeriod must be between 1 and 100.'] } },
    { name: 'CollectionOnlyTimeOutHours 1001', body: { JobID: id, JobDetails: { CollectionOnlyTimeOutHours: 1001 } }, modelState: { [key('CollectionOnlyTimeOutHours')]: ['The field CollectionOnlyTimeOutHours must be between 0 and 1000.'] } },
    { name: 'CollectionOnlyTimeOutMins 60', body: { JobID: id, JobDetails: { CollectionOnlyTimeOutMins: 60 } }, modelState: { [key('CollectionOnlyTimeOutMins')]: ['The field CollectionOnlyTimeOutMins must be between 0 and 59.'] } },
    { name: 'AssetTimeOut "abc"', body: { JobID: id, JobDetails: { AssetTimeOut: 'abc' } }, modelState: { [key('AssetTimeOut')]: ["Could not convert string to integer: abc. Path 'JobDetails.AssetTimeOut'."] } },
    {
      name: 'AssetsResolutionInfo empty',
      body: { JobID: id, JobDetails: { AssetsResolutionInfo: [] } },
      modelState: { [key('AssetsResolutionInfo')]: ["The field AssetsResolutionInfo must be a string or array type with a minimum length of '1'."] }
    },
    {
      name: 'unknown asset and wrong type',
      body: { JobID: id, JobDetails: { AssetsResolutionInfo: [{ Id: UNKNOWN_ID, Type: UNIX_TYPE }, { Id: UNIX_ASSET, Type: 'symc-csm-AssetSystem-AssetGroup' }] } },
      modelState: {
        [key('AssetsResolutionInfo[0].Id')]: [`No asset or asset group with ID '${UNKNOWN_ID}' exists.`],
        [key('AssetsResolutionInfo[1].Type')]: [`The asset '${UNIX_ASSET}' is of type '${UNIX_TYPE}', not 'symc-csm-AssetSystem-AssetGroup'.`]
      }
    },
    { name: 'unknown standard', body: { JobID: id, JobDetails: { Standards: [UNKNOWN_ID] } }, modelState: { [key('Standards[0]')]: [`No standard with ID '${UNKNOWN_ID}' exists.`] } },
    {
      name: 'a notification flag without its notification (the stored job has none)',
      body: { JobID: id, JobDetails: { ShouldSendSuccessNotification: true } },
      modelState: { [key('SuccessNotification')]: ['The SuccessNotification field is required when ShouldSendSuccessNotification is true.'] }
    },
    {
      name: 'a notification without ToEmailAddress while its flag is on',
      body: { JobID: id, JobDetails: { ShouldSendFailureNotification: true, FailureNotification: { Subject: 'x' } } },
      modelState: { [key('FailureNotification.ToEmailAddress')]: ['The ToEmailAddress field is required when ShouldSendFailureNotification is true.'] }
    },
    {
      name: 'Schedule merged, then checked: RunOnce with the stored RunPeriodically',
      body: { JobID: id, JobDetails: { Schedule: { RunOnce: true } } },
      modelState: { [key('Schedule.RunOnce')]: ['RunOnce and RunPeriodically cannot both be true.'] }
    },
    {
      name: 'Schedule merged, then checked: monthly without the stored job having monthly fields',
      body: { JobID: id, JobDetails: { Schedule: { RecurrenceType: 3 } } },
      modelState: {
        [key('Schedule.MonthlyRecurEvery')]: ['The field MonthlyRecurEvery must be at least 1 when RecurrenceType is 3 (monthly).'],
        [key('Schedule.MonthlyDay')]: ['The field MonthlyDay must be greater than or equal to 1 when RecurrenceType is 3 (monthly).']
      }
    },
    { name: 'Schedule field out of range', body: { JobID: id, JobDetails: { Schedule: { WeeklyDay: 7 } } }, modelState: { [key('Schedule.WeeklyDay')]: ['The field WeeklyDay must be between 0 and 6.'] } }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      expectInvalid(t, await patch(app, token, row.body), row.modelState)
    })
  }
  t.strictSame(await onDisk(dataDir, id), original, 'the job on disk is unchanged')
  t.equal((expectOk(t, await get(app, token, `${JOBS}/${WEEKLY_JOB}`)) as Job).JobName, WEEKLY_JOB_NAME, 'the other job is untouched')

  await t.test('valid schedule changes pass once merged', async (t) => {
    expectOk(t, await patch(app, token, { JobID: id, JobDetails: { Schedule: { RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyDay: 31 } } }))
    t.match((await onDisk(dataDir, id)).Schedule, { RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyDay: 31, RepeatDays: 1, RunPeriodically: true })
  })
})

t.test('PATCH Jobs: Schedule.RunNow true queues a run; otherwise no run', async (t) => {
  const { app, clock, dataDir } = await build(t)
  const token = await login(app)
  const runsOf = async (id: string): Promise<RunItem[]> => expectOk<RunItem[]>(t, await get(app, token, `${JOBS}/${id}/jobruns?count=0`))
  const id = await createJob(app, token)
  t.equal((await onDisk(dataDir, id)).Schedule, null, 'created without a Schedule: never run')

  expectOk(t, await patch(app, token, { JobID: id, JobDetails: { JobDescription: 'no run' } }))
  expectOk(t, await patch(app, token, { JobID: id, JobDetails: { Schedule: {} } }))
  t.strictSame((await onDisk(dataDir, id)).Schedule, { ...EXPECTED_SCHEDULE_DEFAULTS, RunNow: false },
    'a Schedule sent to a job without one gets the Create Job defaults, except RunNow: only a RunNow sent in the change runs it')
  expectOk(t, await patch(app, token, { JobID: id, JobDetails: { Schedule: { RunNow: false } } }))
  t.strictSame(await runsOf(id), [], 'no run without RunNow true')

  clock.advance(MINUTE)
  expectOk(t, await patch(app, token, { JobID: id, JobDetails: { Schedule: { RunNow: 'true' } } }))
  const runs = await runsOf(id)
  t.equal(runs.length, 1, 'one run')
  t.match(runs[0], { Status: 'Queued', TriggeredBy: 'RunNow', RequestedBy: 'domain1\\administrator', QueuedTime: at(MINUTE) })

  expectOk(t, await patch(app, token, { JobID: id, JobDetails: { JobDescription: 'while queued', Schedule: { RunNow: true } } }))
  t.equal((await runsOf(id)).length, 1, 'RunNow while a run is queued: no second run (one run per job at a time)')
  t.equal((await onDisk(dataDir, id)).JobDescription, 'while queued', 'but the change is saved')

  clock.advance(RUN_MS)
  t.match(await runsOf(id), [{ Status: 'Completed' }], 'the run ends like any other')
  expectOk(t, await patch(app, token, { JobID: id, JobDetails: { JobName: 'Renamed, no run' } }))
  t.equal((await runsOf(id)).length, 1, 'a later change without RunNow queues nothing')
})

t.test('PATCH Jobs: who may change which job', async (t) => {
  const { fixtures, data } = ownerFixtures(t)
  const { app, dataDir } = await build(t, { fixtures }, data)
  const admin = await login(app)
  const owner = await login(app, OWNER)
  const before = await onDisk(dataDir, WEEKLY_JOB)
  const change = { JobID: WEEKLY_JOB, JobDetails: { JobDescription: 'changed' } }

  await t.test('no token: 401', async (t) => {
    const res = await patch(app, undefined, change)
    t.equal(res.statusCode, 401)
    t.strictSame(res.json(), DENIED)
  })
  for (const [name, user] of [['auditor (view tasks only)', AUDITOR], ['scanner (no Standards folder)', SCANNER]] as const) {
    await t.test(`${name}: 403`, async (t) => {
      expectMessage(t, await patch(app, await login(app, user), change), 403, FORBIDDEN.Message)
    })
  }
  await t.test('unknown job: 404', async (t) => {
    expectMessage(t, await patch(app, admin, { JobID: UNKNOWN_ID.toUpperCase(), JobDetails: {} }), 404, noJob(UNKNOWN_ID))
  })
  await t.test('another user\'s job, without View all jobs: the same 404', async (t) => {
    expectMessage(t, await patch(app, owner, change), 404, noJob(WEEKLY_JOB))
  })
  t.strictSame(await onDisk(dataDir, WEEKLY_JOB), before, 'nothing changed')

  await t.test('the owner changes its own job; the administrator (View all jobs) changes it too; the creator stays', async (t) => {
    const id = await createJob(app, owner)
    expectOk(t, await patch(app, owner, { JobID: id, JobDetails: { JobDescription: 'by owner' } }))
    expectOk(t, await patch(app, admin, { JobID: id, JobDetails: { AssetTimeOut: 30 } }))
    t.match(await onDisk(dataDir, id), { JobDescription: 'by owner', AssetTimeOut: 30, CreatedBy: OWNER.username })
  })
})

t.test('PATCH Jobs: the change survives a restart on the same data dir', async (t) => {
  const first = await build(t)
  const token = await login(first.app)
  expectOk(t, await patch(first.app, token, { JobID: WEEKLY_JOB, JobDetails: { JobName: 'Weekly RHEL CER v2', Schedule: { WeeklyDay: 1 } } }))
  await first.app.close()

  const second = await build(t, {}, first.dataDir)
  const body = expectOk<Job>(t, await get(second.app, await login(second.app), `${JOBS}/${WEEKLY_JOB}`))
  t.equal(body.JobName, 'Weekly RHEL CER v2')
  t.equal(body.Schedule?.WeeklyDay, 1)
  t.equal(body.Schedule?.RecurrenceType, 2, 'the other Schedule fields as before')
  t.equal(body.JobCreationTime, '2026-01-05T08:00:00.0000000Z', 'creation time kept')
})

t.test('DELETE Jobs: query validation', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const rows: Array<[string, string, string, string | RegExp]> = [
    ['DeleteJob empty', `jobid=${WEEKLY_JOB}&DeleteJob=`, 'DeleteJob', /DeleteJob/],
    ['DeleteJob not a boolean', `jobid=${WEEKLY_JOB}&DeleteJob=maybe`, 'DeleteJob', "Could not convert string to boolean: maybe. Path 'DeleteJob'."],
    ['DeleteJob a number', `jobid=${WEEKLY_JOB}&DeleteJob=2`, 'DeleteJob', /DeleteJob/],
    ['jobid not a GUID', 'jobid=job-1&DeleteJob=True', 'jobid', "Error converting value \"job-1\" to type 'System.Guid'. Path 'jobid'."]
  ]
  for (const [name, query, key, reason] of rows) {
    await t.test(name, async (t) => {
      expectInvalidParam(t, await del(app, token, query), key, reason)
    })
  }
  await t.test('jobid missing: 404, no action takes the request (vendor page: JobID is mandatory), even without a token', async (t) => {
    for (const [query, bearer] of [['DeleteJob=True', token], ['', token], ['DeleteJob=True', undefined]] as const) {
      const res = await del(app, bearer, query)
      t.equal(res.statusCode, 404, query)
      t.strictSame(res.json(), {
        Message: `No HTTP resource was found that matches the request URI 'http://localhost:80${JOBS}${query === '' ? '' : `?${query}`}'.`,
        MessageDetail: "No action was found on the controller 'Jobs' that matches the request."
      })
    }
  })
  t.ok(await storedJob(dataDir, WEEKLY_JOB), 'the job is still there')
  t.equal(expectOk<unknown[]>(t, await get(app, token, `${JOBS}/${WEEKLY_JOB}/jobruns?count=0`)).length, 1, 'so is its run')

  await t.test('DeleteJob absent: the job is deleted (default True, as the vendor\'s delete sample means)', async (t) => {
    t.strictSame(expectOk(t, await del(app, token, `jobid=${WEEKLY_JOB}`)), { JobID: WEEKLY_JOB, JobDeleted: true, JobRunsDeleted: 1 })
    t.equal(await storedJob(dataDir, WEEKLY_JOB), undefined, 'gone from disk')
  })
})

t.test('DELETE Jobs: who may delete which job', async (t) => {
  const { fixtures, data } = ownerFixtures(t)
  const { app, dataDir } = await build(t, { fixtures }, data)
  const admin = await login(app)
  const owner = await login(app, OWNER)
  const ownerJob = await createJob(app, owner, { JobName: 'Owner job' })

  await t.test('no token: 401', async (t) => {
    const res = await del(app, undefined, `jobid=${WEEKLY_JOB}&DeleteJob=True`)
    t.equal(res.statusCode, 401)
    t.strictSame(res.json(), DENIED)
  })
  await t.test('without Manage jobs (auditor): 403', async (t) => {
    expectMessage(t, await del(app, await login(app, AUDITOR), `jobid=${WEEKLY_JOB}&DeleteJob=True`), 403, FORBIDDEN.Message)
  })
  await t.test('without the Standards folder (scanner): 403', async (t) => {
    expectMessage(t, await del(app, await login(app, SCANNER), `jobid=${WEEKLY_JOB}&DeleteJob=True`), 403, FORBIDDEN.Message)
  })
  await t.test('a user who sees the job but did not create it: 403 naming the creator', async (t) => {
    expectMessage(t, await del(app, admin, `jobid=${ownerJob}&DeleteJob=False`), 403, `Only the user who created the job 'Owner job' (${OWNER.username}) can delete it.`)
  })
  await t.test('a job the caller cannot see: 404', async (t) => {
    expectMessage(t, await del(app, owner, `jobid=${WEEKLY_JOB}&DeleteJob=True`), 404, noJob(WEEKLY_JOB))
  })
  await t.test('unknown job: 404', async (t) => {
    expectMessage(t, await del(app, admin, `jobid=${UNKNOWN_ID}&DeleteJob=True`), 404, noJob(UNKNOWN_ID))
  })
  t.ok(await storedJob(dataDir, WEEKLY_JOB), 'the fixture job is still there')
  t.ok(await storedJob(dataDir, ownerJob), 'the owner\'s job is still there')

  await t.test('the creator deletes its job (query names in any case, True in any case)', async (t) => {
    t.strictSame(expectOk(t, await del(app, owner, `JOBID=${ownerJob.toUpperCase()}&deletejob=true`)), { JobID: ownerJob, JobDeleted: true, JobRunsDeleted: 0 })
    t.equal(await storedJob(dataDir, ownerJob), undefined, 'gone from disk')
  })
})

t.test('DELETE Jobs: refused while a run is queued or running, allowed once it has ended', async (t) => {
  const { app, clock, dataDir } = await build(t)
  const token = await login(app)
  const id = await createJob(app, token, { JobName: 'Busy job', Schedule: { RunNow: true } })
  const query = `jobid=${id}&DeleteJob=True`

  expectMessage(t, await del(app, token, query), 400, inFlight('Busy job'))
  clock.advance(3_000)
  t.match(expectOk(t, await get(app, token, `${JOBS}/${id}/jobruns`)), [{ Status: 'Running' }])
  expectMessage(t, await del(app, token, query), 400, inFlight('Busy job'))
  expectMessage(t, await del(app, token, `jobid=${id}&DeleteJob=False`), 400, inFlight('Busy job'))
  t.ok(await storedJob(dataDir, id), 'still stored')
  t.equal(expectOk<unknown[]>(t, await get(app, token, `${JOBS}/${id}/jobruns?count=0`)).length, 1, 'its run is kept')

  clock.advance(RUN_MS)
  t.strictSame(expectOk(t, await del(app, token, query)), { JobID: id, JobDeleted: true, JobRunsDeleted: 1 })
})

t.test('DELETE Jobs: False removes only the run history, True the job and its runs; both survive a restart', async (t) => {
  const first = await build(t)
  const token = await login(first.app)
  const runs = async (id: string): Promise<LightMyRequestResponse> => await get(first.app, token, `${JOBS}/${id}/jobruns?count=0`)
  t.match(expectOk(t, await runs(WEEKLY_JOB)), [{ JobRunID: FIXTURE_RUN }], 'the fixture job starts with its fixture run')

  await t.test('DeleteJob=False', async (t) => {
    t.strictSame(expectOk(t, await del(first.app, token, `jobid=${WEEKLY_JOB}&DeleteJob=False`)), { JobID: WEEKLY_JOB, JobDeleted: false, JobRunsDeleted: 1 })
    t.strictSame(expectOk(t, await runs(WEEKLY_JOB)), [], 'no runs left')
    t.match(expectOk(t, await get(first.app, token, `${JOBS}/${WEEKLY_JOB}`)), { JobName: WEEKLY_JOB_NAME, LastRunStatus: 'NotRun', LastRunDate: null }, 'the job stays, as if never run')
    t.ok(await storedJob(first.dataDir, WEEKLY_JOB), 'still on disk')
    t.strictSame(expectOk(t, await del(first.app, token, `jobid=${WEEKLY_JOB}&DeleteJob=False`)), { JobID: WEEKLY_JOB, JobDeleted: false, JobRunsDeleted: 0 }, 'again: nothing to delete')
  })

  const other = await createJob(first.app, token, { JobName: 'Run then delete', Schedule: { RunNow: true } })
  first.clock.advance(RUN_MS)
  expectOk(t, await first.app.inject({ method: 'POST', url: `${JOBS}/${other}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"Operation":"execute"}' }))
  first.clock.advance(RUN_MS)
  t.equal(expectOk<unknown[]>(t, await runs(other)).length, 2, 'two finished runs')

  await t.test('DeleteJob=True', async (t) => {
    t.strictSame(expectOk(t, await del(first.app, token, `jobid=${other}&DeleteJob=True`)), { JobID: other, JobDeleted: true, JobRunsDeleted: 2 })
    expectMessage(t, await get(first.app, token, `${JOBS}/${other}`), 404, noJob(other))
    expectMessage(t, await runs(other), 404, noJob(other))
    t.equal(await storedJob(first.dataDir, other), undefined, 'gone from disk')
    expectMessage(t, await del(first.app, token, `jobid=${other}&DeleteJob=True`), 404, noJob(other))
    t.equal((await postJob(first.app, token, jobPayload({ JobName: 'Run then delete' }))).statusCode, 200, 'its name is free again')
  })
  await first.app.close()

  await t.test('after a restart on the same data dir', async (t) => {
    const second = await build(t, {}, first.dataDir)
    const again = await login(second.app)
    t.strictSame(expectOk(t, await get(second.app, again, `${JOBS}/${WEEKLY_JOB}/jobruns?count=0`)), [], 'the fixture run stays deleted (not seeded again)')
    t.equal((await get(second.app, again, `${JOBS}/${WEEKLY_JOB}`)).statusCode, 200, 'the fixture job stays')
    t.equal((await get(second.app, again, `${JOBS}/${other}`)).statusCode, 404, 'the deleted job stays deleted')
  })
})
