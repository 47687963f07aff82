// Segment files as jobs are created, changed and deleted: each is exactly the compact JSON
// of its records (a segment's text is built from kept record texts while it fills), and a
// restart serves what was acknowledged, changed records included.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { build, jobPayload, login, postJob } from '../helpers/build.js'

const JOBS = '/ccs/api/v1/jobs'

t.test('segment files hold exactly their records, across fills, changes and deletes', async (t) => {
  const dataDir = t.testdir()
  const { app } = await build(t, { jobsPerSegment: 10 }, dataDir)
  const token = await login(app)
  const auth = { authorization: `Bearer ${token}` }
  // 25 jobs, some at once (one group) and some one by one: segments 1 and 2 full, 3 filling.
  const created = await Promise.all(Array.from({ length: 12 }, async (_, i) => await postJob(app, token, jobPayload({ JobName: `burst-${i}` }))))
  for (let i = 0; i < 13; i++) created.push(await postJob(app, token, jobPayload({ JobName: `single-${i}` })))
  t.same(created.map((r) => r.statusCode), Array(25).fill(200))
  const ids = created.map((r) => (r.json() as { JobID: string }).JobID)

  // A change to a job in a full segment, and one in the filling segment.
  for (const [id, description] of [[ids[1], 'changed in a full segment'], [ids[24], 'changed while filling']] as const) {
    const res = await app.inject({ method: 'PATCH', url: JOBS, headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ JobID: id, JobDetails: { JobDescription: description } }) })
    t.equal(res.statusCode, 200, res.body)
  }
  const removed = await app.inject({ method: 'DELETE', url: `${JOBS}?jobid=${ids[3] as string}`, headers: auth })
  t.equal(removed.statusCode, 200, removed.body)

  const dir = join(dataDir, 'jobs')
  const onDisk = new Map<string, { JobID: string, JobDescription: string }>()
  for (const file of (await readdir(dir)).filter((f) => /^segment-\d+\.json$/.test(f)).sort()) {
    const text = await readFile(join(dir, file), 'utf8')
    const data = JSON.parse(text) as { jobs: Array<{ JobID: string, JobDescription: string }> }
    t.equal(text, JSON.stringify(data), `${file} is the compact JSON of its records`)
    for (const job of data.jobs) onDisk.set(job.JobID, job)
  }
  for (const [i, id] of ids.entries()) t.equal(onDisk.has(id), i !== 3, `job ${i} ${i === 3 ? 'deleted' : 'stored'}`)
  t.equal(onDisk.get(ids[1] as string)?.JobDescription, 'changed in a full segment')
  t.equal(onDisk.get(ids[24] as string)?.JobDescription, 'changed while filling')

  await app.close()
  const again = await build(t, { jobsPerSegment: 10 }, dataDir)
  const token2 = await login(again.app)
  for (const [i, id] of ids.entries()) {
    const res = await again.app.inject({ method: 'GET', url: `${JOBS}/${id}`, headers: { authorization: `Bearer ${token2}` } })
    t.equal(res.statusCode, i === 3 ? 404 : 200, `after a restart, job ${i}`)
  }
  const one = await again.app.inject({ method: 'GET', url: `${JOBS}/${ids[1] as string}`, headers: { authorization: `Bearer ${token2}` } })
  t.match(one.json(), { JobDescription: 'changed in a full segment' })
})
