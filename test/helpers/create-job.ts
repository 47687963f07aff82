import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import type { ModelState } from '../../src/errors.js'
import type { Job } from '../../src/schemas/job.js'
import { build, login, postJob } from './build.js'
import { recordsOnDisk } from './segments-on-disk.js'

export const INVALID_REQUEST = 'The request is invalid.'
export const JSON_UTF8 = 'application/json; charset=utf-8'
/** A GUID as the API writes it: lower-case, 8-4-4-4-12. */
export const LOWER_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** The ManualClock's start (2026-01-05 09:00 UTC) in .NET round-trip form. */
export const CLOCK_START_TEXT = '2026-01-05T09:00:00.0000000Z'

/**
 * The documented defaults, written out here rather than imported from src so that a
 * changed default fails the tests. A job created without a Schedule, by the admin,
 * at the ManualClock's start:
 */
export const EXPECTED_JOB_DEFAULTS = {
  JobDescription: '',
  AssetTimeOut: 60,
  IsIncremental: false,
  IncrementalPeriod: 1,
  CollectionOnlyTimeOutHours: 0,
  CollectionOnlyTimeOutMins: 0,
  ShouldSendSuccessNotification: false,
  ShouldSendFailureNotification: false,
  SuccessNotification: null,
  FailureNotification: null,
  ShouldSynchronizeResults: false,
  Schedule: null,
  CreatedBy: 'domain1\\administrator',
  JobCreationTime: CLOCK_START_TEXT,
  JobModifiedTime: CLOCK_START_TEXT
} satisfies Partial<Job>

/** Seed, Schedule fields: RunNow true, RunOnce and RunPeriodically false; StartDate = now. */
export const EXPECTED_SCHEDULE_DEFAULTS: NonNullable<Job['Schedule']> = {
  EndJobRunConfigured: false,
  EndJobRunTimeInterval: '00:00:00',
  SubScheduleRepeatDays: 0,
  SubScheduleRepeatPeriodDays: 0,
  MonthlyDay: 0,
  MonthlyDayOfTheWeek: 0,
  MonthlyIsByOrdinalDay: false,
  MonthlyOrdinalDay: 0,
  MonthlyRecurEvery: 0,
  RecurrenceType: 0,
  RepeatDays: 0,
  RepeatMinutes: 0,
  RunEveryNDays: false,
  RunNow: true,
  RunOnce: false,
  RunPeriodically: false,
  StartDate: CLOCK_START_TEXT,
  WeeklyDay: 0,
  WeeklyRecurEvery: 0
}

/** Every job in the data dir's segment files, read from disk rather than from the server's memory. */
export async function storedJobs (dataDir: string): Promise<Job[]> {
  return await recordsOnDisk<Job>(join(dataDir, 'jobs'), 'jobs', (job) => job.JobID)
}

/** The job with this ID as stored on disk, or undefined. */
export async function storedJob (dataDir: string, id: string): Promise<Job | undefined> {
  return (await storedJobs(dataDir)).find((job) => job.JobID === id)
}

/** A 400 in the Web API shape with exactly this ModelState. */
export function expectInvalid (t: Test, res: LightMyRequestResponse, modelState: ModelState): void {
  t.equal(res.statusCode, 400, 'status 400')
  t.equal(res.headers['content-type'], JSON_UTF8, 'JSON content type')
  t.strictSame(res.json(), { Message: INVALID_REQUEST, ModelState: modelState }, 'error body')
}

/** A 200 `{"JobID": <lower-case guid>}` whose job is already on disk; returns the stored job. */
export async function expectCreated (t: Test, res: LightMyRequestResponse, dataDir: string): Promise<Job> {
  if (!t.equal(res.statusCode, 200, `status 200 (body: ${res.body})`)) throw new Error('the job was not created')
  t.equal(res.headers['content-type'], JSON_UTF8, 'JSON content type')
  const body = res.json() as { JobID?: unknown }
  t.strictSame(Object.keys(body), ['JobID'], 'the body holds only JobID')
  t.match(body.JobID, LOWER_GUID, 'JobID is a lower-case GUID')
  const job = await storedJob(dataDir, String(body.JobID))
  if (job === undefined) throw new Error(`job ${String(body.JobID)} was answered 200 but is not on disk`)
  return job
}

/** Each listed field of the stored job, compared exactly. */
export function expectStored (t: Test, job: Job, expected: Partial<Job>): void {
  for (const [key, value] of Object.entries(expected)) {
    t.strictSame(job[key as keyof Job], value, `stored ${key}`)
  }
}

/** One row of a Create Job table: a request and either its 400 or what its 200 stored. */
export interface CreateJobRow {
  name: string
  /** The request body (an object is JSON-encoded). */
  body: unknown
  /** Another URL than /ccs/api/v1/jobs (route-matching rows). */
  url?: string
  headers?: Record<string, string>
  /** 400 with exactly this ModelState; otherwise 200 and `stored`/`check` on the stored job. */
  modelState?: ModelState
  stored?: Partial<Job>
  check?: (t: Test, job: Job) => void
}

/** One subtest per row, all on one fresh server (rows that create use unique names). */
export function createJobTable (name: string, rows: CreateJobRow[]): void {
  t.test(name, async (t) => {
    const { app, dataDir } = await build(t)
    const token = await login(app)
    for (const row of rows) {
      await t.test(row.name, async (t) => {
        const res = row.url === undefined
          ? await postJob(app, token, row.body, row.headers)
          : await app.inject({
            method: 'POST',
            url: row.url,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...row.headers },
            payload: typeof row.body === 'string' ? row.body : JSON.stringify(row.body)
          })
        if (row.modelState !== undefined) {
          expectInvalid(t, res, row.modelState)
        } else {
          const job = await expectCreated(t, res, dataDir)
          expectStored(t, job, row.stored ?? {})
          row.check?.(t, job)
        }
      })
    }
  })
}
