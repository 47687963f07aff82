// GET /ccs/api/v1/Jobs/{id}, GET Jobs?jobname= and GET Jobs?Attributes=&page=&pagesize= (spec §6), and who may read which job (spec §4).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import type { User } from '../../src/schemas/catalog.js'
import type { Job } from '../../src/schemas/job.js'
import { ADMIN, AUDITOR, build, jobPayload, login, postJob, RHEL_STANDARD, UNIX_ASSET, UNIX_ASSET_2, UNIX_TYPE } from '../helpers/build.js'
import { EXPECTED_JOB_DEFAULTS, EXPECTED_SCHEDULE_DEFAULTS, JSON_UTF8 } from '../helpers/create-job.js'
import { customFixtures as copyFixtures, DENIED, expectOk, fixture, FORBIDDEN, get, UNIX_ADMIN } from '../helpers/read-api.js'

const FIXTURE_JOBS = fixture<Job[]>('jobs.json')
const WEEKLY_JOB = 'a282d163-2248-4904-8135-0eaf08be8e55'
const UNKNOWN_JOB = '00000000-0000-4000-8000-000000000001'
const CREATE_TASKS = ['View standards', 'View assets', 'Manage jobs', 'Collect data', 'Evaluate standards', 'View evaluation results']
/** Manage jobs and every Create Job right, but not View all jobs: reads no job, not even its own. */
const OWNER = { username: 'domain1\\jobowner', password: 'owner@123' }
/** Neither Manage jobs nor View all jobs. */
const NO_JOBS = { username: 'domain1\\viewer', password: 'viewer@123' }
const CATEGORY = { CollectionEvaluationJob: 'Collection and Evaluation', CollectionJob: 'Data Collection', EvaluationJob: 'Evaluation' } as const

interface SearchBody { jobDataList: Array<Record<string, unknown>>, TotalPages: number }

/** The fixture jobs' runs and next occurrences at the test clock's start (Monday 2026-01-05 09:00 UTC). */
const RUN_STATE: Record<string, Record<string, unknown>> = {
  // fixtures/runs.json: the run of spec §7, queued 2026-01-04T02:00Z; weekly on Fridays at 22:00 from 2026-01-09.
  [WEEKLY_JOB]: { LastRunStatus: 'Completed', LastRunDate: '2026-01-04T02:00:02.0000000Z', NextRunTime: '2026-01-09T22:00:00.0000000Z' },
  // Monthly on the first Monday at 06:00 from 2026-02-02.
  '2a221e47-f38a-4a6b-af20-43d650e6d56b': { LastRunStatus: 'NotRun', LastRunDate: null, NextRunTime: '2026-02-02T06:00:00.0000000Z' },
  // Windows Server Essentials CER: a run queued 2026-01-04T03:00Z (the raw-results sample's check list).
  'af334e15-1893-4447-bc7c-6d0a352c006f': { LastRunStatus: 'Completed', LastRunDate: '2026-01-04T03:00:02.0000000Z', NextRunTime: null },
  // Workstation Data Collection: the run the abort sample names, queued 30 minutes before the data set was seeded.
  'c05c8969-be63-4886-9cf8-e23676b8f930': { LastRunStatus: 'Running', LastRunDate: '2026-01-05T08:30:02.0000000Z', NextRunTime: null }
}
const lastRun = (job: Job): unknown => RUN_STATE[job.JobID]?.LastRunStatus ?? 'NotRun'
const NEVER_RUN = { LastRunStatus: 'NotRun', LastRunDate: null, NextRunTime: null }

/** What the API shows for a stored fixture job. */
const view = (job: Job): Record<string, unknown> => ({ ...job, JobCategory: CATEGORY[job.JobType], ...(RUN_STATE[job.JobID] ?? NEVER_RUN) })
const enc = encodeURIComponent
const lower = (s: string): string => s.toLowerCase()

/** A copy of fixtures/ with the extra users of this file, plus an empty data dir. */
function customFixtures (t: Test): { fixtures: string, data: string } {
  const extra: User[] = [
    { UserName: OWNER.username, Password: OWNER.password, Tasks: CREATE_TASKS, Folders: ['Asset System', 'Standards'] },
    { UserName: NO_JOBS.username, Password: NO_JOBS.password, Tasks: ['View standards', 'View assets', 'Collect data', 'Evaluate standards', 'View evaluation results', 'Manage Agents'], Folders: ['Asset System', 'Standards'] }
  ]
  return copyFixtures(t, extra)
}



