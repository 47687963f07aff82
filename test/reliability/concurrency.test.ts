import t from 'tap'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { jobsOnDisk } from '../helpers/server-process.js'

t.test('1000 concurrent creates with distinct names give 1000 distinct persisted jobs', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const before = (await jobsOnDisk(dataDir)).length
  const responses = await Promise.all(Array.from({ length: 1000 }, (_, i) => postJob(app, token, jobPayload({ JobName: `parallel-${i}` }))))
  t.same([...new Set(responses.map((r) => r.statusCode))], [200], 'every create answered 200')
  const ids = new Set(responses.map((r) => (r.json() as { JobID: string }).JobID))
  t.equal(ids.size, 1000, '1000 distinct JobIDs')
  const onDisk = await jobsOnDisk(dataDir)
  t.equal(onDisk.length, before + 1000, 'exactly 1000 more jobs on disk')
  t.ok([...ids].every((id) => onDisk.some((j) => j.JobID === id)), 'each answered JobID is on disk')
  t.equal(new Set(onDisk.map((j) => j.JobName.toLowerCase())).size, onDisk.length, 'names stay unique')
})

t.test('50 concurrent creates with one name give exactly one 200', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const responses = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    postJob(app, token, jobPayload({ JobName: i % 2 === 0 ? 'Same Name' : 'same name' }))))
  const statuses = responses.map((r) => r.statusCode)
  t.equal(statuses.filter((s) => s === 200).length, 1, 'one 200')
  t.equal(statuses.filter((s) => s === 400).length, 49, '49 answered 400')
  for (const r of responses.filter((r) => r.statusCode === 400)) {
    t.match(r.json(), { ModelState: { 'request.JobDetails.JobName': [/already exists/] } })
  }
  const named = (await jobsOnDisk(dataDir)).filter((j) => j.JobName.toLowerCase() === 'same name')
  t.equal(named.length, 1, 'one job with that name on disk')
})
