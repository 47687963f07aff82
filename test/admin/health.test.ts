import t from 'tap'
import { readFile } from 'node:fs/promises'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { fixture } from '../helpers/read-api.js'

const JOBS = fixture<unknown[]>('jobs.json').length

t.test('GET /__admin/health: up, ready, version, uptime by the server clock, job count', async (t) => {
  const { app, clock } = await build(t)
  const startedAt = new Date(clock.now()).toISOString()
  const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }

  const first = await app.inject({ url: '/__admin/health' })
  t.equal(first.statusCode, 200)
  t.same(first.json(), { status: 'ok', ready: true, version, startedAt, uptimeSeconds: 0, jobs: JOBS, journal: { capacity: 1000, size: 0 } })

  await postJob(app, await login(app), jobPayload())
  clock.advance(90_500)
  t.match((await app.inject({ url: '/__admin/health' })).json(), { uptimeSeconds: 90, jobs: JOBS + 1, journal: { size: 2 } })
  t.equal((await app.inject({ method: 'HEAD', url: '/__admin/health' })).statusCode, 200, 'HEAD works for curl -I style probes')
})

t.test('admin errors use the control plane shape, not the CCS one', async (t) => {
  const { app } = await build(t)
  const res = await app.inject({ url: '/__admin/nothing-here' })
  t.equal(res.statusCode, 404)
  t.same(res.json(), { statusCode: 404, error: 'Not Found', message: 'Route GET:/__admin/nothing-here not found' })
  const ccs = await app.inject({ url: '/ccs/api/v1/nothing-here' })
  t.match(ccs.json(), { Message: /No HTTP resource/ }, 'while CCS paths keep the Web API shape')
  const wrongType = await app.inject({ method: 'POST', url: '/__admin/requests/count', headers: { 'content-type': 'text/plain' }, payload: 'x' })
  t.equal(wrongType.statusCode, 415)
  t.match(wrongType.json(), { statusCode: 415, error: 'Unsupported Media Type' })
})
