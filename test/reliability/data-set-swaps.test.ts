import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { test } from 'tap'
import { fixture } from '../helpers/read-api.js'
import { build, jobPayload, login, loginIn, postJob, WEEKLY_JOB } from '../helpers/build.js'

// Issue 9: resets, removals and imports against requests in flight, and across restarts.

const API = '/ccs/api/v1'
/** Jobs a fresh data set holds. */
const FIXTURE_JOBS = fixture<unknown[]>('jobs.json').length

async function admin (app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({ method, url: `/__admin${url}`, ...(payload === undefined ? {} : { payload: payload as object }) })
}

async function jobStatus (app: FastifyInstance, token: string, jobId: string, session?: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: `${API}/jobs/${jobId}`, headers: { authorization: `Bearer ${token}`, ...(session === undefined ? {} : { 'x-ccs-mock-session': session }) } })).statusCode
}

const idOf = (res: LightMyRequestResponse): string => (res.json() as { JobID: string }).JobID

test('creates racing resets and removals: no 500 on either side, and every acknowledged job is where the last operation left it', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const session = { 'x-ccs-mock-session': 'racer' }
  const racerToken = await loginIn(app, 'racer')
  const creates: Array<Promise<LightMyRequestResponse>> = []
  const inSession: boolean[] = []
  const changes: Array<Promise<LightMyRequestResponse>> = []
  for (let round = 0; round < 6; round++) {
    for (let i = 0; i < 8; i++) {
      inSession.push(i % 2 === 0)
      creates.push(i % 2 === 0 ? postJob(app, racerToken, jobPayload(), session) : postJob(app, token, jobPayload()))
    }
    changes.push(admin(app, round % 3 === 0 ? 'POST' : 'DELETE', round % 3 === 0 ? '/sessions/racer/reset' : '/sessions/racer'))
    if (round % 2 === 1) changes.push(admin(app, 'POST', '/reset'))
  }
  const created = await Promise.all(creates)
  const changed = await Promise.all(changes)
  t.same([...new Set(created.map((r) => r.statusCode))], [200], 'every create answered 200')
  t.ok(changed.every((r) => [200, 204, 404].includes(r.statusCode)), `resets and removals answered: ${changed.map((r) => `${r.statusCode} ${r.statusCode >= 500 ? r.body : ''}`).join(' ')}`)

  // What is readable now is what a restart finds.
  const readable = async (target: FastifyInstance): Promise<string[]> => {
    const fresh = await login(target)
    const freshInSession = await loginIn(target, 'racer')
    const out: string[] = []
    for (const [i, res] of created.entries()) {
      const there = inSession[i] === true ? await jobStatus(target, freshInSession, idOf(res), 'racer') : await jobStatus(target, fresh, idOf(res))
      if (there === 200) out.push(idOf(res))
    }
    return out
  }
  const before = await readable(app)
  await app.close()
  const again = await build(t, {}, dataDir)
  t.same(await readable(again.app), before, `after a restart the same ${before.length} of ${created.length} jobs exist`)
})

test('a create held across a reset lands in the data set the last acknowledged operation left, also after a restart', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const before = idOf(await postJob(app, token, jobPayload({ JobName: 'made before the reset' })))
  // Long enough that the reset (staged from the fixtures) is normally acknowledged first.
  t.equal((await admin(app, 'POST', '/faults', { method: 'POST', path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'delay', ms: 1000 } })).statusCode, 201)
  const order: string[] = []
  const held = postJob(app, token, jobPayload({ JobName: 'held across the reset' })).then((res) => { order.push('create'); return res })
  const reset = await admin(app, 'POST', '/reset')
  order.push('reset')
  t.equal(reset.statusCode, 200)
  const answer = await held
  t.equal(answer.statusCode, 200)
  // Whichever was acknowledged last decides: a create after the reset is in the new data set.
  const expected = order[0] === 'reset' ? 200 : 404
  t.equal(await jobStatus(app, token, idOf(answer)), expected, `acknowledged ${order.join(' then ')}: the held job is ${expected === 200 ? 'readable' : 'gone with the reset'}`)
  t.equal(await jobStatus(app, token, before), 404, 'the job from before the reset is gone')

  await app.close()
  const again = await build(t, {}, dataDir)
  const fresh = await login(again.app)
  t.equal(await jobStatus(again.app, fresh, idOf(answer)), expected, 'after a restart: the same')
  t.equal(await jobStatus(again.app, fresh, before), 404, 'and the reset is not undone')
  t.equal(await jobStatus(again.app, fresh, WEEKLY_JOB), 200, 'the fixtures are')
})

