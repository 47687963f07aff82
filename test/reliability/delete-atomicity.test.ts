// DELETE Jobs touches several segment files (the job's, and each run segment holding
// one of its runs): it must be all or nothing across a failed write and a restart.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { storedJob } from '../helpers/create-job.js'
import { recordsOnDisk } from '../helpers/segments-on-disk.js'

const JOBS = '/ccs/api/v1/jobs'
/** Runs per run segment (src/store/open-store.ts): 55 runs of one job span two segments. */
const RUNS = 55

interface StoredRun { runId: string, jobId: string }
const runsOnDisk = async (dataDir: string, jobId: string): Promise<StoredRun[]> =>
  (await recordsOnDisk<StoredRun>(join(dataDir, 'runs'), 'runs', (run) => run.runId)).filter((run) => run.jobId === jobId)

const send = async (app: FastifyInstance, token: string, method: 'POST' | 'DELETE' | 'GET', url: string, payload?: unknown): Promise<{ statusCode: number, json: () => any }> =>
  await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) })

/** A job with RUNS runs, each executed and aborted at once. */
async function jobWithRuns (app: FastifyInstance, token: string): Promise<string> {
  const jobId = (await postJob(app, token, jobPayload({ JobName: 'many runs' }))).json().JobID as string
  for (let i = 0; i < RUNS; i++) {
    const run = await send(app, token, 'POST', `${JOBS}/${jobId}`, { Operation: 'execute' })
    const aborted = await send(app, token, 'POST', `${JOBS}/${run.json().JobRunID as string}`, { Operation: 'abort' })
    if (aborted.statusCode !== 200) throw new Error(`abort: ${aborted.statusCode}`)
  }
  return jobId
}

const runsServed = async (app: FastifyInstance, token: string, jobId: string): Promise<number | undefined> => {
  const res = await send(app, token, 'GET', `${JOBS}/${jobId}/jobruns?count=0`)
  return res.statusCode === 200 ? (res.json() as unknown[]).length : undefined
}

/** A directory where the store wants a file: the write fails, as on a full disk. */
async function block (path: string): Promise<() => Promise<void>> {
  await rename(path, `${path}.aside`).catch(() => {})
  await mkdir(path)
  return async () => {
    await rm(path, { recursive: true })
    await rename(`${path}.aside`, path).catch(() => {})
  }
}

t.test('a DELETE whose run segment write fails is answered 200, and the job and all its runs stay deleted across a restart', async (t) => {
  const first = await build(t)
  const token = await login(first.app)
  const jobId = await jobWithRuns(first.app, token)
  const runsDir = join(first.dataDir, 'runs')
  const before = await runsOnDisk(first.dataDir, jobId)
  t.equal(before.length, RUNS)
  const [secondTail] = (await readdir(runsDir)).filter((f) => f.startsWith('segment-000002.tail-'))
  t.ok(secondTail, 'the runs reach a second segment')
  const unblock = await block(join(runsDir, secondTail as string))

  const res = await send(first.app, token, 'DELETE', `${JOBS}?jobid=${jobId}&DeleteJob=true`)
  t.equal(res.statusCode, 200, 'the deletion is committed before any segment is written')
  t.strictSame(res.json(), { JobID: jobId, JobDeleted: true, JobRunsDeleted: RUNS })
  t.equal((await send(first.app, token, 'GET', `${JOBS}/${jobId}`)).statusCode, 404, 'the job is no longer served')
  t.equal(await runsServed(first.app, token, jobId), undefined, 'nor its runs')
  const committed = JSON.parse(await readFile(join(first.dataDir, 'purged.json'), 'utf8')) as { jobs: string[], runs: string[] }
  t.strictSame(committed.jobs, [jobId], 'the purge log keeps the deletion')
  t.equal(committed.runs.length, RUNS)

  await unblock()
  t.ok((await runsOnDisk(first.dataDir, jobId)).length > 0, 'the blocked segment still holds some runs')
  await first.app.close()
  const again = await build(t, {}, first.dataDir)
  const token2 = await login(again.app)
  t.equal((await send(again.app, token2, 'GET', `${JOBS}/${jobId}`)).statusCode, 404, 'after a restart the job is still gone')
  t.strictSame(await runsOnDisk(again.dataDir, jobId), [], 'and the start finished deleting its runs on disk')
  t.equal(await storedJob(again.dataDir, jobId), undefined)
  t.strictSame(JSON.parse(await readFile(join(again.dataDir, 'purged.json'), 'utf8')), { jobs: [], runs: [] }, 'the purge log let go')
  const exported = (await send(again.app, token2, 'GET', '/__admin/state')).json() as { data: { runs: StoredRun[] } }
  t.equal(exported.data.runs.filter((run) => run.jobId === jobId).length, 0, 'no run of the job is held anywhere')
})

