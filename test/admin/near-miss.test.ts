import t from 'tap'
import { editDistance, nearMisses, type RouteCandidate } from '../../src/admin/near-miss.js'

const ROUTES: RouteCandidate[] = [
  { method: 'POST', route: '/ccs/api/v1/jobs', operationId: 'createJob' },
  { method: 'GET', route: '/ccs/api/v1/jobs', operationId: 'searchJobs' },
  { method: 'GET', route: '/ccs/api/v1/jobs/:jobId', operationId: 'getJob' },
  { method: 'GET', route: '/ccs/api/v1/assetgroup/:id/assets', operationId: 'listMembers' }
]

t.test('edit distance', async (t) => {
  const rows: Array<[string, string, number]> = [['', '', 0], ['abc', '', 3], ['', 'abc', 3], ['job', 'jobs', 1], ['kitten', 'sitting', 3], ['same', 'same', 0]]
  for (const [a, b, d] of rows) t.equal(editDistance(a, b), d, `${a} -> ${b}`)
})

t.test('closest routes first; parameters match any segment; case and slashes do not count', async (t) => {
  t.same(nearMisses('POST', '/ccs/api/v1/job', ROUTES).map((m) => [m.method, m.route, m.pathDistance]), [['POST', '/ccs/api/v1/jobs', 1], ['GET', '/ccs/api/v1/jobs', 1]])
  t.same(nearMisses('GET', '/CCS/api/v1//JOB/abc/', ROUTES)[0], { method: 'GET', route: '/ccs/api/v1/jobs/:jobId', operationId: 'getJob', pathDistance: 1, reason: 'path differs by 1 character' })
  t.same(nearMisses('GET', '/ccs/api/v1/assetgroup/817fd810/asset', ROUTES).map((m) => [m.route, m.reason]), [['/ccs/api/v1/assetgroup/:id/assets', 'path differs by 1 character']])
  t.same(nearMisses('PUT', '/ccs/api/v1/jobs/x', ROUTES)[0], { method: 'GET', route: '/ccs/api/v1/jobs/:jobId', operationId: 'getJob', pathDistance: 0, reason: 'method differs: sent PUT, the route takes GET' })
  t.same(nearMisses('GET', '/totally/elsewhere', ROUTES), [])
  t.same(nearMisses('GET', '/ccs/api/v1/jobs', ROUTES).map((m) => m.method), ['POST'], 'the route that matched is no near miss of itself')
})

t.test('a huge path stays cheap: only its start is compared', async (t) => {
  const misses = nearMisses('GET', `/ccs/api/v1/jobs/${'a'.repeat(1_000_000)}`, ROUTES)
  t.ok(Array.isArray(misses))
})
