// Segment files as jobs are created, changed and deleted (docs/store.md, "Layout"): a
// full segment is one lowdb file, exactly the compact JSON of its records; a filling
// one takes each change as one appended line of its tail, so a create writes what the
// new job costs and rewrites nothing; a restart serves what was acknowledged.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { recordsOnDisk } from '../helpers/segments-on-disk.js'

const JOBS = '/ccs/api/v1/jobs'
type StoredJob = { JobID: string, JobName: string, JobDescription: string }

t.test('full segments are lowdb files of their records; a filling one appends its changes', async (t) => {
  const dataDir = t.testdir()
  const { app } = await build(t, { jobsPerSegment: 10 }, dataDir)
  const token = await login(app)
  const auth = { authorization: `Bearer ${token}` }
  const dir = join(dataDir, 'jobs')
  const seeded = (await recordsOnDisk<StoredJob>(dir, 'jobs', (job) => job.JobID)).length
  // Some at once (one group) and some one by one, until two segments are full and a third fills.
  const created = await Promise.all(Array.from({ length: 12 }, async (_, i) => await postJob(app, token, jobPayload({ JobName: `burst-${i}` }))))
  for (let i = 0; i < 25 - seeded - 12; i++) created.push(await postJob(app, token, jobPayload({ JobName: `single-${i}` })))
  t.ok(created.every((r) => r.statusCode === 200))
  const ids = created.map((r) => (r.json() as { JobID: string }).JobID)

  const files = (await readdir(dir)).sort()
  t.strictSame(files, ['segment-000001.json', 'segment-000002.json', 'segment-000003.tail-0.jsonl'], 'two full segments and the third one\'s tail')
  for (const file of ['segment-000001.json', 'segment-000002.json']) {
    const text = await readFile(join(dir, file), 'utf8')
    const data = JSON.parse(text) as { jobs: StoredJob[], tail?: number }
    t.equal(text, JSON.stringify(data), `${file} is the compact JSON of its records`)
    t.equal(data.jobs.length, 10, `${file} holds a full segment`)
    t.equal(data.tail, 1, `${file} names the tail generation after the one it folded`)
  }
  const tailLines = async (): Promise<string[]> => (await readFile(join(dir, 'segment-000003.tail-0.jsonl'), 'utf8')).split('\n').slice(0, -1)
  t.strictSame((await tailLines()).map((line) => (JSON.parse(line) as { put: StoredJob }).put.JobName), created.slice(-5).map((_, i) => `single-${i + 8 - seeded}`), 'each create is one line')

  // Another create appends exactly its job and leaves the full segments alone.
  const before = await Promise.all(['segment-000001.json', 'segment-000002.json'].map(async (f) => await readFile(join(dir, f), 'utf8')))
  const one = await postJob(app, token, jobPayload({ JobName: 'one more' }))
  t.equal(one.statusCode, 200)
  const lines = await tailLines()
  t.equal(lines.length, 6)
  const last = lines.at(-1) as string
  t.match(JSON.parse(last), { put: { JobID: (one.json() as { JobID: string }).JobID, JobName: 'one more' } }, 'the line is the new job')
  t.equal(last, JSON.stringify(JSON.parse(last)), 'in compact JSON')
  t.strictSame(await Promise.all(['segment-000001.json', 'segment-000002.json'].map(async (f) => await readFile(join(dir, f), 'utf8'))), before, 'the full segments are not rewritten')

  // A change to a job in a full segment (rewrites that segment), one in the filling
  // segment (one more line), and a delete from a full segment (which then takes appends).
  const inSegment1 = ids[10 - seeded] as string
  const filling = ids.at(-1) as string
  const deleted = ids[0] as string
  for (const [id, description] of [[inSegment1, 'changed in a full segment'], [filling, 'changed while filling']] as const) {
    const res = await app.inject({ method: 'PATCH', url: JOBS, headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ JobID: id, JobDetails: { JobDescription: description } }) })
    t.equal(res.statusCode, 200, res.body)
  }
  const removed = await app.inject({ method: 'DELETE', url: `${JOBS}?jobid=${deleted}`, headers: auth })
  t.equal(removed.statusCode, 200, removed.body)
  t.match(JSON.parse((await tailLines()).at(-1) as string), { put: { JobID: filling, JobDescription: 'changed while filling' } })
  t.strictSame(JSON.parse(await readFile(join(dir, 'segment-000001.tail-1.jsonl'), 'utf8')), { del: deleted }, 'the delete is a line of the emptied segment\'s tail')

  const onDisk = new Map((await recordsOnDisk<StoredJob>(dir, 'jobs', (job) => job.JobID)).map((job) => [job.JobID, job]))
  for (const [i, id] of ids.entries()) t.equal(onDisk.has(id), id !== deleted, `job ${i} ${id === deleted ? 'deleted' : 'stored'}`)
  t.equal(onDisk.get(inSegment1)?.JobDescription, 'changed in a full segment')
  t.equal(onDisk.get(filling)?.JobDescription, 'changed while filling')

  await app.close()
  const again = await build(t, { jobsPerSegment: 10 }, dataDir)
  const token2 = await login(again.app)
  for (const [i, id] of ids.entries()) {
    const res = await again.app.inject({ method: 'GET', url: `${JOBS}/${id}`, headers: { authorization: `Bearer ${token2}` } })
    t.equal(res.statusCode, id === deleted ? 404 : 200, `after a restart, job ${i}`)
    if (res.statusCode === 200) t.equal((res.json() as StoredJob).JobDescription, onDisk.get(id)?.JobDescription)
  }
})
