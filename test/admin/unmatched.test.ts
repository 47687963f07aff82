import t from 'tap'
import { build } from '../helpers/build.js'

interface Unmatched {
  requests: Array<{
    request: { id: number, method: string, path: string, status: number, route: null }
    nearMisses: Array<{ method: string, route: string, operationId: string | null, pathDistance: number, reason: string }>
  }>
}

async function unmatched (app: Awaited<ReturnType<typeof build>>['app'], query = ''): Promise<Unmatched> {
  const res = await app.inject({ url: `/__admin/requests/unmatched${query}` })
  t.equal(res.statusCode, 200)
  return res.json()
}

t.test('requests no route matched, with the closest CCS routes and why', async (t) => {
  const { app } = await build(t)
  await app.inject({ method: 'GET', url: '/ccs/api/v1/jobs' }) // matched (401): not listed
  await app.inject({ method: 'POST', url: '/ccs/api/v1/job', payload: {} })
  await app.inject({ method: 'PUT', url: '/ccs/api/v1/jobs', payload: {} })
  await app.inject({ method: 'GET', url: '/ccs/api/v1/asset/6b020d29-5fe8-47d0-bd89-ccd3339a5ebe' })
  await app.inject({ method: 'GET', url: '/favicon.ico' })

  const { requests } = await unmatched(app)
  t.same(requests.map((r) => `${r.request.method} ${r.request.path} ${r.request.status}`), [
    'GET /favicon.ico 404',
    'GET /ccs/api/v1/asset/6b020d29-5fe8-47d0-bd89-ccd3339a5ebe 404',
    'PUT /ccs/api/v1/jobs 405',
    'POST /ccs/api/v1/job 404'
  ])
  const [favicon, asset, wrongMethod, typo] = requests
  t.same(favicon?.nearMisses, [], 'nothing close')
  t.same(asset?.nearMisses[0], { method: 'GET', route: '/ccs/api/v1/assets/:id', operationId: 'getAsset', pathDistance: 1, reason: 'path differs by 1 character' }, 'route parameters match any segment')
  // /jobs takes DELETE, GET, PATCH and POST: the first three, by method name.
  t.same(wrongMethod?.nearMisses, [
    { method: 'DELETE', route: '/ccs/api/v1/jobs', operationId: 'deleteJob', pathDistance: 0, reason: 'method differs: sent PUT, the route takes DELETE' },
    { method: 'GET', route: '/ccs/api/v1/jobs', operationId: 'searchJobs', pathDistance: 0, reason: 'method differs: sent PUT, the route takes GET' },
    { method: 'PATCH', route: '/ccs/api/v1/jobs', operationId: 'updateJob', pathDistance: 0, reason: 'method differs: sent PUT, the route takes PATCH' }
  ])
  t.same(typo?.nearMisses[0], { method: 'POST', route: '/ccs/api/v1/jobs', operationId: 'createJob', pathDistance: 1, reason: 'path differs by 1 character' })
  t.match(typo?.nearMisses[1], { method: 'DELETE', route: '/ccs/api/v1/jobs', reason: 'method differs: sent POST, the route takes DELETE; path differs by 1 character' }, 'same distance: the matching method first')
  t.ok((typo?.nearMisses.length ?? 0) <= 3)

  const { requests: filtered } = await unmatched(app, '?method=POST')
  t.same(filtered.map((r) => r.request.path), ['/ccs/api/v1/job'], 'the journal filters apply')
})
