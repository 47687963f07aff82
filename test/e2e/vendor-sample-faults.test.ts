// Issue 5's done-when: a fault rule makes the vendor's Python sample see a 500, and the sample succeeds once the rule is spent.
import { join } from 'node:path'
import t from 'tap'
import { jobsOnDisk, send, startServer } from '../helpers/server-process.js'
import { configured, python, runScript, SCRIPT } from '../helpers/vendor-sample.js'

const requestsCheck = await python(['-c', 'import requests'])
// vendor-sample.test.ts already fails without python3/requests; this second proof skips.
const skip = requestsCheck.code === 0 ? false : `needs python3 with the requests package: ${requestsCheck.stderr.trim()}`

// A server start-up and two Python runs.
t.setTimeout(90_000)

t.test('the vendor sample sees a 500 from a fault rule, then creates its job once the rule is spent', { skip }, async (t) => {
  const root = t.testdir({ data: {}, scripts: {} })
  const dataDir = join(root, 'data')
  const server = await startServer(t, { dataDir })
  const script = { name: 'create-job', text: configured(SCRIPT, server.port, 'pass@123') }

  const created = await send(server, {
    method: 'POST',
    path: '/__admin/faults',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'POST', path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'status', status: 500 } })
  })
  t.equal(created.status, 201, created.body)

  const failed = await runScript(join(root, 'scripts'), script)
  t.equal(failed.code, 0, `the script runs to its end ${failed.stderr}`)
  t.notMatch(failed.stdout, /Token Generation Failed/, 'the token request is not affected')
  t.same(failed.stdout.split('\n').slice(0, 2), ['{"Message":"An error has occurred."}', '<bound method Response.json of <Response [500]>>'])

  const listed = await send(server, { path: '/__admin/faults' })
  t.same(listed.json(), [], 'the rule is spent and gone')

  const succeeded = await runScript(join(root, 'scripts'), script)
  t.equal(succeeded.code, 0, succeeded.stderr)
  const [first, second] = succeeded.stdout.split('\n')
  t.match(first, /^\{"JobID":"[0-9a-f-]{36}"\}$/)
  t.equal(second, '<bound method Response.json of <Response [200]>>')

  t.same(await server.stop(), { code: 0, signal: null })
  const stored = (await jobsOnDisk(dataDir)).filter((job) => job.JobName === 'Test_Job11')
  t.same(stored.map((job) => job.JobID), [JSON.parse(first ?? '{}').JobID], 'one job: the faulted request stored nothing')
})
