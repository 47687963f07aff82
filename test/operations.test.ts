// Running ccs-mock as a process: --version, the ready line and --port-file, health
// checks kept out of the info log, `ccs-mock export|import FILE`, --snapshot, and the
// container health check (src/healthcheck.ts). The processes run the build (dist/), as
// users do; it is fresh under `npm test` and rebuilt here when a source is newer.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { VERSION } from '../src/admin/version.js'
import { jobPayload } from './helpers/build.js'
import { fixture } from './helpers/read-api.js'
import { buildIfStale } from './helpers/package.js'
import { createJobOver, freePort, loginOver, runNodeToExit, send, startServer as startSource, type ServerProcess, type StartOptions } from './helpers/server-process.js'

t.jobs = 2
t.setTimeout(120_000)
t.before(buildIfStale)

const SERVER = 'dist/server.js'
/** Jobs a fresh data set holds. */
const FIXTURE_JOBS = fixture<unknown[]>('jobs.json').length
const startServer = async (t: Test, options: StartOptions): Promise<ServerProcess> => await startSource(t, { ...options, script: SERVER })
const runServerToExit = async (args: string[], env: Record<string, string> = {}) => await runNodeToExit([SERVER, ...args], env)

/** The ready line, once the server has written it. */
async function readyOf (server: ServerProcess): Promise<{ ready: boolean, url: string, port: number }> {
  for (let i = 0; i < 200; i++) {
    const line = server.stdout().split('\n').find((l) => l.startsWith('{"ready"'))
    if (line !== undefined) return JSON.parse(line) as { ready: boolean, url: string, port: number }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no ready line in ${server.stdout()}`)
}

const requestLines = (stdout: string): Array<{ url: string, level: number }> =>
  stdout.split('\n').filter((line) => line.includes('"request completed"')).map((line) => JSON.parse(line) as { url: string, level: number })

t.test('--port 0: the ready line and --port-file name the port; health checks are logged at debug', async (t) => {
  const dir = t.testdir({ data: {} })
  const portFile = join(dir, 'port')
  const server = await startServer(t, { dataDir: join(dir, 'data'), http: true, args: ['--port', '0', '--port-file', portFile, '--log-level', 'debug'] })
  const ready = await readyOf(server)
  t.match(ready, { ready: true, url: /^http:\/\/127\.0\.0\.1:\d+$/ })
  t.not(ready.port, 0)
  t.equal(ready.url, `http://127.0.0.1:${ready.port}`)
  t.equal(await readFile(portFile, 'utf8'), `${ready.port}\n`, 'the port file holds the port')
  const target = { port: ready.port, protocol: 'http' as const }
  t.equal((await send(target, { path: '/__admin/health' })).status, 200, 'listening on that port')
  t.equal((await send(target, { path: '/ccs/api/v1/jobs?jobname=x' })).status, 401)
  t.same(await server.stop(), { code: 0, signal: null })
  // pino levels: 20 debug, 30 info; at the default level info, the health line is not written.
  t.same(requestLines(server.stdout()).map(({ url, level }) => ({ url, level })), [{ url: '/__admin/health', level: 20 }, { url: '/ccs/api/v1/jobs?jobname=x', level: 30 }])
})

