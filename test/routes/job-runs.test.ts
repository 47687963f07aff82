import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { test, type Test } from 'tap'
import { AUDITOR, build, DB2_GROUP, jobPayload, login, postJob, RHEL_STANDARD, SAMPLE_RESULTS_ASSET, UNIX_ASSET, UNIX_ASSET_2, UNIX_TYPE } from '../helpers/build.js'
import { loadFixtures } from '../../src/store/fixtures.js'
import { customFixtures, DENIED, expectInvalidParam, expectOk, FORBIDDEN, get, UNIX_ADMIN } from '../helpers/read-api.js'

const API = '/ccs/api/v1'
const FIXTURE_JOB = 'a282d163-2248-4904-8135-0eaf08be8e55'
const FIXTURE_RUN = 'cae05ae3-8454-43a9-9139-f678b66decf7'
const UNREACHABLE_AGENT = '17faed2a-e91d-4cc0-9a70-546bb34b5679'
/** The fixture job `Workstation Data Collection` and the run PerformJobOperation's abort sample names. */
const WORKSTATION_JOB = 'c05c8969-be63-4886-9cf8-e23676b8f930'
const SAMPLE_ABORT_RUN = 'a348fb16-6d5b-4de3-bfd3-13f214a01538'
const WINDOWS_ESSENTIALS_JOB = 'af334e15-1893-4447-bc7c-6d0a352c006f'
const UNREACHABLE_AGENTLESS = 'c3e1490c-e446-4563-9bc0-1b571c0628f3'
const SECOND = 1000
const MINUTE = 60 * SECOND

interface Phase { Status: string, StartTime: string | null, EndTime: string | null, Message: string }
interface RunView {
  JobRunID: string
  JobID: string
  Status: string
  TriggeredBy: string
  RequestedBy: string
  QueuedTime: string
  StartTime: string | null
  EndTime: string | null
  Progress: number
  AssetCount: number
  Assets: Array<{ AssetID: string, DisplayName: string, Collection: Phase | null, Evaluation: Phase | null }>
  MessageCount?: number
  Messages?: Array<{ Time: string, Severity: string, Message: string }>
}

async function operation (app: FastifyInstance, token: string | undefined, id: string, body: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'POST',
    url: `${API}/jobs/${id}`,
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    payload: JSON.stringify(body)
  })
}

async function runsOf (t: Test, app: FastifyInstance, token: string, jobId: string, query = 'count=0&showmessages=true'): Promise<RunView[]> {
  return expectOk<RunView[]>(t, await get(app, token, `${API}/jobs/${jobId}/jobruns?${query}`))
}

/** Creates a job (RunNow unless the Schedule says otherwise) and answers its ID. */
async function createJob (app: FastifyInstance, token: string, details: Record<string, unknown>, jobType = 'CollectionEvaluationJob'): Promise<string> {
  const res = await postJob(app, token, jobPayload({ Schedule: { RunNow: true }, ...details }, { JobType: jobType }))
  if (res.statusCode !== 200) throw new Error(`create failed: ${res.body}`)
  return (res.json() as { JobID: string }).JobID
}

const at = (start: string, ms: number): string => new Date(Date.parse(start) + ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z')

test('the fixture job run of spec §7 has ended Completed, with results per asset and phase', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const [run, ...older] = await runsOf(t, app, token, FIXTURE_JOB)
  t.equal(older.length, 0, 'one run')
  t.match(run, {
    JobRunID: FIXTURE_RUN,
    JobID: FIXTURE_JOB,
    JobName: 'Weekly RHEL CER',
    Status: 'Completed',
    TriggeredBy: 'Schedule',
    RequestedBy: 'System',
    ScheduledTime: '2026-01-04T02:00:00.0000000Z',
    QueuedTime: '2026-01-04T02:00:00.0000000Z',
    StartTime: '2026-01-04T02:00:02.0000000Z',
    EndTime: '2026-01-04T02:00:10.0000000Z',
    Progress: 100,
    AssetCount: 3
  })
  t.strictSame(run?.Assets.map((a) => [a.AssetID, a.Collection?.Status, a.Evaluation?.Status]), [
    [UNIX_ASSET, 'Succeeded', 'Succeeded'],
    [UNIX_ASSET_2, 'Succeeded', 'Succeeded'],
    [SAMPLE_RESULTS_ASSET, 'Succeeded', 'Succeeded']
  ])
  t.ok((run?.Messages?.length ?? 0) >= 3, 'messages with showmessages=true')
})

