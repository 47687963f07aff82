// Issue 13: response stubs — a matched request answered with any status (2xx too) and
// body, once or always, like WireMock stubs; the journal and coverage say so.
import t from 'tap'
import { build, login, WEEKLY_JOB } from '../helpers/build.js'
import { addFault, createRule, journal } from '../helpers/admin.js'

const JOB_URL = `/ccs/api/v1/Jobs/${WEEKLY_JOB}`

t.test('a stub answers its status, body and headers instead of the simulation; the journal and coverage call it stubbed', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const get = async (accept?: string) => await app.inject({ method: 'GET', url: JOB_URL, headers: { authorization: `Bearer ${token}`, ...(accept === undefined ? {} : { accept }) } })

  const rule = await addFault(app, { method: 'GET', path: '/ccs/api/v1/jobs/*', count: 2, fault: { type: 'stub', status: 200, body: { JobID: 'stubbed', JobName: 'from a stub' }, headers: { 'X-Stubbed': 'yes' } } })
  const first = await get()
  t.equal(first.statusCode, 200)
  t.same(first.json(), { JobID: 'stubbed', JobName: 'from a stub' }, 'the body as given, not the job')
  t.equal(first.headers['x-stubbed'], 'yes')
  const asXml = await get('application/xml')
  t.same(asXml.json(), { JobID: 'stubbed', JobName: 'from a stub' }, 'exactly what the rule says, whatever Accept asks')
  const real = await get()
  t.equal((real.json() as { JobID: string }).JobID, WEEKLY_JOB, 'count 2 spent: the simulation answers again')

  const entries = (await journal(app, `?path=${encodeURIComponent('/ccs/api/v1/Jobs/*')}`)).requests
  t.same(entries.map((e) => e.fault), [null, { ruleId: rule.id, type: 'stub' }, { ruleId: rule.id, type: 'stub' }], 'the journal names the stub')
  const coverage = (await app.inject({ url: '/__admin/coverage' })).json() as { operations: Array<{ operationId: string, exercised: boolean, statuses: Array<{ status: string, count: number, stubbed: number }> }> }
  const getJob = coverage.operations.find((o) => o.operationId === 'getJob')
  t.match(getJob?.statuses.find((s) => s.status === '200'), { count: 1, stubbed: 2 }, 'coverage counts the real answer apart from the stubbed ones')
})

t.test('a stub with a text body and no count answers always; a body-less success answers nothing', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  await addFault(app, { method: 'POST', path: '/ccs/api/v1/Results', fault: { type: 'stub', status: 202, body: 'accepted later' } })
  await addFault(app, { method: 'DELETE', path: '/ccs/api/v1/Jobs', fault: { type: 'stub', status: 204 } })
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ method: 'POST', url: '/ccs/api/v1/Results', headers: { authorization: `Bearer ${token}` }, payload: {} })
    t.equal(res.statusCode, 202)
    t.equal(res.body, 'accepted later')
    t.match(res.headers['content-type'], /^text\/plain/)
  }
  const deleted = await app.inject({ method: 'DELETE', url: `/ccs/api/v1/Jobs?jobid=${WEEKLY_JOB}`, headers: { authorization: `Bearer ${token}` } })
  t.equal(deleted.statusCode, 204)
  t.equal(deleted.body, '')
})

t.test('stub and status statuses are checked per type', async (t) => {
  const { app } = await build(t)
  for (const [fault, message] of [
    [{ type: 'stub', status: 150 }, /fault\.status: must be between 200 and 599/],
    [{ type: 'stub' }, /fault\.status: is required for a 'stub' fault/],
    [{ type: 'status', status: 200 }, /fault\.status: must be between 400 and 599 for a 'status' fault/],
    [{ type: 'stub', status: 200, bytes: 3 }, /fault\.bytes: does not apply to a 'stub' fault/]
  ] as const) {
    const res = await createRule(app, { path: '/x', fault })
    t.equal(res.statusCode, 400, JSON.stringify(fault))
    t.match(res.json(), { message })
  }
})