t.test('export from a running server, start another from the snapshot, import into a session', async (t) => {
  const dir = t.testdir({ a: {}, b: {} })
  const KEY = 'Export-Key-7'
  const a = await startServer(t, { dataDir: join(dir, 'a'), args: ['--admin-key', KEY] })
  const job = await createJobOver(a, await loginOver(a), jobPayload({ JobName: 'travels-in-a-snapshot' }))
  t.equal(job.status, 200, job.body)
  const { JobID } = job.json<{ JobID: string }>()

  // HTTPS: the CLI trusts <data-dir>/tls/cert.pem, the certificate this server made.
  const file = join(dir, 'state.json')
  const exported = await runServerToExit(['export', file, '--port', String(a.port), '--data-dir', join(dir, 'a'), '--admin-key', KEY])
  t.equal(exported.code, 0, exported.stderr)
  t.match(exported.stderr, new RegExp(`^ccs-mock: exported ${FIXTURE_JOBS + 1} jobs from https://127\\.0\\.0\\.1:\\d+\n$`))
  const snapshot = JSON.parse(await readFile(file, 'utf8')) as { formatVersion: number, data: { jobs: Array<{ JobID: string }> } }
  t.equal(snapshot.formatVersion, 1)
  t.ok(snapshot.data.jobs.some((j) => j.JobID === JobID), 'the created job is in the file')

  const wrongKey = await runServerToExit(['export', join(dir, 'never.json'), '--port', String(a.port), '--data-dir', join(dir, 'a'), '--admin-key', 'Wrong-Key-9'])
  t.equal(wrongKey.code, 1)
  t.match(wrongKey.stderr, /^ccs-mock: export failed: 401 .*\n$/, 'one line')
  t.notMatch(`${wrongKey.stdout}${wrongKey.stderr}`, /Wrong-Key-9|Export-Key-7/, 'no key printed')

  const b = await startServer(t, { dataDir: join(dir, 'b'), http: true, args: ['--snapshot', file] })
  const token = await loginOver(b)
  const read = await send(b, { path: `/ccs/api/v1/Jobs/${JobID}`, headers: { authorization: `Bearer ${token}` } })
  t.equal(read.status, 200, 'started from the snapshot: the job is there')

  const imported = await runServerToExit(['import', file, '--url', `http://127.0.0.1:${b.port}`, '--session', 'replay'])
  t.equal(imported.code, 0, imported.stderr)
  t.match(imported.stderr, new RegExp(`^ccs-mock: imported ${FIXTURE_JOBS + 1} jobs into http://127\\.0\\.0\\.1:\\d+ \\(session replay\\)\n$`))
  const sessions = await send(b, { path: '/__admin/sessions' })
  t.match(sessions.json(), { sessions: [{ name: 'replay', jobs: FIXTURE_JOBS + 1 }] })

  // The container health check, from the environment alone: HTTPS (a), HTTP (b), the wrong one, nobody.
  const healthcheck = async (env: Record<string, string>) => (await runNodeToExit(['dist/healthcheck.js'], env)).code
  t.equal(await healthcheck({ CCS_MOCK_PORT: String(a.port) }), 0, 'health check over HTTPS')
  t.equal(await healthcheck({ CCS_MOCK_PORT: String(b.port), CCS_MOCK_HTTP: '1' }), 0, 'health check over HTTP (CCS_MOCK_HTTP=1)')
  t.equal(await healthcheck({ CCS_MOCK_PORT: String(b.port) }), 1, 'HTTPS to an HTTP server: unhealthy')
  t.equal(await healthcheck({ CCS_MOCK_PORT: String(await freePort()), CCS_MOCK_HOST: '0.0.0.0', CCS_MOCK_HTTP: 'true' }), 1, 'nothing listening: unhealthy')

  await writeFile(join(dir, 'bad.json'), '{"formatVersion":1}')
  const bad = await runServerToExit(['import', join(dir, 'bad.json'), '--url', `http://127.0.0.1:${b.port}`])
  t.equal(bad.code, 1)
  t.match(bad.stderr, /^ccs-mock: import failed: 400 .*\n$/)
  t.same(await a.stop(), { code: 0, signal: null })
  t.same(await b.stop(), { code: 0, signal: null })
})

t.test('--version; a --snapshot that cannot load stops the start', async (t) => {
  const dir = t.testdir({ 'bad.json': '{"formatVersion":1,"data":{}}' })
  const [version, missing, closed, badSnapshot] = await Promise.all([
    runServerToExit(['--version']),
    runServerToExit(['--http', '--port', '0', '--data-dir', join(dir, 'd1'), '--snapshot', join(dir, 'nope.json')]),
    runServerToExit(['--http', '--port', '0', '--host', '0.0.0.0', '--data-dir', join(dir, 'd2'), '--snapshot', join(dir, 'bad.json')]),
    runServerToExit(['--http', '--port', '0', '--data-dir', join(dir, 'd3'), '--snapshot', join(dir, 'bad.json')])
  ])
  t.same([version.code, version.stdout, version.stderr], [0, `${VERSION}\n`, ''], '--version')
  t.equal(missing.code, 1)
  t.match(missing.stderr, /^ccs-mock: --snapshot .*nope\.json: no such file\n$/)
  t.equal(closed.code, 2, 'a closed control plane cannot load a snapshot')
  t.match(closed.stderr, /^ccs-mock: --snapshot goes through the control plane, which is closed on --host 0\.0\.0\.0: give --admin-key too/)
  t.equal(badSnapshot.code, 1)
  t.match(badSnapshot.stderr, /^ccs-mock: --snapshot .*bad\.json cannot be loaded: .*\n$/)
  t.notMatch(badSnapshot.stdout, /"ready"/, 'never ready')
})