test('the run the vendor\'s abort sample names is in flight on a fresh data set, queued before seeding', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const [run] = await runsOf(t, app, token, WORKSTATION_JOB)
  t.match(run, { JobRunID: SAMPLE_ABORT_RUN, Status: 'Running', TriggeredBy: 'Execute', QueuedTime: at('2026-01-05T09:00:00.000Z', -30 * MINUTE) })
  t.ok(run?.Assets.some((a) => a.Collection?.Status === 'Running'), 'an agent that does not answer keeps it running (AssetTimeOut 500 minutes)')
  clock.advance(7 * 60 * MINUTE)
  const later = await login(app)
  t.equal((await runsOf(t, app, later, WORKSTATION_JOB))[0]?.Status, 'Running', 'still waiting for the agent seven hours later')
  const aborted = expectOk<{ Status: string }>(t, await operation(app, later, SAMPLE_ABORT_RUN, { Operation: 'abort' }))
  t.equal(aborted.Status, 'Aborted')
})

test('a fixture run needs QueuedTime or QueuedBeforeSeeding, the latter a forward ISO 8601 duration', async (t) => {
  const rows = [
    { name: 'neither', run: { JobRunID: FIXTURE_RUN, JobID: FIXTURE_JOB, TriggeredBy: 'Schedule', RequestedBy: 'System' }, reason: /runs\.json: \/0 needs either QueuedTime or QueuedBeforeSeeding/ },
    { name: 'both', run: { JobRunID: FIXTURE_RUN, JobID: FIXTURE_JOB, QueuedTime: '2026-01-04T02:00:00Z', QueuedBeforeSeeding: 'PT1M', TriggeredBy: 'Schedule', RequestedBy: 'System' }, reason: /needs either QueuedTime or QueuedBeforeSeeding/ },
    { name: 'not a duration', run: { JobRunID: FIXTURE_RUN, JobID: FIXTURE_JOB, QueuedBeforeSeeding: '30 minutes', TriggeredBy: 'Schedule', RequestedBy: 'System' }, reason: /QueuedBeforeSeeding must be a forward ISO 8601 duration such as PT30M, got '30 minutes'/ }
  ]
  for (const row of rows) {
    const { fixtures } = customFixtures(t, [], { 'runs.json': [row.run] })
    await t.rejects(loadFixtures(fixtures), { message: row.reason }, row.name)
  }
})

test('GET Jobs/{id}/jobruns: count (default 1, 0 all, newest first) and showmessages', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const jobId = await createJob(app, token, {})
  clock.advance(MINUTE)
  const second = expectOk<{ JobRunID: string }>(t, await operation(app, token, jobId, { Operation: 'execute' })).JobRunID

  const latest = expectOk<RunView[]>(t, await get(app, token, `${API}/jobs/${jobId}/jobruns`))
  t.equal(latest.length, 1, 'count defaults to 1')
  t.equal(latest[0]?.JobRunID, second, 'the newest run')
  t.notOk('Messages' in (latest[0] ?? {}), 'no messages unless asked (showmessages defaults to false)')
  t.notOk('MessageCount' in (latest[0] ?? {}), 'nor their count')
  const all = await runsOf(t, app, token, jobId)
  t.equal(all.length, 2, 'count=0: all')
  t.equal(all[0]?.JobRunID, second, 'newest first')
  t.equal(all[1]?.TriggeredBy, 'RunNow')
  t.equal((await runsOf(t, app, token, jobId, 'Count=5')).length, 2, 'count larger than the history; names case-insensitive')
  const shown = await runsOf(t, app, token, jobId, 'count=0&showmessages=TRUE')
  const messages = shown[0]?.Messages
  t.match(messages?.[0], { Time: String, Severity: 'Information', Message: /queued \(Execute, domain1\\administrator\)/ })
  for (const run of shown) t.equal(run.MessageCount, run.Messages?.length, 'the page: the messages "along with their count for each job run"')
  t.ok((shown[1]?.MessageCount ?? 0) > (shown[0]?.MessageCount ?? 0), 'the ended run has more messages than the one still queued')
  t.equal((await runsOf(t, app, token, jobId, 'showmessages=false'))[0]?.MessageCount, undefined, 'showmessages=false: no count')

  expectInvalidParam(t, await get(app, token, `${API}/jobs/${jobId}/jobruns?count=-1`), 'count', /greater than or equal to 0|minimum|must be/i)
  expectInvalidParam(t, await get(app, token, `${API}/jobs/${jobId}/jobruns?count=abc`), 'count', /count/)
  expectInvalidParam(t, await get(app, token, `${API}/jobs/${jobId}/jobruns?showmessages=perhaps`), 'showmessages', /showmessages|Boolean/)
})

