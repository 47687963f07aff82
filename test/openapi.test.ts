import SwaggerParser from '@apidevtools/swagger-parser'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { generateOpenApiText, OPENAPI_FILE } from '../scripts/openapi-document.js'
import { build, login } from './helpers/build.js'
import { runNodeToExit } from './helpers/server-process.js'

t.test('the committed openapi/ccs-api.json matches the route schemas', async (t) => {
  const committed = await readFile(OPENAPI_FILE, 'utf8')
  const generated = await generateOpenApiText()
  t.equal(committed, generated, 'openapi/ccs-api.json is stale: run `npm run openapi` and commit the result')
})

t.test('the server serves the same document without a token', async (t) => {
  const { app } = await build(t)
  const res = await app.inject({ method: 'GET', url: '/ccs/api/v1/openapi.json' })
  t.equal(res.statusCode, 200)
  const committed = JSON.parse(await readFile(OPENAPI_FILE, 'utf8')) as unknown
  t.same(res.json(), committed)
})

t.test('Swagger UI is served at /docs', async (t) => {
  const { app } = await build(t)
  const res = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /text\/html/)
})

t.test('every operation has an operationId, tags and a response schema per status', async (t) => {
  const doc = JSON.parse(await readFile(OPENAPI_FILE, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string, tags?: string[], responses?: Record<string, unknown> }>>
  }
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })))
  t.ok(operations.length >= 2)
  const ids = new Set<string>()
  for (const { name, op } of operations) {
    t.type(op.operationId, 'string', `${name} has an operationId`)
    t.notOk(ids.has(op.operationId ?? ''), `${name} operationId is unique`)
    ids.add(op.operationId ?? '')
    t.ok((op.tags ?? []).length > 0, `${name} has tags`)
    t.ok(Object.keys(op.responses ?? {}).includes('200'), `${name} documents its 200`)
    t.ok(Object.keys(op.responses ?? {}).includes('400'), `${name} documents its 400`)
  }
  t.ok(ids.has('createJob'))
  t.ok(ids.has('createToken'))
})

/** Both documents as the server serves them, fetched once for the checks below. */
async function fetchDocuments (): Promise<Array<{ name: string, file: string, doc: OpenApiDocument }>> {
  const { app } = await build(t)
  const dir = t.testdir()
  return await Promise.all([['ccs', '/ccs/api/v1/openapi.json'], ['admin', '/__admin/openapi.json']].map(async ([name = '', url = '']) => {
    const res = await app.inject({ url })
    const file = join(dir, `${name}.json`)
    await writeFile(file, res.body)
    return { name, file, doc: res.json() as OpenApiDocument }
  }))
}
let fetched: ReturnType<typeof fetchDocuments> | undefined
const documents = async (): ReturnType<typeof fetchDocuments> => await (fetched ??= fetchDocuments())

interface OpenApiDocument {
  servers?: Array<{ url: string }>
  components: { schemas: Record<string, unknown> }
  paths: Record<string, unknown>
}

t.test('both documents pass @apidevtools/swagger-parser validate', async (t) => {
  for (const { name, file } of await documents()) {
    await t.resolves(SwaggerParser.validate(file), `${name}: valid`)
  }
})

