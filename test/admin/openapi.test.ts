import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { build } from '../helpers/build.js'

interface Operation { operationId?: string, tags?: string[], summary?: string, responses?: Record<string, unknown>, security?: unknown[] }
interface Document { openapi: string, info: { version: string }, paths: Record<string, Record<string, Operation>> }

/** Every "METHOD /path" the app serves, read from Fastify's route tree (HEAD left out). */
function servedRoutes (app: FastifyInstance): string[] {
  const routes: string[] = []
  const parents: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line)
    if (m === null) continue
    const depth = (m[1] ?? '').length / 4
    const path = `${parents[depth - 1] ?? ''}${m[2] ?? ''}`
    parents[depth] = path
    for (const method of (m[3] ?? '').split(', ').filter((x) => x !== '' && x !== 'HEAD')) routes.push(`${method} ${path}`)
  }
  return routes
}

const operationsOf = (doc: Document): string[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))

t.test('/__admin/openapi.json documents every admin route and nothing else', async (t) => {
  const { app } = await build(t)
  const res = await app.inject({ url: '/__admin/openapi.json' })
  t.equal(res.statusCode, 200)
  const doc = res.json() as Document
  t.equal(doc.openapi, '3.1.0')
  const served = servedRoutes(app).filter((route) => route.split(' ')[1]?.startsWith('/__admin'))
  t.ok(served.length >= 7, `${served.length} admin routes found in the route tree`)
  t.same(operationsOf(doc).sort(), served.sort())

  const ids = new Set<string>()
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${path}`
      t.type(op.operationId, 'string', `${name} has an operationId`)
      t.notOk(ids.has(op.operationId ?? ''), `${name}: operationId is unique`)
      ids.add(op.operationId ?? '')
      t.ok((op.tags ?? []).length > 0, `${name} has tags`)
      t.type(op.summary, 'string', `${name} has a summary`)
      t.ok(Object.keys(op.responses ?? {}).some((s) => s.startsWith('2')), `${name} documents its success`)
      if (path !== '/__admin/health') t.ok(Object.keys(op.responses ?? {}).includes('401'), `${name} documents 401`)
    }
  }
  t.same(doc.paths['/__admin/health']?.get?.security, [], 'health needs no key')
  t.same(doc.paths['/__admin/coverage']?.get?.security, [{ adminKey: [] }])
})

t.test('the request and query schemas reach the admin document', async (t) => {
  const { app } = await build(t)
  const doc = (await app.inject({ url: '/__admin/openapi.json' })).json() as { components: { schemas: Record<string, { properties: Record<string, unknown> }> }, paths: Record<string, Record<string, { parameters?: Array<{ name: string, in: string }>, requestBody?: { content: Record<string, { schema: { $ref: string } }> }, responses: Record<string, { content?: unknown }> }>> }
  const list = doc.paths['/__admin/requests']?.get
  t.same(list?.parameters?.map((p) => `${p.in}:${p.name}`).sort(), ['session', 'method', 'path', 'pathPattern', 'user', 'bodyContains', 'since', 'until', 'status', 'limit'].map((n) => `query:${n}`).sort())
  const matcher = doc.paths['/__admin/requests/count']?.post?.requestBody?.content['application/json']?.schema.$ref
  t.equal(matcher, '#/components/schemas/RequestMatcher', 'a named schema')
  t.ok(doc.components.schemas.RequestMatcher?.properties.bodyContains)
  t.notOk(doc.paths['/__admin/requests']?.delete?.responses['204']?.content, '204 has no body')
})

t.test('the CCS document shows no /__admin route', async (t) => {
  const { app } = await build(t)
  const doc = (await app.inject({ url: '/ccs/api/v1/openapi.json' })).json() as Document
  t.ok(Object.keys(doc.paths).length > 0)
  t.same(Object.keys(doc.paths).filter((path) => path.toLowerCase().includes('__admin')), [])
  t.same(servedRoutes(app).filter((route) => route.includes('/ccs/api/') && !route.includes('openapi')).length, operationsOf(doc).length, 'while every CCS route is there')
})