function expectNotFound (t: Test, res: LightMyRequestResponse, message: string): void {
  t.equal(res.statusCode, 404, 'status 404')
  t.equal(res.headers['content-type'], JSON_UTF8)
  t.strictSame(res.json(), { Message: message })
}

function expectInvalid (t: Test, res: LightMyRequestResponse, modelState: Record<string, string[]>): void {
  t.equal(res.statusCode, 400, 'status 400')
  t.equal(res.headers['content-type'], JSON_UTF8)
  t.strictSame(res.json(), { Message: 'The request is invalid.', ModelState: modelState })
}

const noJobWithId = (id: string): string => `No job with ID '${id}' exists.`
const noJobNamed = (name: string): string => `No job with the name '${name}' exists.`

async function createJob (app: FastifyInstance, token: string, payload: Record<string, unknown>): Promise<string> {
  const res = await postJob(app, token, payload)
  if (res.statusCode !== 200) throw new Error(`create failed: ${res.statusCode} ${res.body}`)
  return (res.json() as { JobID: string }).JobID
}

t.test('the fixtures hold what these tests need', async (t) => {
  t.ok(FIXTURE_JOBS.length >= 3, 'several jobs, so paging has pages')
  t.ok(FIXTURE_JOBS.some((j) => j.JobID === WEEKLY_JOB))
  t.ok(FIXTURE_JOBS.some((j) => j.JobName === 'Online-Normal std-AL'))
  t.strictSame(new Set(FIXTURE_JOBS.map((j) => j.JobType)).size, 3, 'all three job types')
  t.ok(FIXTURE_JOBS.every((j) => lower(j.CreatedBy) === lower(ADMIN.username)), 'every fixture job is the administrator\'s')
})

t.test('GET Jobs/{id}: a fixture job', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const fixture = FIXTURE_JOBS.find((j) => j.JobID === WEEKLY_JOB) as Job
  for (const [name, id] of [['lower case', WEEKLY_JOB], ['upper case', WEEKLY_JOB.toUpperCase()], ['braces', `{${WEEKLY_JOB}}`]] as const) {
    await t.test(`by ID in ${name}`, async (t) => {
      const body = expectOk(t, await get(app, token, `/ccs/api/v1/Jobs/${enc(id)}`)) as Record<string, unknown>
      t.strictSame(body, view(fixture))
      t.equal(body.JobCategory, 'Collection and Evaluation')
      t.equal(body.LastRunStatus, 'Completed', 'the fixture run of spec §7')
      t.equal(body.LastRunDate, '2026-01-04T02:00:02.0000000Z')
    })
  }
  await t.test('route case: /ccs/api/v1/jobs/{id}', async (t) => {
    t.strictSame(expectOk(t, await get(app, token, `/CCS/api/v1/jobs/${WEEKLY_JOB}`)), view(fixture))
  })
  await t.test('every fixture job reads back with its category', async (t) => {
    for (const job of FIXTURE_JOBS) {
      t.strictSame(expectOk(t, await get(app, token, `/ccs/api/v1/Jobs/${job.JobID}`)), view(job), job.JobName)
    }
  })
  await t.test('unknown ID: 404', async (t) => {
    expectNotFound(t, await get(app, token, `/ccs/api/v1/Jobs/${UNKNOWN_JOB}`), noJobWithId(UNKNOWN_JOB))
  })
  await t.test('unknown ID in upper case: 404 naming the canonical ID', async (t) => {
    expectNotFound(t, await get(app, token, `/ccs/api/v1/Jobs/${UNKNOWN_JOB.toUpperCase()}`), noJobWithId(UNKNOWN_JOB))
  })
  await t.test('an asset GUID is not a job', async (t) => {
    expectNotFound(t, await get(app, token, `/ccs/api/v1/Jobs/${UNIX_ASSET}`), noJobWithId(UNIX_ASSET))
  })
  for (const bad of ['not-a-guid', '42', `${WEEKLY_JOB}0`]) {
    await t.test(`bad GUID ${bad}: 400 naming jobId`, async (t) => {
      expectInvalid(t, await get(app, token, `/ccs/api/v1/Jobs/${bad}`), { jobId: [`Error converting value "${bad}" to type 'System.Guid'. Path 'jobId'.`] })
    })
  }
})