test('a run moves Queued → Running (per asset and phase) → Completed with the clock', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const jobId = await createJob(app, token, { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }] })
  const phases = async (): Promise<[string, string | undefined, string | undefined, number]> => {
    const run = (await runsOf(t, app, token, jobId))[0]
    return [run?.Status ?? '', run?.Assets[0]?.Collection?.Status, run?.Assets[0]?.Evaluation?.Status, run?.Progress ?? -1]
  }
  t.strictSame(await phases(), ['Queued', 'Pending', 'Pending', 0], 'queued for --run-queue-seconds (2)')
  clock.advance(2 * SECOND)
  t.strictSame(await phases(), ['Running', 'Running', 'Pending', 0], 'collecting for --collection-seconds (5)')
  clock.advance(5 * SECOND)
  t.strictSame(await phases(), ['Running', 'Succeeded', 'Running', 50], 'evaluating for --evaluation-seconds (3)')
  clock.advance(3 * SECOND)
  t.strictSame(await phases(), ['Completed', 'Succeeded', 'Succeeded', 100])
  const run = (await runsOf(t, app, token, jobId))[0]
  t.equal(run?.EndTime, at(run?.QueuedTime ?? '', 10 * SECOND))
  t.equal(run?.Messages?.at(-1)?.Message, 'Job run ended: Completed.')
})

test('durations are configurable: 0 makes runs end at once', async (t) => {
  const { app } = await build(t, { runQueueSeconds: 0, collectionSeconds: 0, evaluationSeconds: 0 })
  const token = await login(app)
  const jobId = await createJob(app, token, {})
  t.equal((await runsOf(t, app, token, jobId))[0]?.Status, 'Completed')
})

test('execute: case-insensitive operation, a new run; 400 while one is queued or running', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const jobId = await createJob(app, token, { Schedule: { RunNow: false } })
  t.strictSame(await runsOf(t, app, token, jobId), [], 'RunNow false: no run')

  const res = await operation(app, token, jobId.toUpperCase(), { operation: ' EXECUTE ' })
  const body = expectOk<{ JobID: string, JobRunID: string, Operation: string, Status: string }>(t, res)
  t.match(body, { JobID: jobId, Operation: 'execute', Status: 'Queued' })
  t.match(body.JobRunID, /^[0-9a-f-]{36}$/)

  const again = await operation(app, token, jobId, { Operation: 'Execute' })
  t.equal(again.statusCode, 400)
  t.match(again.json(), { Message: new RegExp(`already has a queued or running job run \\('${body.JobRunID}'\\)`) })

  clock.advance(MINUTE)
  const third = await operation(app, token, jobId, { Operation: 'execute' })
  t.equal(third.statusCode, 200, 'after the run ended, execute works again')
  t.equal((await runsOf(t, app, token, jobId)).length, 2)
})