t.test('both documents pass `redocly lint` (recommended rules) with 0 errors', async (t) => {
  for (const { name, file } of await documents()) {
    // No telemetry or update check: CI has no network to spare.
    const lint = await runNodeToExit(['node_modules/@redocly/cli/bin/cli.js', 'lint', '--format=json', file], { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' })
    const report = JSON.parse(lint.stdout) as { totals: { errors: number }, problems: Array<{ ruleId: string, message: string }> }
    t.equal(report.totals.errors, 0, `${name}: ${JSON.stringify(report.problems.map((p) => `${p.ruleId}: ${p.message}`))}`)
    t.equal(lint.code, 0, `${name}: exit code`)
  }
})

t.test('named component schemas, referenced by $ref; no titled schema left inline', async (t) => {
  const [ccs, admin] = await documents()
  t.ok(ccs !== undefined && admin !== undefined)
  for (const name of ['HttpError', 'OAuthError', 'TokenResponse', 'CreateJobRequest', 'JobView', 'JobRun', 'AssetView', 'AssetSearchResult', 'StandardSearchResult', 'RawResults', 'RemediationTicket', 'GetAgentsForAssetResponse']) {
    t.ok(ccs?.doc.components.schemas[name], `CCS document names ${name}`)
  }
  for (const name of ['AdminError', 'Health', 'Snapshot', 'FaultRule', 'JournalEntry']) t.ok(admin?.doc.components.schemas[name], `admin document names ${name}`)
  for (const { name, doc } of [ccs, admin].filter((d) => d !== undefined)) {
    const text = JSON.stringify(doc.paths)
    t.notMatch(text, /"title":/, `${name}: every titled schema in paths is a $ref`)
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ''))
    t.ok(refs.length > 10, `${name}: ${refs.length} references`)
    t.same(refs.filter((ref) => doc.components.schemas[ref] === undefined), [], `${name}: every $ref resolves`)
  }
})

t.test('servers is relative: "Try it out" calls whichever address served the page', async (t) => {
  for (const { name, doc } of await documents()) t.same(doc.servers, [{ url: '/', description: 'the ccs-mock server that serves this document' }], name)
})

t.test('CORS answers pages of this same server under its other names, no one else', async (t) => {
  const { app } = await build(t)
  const preflight = (origin: string, host = '127.0.0.1:12431') => app.inject({
    method: 'OPTIONS',
    url: '/ccs/api/v1/jobs',
    headers: { host, origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' }
  })
  for (const origin of ['http://localhost:12431', 'http://127.0.0.1:12431', 'http://[::1]:12431', `http://${hostname()}:12431`]) {
    const res = await preflight(origin)
    t.equal(res.statusCode, 204, `preflight from ${origin}`)
    t.equal(res.headers['access-control-allow-origin'], origin)
    t.match(res.headers['access-control-allow-methods'], /POST/)
    t.match(res.headers['access-control-allow-headers'], /authorization/)
  }
  t.equal((await preflight('http://mock.internal:8080', 'mock.internal:8080')).statusCode, 204, 'the name and port the request itself used (a port-mapped container)')
  for (const origin of ['http://evil.example:12431', 'http://localhost:9999', 'https://localhost:12431', 'null', 'not a url']) {
    const res = await preflight(origin)
    t.equal(res.statusCode, 405, `no preflight for ${origin}: the Web API's 405`)
    t.equal(res.headers['access-control-allow-origin'], undefined)
  }
  const plain = await app.inject({ method: 'OPTIONS', url: '/ccs/api/v1/jobs' })
  t.equal(plain.statusCode, 405, 'a plain OPTIONS is still a 405')
  t.same(plain.json(), { Message: "The requested resource does not support http method 'OPTIONS'." })
  const unknown = await app.inject({ method: 'OPTIONS', url: '/ccs/api/v1/nothing', headers: { host: '127.0.0.1:12431', origin: 'http://localhost:12431', 'access-control-request-method': 'GET' } })
  t.equal(unknown.statusCode, 204, 'a preflight needs no route (the request after it gets the 404)')

  const token = await login(app)
  const read = (origin: string) => app.inject({ url: `/ccs/api/v1/jobs?jobname=x`, headers: { host: '127.0.0.1:12431', origin, authorization: `Bearer ${token}` } })
  t.equal((await read('http://localhost:12431')).headers['access-control-allow-origin'], 'http://localhost:12431', 'the answer itself is readable by our own page')
  t.equal((await read('http://evil.example')).headers['access-control-allow-origin'], undefined, 'not by another site')
})
