// Fault injection on a listening server: a dropped connection and a truncated body, as a client sees them.
import type { AddressInfo } from 'node:net'
import { request } from 'node:http'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { addFault } from '../helpers/admin.js'
import { build, jobPayload, login } from '../helpers/build.js'

interface Outcome {
  status?: number
  headers?: Record<string, string | string[] | undefined>
  /** What arrived of the body, also when the response broke off. */
  body: string
  /** The client's error: the request's (no response) or the response's (cut short). */
  error?: string
}

/** One request on its own connection; resolves with whatever happened instead of throwing. */
async function exchange (port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Outcome> {
  return await new Promise((resolve) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let received = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { received += chunk })
      res.on('error', (err) => { resolve({ status: res.statusCode, headers: res.headers, body: received, error: err.message }) })
      res.on('end', () => { resolve({ status: res.statusCode, headers: res.headers, body: received }) })
    })
    outgoing.on('error', (err: NodeJS.ErrnoException) => { resolve({ body: '', error: err.code ?? err.message }) })
    outgoing.end(body)
  })
}

async function listening (app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return (app.server.address() as AddressInfo).port
}

const jobNamed = async (app: FastifyInstance, token: string, name: string): Promise<number> =>
  (await app.inject({ method: 'GET', url: `/ccs/api/v1/jobs?jobname=${encodeURIComponent(name)}`, headers: { authorization: `Bearer ${token}` } })).statusCode

t.test('drop: the connection closes without an answer, nothing is stored, the server keeps serving', async (t) => {
  const { app } = await build(t)
  const port = await listening(app)
  const token = await login(app)
  await addFault(app, { method: 'POST', path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'drop' } })
  const payload = jobPayload()
  const name = (payload.JobDetails as { JobName: string }).JobName
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }

  const dropped = await exchange(port, 'POST', '/ccs/api/v1/jobs', headers, JSON.stringify(payload))
  t.same(dropped, { body: '', error: 'ECONNRESET' }, 'the client sees the socket hang up')
  t.equal(await jobNamed(app, token, name), 404, 'the dropped request created nothing')

  const retried = await exchange(port, 'POST', '/ccs/api/v1/jobs', headers, JSON.stringify(payload))
  t.equal(retried.status, 200, `the retry succeeds (${retried.body})`)
  t.equal(await jobNamed(app, token, name), 200)
})

t.test('truncate: full Content-Length, part of the body, then the connection ends; the job is stored', async (t) => {
  const { app } = await build(t)
  const port = await listening(app)
  const token = await login(app)
  await addFault(app, { method: 'POST', path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'truncate', bytes: 10 } })
  await addFault(app, { method: 'GET', path: '/ccs/api/v1/jobs/*', count: 1, fault: { type: 'truncate', bytes: 0 } })
  const payload = jobPayload()
  const name = (payload.JobDetails as { JobName: string }).JobName

  const cut = await exchange(port, 'POST', '/ccs/api/v1/jobs', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, JSON.stringify(payload))
  t.equal(cut.status, 200)
  t.equal(cut.headers?.['content-length'], String('{"JobID":"00000000-0000-0000-0000-000000000000"}'.length), 'the whole body is announced')
  t.equal(cut.body, '{"JobID":"', 'ten bytes arrive')
  t.equal(cut.error, 'aborted', 'then the response breaks off')
  t.equal(await jobNamed(app, token, name), 200, 'the job was stored all the same')

  const headersOnly = await exchange(port, 'GET', '/ccs/api/v1/jobs/a282d163-2248-4904-8135-0eaf08be8e55', { authorization: `Bearer ${token}` })
  t.equal(headersOnly.status, 200)
  t.equal(headersOnly.body, '')
  t.equal(headersOnly.error, 'aborted', 'bytes 0: headers only')

  const whole = await exchange(port, 'GET', '/ccs/api/v1/jobs/a282d163-2248-4904-8135-0eaf08be8e55', { authorization: `Bearer ${token}` })
  t.equal(whole.error, undefined, 'spent: the next response is whole')
  t.equal(whole.body.length, Number(whole.headers?.['content-length']))
})

t.test('drop for one user: the token request is read, then the connection closes', async (t) => {
  const { app } = await build(t)
  const port = await listening(app)
  await addFault(app, { path: '/ccs/api/v1/oauth/tokens', user: 'domain1\\auditor', count: 1, fault: { type: 'drop' } })
  const form = (user: string): string => `grant_type=password&username=${user}&password=pass@123`
  const headers = { 'content-type': 'application/x-www-form-urlencoded' }
  t.equal((await exchange(port, 'POST', '/ccs/api/v1/oauth/tokens', headers, form('domain1\\administrator'))).status, 200, 'another user logs in')
  t.same(await exchange(port, 'POST', '/ccs/api/v1/oauth/tokens', headers, form('domain1\\auditor')), { body: '', error: 'ECONNRESET' })
  t.equal((await exchange(port, 'POST', '/ccs/api/v1/oauth/tokens', headers, form('domain1\\auditor'))).status, 200, 'spent')
})