test('abort: the run and every unfinished phase end Aborted at once; 400 once ended; 404 for a job ID', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const jobId = await createJob(app, token, { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }] })
  const runId = (await runsOf(t, app, token, jobId))[0]?.JobRunID ?? ''
  clock.advance(4 * SECOND)

  const res = await operation(app, token, runId, { Operation: 'Abort' })
  t.strictSame(expectOk(t, res), { JobID: jobId, JobRunID: runId, Operation: 'abort', Status: 'Aborted' })
  const run = (await runsOf(t, app, token, jobId))[0]
  t.equal(run?.Status, 'Aborted')
  t.equal(run?.EndTime, at(run?.QueuedTime ?? '', 4 * SECOND), 'ended when aborted')
  t.strictSame(run?.Assets.map((a) => [a.Collection?.Status, a.Evaluation?.Status]), [['Aborted', 'Aborted'], ['Aborted', 'Aborted']])
  t.match(run?.Messages?.at(-1), { Severity: 'Warning', Message: 'Job run aborted by domain1\\administrator.' })

  clock.advance(MINUTE)
  t.equal((await runsOf(t, app, token, jobId))[0]?.Status, 'Aborted', 'stays aborted when its planned end passes')
  const late = await operation(app, token, runId, { Operation: 'abort' })
  t.equal(late.statusCode, 400)
  t.match(late.json(), { Message: /has already ended/ })

  const wrongId = await operation(app, token, jobId, { Operation: 'abort' })
  t.equal(wrongId.statusCode, 404, 'abort wants a JobRunID')
  t.strictSame(wrongId.json(), { Message: `No job run with ID '${jobId}' exists.` })
})

test('job operation validation, 401, 403, 404', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  expectInvalidParam(t, await operation(app, token, FIXTURE_JOB, { Operation: 'run' }), 'request.Operation',
    "The operation 'run' is not supported. Use 'execute' (with a JobID) or 'abort' (with a JobRunID).")
  const missing = await operation(app, token, FIXTURE_JOB, {})
  t.equal(missing.statusCode, 400)
  t.match(Object.keys((missing.json() as { ModelState: object }).ModelState), ['request.Operation'])
  t.equal((await operation(app, token, 'not-a-guid', { Operation: 'execute' })).statusCode, 400)

  const anonymous = await operation(app, undefined, FIXTURE_JOB, { Operation: 'execute' })
  t.equal(anonymous.statusCode, 401)
  t.strictSame(anonymous.json(), DENIED)
  const auditor = await operation(app, await login(app, AUDITOR), FIXTURE_JOB, { Operation: 'execute' })
  t.equal(auditor.statusCode, 403, 'auditor lacks Manage jobs')
  t.strictSame(auditor.json(), FORBIDDEN)

  const unknown = await operation(app, token, '00000000-0000-0000-0000-000000000001', { Operation: 'execute' })
  t.equal(unknown.statusCode, 404)
  t.strictSame(unknown.json(), { Message: "No job with ID '00000000-0000-0000-0000-000000000001' exists." })
  // Job Operation and Get Latest Job Runs need View all jobs and the whole Asset System folder (vendor pages).
  const unixAdmin = await login(app, UNIX_ADMIN)
  t.strictSame((await operation(app, unixAdmin, FIXTURE_JOB, { Operation: 'execute' })).json(), FORBIDDEN, 'unixadmin: no View all jobs')
  t.equal((await operation(app, unixAdmin, FIXTURE_RUN, { Operation: 'abort' })).statusCode, 403)
  t.equal((await get(app, unixAdmin, `${API}/jobs/${FIXTURE_JOB}/jobruns`)).statusCode, 403)
  t.equal((await get(app, undefined, `${API}/jobs/${FIXTURE_JOB}/jobruns`)).statusCode, 401)
  t.equal((await get(app, token, `${API}/jobs/00000000-0000-0000-0000-000000000001/jobruns`)).statusCode, 404)
})