t.test('a job created through POST reads back as stored: what was sent plus the defaults', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const common = {
    ...EXPECTED_JOB_DEFAULTS,
    ...NEVER_RUN
  }
  const rows: Array<{ name: string, payload: Record<string, unknown>, expected: Record<string, unknown> }> = [
    {
      name: 'minimal job: every default',
      payload: jobPayload({ JobName: 'Read-back minimal' }),
      expected: {
        ...common,
        JobName: 'Read-back minimal',
        JobType: 'CollectionEvaluationJob',
        JobCategory: 'Collection and Evaluation',
        AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }],
        Standards: [RHEL_STANDARD]
      }
    },
    {
      name: 'collection job with a partial schedule, a notification and json.net leniencies',
      payload: {
        jobdetails: {
          assetsresolutioninfo: [{ id: UNIX_ASSET_2.toUpperCase(), type: UNIX_TYPE.toLowerCase() }],
          jobname: 'Read-back collection',
          standards: [RHEL_STANDARD.toUpperCase()],
          JobDescription: 'collect nightly',
          AssetTimeOut: '90',
          IncrementalPeriod: 7,
          ShouldSendFailureNotification: 'true',
          FailureNotification: { ToEmailAddress: 'ops@example.com' },
          Schedule: { RunNow: 'false', RunPeriodically: true, RecurrenceType: 1, RepeatDays: 2 }
        },
        JobType: 'CollectionJob'
      },
      expected: {
        ...common,
        JobName: 'Read-back collection',
        JobType: 'CollectionJob',
        JobCategory: 'Data Collection',
        JobDescription: 'collect nightly',
        AssetsResolutionInfo: [{ Id: UNIX_ASSET_2, Type: UNIX_TYPE }],
        Standards: [RHEL_STANDARD],
        AssetTimeOut: 90,
        IsIncremental: true,
        IncrementalPeriod: 7,
        ShouldSendFailureNotification: true,
        FailureNotification: { ToEmailAddress: 'ops@example.com', FromEmailAddress: '', Subject: '', Body: '' },
        Schedule: { ...EXPECTED_SCHEDULE_DEFAULTS, RecurrenceType: 1, RepeatDays: 2, RunNow: false, RunPeriodically: true },
        // Every 2 days from StartDate (the creation time, which itself is not an occurrence after creation).
        NextRunTime: '2026-01-07T09:00:00.0000000Z'
      }
    },
    {
      name: 'evaluation job',
      payload: jobPayload({ JobName: 'Read-back evaluation', ShouldSynchronizeResults: true }, { JobType: 'EvaluationJob' }),
      expected: {
        ...common,
        JobName: 'Read-back evaluation',
        JobType: 'EvaluationJob',
        JobCategory: 'Evaluation',
        AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }],
        Standards: [RHEL_STANDARD],
        ShouldSynchronizeResults: true
      }
    }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const id = await createJob(app, token, row.payload)
      const expected = { JobID: id, ...row.expected }
      const byId = expectOk(t, await get(app, token, `/ccs/api/v1/Jobs/${id}`))
      t.strictSame(byId, expected, 'by ID')
      const byName = expectOk(t, await get(app, token, `/ccs/api/v1/Jobs?jobname=${enc(String(row.expected.JobName))}`))
      t.strictSame(byName, expected, 'by name')
      const found = expectOk(t, await get(app, token, `/ccs/api/v1/Jobs?Attributes=${enc(`(JobID = ${id})`)}`)) as SearchBody
      t.strictSame(found, { jobDataList: [expected], TotalPages: 1 }, 'by search on JobID')
    })
  }
})

t.test('GET Jobs?jobname=', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const online = FIXTURE_JOBS.find((j) => j.JobName === 'Online-Normal std-AL') as Job
  const found: Array<[string, string]> = [
    ['exact name', 'jobname=Online-Normal%20std-AL'],
    ['case-insensitive name', 'jobname=online-normal%20std-al'],
    ['upper-case name', 'jobname=ONLINE-NORMAL%20STD-AL'],
    ['parameter name JobName', 'JobName=Online-Normal%20std-AL'],
    ['parameter name JOBNAME', 'JOBNAME=Online-Normal%20std-AL'],
    ['+ for spaces', 'jobname=Online-Normal+std-AL'],
    ['jobname wins over Attributes', `jobname=Online-Normal%20std-AL&Attributes=${enc('(JobType = EvaluationJob)')}`]
  ]
  for (const [name, query] of found) {
    await t.test(name, async (t) => {
      t.strictSame(expectOk(t, await get(app, token, `/ccs/api/v1/Jobs?${query}`)), view(online))
    })
  }
  await t.test('every fixture job by its name', async (t) => {
    for (const job of FIXTURE_JOBS) t.strictSame(expectOk(t, await get(app, token, `/ccs/api/v1/Jobs?jobname=${enc(job.JobName)}`)), view(job), job.JobName)
  })
  const missing: Array<[string, string]> = [
    ['unknown name', 'No such job'],
    ['a prefix of a name is not the name', 'Online-Normal'],
    ['no wildcard in names', 'Online-Normal*'],
    ['surrounding blanks are part of the name', ' Online-Normal std-AL ']
  ]
  for (const [name, jobname] of missing) {
    await t.test(`${name}: 404`, async (t) => {
      expectNotFound(t, await get(app, token, `/ccs/api/v1/Jobs?jobname=${enc(jobname)}`), noJobNamed(jobname))
    })
  }
})

