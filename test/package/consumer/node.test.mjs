import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startCcsMock } from 'ccs-mock'
import { createJobSession } from './session.cjs'

let ccs
before(async () => { ccs = await startCcsMock({ http: true }) })
after(() => ccs.close())

test('node:test: token, Create Job, journal', async () => {
  const { status, body, count } = await createJobSession(ccs)
  assert.equal(status, 200)
  assert.match(body.JobID, /^[0-9a-f-]{36}$/)
  assert.equal(count, 1)
})
