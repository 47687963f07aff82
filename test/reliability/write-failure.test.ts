import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { storedJobs } from '../helpers/create-job.js'

// A directory where the store wants a file: the write fails, as on a full disk. Both
// kinds of write: an append to a filling segment's tail, and the fold that rewrites a
// segment's lowdb file (lowdb's temp file is blocked) when the segment fills.
const blockTail = async (jobsDir: string): Promise<() => Promise<void>> => {
  const [tail] = (await readdir(jobsDir)).filter((f) => f.endsWith('.jsonl'))
  const path = join(jobsDir, tail ?? 'segment-000001.tail-0.jsonl')
  await rename(path, `${path}.aside`)
  await mkdir(path)
  return async () => {
    await rm(path, { recursive: true })
    await rename(`${path}.aside`, path)
  }
}
const blockFold = async (jobsDir: string): Promise<() => Promise<void>> => {
  const path = join(jobsDir, '.segment-000001.json.tmp')
  await mkdir(path)
  return async () => { await rm(path, { recursive: true }) }
}

for (const [name, jobsPerSegment, block] of [['an append', 100, blockTail], ['a fold', 10, blockFold]] as const) {
  t.test(`a create whose write fails (${name}) answers 500, stores nothing and is not served`, async (t) => {
    const { app, dataDir } = await build(t, { jobsPerSegment })
    const token = await login(app)
    const jobsDir = join(dataDir, 'jobs')
    // The fold case fills the segment to one short of full.
    while ((await storedJobs(dataDir)).length < 9) t.equal((await postJob(app, token, jobPayload({ JobName: `filler ${(await storedJobs(dataDir)).length}` }))).statusCode, 200)
    const before = await storedJobs(dataDir)
    const unblock = await block(jobsDir)

    const failed = await postJob(app, token, jobPayload({ JobName: 'never stored' }))
    t.equal(failed.statusCode, 500)
    t.strictSame(failed.json(), { Message: 'An error has occurred.' })
    t.notMatch(failed.body, /EISDIR|tmp|segment/, 'nothing internal leaks')
    await unblock()
    t.strictSame(await storedJobs(dataDir), before, 'the data on disk is unchanged')
    const byName = await app.inject({ method: 'GET', url: '/ccs/api/v1/Jobs?jobname=never%20stored', headers: { authorization: `Bearer ${token}` } })
    t.equal(byName.statusCode, 404, 'the failed job is not served')

    const retried = await postJob(app, token, jobPayload({ JobName: 'never stored' }))
    t.equal(retried.statusCode, 200, 'the same name can be created once the disk recovers')
    const after = await storedJobs(dataDir)
    t.equal(after.length, 10)
    t.equal(after.filter((job) => job.JobName === 'never stored').length, 1)
  })
}
