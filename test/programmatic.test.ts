import { access, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createServer } from 'node:net'
import t from 'tap'
import * as api from '../src/index.js'
import { CcsMockAdminError, startCcsMock, type CcsMock } from '../src/index.js'
import { jobPayload } from './helpers/build.js'
import { createJobOver, JOBS_PATH, loginOver, runNodeToExit, send, startServer, type Target } from './helpers/server-process.js'

const FIXTURE_JOBS = 7

/** HTTPS that trusts only the certificate startCcsMock returned. */
const trusting = (mock: CcsMock): Target => ({ port: mock.port, protocol: 'https', verify: { ca: mock.certificate ?? '' } })
const plain = (mock: CcsMock): Target => ({ port: mock.port, protocol: 'http' })

async function start (options: api.StartCcsMockOptions = {}): Promise<CcsMock> {
  const mock = await startCcsMock(options)
  t.teardown(() => mock.close())
  return mock
}

async function portIsFree (port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => { resolve(false) })
    server.listen(port, '127.0.0.1', () => { server.close(() => { resolve(true) }) })
  })
}

const exists = async (path: string): Promise<boolean> => await access(path).then(() => true, () => false)

t.test('startCcsMock serves HTTPS on a free port; the admin helpers drive it; close() frees port and data dir', async (t) => {
  const mock = await start()
  t.match(mock.url, /^https:\/\/127\.0\.0\.1:\d+$/)
  t.not(mock.port, 0)
  t.equal(mock.url, `https://127.0.0.1:${mock.port}`)
  t.equal(mock.apiUrl, `${mock.url}/ccs/api/v1`)
  t.match(mock.certificate, /^-----BEGIN CERTIFICATE-----/)
  t.ok((await stat(mock.dataDir)).isDirectory(), 'a fresh temporary data dir')

  const server = trusting(mock)
  await t.rejects(send({ ...server, verify: {} }, { path: '/__admin/health' }), 'untrusted without the certificate')
  const token = await loginOver(server)
  const created = await createJobOver(server, token, jobPayload())
  t.equal(created.status, 200, created.body)
  const jobId = created.json<{ JobID: string }>().JobID

  const rule = await mock.admin.faults.add({ method: 'POST', path: JOBS_PATH, count: 1, fault: { type: 'status', status: 500 } })
  t.same((await mock.admin.faults.list()).map((r) => r.id), [rule.id])
  t.equal((await createJobOver(server, token, jobPayload())).status, 500)
  t.equal((await createJobOver(server, token, jobPayload())).status, 200, 'the rule is spent after one firing')
  t.same(await mock.admin.faults.list(), [])

  t.equal(await mock.admin.requests.count({ method: 'POST', path: JOBS_PATH }), 3)
  t.equal(await mock.admin.requests.count({ status: 500 }), 1)
  t.same((await mock.admin.requests.list({ method: 'POST', status: '5xx' })).requests.map((r) => r.status), [500])
  t.equal((await mock.admin.health()).jobs, FIXTURE_JOBS + 2)

  const read = async (bearer: string): Promise<number> =>
    (await send(server, { path: `${JOBS_PATH}/${jobId}`, headers: { authorization: `Bearer ${bearer}` } })).status
  t.equal(await read(token), 200)
  const before = Date.parse((await mock.admin.clock.get()).now)
  const moved = await mock.admin.clock.advance('PT2H')
  t.ok(Date.parse(moved.now) - before >= 2 * 3600_000, 'the clock moved two hours')
  t.equal(await read(token), 401, 'the access token (1 h) expired')

  const reset = await mock.admin.reset()
  t.equal(reset.jobs, FIXTURE_JOBS)
  t.equal(await read(await loginOver(server)), 404, 'the created job is gone')

  const { port, dataDir } = mock
  await mock.close()
  await mock.close()
  t.ok(await portIsFree(port), 'the port is free again')
  t.notOk(await exists(dataDir), 'the temporary data dir is removed')
})