test('outcomes follow the fixtures: unreachable agents time out after AssetTimeOut, agentless hosts fail', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const jobId = await createJob(app, token, {
    AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNREACHABLE_AGENT, Type: UNIX_TYPE }, { Id: UNREACHABLE_AGENTLESS, Type: UNIX_TYPE }],
    AssetTimeOut: 5
  })
  clock.advance(4 * MINUTE)
  t.equal((await runsOf(t, app, token, jobId))[0]?.Status, 'Running', 'waits for the agent')
  clock.advance(2 * MINUTE)
  const run = (await runsOf(t, app, token, jobId))[0]
  t.equal(run?.Status, 'CompletedWithErrors')
  const [ok, agent, agentless] = run?.Assets ?? []
  t.match(ok, { Collection: { Status: 'Succeeded' }, Evaluation: { Status: 'Succeeded' } })
  t.match(agent, { Collection: { Status: 'TimedOut', Message: "The agent on 'db2-dev-01' did not respond within 5 minute(s)." }, Evaluation: { Status: 'Skipped' } })
  t.equal(agent?.Collection?.EndTime, at(run?.StartTime ?? '', 5 * MINUTE), 'timed out AssetTimeOut after the start')
  t.match(agentless, { Collection: { Status: 'Failed', Message: "Could not connect to 'sles-sap-02'." }, Evaluation: { Status: 'Skipped' } })
  t.ok(run?.Messages?.some((m) => m.Severity === 'Error' && m.Message.includes('db2-dev-01')), 'the time-out is a run message')

  const onlyUnreachable = await createJob(app, token, { AssetsResolutionInfo: [{ Id: UNREACHABLE_AGENTLESS, Type: UNIX_TYPE }] })
  clock.advance(MINUTE)
  t.equal((await runsOf(t, app, token, onlyUnreachable))[0]?.Status, 'Failed', 'no asset succeeded')
})

test('CollectionOnlyTimeOut and EndJobRun stop a run early', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const collectionLimited = await createJob(app, token, {
    AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNREACHABLE_AGENT, Type: UNIX_TYPE }],
    CollectionOnlyTimeOutMins: 2
  })
  const endLimited = await createJob(app, token, {
    AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }],
    Schedule: { RunNow: true, EndJobRunConfigured: true, EndJobRunTimeInterval: '00:00:06' }
  })
  clock.advance(3 * MINUTE)
  const first = (await runsOf(t, app, token, collectionLimited))[0]
  t.equal(first?.Status, 'CompletedWithErrors')
  t.match(first?.Assets[1]?.Collection, { Status: 'TimedOut', Message: "Collection was stopped by the job's collection time-out (0 h 2 min)." })
  t.equal(first?.Assets[1]?.Collection?.EndTime, at(first?.StartTime ?? '', 2 * MINUTE))
  t.match(first?.Assets[0]?.Evaluation, { Status: 'Succeeded' }, 'the collected asset is still evaluated')

  const second = (await runsOf(t, app, token, endLimited))[0]
  t.equal(second?.Status, 'Failed', 'its only asset never got results')
  t.match(second?.Assets[0], { Collection: { Status: 'Succeeded' }, Evaluation: { Status: 'TimedOut', Message: /stopped at its end time \(00:00:06/ } })
  t.equal(second?.EndTime, at(second?.StartTime ?? '', 6 * SECOND))
})

test('IsIncremental skips assets whose data is fresh; an EvaluationJob needs collected data', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const incremental = await createJob(app, token, { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], IncrementalPeriod: 1 })
  clock.advance(MINUTE)
  t.equal((await runsOf(t, app, token, incremental))[0]?.Assets[0]?.Collection?.Status, 'Succeeded', 'the fixture run collected it 31 hours ago: collected')
  await operation(app, token, incremental, { Operation: 'execute' })
  clock.advance(MINUTE)
  const second = (await runsOf(t, app, token, incremental))[0]
  t.match(second, { Status: 'Completed', Assets: [{ Collection: { Status: 'Skipped', Message: /within the last 1 day\(s\)/ }, Evaluation: { Status: 'Succeeded' } }] })
  clock.advance(3 * 86_400_000)
  const later = await operation(app, await login(app), incremental, { Operation: 'execute' })
  clock.advance(MINUTE)
  t.equal(later.statusCode, 200)
  t.equal((await runsOf(t, app, await login(app), incremental))[0]?.Assets[0]?.Collection?.Status, 'Succeeded', 'stale again after IncrementalPeriod days')

  const fresh = await login(app)
  const evaluation = await createJob(app, fresh, { AssetsResolutionInfo: [{ Id: UNIX_ASSET_2, Type: UNIX_TYPE }, { Id: UNREACHABLE_AGENT, Type: UNIX_TYPE }] }, 'EvaluationJob')
  clock.advance(MINUTE)
  const run = (await runsOf(t, app, fresh, evaluation))[0]
  t.equal(run?.Status, 'CompletedWithErrors')
  t.match(run?.Assets, [
    { Collection: null, Evaluation: { Status: 'Succeeded' } },
    { Collection: null, Evaluation: { Status: 'Failed', Message: "No data has been collected from 'db2-dev-01'; it cannot be evaluated." } }
  ])

  const collection = await createJob(app, fresh, {}, 'CollectionJob')
  clock.advance(MINUTE)
  t.match((await runsOf(t, app, fresh, collection))[0], { Status: 'Completed', Assets: [{ Collection: { Status: 'Succeeded' }, Evaluation: null }] })
})

