// The live console's routes (the browser test, test/e2e/console.test.ts, drives the page itself).
import t from 'tap'
import type { ConsoleJob, ConsoleRun, ConsoleState } from '../../src/admin/console/console-schemas.js'
import { startCcsMock } from '../../src/index.js'
import { build, login, RHEL_STANDARD, RUN_MS, UNIX_ASSET, UNIX_TYPE, WEEKLY_JOB } from '../helpers/build.js'

const STATE = '/__admin/console/state'
const KEY = 'console-Key-0815'

t.test('a data set at a glance, a job page, a run page and its reports', async (t) => {
  const { app, clock } = await build(t)
  const before = (await app.inject(STATE)).json() as ConsoleState
  t.match(before, { access: 'open', session: null, sessions: [], clock: { frozen: true, timeZone: 'UTC' }, jobCount: 7 })
  t.match(before.jobs.find((job) => job.id === WEEKLY_JOB), { name: 'Weekly RHEL CER', schedule: /^every Friday at 22:00/, nextRun: /Z$/, lastRun: { status: 'Completed' } }, 'a job: schedule in words, next and last run')

  const token = await login(app)
  const created = await app.inject({
    method: 'POST',
    url: '/ccs/api/v1/jobs',
    headers: { authorization: `Bearer ${token}` },
    payload: { JobType: 'CollectionEvaluationJob', JobDetails: { JobName: 'console job', AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], Standards: [RHEL_STANDARD], Schedule: {} } }
  })
  const { JobID: jobId } = created.json() as { JobID: string }
  const queued = (await app.inject(STATE)).json() as ConsoleState
  t.match(queued.jobs.find((job) => job.id === jobId), { schedule: 'once, when created', lastRun: { status: 'Queued', progress: 0, trigger: 'RunNow' } })
  const run = queued.runs.find((r) => r.jobId === jobId) as ConsoleRun
  t.match(run, { status: 'Queued', nextChangeAt: /Z$/, assets: [{ id: UNIX_ASSET, collection: { status: 'Pending' }, evaluation: { status: 'Pending' } }] }, 'its run, planned')
  t.match(queued.requests[0], { method: 'POST', url: '/ccs/api/v1/jobs', status: 200, user: 'domain1\\administrator', nearMisses: [] }, 'the journal, newest first')

  clock.advance(RUN_MS)
  const page = (await app.inject(`/__admin/console/jobs/${jobId}`)).json() as { job: ConsoleJob, runs: ConsoleRun[] }
  t.match(page.runs, [{ id: run.id, status: 'Completed', progress: 100, nextChangeAt: null, results: 1 }], 'the job page: its runs as the clock says')
  const runPage = (await app.inject(`/__admin/console/runs/${run.id}`)).json() as { results: Array<{ report: string }> }
  t.match(runPage.results, [{ assetName: 'db2-prod-01', standardId: RHEL_STANDARD, score: Number, passed: Number, failed: Number, exempted: Number, manual: Number }], 'results per asset and standard')
  const report = await app.inject(runPage.results[0]?.report ?? '')
  t.equal(report.statusCode, 200)
  t.match(report.headers['content-disposition'], /^attachment; filename="EvaluationReport_db2-prod-01_.*\.xlsx"$/, 'the Excel report')
  t.equal(report.rawPayload.subarray(0, 2).toString(), 'PK', 'a workbook (zip)')

  const misses = [
    `/__admin/console/jobs/${RHEL_STANDARD}`,
    `/__admin/console/runs/${jobId}`,
    `/__admin/console/report?jobRunId=${run.id}&assetId=${UNIX_ASSET}&standardId=${jobId}`,
    '/__admin/console/state?session=nobody'
  ]
  for (const url of misses) t.match((await app.inject(url)).json(), { statusCode: 404, error: 'Not Found' }, `404 ${url}`)
  t.match((await app.inject('/__admin/console/state?session=no%20name')).json(), { statusCode: 400 }, 'a bad session name')
  t.match((await app.inject('/__admin/console/events?session=nobody')).json(), { statusCode: 404 }, 'no stream for a session that does not exist')
})

