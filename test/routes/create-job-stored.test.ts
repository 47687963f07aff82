// POST /ccs/api/v1/jobs: the vendor's own sample payloads, and what a 200 leaves on disk.
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { ADMIN, build, jobPayload, login, postJob, RHEL_STANDARD, UNIX_ASSET, UNIX_ASSET_2, UNIX_TYPE } from '../helpers/build.js'
import { CLOCK_START_TEXT, EXPECTED_JOB_DEFAULTS, expectCreated, expectInvalid, expectStored, JSON_UTF8, LOWER_GUID, storedJobs } from '../helpers/create-job.js'
import { fixture } from '../helpers/read-api.js'

const SAMPLE_DIR = new URL('../e2e/vendor-sample/', import.meta.url)
const CIS_RHEL_STANDARD = '10572f46-dcee-4a56-bdef-5764c29adc0c'

/** What each sample must leave on disk (seed, "Sample Python script for Create Job API"). */
const SAMPLES = [
  { file: 'payload-1.json', JobName: 'Test_Job11', JobType: 'CollectionEvaluationJob', schedule: null, notify: false },
  { file: 'payload-2.json', JobName: 'A1_CollectionJob_RUNOW', JobType: 'CollectionJob', schedule: { RunNow: true, RunOnce: false, RunPeriodically: false }, notify: false },
  { file: 'payload-3.json', JobName: 'A1_CollectionJob_ScheduleRun', JobType: 'CollectionJob', schedule: { RunNow: false, RunOnce: false, RunPeriodically: true }, notify: false },
  { file: 'payload-4.json', JobName: 'A1_CollectionJob_MultipleAssets', JobType: 'CollectionJob', schedule: { RunNow: true, RunOnce: false, RunPeriodically: false }, notify: false },
  { file: 'payload-5.json', JobName: 'A1_CollectionJob_RUNOW_WithNotifications', JobType: 'CollectionJob', schedule: { RunNow: true, RunOnce: true, RunPeriodically: false }, notify: true }
] as const

t.test('the five vendor sample payloads, sent verbatim, are accepted by one fresh server', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const ids = new Set<string>()
  for (const sample of SAMPLES) {
    await t.test(sample.file, async (t) => {
      const text = await readFile(new URL(sample.file, SAMPLE_DIR), 'utf8')
      const res = await postJob(app, token, text, { 'content-type': 'application/json' })
      t.equal(res.statusCode, 200, res.body)
      t.equal(res.headers['content-type'], JSON_UTF8)
      const id = (res.json() as { JobID: string }).JobID
      t.match(id, LOWER_GUID)
      t.equal(res.body, `{"JobID":"${id}"}`, 'the body is exactly {"JobID": <guid>}')
      t.notOk(ids.has(id), 'a new JobID per job')
      ids.add(id)

      const job = await expectCreated(t, res, dataDir)
      expectStored(t, job, {
        JobName: sample.JobName,
        JobType: sample.JobType,
        // Samples 2-5 send the standard in upper case; it is stored canonical.
        Standards: [RHEL_STANDARD],
        ShouldSendSuccessNotification: sample.notify,
        ShouldSendFailureNotification: sample.notify,
        CreatedBy: ADMIN.username
      })
      if (sample.schedule === null) t.equal(job.Schedule, null, 'no Schedule sent: none stored')
      else t.match(job.Schedule, { ...sample.schedule, RunEveryNDays: true, RepeatDays: 50, RecurrenceType: 0, EndJobRunTimeInterval: '00:00:00' })
      const expectedAssets = sample.file === 'payload-4.json'
        ? [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }]
        : [{ Id: UNIX_ASSET, Type: UNIX_TYPE }]
      t.strictSame(job.AssetsResolutionInfo, expectedAssets)
      if (sample.notify) {
        // The scraper's "[email protected]" is stored as sent: no e-mail format check (a decision).
        t.strictSame(job.SuccessNotification, {
          ToEmailAddress: '[email protected]',
          FromEmailAddress: '[email protected]',
          Subject: 'Collection-Evaluation-Reporting job completed successfully',
          Body: 'Success notification message'
        })
        t.strictSame(job.FailureNotification, {
          ToEmailAddress: '[email protected]',
          FromEmailAddress: '[email protected]',
          Subject: 'Collection-Evaluation-Reporting job failed',
          Body: 'Failure notification message'
        })
      }
    })
  }
  t.equal(ids.size, SAMPLES.length)
})

