import { Writable } from 'node:stream'
import t from 'tap'
import { adminAccess, isLoopbackHost, keyMatches } from '../../src/admin/access.js'
import { buildApp } from '../../src/app.js'
import { ConfigError, parseCli, validateConfig } from '../../src/cli.js'
import { createLogger } from '../../src/logger.js'
import { build } from '../helpers/build.js'
import { send, startServer } from '../helpers/server-process.js'

const KEY = 'admin-key-Secret-4711'
const PROTECTED = [
  { method: 'GET', url: '/__admin/requests' },
  { method: 'DELETE', url: '/__admin/requests' },
  { method: 'POST', url: '/__admin/requests/count' },
  { method: 'GET', url: '/__admin/requests/unmatched' },
  { method: 'GET', url: '/__admin/coverage' },
  { method: 'DELETE', url: '/__admin/coverage' },
  { method: 'GET', url: '/__admin/openapi.json' }
] as const

t.test('loopback hosts', async (t) => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) t.ok(isLoopbackHost(host), host)
  for (const host of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '128.0.0.1', 'localhost.example.com']) t.notOk(isLoopbackHost(host), host)
})

t.test('access mode from host and key', async (t) => {
  t.equal(adminAccess('127.0.0.1', undefined), 'open')
  t.equal(adminAccess('0.0.0.0', undefined), 'closed')
  t.equal(adminAccess('127.0.0.1', KEY), 'key')
  t.equal(adminAccess('0.0.0.0', KEY), 'key')
})

t.test('key comparison', async (t) => {
  t.ok(keyMatches(KEY, KEY))
  t.notOk(keyMatches(`${KEY}x`, KEY))
  t.notOk(keyMatches(KEY.slice(1), KEY))
  t.notOk(keyMatches('', KEY))
  t.notOk(keyMatches(undefined, KEY))
  t.notOk(keyMatches([KEY, KEY], KEY), 'a repeated header is no key')
})

t.test('on loopback without a key the control plane is open', async (t) => {
  const { app } = await build(t)
  for (const route of PROTECTED) {
    const res = await app.inject({ ...route, ...(route.method === 'POST' ? { payload: {} } : {}) })
    t.ok(res.statusCode < 300, `${route.method} ${route.url} answers ${res.statusCode}`)
  }
})

t.test('with a key every route but health needs it', async (t) => {
  const { app } = await build(t, { adminKey: KEY })
  for (const route of PROTECTED) {
    const name = `${route.method} ${route.url}`
    const missing = await app.inject(route)
    t.equal(missing.statusCode, 401, `${name} without the key`)
    t.same(missing.json(), { statusCode: 401, error: 'Unauthorized', message: 'This control-plane request needs the admin key in the X-CCS-Mock-Admin-Key header.' })
    const wrong = await app.inject({ ...route, headers: { 'x-ccs-mock-admin-key': `${KEY}-wrong` } })
    t.equal(wrong.statusCode, 401, `${name} with a wrong key`)
    t.notMatch(wrong.body, KEY, 'the key is never echoed')
    const right = await app.inject({ ...route, headers: { 'X-CCS-Mock-Admin-Key': KEY }, ...(route.method === 'POST' ? { payload: {} } : {}) })
    t.ok(right.statusCode < 300, `${name} with the key answers ${right.statusCode}`)
  }
  t.equal((await app.inject({ url: '/__admin/health' })).statusCode, 200, 'health without the key')
  t.equal((await app.inject({ url: '/__admin/no-such-thing' })).statusCode, 401, 'unknown admin routes do not tell what exists')
})

t.test('a CCS bearer token is no admin key, and the admin key is no CCS token', async (t) => {
  const { app } = await build(t, { adminKey: KEY })
  t.equal((await app.inject({ url: '/__admin/coverage', headers: { authorization: `Bearer ${KEY}` } })).statusCode, 401)
  t.equal((await app.inject({ url: '/ccs/api/v1/jobs?Attributes=', headers: { 'x-ccs-mock-admin-key': KEY } })).statusCode, 401)
})

t.test('on a non-loopback host without a key: 403 telling how to set a key; health stays open', async (t) => {
  const { app } = await build(t, { host: '0.0.0.0' })
  for (const route of PROTECTED) {
    const res = await app.inject(route)
    t.equal(res.statusCode, 403, `${route.method} ${route.url}`)
    const body = res.json() as { statusCode: number, error: string, message: string }
    t.equal(body.error, 'Forbidden')
    t.match(body.message, /0\.0\.0\.0.*--admin-key.*CCS_MOCK_ADMIN_KEY.*X-CCS-Mock-Admin-Key/)
  }
  const health = await app.inject({ url: '/__admin/health' })
  t.equal(health.statusCode, 200)
  t.equal((health.json() as { status: string }).status, 'ok')
})

t.test('on a non-loopback host with a key the key opens it', async (t) => {
  const { app } = await build(t, { host: '0.0.0.0', adminKey: KEY })
  t.equal((await app.inject({ url: '/__admin/coverage' })).statusCode, 401)
  t.equal((await app.inject({ url: '/__admin/coverage', headers: { 'x-ccs-mock-admin-key': KEY } })).statusCode, 200)
})

t.test('--admin-key and CCS_MOCK_ADMIN_KEY set the key; a bad value is refused without being shown', async (t) => {
  const fromFlag = parseCli(['--admin-key', KEY], {})
  t.equal(!fromFlag.help && fromFlag.config.adminKey, KEY)
  const fromEnv = parseCli([], { CCS_MOCK_ADMIN_KEY: KEY })
  t.equal(!fromEnv.help && fromEnv.config.adminKey, KEY)
  t.equal(validateConfig({}).adminKey, undefined, 'no key by default')
  t.throws(() => parseCli([], { CCS_MOCK_ADMIN_KEY: '' }), new ConfigError('--admin-key (CCS_MOCK_ADMIN_KEY) must NOT have fewer than 1 characters, got a value that is not shown'))
})

t.test('the key is never logged', async (t) => {
  const chunks: string[] = []
  const stream = new Writable({ write (chunk, _enc, done) { chunks.push(String(chunk)); done() } })
  const app = await buildApp({ config: validateConfig({ dataDir: t.testdir(), logLevel: 'trace', adminKey: KEY }), logger: createLogger('trace', stream) })
  t.teardown(() => app.close())
  await app.inject({ url: '/__admin/coverage', headers: { 'x-ccs-mock-admin-key': KEY } })
  await app.inject({ url: '/__admin/coverage', headers: { 'x-ccs-mock-admin-key': `${KEY}-wrong` } })
  await app.inject({ url: `/ccs/api/v1/jobs?Attributes=&key=${KEY}`, headers: { 'x-ccs-mock-admin-key': KEY } })
  const text = chunks.join('')
  t.match(text, /request completed/, 'requests were logged')
  t.notMatch(text, KEY)
})

t.test('a real server with CCS_MOCK_ADMIN_KEY: key required over HTTP, never in its output', async (t) => {
  const server = await startServer(t, { dataDir: t.testdir(), http: true, env: { CCS_MOCK_ADMIN_KEY: KEY } })
  t.equal((await send(server, { path: '/__admin/health' })).status, 200)
  t.equal((await send(server, { path: '/__admin/requests' })).status, 401)
  const res = await send(server, { path: '/__admin/requests', headers: { 'X-CCS-Mock-Admin-Key': KEY } })
  t.equal(res.status, 200)
  t.type(res.json<{ total: number }>().total, 'number')
  await server.stop()
  t.notMatch(server.stdout() + server.stderr(), KEY)
})
