import { startCcsMock } from 'ccs-mock'
import { createJobSession } from './session.cjs'

let ccs
beforeAll(async () => { ccs = await startCcsMock({ http: true }) })
afterAll(() => ccs.close())

test('Jest, ES modules: token, Create Job, journal', async () => {
  const { status, body, count } = await createJobSession(ccs)
  expect(status).toBe(200)
  expect(body.JobID).toMatch(/^[0-9a-f-]{36}$/)
  expect(count).toBe(1)
})