t.test('a minimal job is stored with every default, the creator and the clock\'s time', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const res = await postJob(app, token, jobPayload({ JobName: 'Minimal' }))
  const job = await expectCreated(t, res, dataDir)
  t.strictSame(job, {
    JobID: (res.json() as { JobID: string }).JobID,
    JobName: 'Minimal',
    JobType: 'CollectionEvaluationJob',
    ...EXPECTED_JOB_DEFAULTS,
    AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }],
    Standards: [RHEL_STANDARD]
  })
})

t.test('a fully specified job is stored exactly as sent', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const schedule = {
    EndJobRunConfigured: true,
    EndJobRunTimeInterval: '04:30:00',
    SubScheduleRepeatDays: 1,
    SubScheduleRepeatPeriodDays: 15,
    MonthlyDay: 0,
    MonthlyDayOfTheWeek: 5,
    MonthlyIsByOrdinalDay: false,
    MonthlyOrdinalDay: 0,
    MonthlyRecurEvery: 0,
    RecurrenceType: 2,
    RepeatDays: 0,
    RepeatMinutes: 30,
    RunEveryNDays: false,
    RunNow: false,
    RunOnce: false,
    RunPeriodically: true,
    StartDate: '2026-01-09T22:00:00.0000000Z',
    WeeklyDay: 5,
    WeeklyRecurEvery: 1
  }
  const details = {
    AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }],
    JobName: 'Friday CER',
    JobDescription: 'Every Friday night',
    Standards: [RHEL_STANDARD, CIS_RHEL_STANDARD],
    AssetTimeOut: 500,
    IsIncremental: true,
    IncrementalPeriod: 100,
    CollectionOnlyTimeOutHours: 1000,
    CollectionOnlyTimeOutMins: 59,
    SuccessNotification: { ToEmailAddress: 'ops@example.com', FromEmailAddress: 'ccs@example.com', Subject: 'ok', Body: 'done' },
    FailureNotification: { ToEmailAddress: 'oncall@example.com', FromEmailAddress: 'ccs@example.com', Subject: 'failed', Body: 'see log' },
    ShouldSendSuccessNotification: true,
    ShouldSendFailureNotification: true,
    ShouldSynchronizeResults: true,
    Schedule: schedule
  }
  const res = await postJob(app, token, { JobDetails: details, JobType: 'EvaluationJob' })
  const job = await expectCreated(t, res, dataDir)
  const { JobID, CreatedBy, JobCreationTime, JobModifiedTime, JobType, ...rest } = job
  t.equal(JobID, (res.json() as { JobID: string }).JobID)
  t.equal(JobType, 'EvaluationJob')
  t.equal(CreatedBy, 'domain1\\administrator')
  t.equal(JobCreationTime, CLOCK_START_TEXT)
  t.equal(JobModifiedTime, CLOCK_START_TEXT)
  t.strictSame(rest, details)
})

t.test('JobCreationTime and JobModifiedTime come from the clock', async (t) => {
  const { app, clock, dataDir } = await build(t)
  const token = await login(app)
  clock.advance(90_123)
  const job = await expectCreated(t, await postJob(app, token, jobPayload()), dataDir)
  t.equal(job.JobCreationTime, '2026-01-05T09:01:30.1230000Z')
  t.equal(job.JobModifiedTime, '2026-01-05T09:01:30.1230000Z')
})

t.test('CreatedBy is the caller\'s account name as the catalog spells it', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app, { username: 'DOMAIN1\\Administrator', password: ADMIN.password })
  const job = await expectCreated(t, await postJob(app, token, jobPayload()), dataDir)
  t.equal(job.CreatedBy, 'domain1\\administrator')
})

