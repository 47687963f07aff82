// What a start finds after a crash in the middle of a segment write (docs/store.md,
// "Layout"): a tail cut off mid-append, a fold whose old tail was never deleted, and
// tails that cannot be trusted, which stop the start with the files left untouched.
import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { validateConfig } from '../../src/cli.js'
import { StoreError } from '../../src/store/store-error.js'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { recordsOnDisk } from '../helpers/segments-on-disk.js'

const JOBS = '/ccs/api/v1/jobs'
const SEGMENT = 10

/** Creates jobs named `names` on a fresh data dir (10 jobs per segment), then stops; answers their IDs. */
async function stored (t: Test, names: string[], dataDir = t.testdir()): Promise<{ dataDir: string, ids: string[] }> {
  const { app } = await build(t, { jobsPerSegment: SEGMENT }, dataDir)
  const token = await login(app)
  const ids: string[] = []
  for (const name of names) {
    const res = await postJob(app, token, jobPayload({ JobName: name }))
    t.equal(res.statusCode, 200, res.body)
    ids.push((res.json() as { JobID: string }).JobID)
  }
  await app.close()
  return { dataDir, ids }
}

/** Starts on `dataDir`; answers the status of GET Jobs/{id} for each ID. */
async function served (t: Test, dataDir: string, ids: string[]): Promise<number[]> {
  const { app } = await build(t, { jobsPerSegment: SEGMENT }, dataDir)
  const token = await login(app)
  const statuses = await Promise.all(ids.map(async (id) => (await app.inject({ method: 'GET', url: `${JOBS}/${id}`, headers: { authorization: `Bearer ${token}` } })).statusCode))
  await app.close()
  return statuses
}

/** Segment 1's live tail: after a clean stop it is the only one (a fold deletes the old one). */
function liveTail (jobsDir: string): string {
  const tails = readdirSync(jobsDir).filter((f) => /^segment-000001\.tail-\d+\.jsonl$/.test(f))
  if (tails.length !== 1) throw new Error(`expected one tail, found ${tails.join(', ')}`)
  return join(jobsDir, tails[0] as string)
}

const linesOf = (path: string): number => readFileSync(path, 'utf8').split('\n').length - 1

async function refusal (dataDir: string): Promise<Error> {
  return await buildApp({ config: validateConfig({ dataDir, jobsPerSegment: SEGMENT }) }).then(() => { throw new Error('started') }, (err: Error) => err)
}

t.test('a change cut off mid-append is dropped, and the next append starts where the whole changes end', async (t) => {
  // The fixtures' 7 jobs and 'a', then 'c': 9 of 10 places, all in segment 1's tail.
  const { dataDir, ids } = await stored(t, ['a'])
  const tail = liveTail(join(dataDir, 'jobs'))
  // Longer than a job's line, so an append that only wrote over it would leave some behind.
  appendFileSync(tail, `{"put":{"JobID":"${'0'.repeat(5000)}`)
  t.strictSame(await served(t, dataDir, ids), [200], 'the acknowledged job is served')

  const more = await stored(t, ['c'], dataDir)
  const lines = readFileSync(tail, 'utf8').split('\n')
  t.equal(lines.pop(), '', 'the tail ends with a whole line')
  t.ok(lines.every((line) => JSON.parse(line) !== undefined), 'every line is JSON: the cut-off text is gone')
  t.strictSame(await served(t, dataDir, [...ids, ...more.ids]), [200, 200])
})

