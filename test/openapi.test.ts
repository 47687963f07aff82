import { readFile } from 'node:fs/promises'
import t from 'tap'
import { generateOpenApiText, OPENAPI_FILE } from '../scripts/openapi-document.js'
import { build } from './helpers/build.js'

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