t.test('a DELETE whose commit fails is answered 500 and deletes nothing, in memory or on disk', async (t) => {
  const first = await build(t)
  const token = await login(first.app)
  const jobId = await jobWithRuns(first.app, token)
  const unblock = await block(join(first.dataDir, '.purged.json.tmp'))

  const res = await send(first.app, token, 'DELETE', `${JOBS}?jobid=${jobId}&DeleteJob=true`)
  t.equal(res.statusCode, 500)
  t.strictSame(res.json(), { Message: 'An error has occurred.' })
  t.equal((await send(first.app, token, 'GET', `${JOBS}/${jobId}`)).statusCode, 200, 'the job is still served')
  t.equal(await runsServed(first.app, token, jobId), RUNS, 'with every run')
  t.equal((await runsOnDisk(first.dataDir, jobId)).length, RUNS, 'every run is still on disk')
  t.ok(await storedJob(first.dataDir, jobId), 'so is the job')

  await unblock()
  const retried = await send(first.app, token, 'DELETE', `${JOBS}?jobid=${jobId}&DeleteJob=false`)
  t.strictSame(retried.json(), { JobID: jobId, JobDeleted: false, JobRunsDeleted: RUNS }, 'once the disk recovers the runs can be deleted')
  t.ok(await storedJob(first.dataDir, jobId), 'the job stays with DeleteJob=false')
  t.strictSame(await runsOnDisk(first.dataDir, jobId), [])
})

t.test('a deletion committed before a crash is finished when the data set opens again', async (t) => {
  const first = await build(t)
  const token = await login(first.app)
  const jobId = await jobWithRuns(first.app, token)
  const runIds = (await runsOnDisk(first.dataDir, jobId)).map((run) => run.runId)
  await first.app.close()
  // What a crash right after the commit leaves: the keys in the log, every record still in its segment.
  await writeFile(join(first.dataDir, 'purged.json'), JSON.stringify({ jobs: [jobId], runs: runIds }))

  const again = await build(t, {}, first.dataDir)
  const token2 = await login(again.app)
  t.equal((await send(again.app, token2, 'GET', `${JOBS}/${jobId}`)).statusCode, 404, 'the job is gone')
  t.strictSame(await runsOnDisk(again.dataDir, jobId), [], 'its runs are gone from disk')
  t.equal(await storedJob(again.dataDir, jobId), undefined, 'and so is the job')
  t.strictSame(JSON.parse(await readFile(join(again.dataDir, 'purged.json'), 'utf8')), { jobs: [], runs: [] })
})

t.test('a purge log that is not ccs-mock data stops the start and is left untouched', async (t) => {
  const first = await build(t)
  await first.app.close()
  await writeFile(join(first.dataDir, 'purged.json'), '{"jobs":"all"}')
  await t.rejects(build(t, {}, first.dataDir), /purged\.json does not hold ccs-mock data/)
  t.equal(await readFile(join(first.dataDir, 'purged.json'), 'utf8'), '{"jobs":"all"}')
})

t.test('runs whose stored IDs are not lower-case (an imported snapshot) are deleted with their job', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const state = (await send(app, token, 'GET', '/__admin/state')).json() as { data: { runs: Array<StoredRun & { results?: Array<{ JobRunID: string }> }> } }
  const [run] = state.data.runs
  if (run === undefined) throw new Error('the fixtures have no run')
  const jobId = run.jobId
  const upper = run.runId.toUpperCase()
  for (const result of run.results ?? []) result.JobRunID = upper
  run.runId = upper
  t.equal((await app.inject({ method: 'PUT', url: '/__admin/state', payload: state })).statusCode, 200)
  const ofJob = state.data.runs.filter((r) => r.jobId === jobId).length

  const res = await send(app, token, 'DELETE', `${JOBS}?jobid=${jobId}&DeleteJob=true`)
  t.strictSame(res.json(), { JobID: jobId, JobDeleted: true, JobRunsDeleted: ofJob })
  const exported = (await send(app, token, 'GET', '/__admin/state')).json() as { data: { runs: StoredRun[] } }
  t.strictSame(exported.data.runs.filter((r) => r.jobId === jobId), [], 'no run of the job is held')
  t.strictSame(await runsOnDisk(dataDir, jobId), [], 'nor on disk')
})

// Over HTTP: a PATCH stores the changed job, then tells the engine after its write; a
// DELETE of the job can reach the engine in between. Timing that over HTTP is not
// deterministic, so the engine is driven directly, in that order.
t.test('a job change the engine hears after the job was deleted schedules nothing and queues no run', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const weekly = { RunNow: false, RunPeriodically: true, RunEveryNDays: true, RepeatDays: 7, StartDate: '2026-01-06T04:10:27Z' }
  const jobId = (await postJob(app, token, jobPayload({ JobName: 'changed while deleted', Schedule: weekly }))).json().JobID as string
  const lease = await app.stores.lease(null, false)
  if (lease === undefined) throw new Error('no default data set')
  lease.release()
  const { store } = lease
  const job = store.jobs.get(jobId)
  if (job === undefined) throw new Error('the job was not stored')

  const deleting = store.engine.deleteJob(jobId, true)
  const changed = store.engine.jobChanged(job, true, 'domain1\\administrator')
  t.strictSame(await deleting, { ok: true, runsDeleted: 0 })
  t.equal(await changed, undefined, 'no run is queued for the deleted job')
  t.strictSame(store.runs.ofJob(jobId), [], 'none is held')
  t.strictSame(await runsOnDisk(dataDir, jobId), [], 'none is on disk')
  t.equal(store.engine.nextRunTime(jobId), undefined, 'and nothing is scheduled')
})
