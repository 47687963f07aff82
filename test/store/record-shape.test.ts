import { join } from 'node:path'
import t from 'tap'
import { syntheticJob } from '../../bench/lib/seed-jobs.js'
import { JobSchema } from '../../src/schemas/job.js'
import { StoredRunSchema } from '../../src/schemas/stored-run.js'
import { firstSchemaError } from '../../src/schema-check.js'
import { recordShape } from '../../src/store/record-shape.js'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { recordsOnDisk } from '../helpers/segments-on-disk.js'

const jobShape = recordShape(JobSchema)
const runShape = recordShape(StoredRunSchema)

const stored = async (dir: string, field: string, key: string): Promise<unknown[]> =>
  await recordsOnDisk<Record<string, string>>(dir, field, (record) => record[key] as string)

t.test('every record the server stores passes, as it passes the full schema', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  t.equal((await postJob(app, token, jobPayload({ JobName: 'shape' }))).statusCode, 200)
  const jobs = [...await stored(join(dataDir, 'jobs'), 'jobs', 'JobID'), syntheticJob(1, Date.now())]
  const runs = await stored(join(dataDir, 'runs'), 'runs', 'runId')
  t.ok(runs.length > 0, 'there are stored runs')
  for (const job of jobs) t.same([jobShape(job), firstSchemaError(JobSchema, job)], [undefined, undefined])
  for (const run of runs) t.same([runShape(run), firstSchemaError(StoredRunSchema, run)], [undefined, undefined])
})

t.test('a broken record is named where the full schema names it', async (t) => {
  const job = syntheticJob(1, Date.now()) as unknown as Record<string, unknown>
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a missing name', { ...job, JobName: undefined }, "/ must have required property 'JobName'"],
    ['a name that is a number', { ...job, JobName: 7 }, '/JobName must be string'],
    ['a schedule that is text', { ...job, Schedule: 'weekly' }, '/Schedule must match a schema in anyOf'],
    ['a target without its ID', { ...job, AssetsResolutionInfo: [{ Type: 'x' }] }, "/AssetsResolutionInfo/0 must have required property 'Id'"],
    ['a job that is an array', [] as unknown as Record<string, unknown>, '/ must be object']
  ]
  for (const [name, record, problem] of cases) {
    t.equal(jobShape(record), problem, name)
    const ajv = firstSchemaError(JobSchema, record)
    t.ok(ajv !== undefined, `${name}: the full schema refuses it too`)
    t.equal(ajv?.instancePath || '/', problem.split(' ')[0], `${name}: at the same place`)
  }
  t.equal(runShape({ runId: 'r1', jobId: 'j1' }), "/ must have required property 'jobName'")
  t.equal(runShape({ ...{ runId: '' } }), "/ must have required property 'jobId'")
})
