import t from 'tap'
import type { CoverageReport } from '../../src/admin/schemas.js'
import { build, jobPayload, login, postJob } from '../helpers/build.js'

async function coverage (app: Awaited<ReturnType<typeof build>>['app']): Promise<CoverageReport> {
  const res = await app.inject({ url: '/__admin/coverage' })
  t.equal(res.statusCode, 200)
  return res.json()
}

const operation = (report: CoverageReport, operationId: string): CoverageReport['operations'][number] | undefined =>
  report.operations.find((o) => o.operationId === operationId)

t.test('every CCS operation with every documented status, nothing exercised yet', async (t) => {
  const { app } = await build(t)
  const report = await coverage(app)
  const document = (await app.inject({ url: '/ccs/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId: string, responses: Record<string, unknown> }>> }
  const documented = Object.values(document.paths).flatMap((methods) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), operationId: op.operationId, statuses: Object.keys(op.responses).sort() })))
  t.ok(documented.length >= 10)
  t.same(
    report.operations.map((o) => ({ method: o.method, operationId: o.operationId, statuses: o.statuses.map((s) => s.status).sort() })).sort((a, b) => String(a.operationId).localeCompare(String(b.operationId))),
    documented.sort((a, b) => a.operationId.localeCompare(b.operationId)),
    'the operations and statuses of the CCS OpenAPI document')
  t.match(operation(report, 'createJob'), {
    method: 'POST',
    route: '/ccs/api/v1/jobs',
    exercised: false,
    statuses: ['200', '400', '401', '403', '415', '500'].map((status) => ({ status, documented: true, count: 0, stubbed: 0 }))
  })
  t.equal(report.summary.operations, documented.length)
  t.equal(report.summary.operationsExercised, 0)
  t.equal(report.summary.documentedStatusesExercised, 0)
  t.ok(report.summary.documentedStatuses >= 50)
  t.notOk(report.operations.some((o) => o.route.includes('openapi') || o.route.startsWith('/__admin') || o.method === 'HEAD'), 'documents and admin routes are not CCS operations')
})

t.test('answers are counted per operation and status, error paths included', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  await postJob(app, token, jobPayload())
  await postJob(app, token, jobPayload())
  await postJob(app, token, jobPayload({ AssetTimeOut: 0 }))
  await app.inject({ method: 'POST', url: '/ccs/api/v1/jobs' })
  await app.inject({ method: 'GET', url: '/ccs/api/v1/JOBS/00000000-0000-0000-0000-000000000001', headers: { authorization: `Bearer ${token}` } })
  await app.inject({ method: 'POST', url: '/ccs/api/v1/job' })

  const report = await coverage(app)
  t.same(operation(report, 'createJob')?.statuses.filter((s) => s.count > 0), [
    { status: '200', documented: true, count: 2, stubbed: 0 },
    { status: '400', documented: true, count: 1, stubbed: 0 },
    { status: '401', documented: true, count: 1, stubbed: 0 }
  ])
  t.same(operation(report, 'getJob')?.statuses.find((s) => s.status === '404'), { status: '404', documented: true, count: 1, stubbed: 0 }, 'case-insensitive URL, route parameters')
  t.match(operation(report, 'createToken'), { exercised: true })
  t.equal(report.summary.operationsExercised, 3, 'the unmatched POST job counts for nothing')
  t.equal(report.summary.documentedStatusesExercised, 5)
})

t.test('statuses the schema does not document are listed as such', async (t) => {
  const { app } = await build(t, { bodyLimit: 1024 })
  const token = await login(app)
  const res = await postJob(app, token, { x: 'y'.repeat(2048) })
  t.equal(res.statusCode, 413)
  const report = await coverage(app)
  t.same(operation(report, 'createJob')?.statuses.find((s) => s.status === '413'), { status: '413', documented: false, count: 1, stubbed: 0 })
  t.equal(report.summary.undocumentedStatusesSeen, 1)
})

t.test('coverage is not bounded by the journal and survives clearing it; DELETE resets it', async (t) => {
  const { app } = await build(t, { journalSize: 1 })
  for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: '/ccs/api/v1/assets?Attributes=' })
  await app.inject({ method: 'DELETE', url: '/__admin/requests' })
  t.same(operation(await coverage(app), 'searchAssets')?.statuses.find((s) => s.status === '401'), { status: '401', documented: true, count: 5, stubbed: 0 })

  const reset = await app.inject({ method: 'DELETE', url: '/__admin/coverage' })
  t.equal(reset.statusCode, 204)
  const after = await coverage(app)
  t.equal(after.summary.operationsExercised, 0)
  t.ok(after.operations.some((o) => o.operationId === 'searchAssets'), 'the operations stay listed')
})