test('a job on an asset group covers its member assets', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const jobId = await createJob(app, token, { AssetsResolutionInfo: [{ Id: DB2_GROUP, Type: 'symc-csm-AssetSystem-AssetGroup' }, { Id: UNIX_ASSET, Type: UNIX_TYPE }] })
  const run = (await runsOf(t, app, token, jobId))[0]
  t.equal(run?.AssetCount, 7, 'the 7 members, the asset listed twice counted once')
  t.equal(new Set(run?.Assets.map((a) => a.AssetID)).size, 7)
  t.ok(run?.Assets.some((a) => a.AssetID === UNIX_ASSET))
})

test('LastRunStatus and LastRunDate follow the latest run, also in searches', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  const jobId = await createJob(app, token, { Standards: [RHEL_STANDARD] })
  const job = async (): Promise<{ LastRunStatus: string, LastRunDate: string | null }> =>
    expectOk(t, await get(app, token, `${API}/jobs/${jobId}`))
  t.match(await job(), { LastRunStatus: 'Queued', LastRunDate: '2026-01-05T09:00:00.0000000Z' })
  clock.advance(3 * SECOND)
  t.match(await job(), { LastRunStatus: 'Running', LastRunDate: '2026-01-05T09:00:02.0000000Z' })
  const running = expectOk<{ jobDataList: Array<{ JobID: string }> }>(t, await get(app, token, `${API}/jobs?Attributes=${encodeURIComponent('(LastRunStatus = Running)')}`))
  t.strictSame(running.jobDataList.map((j) => j.JobID), [WORKSTATION_JOB, jobId], 'with the fixture run still waiting for an agent')
  clock.advance(MINUTE)
  t.match(await job(), { LastRunStatus: 'Completed' })
  const completed = expectOk<{ jobDataList: Array<{ JobID: string }> }>(t, await get(app, token, `${API}/jobs?Attributes=${encodeURIComponent('(LastRunStatus = Completed)')}`))
  t.strictSame(completed.jobDataList.map((j) => j.JobID).sort(), [FIXTURE_JOB, WINDOWS_ESSENTIALS_JOB, jobId].sort(), 'with the jobs of the ended fixture runs')
})

test('a run in flight at shutdown resumes after a restart and ends as planned', async (t) => {
  const first = await build(t)
  const token = await login(first.app)
  const jobId = await createJob(first.app, token, {})
  first.clock.advance(3 * SECOND)
  t.equal((await runsOf(t, first.app, token, jobId))[0]?.Status, 'Running')
  await first.app.close()

  const second = await build(t, {}, first.dataDir)
  second.clock.set(first.clock.now())
  const again = await login(second.app)
  const run = (await runsOf(t, second.app, again, jobId))[0]
  t.equal(run?.Status, 'Running', 'still there, still running')
  second.clock.advance(MINUTE)
  t.equal((await runsOf(t, second.app, again, jobId))[0]?.Status, 'Completed')
  const results = await second.app.inject({
    method: 'POST',
    url: `${API}/results`,
    headers: { authorization: `Bearer ${again}`, 'content-type': 'application/json' },
    payload: { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, JobRunID: run?.JobRunID }
  })
  t.equal(results.statusCode, 200, 'its results were written when it ended')
})