t.test('duplicate standards and assets are stored once, in first-seen order', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const job = await expectCreated(t, await postJob(app, token, jobPayload({
    AssetsResolutionInfo: [
      { Id: UNIX_ASSET, Type: UNIX_TYPE },
      { Id: UNIX_ASSET_2, Type: UNIX_TYPE },
      { Id: UNIX_ASSET.toUpperCase(), Type: UNIX_TYPE },
      { Id: UNIX_ASSET, Type: UNIX_TYPE }
    ],
    Standards: [RHEL_STANDARD, CIS_RHEL_STANDARD, RHEL_STANDARD.toUpperCase(), `{${RHEL_STANDARD}}`, CIS_RHEL_STANDARD]
  })), dataDir)
  t.strictSame(job.AssetsResolutionInfo, [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }])
  t.strictSame(job.Standards, [RHEL_STANDARD, CIS_RHEL_STANDARD])
})

t.test('a rejected request stores nothing', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const before = await storedJobs(dataDir)
  t.equal(before.length, fixture<unknown[]>('jobs.json').length, 'a fresh server holds the fixture jobs')
  expectInvalid(t, await postJob(app, token, jobPayload({ JobName: 'Rejected', AssetTimeOut: 0 })), {
    'request.JobDetails.AssetTimeOut': ['The field AssetTimeOut must be between 1 and 500.']
  })
  expectInvalid(t, await postJob(app, token, jobPayload({ JobName: 'Rejected', Standards: ['00000000-0000-0000-0000-000000000001'] })), {
    'request.JobDetails.Standards[0]': ["No standard with ID '00000000-0000-0000-0000-000000000001' exists."]
  })
  t.strictSame(await storedJobs(dataDir), before)
})

t.test('a created job survives a restart on the same data dir', async (t) => {
  const first = await build(t)
  const token = await login(first.app)
  const job = await expectCreated(t, await postJob(first.app, token, jobPayload({ JobName: 'Persistent' })), first.dataDir)
  await first.app.close()
  const second = await build(t, {}, first.dataDir)
  t.strictSame(await storedJobs(second.dataDir).then((jobs) => jobs.find((j) => j.JobID === job.JobID)), job)
  // The name index is rebuilt from disk: the name is still taken.
  expectInvalid(t, await postJob(second.app, await login(second.app), jobPayload({ JobName: 'persistent' })), {
    'request.JobDetails.JobName': ["A job with the name 'persistent' already exists."]
  })
})

// Seed, IsIncremental / IncrementalPeriod: IncrementalPeriod present => IsIncremental true
// unless it is sent false; IncrementalPeriod absent => 1.
const INCREMENTAL_ROWS: Array<{ name: string, details: Record<string, unknown>, IsIncremental: boolean, IncrementalPeriod: number }> = [
  { name: 'both absent', details: {}, IsIncremental: false, IncrementalPeriod: 1 },
  { name: 'IncrementalPeriod 5 alone', details: { IncrementalPeriod: 5 }, IsIncremental: true, IncrementalPeriod: 5 },
  { name: 'IncrementalPeriod 5, IsIncremental false', details: { IncrementalPeriod: 5, IsIncremental: false }, IsIncremental: false, IncrementalPeriod: 5 },
  { name: 'IncrementalPeriod 5, IsIncremental true', details: { IncrementalPeriod: 5, IsIncremental: true }, IsIncremental: true, IncrementalPeriod: 5 },
  { name: 'IsIncremental true alone', details: { IsIncremental: true }, IsIncremental: true, IncrementalPeriod: 1 },
  { name: 'IsIncremental false alone', details: { IsIncremental: false }, IsIncremental: false, IncrementalPeriod: 1 },
  { name: 'IncrementalPeriod null counts as absent', details: { IncrementalPeriod: null }, IsIncremental: false, IncrementalPeriod: 1 },
  { name: 'IncrementalPeriod "7" (string) counts as present', details: { IncrementalPeriod: '7' }, IsIncremental: true, IncrementalPeriod: 7 }
]

t.test('IsIncremental and IncrementalPeriod defaults', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  for (const row of INCREMENTAL_ROWS) {
    await t.test(row.name, async (t) => {
      const job = await expectCreated(t, await postJob(app, token, jobPayload(row.details)), dataDir)
      expectStored(t, job, { IsIncremental: row.IsIncremental, IncrementalPeriod: row.IncrementalPeriod })
    })
  }
})
