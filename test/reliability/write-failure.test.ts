import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { storedJobs } from '../helpers/create-job.js'

t.test('a create whose write fails answers 500, stores nothing and is not served', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const jobsDir = join(dataDir, 'jobs')
  const [segment] = (await readdir(jobsDir)).filter((f) => f.startsWith('segment-'))
  // A directory where lowdb wants its temp file: the write fails, as on a full disk.
  const blocker = join(jobsDir, `.${segment ?? 'segment-000001.json'}.tmp`)
  await mkdir(blocker)
  const before = await storedJobs(dataDir)

  const failed = await postJob(app, token, jobPayload({ JobName: 'never stored' }))
  t.equal(failed.statusCode, 500)
  t.strictSame(failed.json(), { Message: 'An error has occurred.' })
  t.notMatch(failed.body, /EISDIR|tmp|segment/, 'nothing internal leaks')
  t.strictSame(await storedJobs(dataDir), before, 'the data on disk is unchanged')
  const byName = await app.inject({ method: 'GET', url: '/ccs/api/v1/Jobs?jobname=never%20stored', headers: { authorization: `Bearer ${token}` } })
  t.equal(byName.statusCode, 404, 'the failed job is not served')

  await rm(blocker, { recursive: true })
  const retried = await postJob(app, token, jobPayload({ JobName: 'never stored' }))
  t.equal(retried.statusCode, 200, 'the same name can be created once the disk recovers')
  t.equal((await storedJobs(dataDir)).length, before.length + 1)
})