t.test('the page and its files: gzip, ETag, a content security policy', async (t) => {
  const { app } = await build(t)
  const page = await app.inject({ url: '/__admin/console/', headers: { 'accept-encoding': 'gzip, br' } })
  t.equal(page.statusCode, 200)
  t.match(page.headers, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'cache-control': 'no-cache', 'content-security-policy': /default-src 'self'/ })
  const again = await app.inject({ url: '/__admin/console', headers: { 'if-none-match': String(page.headers.etag) } })
  t.equal(again.statusCode, 304, 'not modified')
  const script = await app.inject('/__admin/console/assets/console.js')
  t.match(script.headers['content-type'], /^text\/javascript/)
  t.ok(script.body.length > 1000, 'the script')
  t.notMatch(script.body, /https?:\/\/(?!www\.w3\.org\/)/, 'which loads nothing from elsewhere (XML namespaces aside)')
  for (const file of ['index.html', 'nope.js', '..%2Fserver.js']) t.equal((await app.inject(`/__admin/console/assets/${file}`)).statusCode, 404, file)
})

t.test('with an admin key: the views answer everyone, the controls only the key', async (t) => {
  const { app } = await build(t, { adminKey: KEY })
  for (const url of ['/__admin/console/', STATE, `/__admin/console/jobs/${WEEKLY_JOB}`]) t.equal((await app.inject(url)).statusCode, 200, `${url} without the key`)
  t.match((await app.inject(STATE)).json(), { access: 'key' })
  t.equal((await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advance: 'PT1H' } })).statusCode, 401, 'a control without the key')
  t.equal((await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advance: 'PT1H' }, headers: { 'x-ccs-mock-admin-key': KEY } })).statusCode, 200, 'with it')
  const document = (await app.inject({ url: '/__admin/openapi.json', headers: { 'x-ccs-mock-admin-key': KEY } })).json() as { paths: Record<string, Record<string, { security: unknown[] }>> }
  t.same(document.paths['/__admin/console/state']?.get?.security, [{}, { adminKey: [] }], 'documented: key optional')
  t.same(Object.keys((document.paths['/__admin/console/events']?.get as unknown as { responses: Record<string, { content: object }> }).responses['200']?.content ?? {}), ['text/event-stream'])
})

t.test('closed (no key, not loopback): the console is too', async (t) => {
  const { app } = await build(t, { host: '0.0.0.0' })
  for (const url of ['/__admin/console/', STATE]) t.equal((await app.inject(url)).statusCode, 403, url)
})

t.test('the event stream: hello first, then each change; closing the server ends it', async (t) => {
  const ccs = await startCcsMock({ http: true })
  let closed = false
  t.teardown(async () => { if (!closed) await ccs.close() })
  const response = await fetch(`${ccs.url}/__admin/console/events`)
  t.match(response.headers.get('content-type'), /^text\/event-stream/)
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  let text = ''
  const until = async (pattern: RegExp): Promise<void> => {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read()
      if (done) throw new Error(`the stream ended before ${String(pattern)}`)
      text += new TextDecoder().decode(value)
    }
  }
  await until(/^event: hello\ndata: \{"version"/)
  await ccs.admin.faults.add({ path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'status', status: 500 } })
  await until(/event: faults\ndata: \[\{"id"/)
  await fetch(`${ccs.apiUrl}/nothing-here`)
  await until(/event: request\ndata: \{[^\n]*"url":"\/ccs\/api\/v1\/nothing-here"/)
  await ccs.admin.requests.count({})
  await fetch(`${ccs.apiUrl}/after-the-count`)
  await until(/"url":"\/ccs\/api\/v1\/after-the-count"/)
  t.equal(text.match(/event: hello/g)?.length, 1, 'counting journal entries changes nothing, so it sends nothing')
  await ccs.admin.clock.change({ advance: 'PT1H' })
  await until(/event: hello[\s\S]*event: hello/)
  t.pass('a clock change starts the stream over')
  const started = Date.now()
  await ccs.close()
  closed = true
  t.ok(Date.now() - started < 5000, 'the server closes at once, the open stream with it')
})