t.test('GET Jobs?Attributes=: search', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const all = FIXTURE_JOBS.map(view)
  const where = (keep: (job: Job) => boolean): Array<Record<string, unknown>> => FIXTURE_JOBS.filter(keep).map(view)
  const rows: Array<{ name: string, query: string, expected: Array<Record<string, unknown>> }> = [
    { name: 'JobType = CollectionJob', query: `Attributes=${enc('(JobType = CollectionJob)')}`, expected: where((j) => j.JobType === 'CollectionJob') },
    { name: 'JobType = is exact (CollectionJob is not CollectionEvaluationJob)', query: `Attributes=${enc('(JobType = CollectionEvaluationJob)')}`, expected: where((j) => j.JobType === 'CollectionEvaluationJob') },
    { name: 'JobName StartsWith Weekly', query: `Attributes=${enc('(JobName StartsWith Weekly)')}`, expected: where((j) => j.JobName.startsWith('Weekly')) },
    { name: 'JobName values are case-insensitive', query: `Attributes=${enc('(JobName StartsWith weekly)')}`, expected: where((j) => j.JobName.startsWith('Weekly')) },
    { name: 'JobCategory = Evaluation: not Collection and Evaluation', query: `Attributes=${enc('(JobCategory = Evaluation)')}`, expected: where((j) => j.JobType === 'EvaluationJob') },
    { name: 'JobCategory Contains Evaluation', query: `Attributes=${enc('(JobCategory Contains Evaluation)')}`, expected: where((j) => j.JobType !== 'CollectionJob') },
    { name: 'JobCategory = Data Collection', query: `Attributes=${enc('(JobCategory = Data Collection)')}`, expected: where((j) => j.JobType === 'CollectionJob') },
    { name: 'JobID = (upper case value)', query: `Attributes=${enc(`(JobID = ${WEEKLY_JOB.toUpperCase()})`)}`, expected: where((j) => j.JobID === WEEKLY_JOB) },
    { name: 'JobCreationTime StartsWith a day', query: `Attributes=${enc('(JobCreationTime StartsWith 2026-01-06)')}`, expected: where((j) => j.JobCreationTime.startsWith('2026-01-06')) },
    { name: 'LastRunStatus = NotRun: every job without a fixture run', query: `Attributes=${enc('(LastRunStatus = NotRun)')}`, expected: where((j) => lastRun(j) === 'NotRun') },
    { name: 'LastRunStatus = Completed: the jobs of the ended fixture runs', query: `Attributes=${enc('(LastRunStatus = Completed)')}`, expected: where((j) => lastRun(j) === 'Completed') },
    { name: 'LastRunDate StartsWith a day', query: `Attributes=${enc('(LastRunDate StartsWith 2026-01-04)')}`, expected: where((j) => lastRun(j) === 'Completed') },
    { name: 'attribute names are case-insensitive', query: `Attributes=${enc('(jobtype = CollectionJob)')}`, expected: where((j) => j.JobType === 'CollectionJob') },
    { name: 'OR', query: `Attributes=${enc('(JobType = CollectionJob) | (JobType = EvaluationJob)')}`, expected: where((j) => j.JobType !== 'CollectionEvaluationJob') },
    { name: 'AND', query: `Attributes=${enc('(JobCategory Contains Evaluation), (JobName StartsWith Monthly)')}`, expected: where((j) => j.JobType !== 'CollectionJob' && j.JobName.startsWith('Monthly')) },
    { name: 'an attribute jobs do not have', query: `Attributes=${enc('(displayName = x)')}`, expected: [] },
    { name: 'an empty Attributes value: every job', query: 'Attributes=', expected: all },
    { name: 'lower-case parameter name', query: `attributes=${enc('(JobType = EvaluationJob)')}`, expected: where((j) => j.JobType === 'EvaluationJob') }
  ]
  t.ok(rows.every((r) => r.expected.length < all.length || r.name.includes('every job')), 'the filtering rows filter')
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const body = expectOk(t, await get(app, token, `/ccs/api/v1/Jobs?${row.query}`)) as SearchBody
      t.strictSame(Object.keys(body).sort(), ['TotalPages', 'jobDataList'])
      t.strictSame(body.jobDataList, row.expected, `${row.expected.length} jobs`)
      t.equal(body.TotalPages, row.expected.length === 0 ? 0 : 1)
    })
  }
  await t.test('no Attributes (and no jobname): 404, no action takes the request (vendor page: Attributes is mandatory)', async (t) => {
    for (const query of ['', '?page=0&pagesize=10', '?Attribute=(JobType%20%3D%20CollectionJob)']) {
      const res = await get(app, token, `/ccs/api/v1/Jobs${query}`)
      t.equal(res.statusCode, 404, query)
      t.strictSame(res.json(), {
        Message: `No HTTP resource was found that matches the request URI 'http://localhost:80/ccs/api/v1/Jobs${query}'.`,
        MessageDetail: "No action was found on the controller 'Jobs' that matches the request."
      })
    }
  })
  await t.test('a malformed query: 400 on Attributes', async (t) => {
    expectInvalid(t, await get(app, token, `/ccs/api/v1/Jobs?Attributes=${enc('(JobType equals CollectionJob)')}`), {
      Attributes: ["Expected an operator (=, Contains, StartsWith) after 'JobType' at position 9."]
    })
  })
  await t.test('a lower-case operator: 400 on Attributes', async (t) => {
    expectInvalid(t, await get(app, token, `/ccs/api/v1/Jobs?Attributes=${enc('(JobName startswith Weekly)')}`), {
      Attributes: ["Unknown operator 'startswith' at position 9; operators are case-sensitive: =, Contains, StartsWith."]
    })
  })
})