t.test('a fold whose old tail was not deleted: the start ignores that tail', async (t) => {
  // The fixtures' 7 jobs and 'a', 'b': 9 of 10 places, in segment 1's tail. The tail
  // is copied, then 'b' is deleted: the copy still holds 'b' without its delete.
  const { dataDir, ids } = await stored(t, ['a', 'b'])
  const token = async (app: Parameters<typeof login>[0]): Promise<Record<string, string>> => ({ authorization: `Bearer ${await login(app)}` })
  const jobsDir = join(dataDir, 'jobs')
  const oldTail = liveTail(jobsDir)
  copyFileSync(oldTail, `${oldTail}.copy`)
  let { app } = await build(t, { jobsPerSegment: SEGMENT }, dataDir)
  t.equal((await app.inject({ method: 'DELETE', url: `${JOBS}?jobid=${ids[1] as string}`, headers: await token(app) })).statusCode, 200)
  await app.close()
  // 'c' and 'd' fill the segment: it folds into segment-000001.json, naming tail generation 1.
  const more = await stored(t, ['c', 'd'], dataDir)
  t.notOk(existsSync(oldTail), 'the fold deleted the old tail')
  t.ok((JSON.parse(readFileSync(join(jobsDir, 'segment-000001.json'), 'utf8')) as { tail: number }).tail >= 1, 'the segment file names a newer tail')
  // As if the process died between the fold's rename and the delete.
  copyFileSync(`${oldTail}.copy`, oldTail)
  t.strictSame(await served(t, dataDir, [ids[0] as string, ids[1] as string, ...more.ids]), [200, 404, 200, 200], "'b' stays deleted")
  t.notOk(existsSync(oldTail), 'the start removed the obsolete tail')
  ;({ app } = await build(t, { jobsPerSegment: SEGMENT }, dataDir))
  t.equal((await app.inject({ method: 'GET', url: `${JOBS}?jobname=b`, headers: await token(app) })).statusCode, 404)
  await app.close()
})

t.test('tails that cannot be trusted stop the start, naming the file; nothing is changed', async (t) => {
  // Each damage answers what the refusal must say.
  const cases: Array<[string, (jobsDir: string) => RegExp]> = [
    ['a line that is not JSON', (dir) => {
      const tail = liveTail(dir)
      const line = linesOf(tail) + 1
      appendFileSync(tail, '{"put":\n{"del":"x"}\n')
      return new RegExp(`${tail}: line ${line} is not JSON`)
    }],
    ['a line that is not a change', (dir) => {
      const tail = liveTail(dir)
      const line = linesOf(tail) + 1
      appendFileSync(tail, '{"add":{}}\n')
      return new RegExp(`${tail}: line ${line} is not a change`)
    }],
    ['a stored job of the wrong shape', (dir) => {
      const tail = liveTail(dir)
      const line = linesOf(tail) + 1
      appendFileSync(tail, '{"put":{"JobID":"d0e0f0a0-0000-4000-8000-000000000001"}}\n')
      return new RegExp(`${tail}: line ${line} is not a stored record \\(/ must have required property 'JobName'\\)`)
    }],
    ['a tail newer than its segment file', (dir) => {
      const newer = join(dir, 'segment-000001.tail-99.jsonl')
      writeFileSync(newer, '')
      return new RegExp(`${newer} is newer than its segment`)
    }]
  ]
  for (const [name, damage] of cases) {
    await t.test(name, async (t) => {
      const { dataDir } = await stored(t, ['a', 'b'])
      const jobsDir = join(dataDir, 'jobs')
      const message = damage(jobsDir)
      const files = Object.fromEntries(readdirSync(jobsDir).map((f) => [f, readFileSync(join(jobsDir, f), 'utf8')]))
      const err = await refusal(dataDir)
      t.type(err, StoreError)
      t.match(err.message, message)
      t.match(err.message, /The files? (was|were) left untouched/)
      t.strictSame(Object.fromEntries(readdirSync(jobsDir).map((f) => [f, readFileSync(join(jobsDir, f), 'utf8')])), files, 'the files are unchanged')
    })
  }
})

t.test('the test reader and the server agree on what is stored', async (t) => {
  const { dataDir, ids } = await stored(t, ['a', 'b', 'c', 'd', 'e'])
  const onDisk = await recordsOnDisk<{ JobID: string }>(join(dataDir, 'jobs'), 'jobs', (job) => job.JobID)
  t.ok(ids.every((id) => onDisk.some((job) => job.JobID === id)))
  t.equal(onDisk.length, 12)
})

t.test('a refused start deletes nothing, not even a tail its segment file says is obsolete', async (t) => {
  const dataDir = t.testdir({
    jobs: {
      'segment-000001.json': '{"jobs":[],"tail":2}',
      'segment-000001.tail-1.jsonl': '{"del":"folded already"}\n',
      'segment-000001.tail-2.jsonl': '{"put":{"JobID":"d0e0f0a0-0000-4000-8000-000000000001"}}\n'
    }
  })
  const err = await refusal(dataDir)
  t.match(err.message, /segment-000001\.tail-2\.jsonl: line 1 is not a stored record/)
  t.ok(existsSync(join(dataDir, 'jobs', 'segment-000001.tail-1.jsonl')), 'the obsolete tail is still there')
})
