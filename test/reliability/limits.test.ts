import { connect } from 'node:net'
import t from 'tap'
import { ADMIN, build, jobPayload, login, postJob, requestToken } from '../helpers/build.js'
import { jobsOnDisk, startServer } from '../helpers/server-process.js'

t.test('a body over the limit is a 413 in the Web API shape and stores nothing', async (t) => {
  const { app, dataDir } = await build(t, { bodyLimit: 4096 })
  const token = await login(app)
  const before = (await jobsOnDisk(dataDir)).length
  const res = await postJob(app, token, jobPayload({ JobDescription: 'x'.repeat(5000) }))
  t.equal(res.statusCode, 413)
  t.same(res.json(), { Message: 'The request body is too large.' })
  const fits = await postJob(app, token, jobPayload({ JobDescription: 'x'.repeat(1000) }))
  t.equal(fits.statusCode, 200)
  t.equal((await jobsOnDisk(dataDir)).length, before + 1)
})

t.test('the default body limit is 1 MiB', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const res = await postJob(app, token, jobPayload({ JobDescription: 'x'.repeat(1024 * 1024) }))
  t.equal(res.statusCode, 413)
})

t.test('failed logins are limited per user and client; success resets; the window slides', async (t) => {
  const { app, clock } = await build(t, { loginFailureLimit: 3, loginFailureWindow: 60 })
  const wrong = { ...ADMIN, password: 'wrong' }
  for (let i = 0; i < 3; i++) t.equal((await requestToken(app, wrong)).statusCode, 400, `failure ${i + 1} is a plain 400`)
  const limited = await requestToken(app, wrong)
  t.equal(limited.statusCode, 429)
  t.equal(limited.headers['retry-after'], '60')
  t.same(limited.json(), { error: 'invalid_grant', error_description: 'Too many failed login attempts. Try again in 60 seconds.' })
  t.equal((await requestToken(app, ADMIN)).statusCode, 429, 'even the right password waits while limited')
  t.equal((await requestToken(app, { username: 'domain1\\auditor', password: 'pass@123' })).statusCode, 200, 'other users are not affected')
  clock.advance(60_001)
  t.equal((await requestToken(app, ADMIN)).statusCode, 200, 'allowed again after the window')
  for (let i = 0; i < 3; i++) await requestToken(app, wrong)
  t.equal((await requestToken(app, wrong)).statusCode, 429)
})

t.test('a success forgets earlier failures', async (t) => {
  const { app } = await build(t, { loginFailureLimit: 3, loginFailureWindow: 60 })
  const wrong = { ...ADMIN, password: 'wrong' }
  await requestToken(app, wrong)
  await requestToken(app, wrong)
  t.equal((await requestToken(app, ADMIN)).statusCode, 200)
  await requestToken(app, wrong)
  await requestToken(app, wrong)
  t.equal((await requestToken(app, wrong)).statusCode, 400, 'the count started again')
})

t.test('loginFailureLimit 0 disables the limit', async (t) => {
  const { app } = await build(t, { loginFailureLimit: 0 })
  for (let i = 0; i < 30; i++) await requestToken(app, { ...ADMIN, password: 'wrong' })
  t.equal((await requestToken(app, ADMIN)).statusCode, 200)
})

t.test('a client that never finishes its headers is cut off after the request timeout', async (t) => {
  const server = await startServer(t, { dataDir: t.testdir(), http: true, args: ['--request-timeout', '1'] })
  const started = Date.now()
  let received = ''
  const closedAfter = await new Promise<number>((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => { socket.write('POST /ccs/api/v1/jobs HTTP/1.1\r\nHost: x\r\n') })
    socket.on('data', (chunk) => { received += String(chunk) })
    socket.on('error', () => {})
    socket.on('close', () => { resolve(Date.now() - started) })
    setTimeout(() => { reject(new Error('connection still open after 15 s')) }, 15_000).unref()
  })
  t.ok(closedAfter < 8_000, `closed after ${closedAfter} ms`)
  t.match(received, /^HTTP\/1\.1 408 Request Timeout\r\n/)
  t.match(received, /\{"Message":"The request timed out\."\}$/)
  await server.stop()
})