t.test('GET Jobs: paging', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  // Enough jobs for several pages: the fixture jobs plus a few created ones, in creation order.
  for (let i = 0; i < 3; i++) await createJob(app, token, jobPayload({ JobName: `Paged ${i}` }))
  const everything = (expectOk(t, await get(app, token, '/ccs/api/v1/Jobs?Attributes=&pagesize=1000')) as SearchBody).jobDataList.map((j) => j.JobID as string)
  t.equal(everything.length, FIXTURE_JOBS.length + 3)
  t.strictSame(everything.slice(0, FIXTURE_JOBS.length), FIXTURE_JOBS.map((j) => j.JobID), 'fixture jobs first, in order')
  for (const pagesize of [1, 2, 3, everything.length]) {
    await t.test(`pagesize ${pagesize}`, async (t) => {
      const pages = Math.ceil(everything.length / pagesize)
      const seen: string[] = []
      for (let page = 0; page < pages; page++) {
        const body = expectOk(t, await get(app, token, `/ccs/api/v1/Jobs?Attributes=&page=${page}&pagesize=${pagesize}`)) as SearchBody
        t.equal(body.TotalPages, pages, `page ${page}: TotalPages`)
        t.strictSame(body.jobDataList.map((j) => j.JobID), everything.slice(page * pagesize, (page + 1) * pagesize), `page ${page}`)
        seen.push(...body.jobDataList.map((j) => j.JobID as string))
      }
      t.strictSame(seen, everything, 'every job exactly once')
      const past = expectOk(t, await get(app, token, `/ccs/api/v1/Jobs?Attributes=&page=${pages}&pagesize=${pagesize}`)) as SearchBody
      t.strictSame(past, { jobDataList: [], TotalPages: pages }, 'past the end: empty')
    })
  }
  await t.test('paging the filtered result, names case-insensitive', async (t) => {
    const matching = everything.filter((_, i) => i >= FIXTURE_JOBS.length || FIXTURE_JOBS[i]?.JobType === 'CollectionEvaluationJob')
    const body = expectOk(t, await get(app, token, `/ccs/api/v1/Jobs?ATTRIBUTES=${enc('(JobType = CollectionEvaluationJob)')}&Page=1&PageSize=2`)) as SearchBody
    t.strictSame(body.jobDataList.map((j) => j.JobID), matching.slice(2, 4))
    t.equal(body.TotalPages, Math.ceil(matching.length / 2))
  })
  const invalid: Array<[string, string, Record<string, string[]>]> = [
    ['pagesize 0', 'pagesize=0', { pagesize: ['The field pagesize must be between 1 and 1000.'] }],
    ['pagesize 1001', 'pagesize=1001', { pagesize: ['The field pagesize must be between 1 and 1000.'] }],
    ['page -1', 'page=-1', { page: ['The field page must be greater than or equal to 0.'] }]
  ]
  for (const [name, query, modelState] of invalid) {
    await t.test(`${name}: 400`, async (t) => { expectInvalid(t, await get(app, token, `/ccs/api/v1/Jobs?Attributes=&${query}`), modelState) })
  }
})