test('a session reset and an import are durable; a session removal takes it away whole', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await loginIn(app, 'durable')
  const s = { 'x-ccs-mock-session': 'durable' }
  const gone = idOf(await postJob(app, token, jobPayload(), s))
  t.equal((await admin(app, 'POST', '/sessions/durable/reset')).statusCode, 200)
  const kept = idOf(await postJob(app, token, jobPayload(), s))
  const snapshot = (await admin(app, 'GET', '/state?session=durable')).json()
  t.equal((await admin(app, 'PUT', '/state?session=copy', snapshot)).statusCode, 200)
  t.equal((await admin(app, 'DELETE', '/sessions/durable')).statusCode, 204)
  t.same(readdirSync(join(dataDir, 'sessions')), ['copy'], 'no staging or removed directory is left behind')

  await app.close()
  const again = await build(t, {}, dataDir)
  const fresh = await loginIn(again.app, 'copy')
  t.equal(await jobStatus(again.app, fresh, gone, 'copy'), 404)
  t.equal(await jobStatus(again.app, fresh, kept, 'copy'), 200, 'the import is there after a restart')
  t.same((await admin(again.app, 'GET', '/sessions')).json(), { sessions: [{ name: 'copy', open: true, jobs: FIXTURE_JOBS + 1 }] })
})

test('a start-up finishes a swap a crash cut short and sweeps what removals left', async (t) => {
  const root = t.testdir({ data: {}, fresh: {} })
  const dataDir = join(root, 'data')
  // A data set with one extra job, and a fresh one to swap in.
  const first = await build(t, {}, dataDir)
  const extra = idOf(await postJob(first.app, await login(first.app), jobPayload()))
  await first.app.close()
  const fresh = await build(t, {}, join(root, 'fresh'))
  await fresh.app.close()

  // The swap was cut short half-way: the intent written, one entry already moved in.
  const staged = join(dataDir, '.staging-default-cafe')
  mkdirSync(staged)
  const entries = readdirSync(join(root, 'fresh')).filter((e) => e !== 'tls' && e !== 'tokens.json' && e !== 'sessions')
  for (const entry of entries) cpSync(join(root, 'fresh', entry), join(staged, entry), { recursive: true })
  writeFileSync(join(dataDir, 'swap-intent.json'), JSON.stringify({ staged: '.staging-default-cafe', entries }))
  renameSync(join(staged, 'ccs-mock.json'), join(dataDir, 'ccs-mock.json'))
  mkdirSync(join(dataDir, 'sessions', '.removed-old-0001', 'jobs'), { recursive: true })
  mkdirSync(join(dataDir, 'sessions', '.staging-x-0002'), { recursive: true })

  const again = await build(t, {}, dataDir)
  const token = await login(again.app)
  t.equal(await jobStatus(again.app, token, extra), 404, 'the swap was finished: the old job is gone')
  t.equal(await jobStatus(again.app, token, WEEKLY_JOB), 200, 'the new data set is there')
  t.notOk(existsSync(staged), 'the staging directory is used up')
  t.notOk(existsSync(join(dataDir, 'swap-intent.json')), 'the intent is gone')
  t.same(readdirSync(join(dataDir, 'sessions')), [], 'removed and staging leftovers are swept')
})
