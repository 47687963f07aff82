import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { test } from 'tap'
import { fixture } from '../helpers/read-api.js'
import { build, jobPayload, login, loginIn, postJob, WEEKLY_JOB } from '../helpers/build.js'

// Issue 9: the control plane under hostile use. Each case failed on the main it was written against.

const API = '/ccs/api/v1'
/** Jobs a fresh data set holds. */
const FIXTURE_JOBS = fixture<unknown[]>('jobs.json').length

async function admin (app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return await app.inject({ method, url: `/__admin${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
}

/** The data dir's `sessions/` entries. */
const sessionDirs = (dataDir: string): string[] => existsSync(join(dataDir, 'sessions')) ? readdirSync(join(dataDir, 'sessions')).sort() : []

const BAD_NAMES = ['', '.', '..', '../../victim', '..%2F..%2Fvictim', 'a/b', 'a\\b', '%00', 'x%00y', 'CON', 'nul', 'COM1', 'lpt9', 'con.txt', 'suite.', '.hidden', '-dash', 'a'.repeat(65), 'spa ce', 'é']

test('every way a session name enters goes through one check; nothing outside the data dir is touched', async (t) => {
  const root = t.testdir({ data: {}, victim: { 'keep.txt': 'precious' } })
  const dataDir = join(root, 'data')
  const { app } = await build(t, {}, dataDir)
  const token = await login(app)
  t.equal((await postJob(app, await loginIn(app, 'kept'), jobPayload(), { 'x-ccs-mock-session': 'kept' })).statusCode, 200)
  const snapshot = (await admin(app, 'GET', '/state')).json()

  for (const name of BAD_NAMES) {
    const query = `?session=${name.includes('%') ? name : encodeURIComponent(name)}`
    const imported = await admin(app, 'PUT', `/state${query}`, snapshot)
    t.equal(imported.statusCode, 400, `import ?session=${name}`)
    t.match(imported.json(), { statusCode: 400, message: /is not a session name/ })
    t.equal((await admin(app, 'GET', `/state${query}`)).statusCode, 400, `export ?session=${name}`)
    t.equal((await admin(app, 'GET', `/notifications${query}`)).statusCode, 400, `notifications ?session=${name}`)
    if (name !== '' && name !== '.' && name !== '..' && !name.includes('/')) {
      const path = encodeURIComponent(name)
      t.equal((await admin(app, 'POST', `/sessions/${path}/reset`)).statusCode, 400, `reset /sessions/${name}`)
      t.equal((await admin(app, 'DELETE', `/sessions/${path}`)).statusCode, 400, `delete /sessions/${name}`)
    }
    if (!name.includes('%') && !/[^\x20-\x7e]/.test(name)) {
      const viaHeader = await postJob(app, token, jobPayload(), { 'x-ccs-mock-session': name })
      t.equal(viaHeader.statusCode, 400, `header '${name}'`)
      t.match(viaHeader.json(), { Message: /x-ccs-mock-session header is not a session name/ })
    }
  }
  const named = await admin(app, 'PUT', '/state?session=fine', { ...snapshot, session: '../../victim' })
  t.equal(named.statusCode, 400, 'a snapshot naming a bad session is refused')
  t.match(named.json(), { details: { session: [/1 to 64 letters/] } })

  t.equal(readFileSync(join(root, 'victim', 'keep.txt'), 'utf8'), 'precious', 'the victim outside the data dir is untouched')
  t.same(readdirSync(join(root, 'victim')), ['keep.txt'])
  t.same(sessionDirs(dataDir), ['kept'], 'no directory made for a bad name, the good session kept')
  const sessions = await admin(app, 'GET', '/sessions')
  t.equal(sessions.statusCode, 200)
  t.same(sessions.json(), { sessions: [{ name: 'kept', open: true, jobs: FIXTURE_JOBS + 1 }] })
  t.equal((await postJob(app, await loginIn(app, 'Suite.2_b-C'), jobPayload(), { 'x-ccs-mock-session': 'Suite.2_b-C' })).statusCode, 200, 'a portable name with dots inside is fine')
  t.same(sessionDirs(dataDir), ['kept', 'suite.2_b-c'])
})

test('only an authenticated, routed request creates a session', async (t) => {
  const { app, dataDir } = await build(t, { adminKey: 'k3y' })
  const session = (name: string): Record<string, string> => ({ 'x-ccs-mock-session': name })
  const token = await login(app)

  const failures: Array<[string, LightMyRequestResponse]> = [
    ['401', await app.inject({ method: 'GET', url: `${API}/jobs/${WEEKLY_JOB}`, headers: session('s401') })],
    ['401 bad token', await app.inject({ method: 'GET', url: `${API}/jobs/${WEEKLY_JOB}`, headers: { ...session('s401b'), authorization: 'Bearer nope' } })],
    ['404', await app.inject({ method: 'GET', url: `${API}/nothing-here`, headers: { ...session('s404'), authorization: `Bearer ${token}` } })],
    ['405', await app.inject({ method: 'PUT', url: `${API}/jobs`, headers: { ...session('s405'), authorization: `Bearer ${token}` } })],
    ['admin, wrong key', await admin(app, 'GET', '/state', undefined, { ...session('sadmin'), 'x-ccs-mock-admin-key': 'wrong' })],
    ['failed login', await app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: session('slogin'), payload: 'grant_type=password&username=domain1%5Cadministrator&password=wrong' })]
  ]
  const expected = ['401', '401 bad token', '404', '405', 'admin, wrong key', 'failed login']
  t.same(failures.map(([what]) => what), expected)
  t.same(failures.map(([, res]) => res.statusCode), [401, 401, 404, 405, 401, 400])
  t.same(sessionDirs(dataDir), [], 'none of them made a session directory')
  t.same((await admin(app, 'GET', '/sessions', undefined, { 'x-ccs-mock-admin-key': 'k3y' })).json(), { sessions: [] })

  t.equal((await app.inject({ method: 'GET', url: `${API}/jobs/${WEEKLY_JOB}`, headers: { ...session('fresh'), authorization: `Bearer ${token}` } })).statusCode, 401, 'a token of the default data set is unknown in a session')
  t.same(sessionDirs(dataDir), [], 'and creates nothing')
  const login2 = await app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: session('fresh'), payload: 'grant_type=password&username=domain1%5Cauditor&password=pass%40123' })
  t.equal(login2.statusCode, 200, 'a login to a session that does not exist yet checks the users a new session would have')
  t.same(sessionDirs(dataDir), ['fresh'], 'and, authenticated, creates it to hold its tokens')
  const inFresh = (login2.json() as { access_token: string }).access_token
  t.equal((await app.inject({ method: 'GET', url: `${API}/jobs/${WEEKLY_JOB}`, headers: { ...session('fresh'), authorization: `Bearer ${inFresh}` } })).statusCode, 200)
})

test('a snapshot import is all or nothing, and names the field it refuses', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const created = await postJob(app, token, jobPayload({ JobName: 'Before the import' }))
  const jobId = (created.json() as { JobID: string }).JobID
  const clockBefore = (await admin(app, 'GET', '/clock')).json()
  const good = (await admin(app, 'GET', '/state')).json()
  const job = good.data.jobs[0]
  const rule = { path: '/ccs/api/v1/jobs', fault: { type: 'status', status: 503 } }

  const rows: Array<[string, unknown, RegExp, string]> = [
    ['repeated JobID', { ...good, data: { ...good.data, jobs: [...good.data.jobs, { ...job, JobName: 'other name' }] } }, /data\.jobs\[\d+\]\.JobID: repeats the JobID of data\.jobs\[0\]/, `data.jobs[${good.data.jobs.length as number}].JobID`],
    ['repeated job name', { ...good, data: { ...good.data, jobs: [...good.data.jobs, { ...job, JobID: '11111111-2222-4333-8444-555555555555', JobName: job.JobName.toUpperCase() }] } }, /JobName: repeats the JobName/, `data.jobs[${good.data.jobs.length as number}].JobName`],
    ['a rule without a fault', { ...good, faults: [{ path: '/x' }] }, /faults\[0\]: the body|faults\[0\]\.fault|fault/, 'faults[0].fault'],
    ['status 99', { ...good, faults: [{ ...rule, fault: { type: 'status', status: 99 } }] }, /faults\[0\]\.fault\.status: must be between 200 and 599/, 'faults[0].fault.status'],
    ['count 0', { ...good, faults: [{ ...rule, count: 0 }] }, /faults\[0\]\.count/, 'faults[0].count'],
    ['a delay of 10^12 ms', { ...good, faults: [{ path: '/x', fault: { type: 'delay', ms: 1e12 } }] }, /faults\[0\]\.fault\.ms/, 'faults[0].fault.ms'],
    ['a path without its slash', { ...good, faults: [{ path: 'no-slash', fault: { type: 'drop' } }] }, /faults\[0\]\.path/, 'faults[0].path'],
    ['a job of the wrong shape', { ...good, data: { ...good.data, jobs: [{ ...job, JobName: 42 }] } }, /data\.jobs\[0\]\.JobName/, 'data.jobs[0].JobName'],
    ['a run of the wrong shape', { ...good, data: { ...good.data, runs: [{ runId: 'r' }] } }, /data\.runs\[0\]/, 'data.runs[0].jobId'],
    ['a user nobody can log in as', { ...good, data: { ...good.data, users: [{ UserName: 'domain1\\ghost', Tasks: [], Folders: [] }] } }, /data\.users\[0\]\.Password: is required/, 'data.users[0].Password'],
    ['a clock past year 9999', { ...good, clock: { now: '+010000-01-01T00:00:00Z', frozen: true } }, /clock\.now/, 'clock.now'],
    ['a snapshot of another format', { ...good, formatVersion: 2 }, /formatVersion/, 'formatVersion']
  ]
  for (const [what, body, message, field] of rows) {
    const res = await admin(app, 'PUT', '/state', body)
    t.equal(res.statusCode, 400, what)
    const answer = res.json() as { message: string, details?: Record<string, string[]> }
    t.match(answer.message, message, `${what}: ${answer.message}`)
    t.ok(answer.details !== undefined && Object.keys(answer.details).some((key) => key.startsWith(field)), `${what}: details name ${field} (${JSON.stringify(answer.details)})`)
    t.notMatch(res.body, /\/tmp\/|node_modules|\bat [\w.]+ \(/, `${what}: no paths or stack in the answer`)
  }
  t.equal((await app.inject({ method: 'GET', url: `${API}/jobs/${jobId}`, headers: { authorization: `Bearer ${token}` } })).statusCode, 200, 'the data set is as it was')
  t.same((await admin(app, 'GET', '/clock')).json(), clockBefore, 'and so is the clock')
  t.same((await admin(app, 'GET', '/faults')).json(), [], 'and the fault rules')

  t.notOk(good.data.users.some((u: { Password?: string }) => 'Password' in u), 'an export leaves passwords out')
  const withPasswords = (await admin(app, 'GET', '/state?includePasswords=true')).json()
  t.ok(withPasswords.data.users.every((u: { Password?: string }) => typeof u.Password === 'string'), 'unless asked for')
  const imported = await admin(app, 'PUT', '/state?session=restored', { ...good, faults: [rule] })
  t.equal(imported.statusCode, 200, 'a good snapshot without passwords imports')
  t.equal((await app.inject({
    method: 'POST', url: `${API}/oauth/tokens`, headers: { 'x-ccs-mock-session': 'restored' }, payload: 'grant_type=password&username=domain1%5Cadministrator&password=pass%40123'
  })).statusCode, 200, 'its users log in with the fixture passwords')
})

test('the clock: advances and dates are bounded; a far jump plays only the last 31 days', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const runsOf = async (jobId: string): Promise<unknown[]> => (await app.inject({ method: 'GET', url: `${API}/jobs/${jobId}/jobruns?count=0`, headers: { authorization: `Bearer ${await login(app)}` } })).json()
  const daily = (await postJob(app, token, jobPayload({ Schedule: { RunNow: false, RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1, StartDate: '2026-01-05T12:00:00Z' } }))).json() as { JobID: string }

  for (const [body, field] of [
    [{ advance: 'P300000Y' }, 'advance'],
    [{ advance: 'P101Y' }, 'advance'],
    [{ set: '+010000-01-01T00:00:00Z' }, 'set'],
    [{ set: '1969-12-31T23:59:59Z' }, 'set'],
    [{ set: '9999-12-31T00:00:00Z', advance: 'P2D' }, 'advance']
  ] as const) {
    const res = await admin(app, 'POST', '/clock', body)
    t.equal(res.statusCode, 400, JSON.stringify(body))
    t.match(res.json(), { details: { [field]: [/./] } })
  }
  t.same((await admin(app, 'GET', '/clock')).json(), { now: '2026-01-05T09:00:00.000Z', frozen: true, timeZone: 'UTC' }, 'a refused change changes nothing')

  const jumped = await admin(app, 'POST', '/clock', { advance: 'P100Y' })
  t.equal(jumped.statusCode, 200, 'a hundred years answers')
  const runs = await runsOf(daily.JobID)
  t.ok(runs.length >= 30 && runs.length <= 32, `one run a day for the last 31 days only (${runs.length})`)
  t.equal((await admin(app, 'POST', '/clock', { set: '9999-12-31T23:59:59Z' })).statusCode, 200, 'the last instant is fine')
})

test('near misses and path patterns cannot stall the server', async (t) => {
  const { app } = await build(t, { journalSize: 2000 })
  for (let i = 0; i < 1500; i++) await app.inject({ method: 'GET', url: `/ccs/api/v1/jobz/${'x'.repeat(200)}${i % 7}` })
  const unmatched = await admin(app, 'GET', '/requests/unmatched?limit=1')
  t.equal(unmatched.statusCode, 200)
  t.equal((unmatched.json() as { requests: unknown[] }).requests.length, 1)
  const evil = await admin(app, 'GET', `/requests?pathPattern=${encodeURIComponent('^(x+x+)+y$')}`)
  t.equal(evil.statusCode, 200, 'a backtracking pattern runs in linear time')
  t.equal((evil.json() as { total: number }).total, 0)
  const lookaround = await admin(app, 'GET', `/requests?pathPattern=${encodeURIComponent('(?=x)')}`)
  t.equal(lookaround.statusCode, 400)
  t.match(lookaround.json(), { details: { pathPattern: [/RE2/] } })
  t.equal((await admin(app, 'GET', `/requests?pathPattern=${encodeURIComponent('JOBZ/x+6$')}`)).json().total, 214, 'case-insensitive, found anywhere')
})

test('router refusals and every spelling of the control plane answer in their own shape', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const long = await app.inject({ method: 'GET', url: `${API}/jobs/${'a'.repeat(300)}`, headers: { authorization: `Bearer ${token}` } })
  t.equal(long.statusCode, 400, 'a segment longer than HTTP.sys takes')
  t.same(long.json(), { Message: 'The request URL is invalid.' })
  const midLength = await app.inject({ method: 'GET', url: `${API}/jobs/${'a'.repeat(150)}`, headers: { authorization: `Bearer ${token}` } })
  t.not(midLength.statusCode, 414, 'a 150-character ID reaches the route')
  t.match(midLength.json(), { Message: /./ })
  const badEscape = await app.inject({ method: 'GET', url: `${API}/jobs/%E0%A4%A` })
  t.equal(badEscape.statusCode, 400)
  t.same(badEscape.json(), { Message: 'The request URL is invalid.' })
  const adminLong = await admin(app, 'DELETE', `/sessions/${'a'.repeat(300)}`)
  t.equal(adminLong.statusCode, 400)
  t.match(adminLong.json(), { statusCode: 400, error: 'Bad Request', message: /URL is invalid/ })
  for (const url of ['/__ADMIN/faults', '/__admin/faults', '//__Admin//faults', '/%5F%5Fadmin/faults']) {
    const res = await app.inject({ method: 'OPTIONS', url })
    t.equal(res.statusCode, 404, `OPTIONS ${url}`)
    t.match(res.json(), { statusCode: 404, error: 'Not Found', message: /^Route OPTIONS:/ }, `${url}: the control plane's shape`)
  }
})