t.test('who reads jobs (vendor pages: View all jobs, View standards, View assets and the Asset System and Standards folders)', async (t) => {
  const dirs = customFixtures(t)
  const { app } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const owner = await login(app, OWNER)
  const ownJob = await createJob(app, owner, jobPayload({ JobName: 'Owner Weekly Check' }, { JobType: 'CollectionJob' }))
  const allIds = [...FIXTURE_JOBS.map((j) => j.JobID), ownJob]

  for (const [name, credentials] of [['auditor (View all jobs, no Manage jobs)', AUDITOR], ['administrator', ADMIN]] as const) {
    await t.test(`${name}: sees every job`, async (t) => {
      const token = await login(app, credentials)
      const body = expectOk(t, await get(app, token, '/ccs/api/v1/Jobs?Attributes=&pagesize=1000')) as SearchBody
      t.strictSame(body.jobDataList.map((j) => j.JobID), allIds)
      for (const id of [WEEKLY_JOB, ownJob]) t.equal((await get(app, token, `/ccs/api/v1/Jobs/${id}`)).statusCode, 200, id)
      t.equal((await get(app, token, '/ccs/api/v1/Jobs?jobname=Owner%20Weekly%20Check')).statusCode, 200)
    })
  }

  const forbidden: Array<[string, { username: string, password: string }]> = [
    ['the creator of a job, with every Create Job right but not View all jobs', OWNER],
    ['unixadmin (no View all jobs, only a sub-folder of Asset System)', UNIX_ADMIN],
    ['neither Manage jobs nor View all jobs', NO_JOBS]
  ]
  for (const [name, credentials] of forbidden) {
    await t.test(`${name}: 403 on every read, before any 400 (docs/decisions.md: 404 route → 401 → 403 → 400)`, async (t) => {
      const token = await login(app, credentials)
      const urls = [
        `/ccs/api/v1/Jobs/${WEEKLY_JOB}`,
        `/ccs/api/v1/Jobs/${ownJob}`,
        `/ccs/api/v1/Jobs/${UNKNOWN_JOB}`,
        '/ccs/api/v1/Jobs?jobname=Online-Normal%20std-AL',
        '/ccs/api/v1/Jobs?jobname=Owner%20Weekly%20Check',
        '/ccs/api/v1/Jobs?jobname=nothing',
        `/ccs/api/v1/Jobs?Attributes=${enc('(JobType = CollectionJob)')}&page=0&pagesize=10`,
        '/ccs/api/v1/Jobs/not-a-guid',
        '/ccs/api/v1/Jobs?Attributes=&pagesize=0',
        `/ccs/api/v1/Jobs?Attributes=${enc('(JobType')}`,
        `/ccs/api/v1/Jobs/${ownJob}/jobruns`
      ]
      for (const url of urls) {
        const res = await get(app, token, url)
        t.equal(res.statusCode, 403, url)
        t.strictSame(res.json(), FORBIDDEN, url)
      }
      t.equal((await get(app, token, '/ccs/api/v1/Jobs')).statusCode, 404, 'no action for the request: 404 before 403')
    })
  }
})

t.test('401 without a valid token', async (t) => {
  const { app } = await build(t)
  const urls = [
    `/ccs/api/v1/Jobs/${WEEKLY_JOB}`,
    '/ccs/api/v1/Jobs/not-a-guid',
    '/ccs/api/v1/Jobs?jobname=Online-Normal%20std-AL',
    `/ccs/api/v1/Jobs?Attributes=${enc('(')}&pagesize=0`
  ]
  for (const url of urls) {
    for (const [name, token] of [['no token', undefined], ['unknown token', 'not-a-token']] as const) {
      await t.test(`${name}: ${url}`, async (t) => {
        const res = await get(app, token, url)
        t.equal(res.statusCode, 401)
        t.equal(res.headers['www-authenticate'], 'Bearer')
        t.strictSame(res.json(), DENIED)
      })
    }
  }
})