t.test('two instances at once keep their own port, data, faults and journal', async (t) => {
  const [a, b] = await Promise.all([start({ http: true }), start({ http: true })])
  t.not(a.port, b.port)
  t.not(a.dataDir, b.dataDir)
  t.equal(a.certificate, undefined, 'plain HTTP has no certificate')
  t.match(a.url, /^http:\/\//)

  await a.admin.faults.add({ path: '/ccs/api/v1/oauth/tokens', fault: { type: 'status', status: 503 } })
  await t.rejects(loginOver(plain(a)), /503/)
  const token = await loginOver(plain(b))
  t.equal((await createJobOver(plain(b), token, jobPayload())).status, 200)

  t.equal((await a.admin.health()).jobs, FIXTURE_JOBS)
  t.equal((await b.admin.health()).jobs, FIXTURE_JOBS + 1)
  t.equal(await a.admin.requests.count({ method: 'POST', path: JOBS_PATH }), 0)
  t.equal(await b.admin.requests.count({ method: 'POST', path: JOBS_PATH }), 1)
  t.same(await b.admin.faults.list(), [])
  await t.rejects(startCcsMock({ http: true, port: a.port }), { code: 'EADDRINUSE' }, 'a port in use fails the start')
})

t.test('a given data dir is kept; the admin key is sent; failures throw CcsMockAdminError', async (t) => {
  const dataDir = t.testdir()
  const mock = await start({ http: true, dataDir, adminKey: 'sesame', clock: new api.ManualClock(Date.UTC(2026, 2, 1, 8)) })
  t.equal(mock.dataDir, dataDir)
  const withoutKey = await mock.app.inject({ method: 'GET', url: '/__admin/faults' })
  t.equal(withoutKey.statusCode, 401, 'the control plane needs the key')
  t.same(await mock.admin.faults.list(), [], 'the helpers send it')

  t.same(await mock.admin.clock.get(), { now: '2026-03-01T08:00:00.000Z', frozen: true, timeZone: 'UTC' }, 'the given clock; schedules in UTC')
  t.equal((await mock.admin.clock.advance(90_000)).now, '2026-03-01T08:01:30.000Z', 'milliseconds as well as ISO durations')
  t.equal((await mock.admin.clock.resume()).frozen, false)

  const failure = await mock.admin.sessions.remove('nobody').then(() => undefined, (err: unknown) => err)
  t.type(failure, CcsMockAdminError)
  t.match(failure, { statusCode: 404, method: 'DELETE', path: '/__admin/sessions/nobody', message: /No session 'nobody' exists/ })

  t.same(await mock.admin.sessions.list(), [])
  t.match(await mock.admin.sessions.reset('alpha'), { name: 'alpha', jobs: FIXTURE_JOBS })
  const snapshot = await mock.admin.state.export('alpha')
  t.equal(snapshot.data.jobs.length, FIXTURE_JOBS)
  await mock.admin.sessions.remove('alpha')
  t.same(await mock.admin.notifications(), [])

  await mock.close()
  t.ok(await exists(dataDir), 'a data dir the caller gave stays')
})

t.test('snapshot and portFile options: start from an exported state, write the port', async (t) => {
  const source = await start({ http: true })
  const token = await loginOver(plain(source))
  t.equal((await createJobOver(plain(source), token, jobPayload({ JobName: 'from-a-snapshot' }))).status, 200)
  const dir = t.testdir()
  const snapshot = join(dir, 'state.json')
  await writeFile(snapshot, JSON.stringify(await source.admin.state.export()))
  const portFile = join(dir, 'port')
  const copy = await start({ http: true, snapshot, portFile })
  t.equal((await copy.admin.health()).jobs, FIXTURE_JOBS + 1, 'the snapshot was loaded before the start')
  t.equal(await readFile(portFile, 'utf8'), `${copy.port}\n`)
  await t.rejects(startCcsMock({ http: true, snapshot: join(dir, 'missing.json') }), { name: 'SnapshotFileError', message: /no such file/ })
})

t.test('the package entries (dist/index.js for import, dist/index.cjs for require) export what src/index.ts does', async (t) => {
  const script = [
    "const m = await import('ccs-mock')",
    "const c = (await import('node:module')).createRequire(import.meta.url)('ccs-mock')",
    'const mock = await c.startCcsMock({ http: true })',
    "const health = await (await fetch(mock.url + '/__admin/health')).json()",
    'await mock.close()',
    'console.log(JSON.stringify({ esm: Object.keys(m).sort(), cjs: Object.keys(c).sort(), status: health.status }))'
  ].join('\n')
  const run = await runNodeToExit(['--input-type=module', '-e', script])
  t.equal(run.code, 0, run.stderr)
  t.same(JSON.parse(run.stdout), { esm: Object.keys(api).sort(), cjs: Object.keys(api).sort(), status: 'ok' })
})

t.test('bin/ccs-mock.js: --help, and a server that stops cleanly on SIGTERM', async (t) => {
  const help = await runNodeToExit(['bin/ccs-mock.js', '--help'])
  t.equal(help.code, 0, help.stderr)
  t.match(help.stdout, /^Usage: ccs-mock \[options\]/)

  const server = await startServer(t, { dataDir: t.testdir(), http: true, script: 'bin/ccs-mock.js' })
  const health = await send(server, { path: '/__admin/health' })
  t.equal(health.status, 200)
  t.same(await server.stop('SIGTERM'), { code: 0, signal: null })
})
