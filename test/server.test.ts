import { X509Certificate } from 'node:crypto'
import { access, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import selfsigned from 'selfsigned'
import t from 'tap'
import { jobPayload } from './helpers/build.js'
import {
  createJobOver, freePort, jobsOnDisk, loginOver, runServerToExit, send, startServer, TOKEN_PATH, type ServerProcess
} from './helpers/server-process.js'

const FIXTURE_JOB_IDS = (JSON.parse(await readFile(new URL('../fixtures/jobs.json', import.meta.url), 'utf8')) as Array<{ JobID: string }>).map((j) => j.JobID)

const exists = async (path: string): Promise<boolean> => await access(path).then(() => true, () => false)

/** Every scenario runs its own server(s); running two at a time keeps the file short. */
t.jobs = 2
// Five server start-ups: ~15 s on an idle 2-core box, more than tap's default 30 s on a busy one.
t.setTimeout(90_000)

t.test('HTTPS by default with a kept self-signed certificate; jobs survive a restart', async (t) => {
  const dataDir = t.testdir()
  const first = await startServer(t, { dataDir })
  t.equal(first.protocol, 'https')

  const tokenRes = await send(first, {
    method: 'POST',
    path: TOKEN_PATH,
    headers: { 'content-type': 'application/json' },
    body: 'grant_type=password&username=domain1\\administrator&password=pass@123'
  })
  t.equal(tokenRes.status, 200, 'a token over HTTPS')
  const { access_token: firstToken } = tokenRes.json<{ access_token: string }>()
  const certificate = tokenRes.certificate
  if (certificate === undefined) throw new Error('no peer certificate')
  const altNames = (certificate.subjectaltname ?? '').split(', ')
  t.ok(altNames.includes('DNS:localhost'), `subjectAltName has DNS:localhost (${certificate.subjectaltname})`)
  t.ok(altNames.includes('IP Address:127.0.0.1'), 'subjectAltName has IP Address:127.0.0.1')
  t.equal(certificate.subject.CN, 'localhost')

  await t.rejects(send({ port: first.port, protocol: 'http' }, { path: '/ccs/api/v1/jobs' }), 'plain HTTP gets no answer on the HTTPS port')

  const certPath = join(dataDir, 'tls', 'cert.pem')
  const keyPath = join(dataDir, 'tls', 'key.pem')
  t.equal((await stat(keyPath)).mode & 0o777, 0o600, 'the private key is readable by its owner only')
  const certPem = await readFile(certPath, 'utf8')
  t.equal(new X509Certificate(certPem).fingerprint256, certificate.fingerprint256, 'the certificate presented is the one in <dataDir>/tls/')

  const name = `survives-restart-${Date.now()}`
  const created = await createJobOver(first, firstToken, jobPayload({ JobName: name }))
  t.equal(created.status, 200, created.body)
  const { JobID } = created.json<{ JobID: string }>()

  t.same(await first.stop('SIGTERM'), { code: 0, signal: null }, 'SIGTERM: clean exit')
  t.match(first.stdout(), /"msg":"closed"/, 'logged its shutdown')

  const second = await startServer(t, { dataDir })
  const again = await send(second, { method: 'POST', path: '/ccs/api/v1/jobs', headers: { authorization: `Bearer ${firstToken}`, 'content-type': 'application/json' }, body: '{}' })
  t.equal(again.status, 401, 'access tokens do not outlive the process')
  t.equal(again.certificate?.fingerprint256, certificate.fingerprint256, 'the restarted server reuses the certificate')
  t.equal(await readFile(certPath, 'utf8'), certPem, 'the certificate file is not rewritten')

  const token = await loginOver(second)
  const duplicate = await createJobOver(second, token, jobPayload({ JobName: name }))
  t.equal(duplicate.status, 400, 'the job from before the restart is still there')
  t.match(duplicate.body, /already exists/)
  t.match(duplicate.body, name)

  t.same(await second.stop(), { code: 0, signal: null })
  const ids = (await jobsOnDisk(dataDir)).map((j) => j.JobID)
  t.equal(new Set(ids).size, ids.length, 'no JobID twice on disk')
  t.same([...ids].sort(), [...FIXTURE_JOB_IDS, JobID].sort(), 'the fixture jobs once each, plus the created job')
})

t.test('--tls-cert and --tls-key serve the given certificate', async (t) => {
  const dir = t.testdir({ pem: {}, data: {} })
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'custom.test' }], { keySize: 2048 })
  const certFile = join(dir, 'pem', 'custom-cert.pem')
  const keyFile = join(dir, 'pem', 'custom-key.pem')
  await writeFile(certFile, pems.cert)
  await writeFile(keyFile, pems.private)
  const dataDir = join(dir, 'data')

  const server = await startServer(t, { dataDir, args: ['--tls-cert', certFile, '--tls-key', keyFile] })
  const res = await send(server, { method: 'POST', path: TOKEN_PATH, headers: { 'content-type': 'application/json' }, body: 'grant_type=password&username=domain1\\administrator&password=pass@123' })
  t.equal(res.status, 200)
  t.equal(res.certificate?.subject.CN, 'custom.test')
  t.equal(res.certificate?.fingerprint256, new X509Certificate(pems.cert).fingerprint256)
  t.notOk(await exists(join(dataDir, 'tls')), 'no certificate is generated into the data dir')
  t.same(await server.stop(), { code: 0, signal: null })
})

t.test('--http serves plain HTTP; SIGTERM lets in-flight creates finish', async (t) => {
  const dataDir = t.testdir()
  const server: ServerProcess = await startServer(t, { dataDir, http: true })
  t.equal(server.protocol, 'http')
  // A form body with no Content-Type header at all (node sets none unless told to).
  const res = await send(server, { method: 'POST', path: TOKEN_PATH, body: 'grant_type=password&username=domain1%5Cadministrator&password=pass%40123' })
  t.equal(res.status, 200, res.body)
  t.equal(res.headers['cache-control'], 'no-cache')
  const token = res.json<{ access_token: string }>().access_token
  await t.rejects(send({ port: server.port, protocol: 'https' }, { path: '/ccs/api/v1/jobs' }), 'no TLS on the HTTP port')
  t.notOk(await exists(join(dataDir, 'tls')), 'no certificate is generated for plain HTTP')

  const COUNT = 50
  let sent = 0
  let allSent!: () => void
  const sending = new Promise<void>((resolve) => { allSent = resolve })
  const requests = Array.from({ length: COUNT }, async (_, i) =>
    await createJobOver(server, token, jobPayload({ JobName: `shutdown-${i}` }), () => { if (++sent === COUNT) allSent() }))
  await sending
  server.child.kill('SIGTERM')
  const results = await Promise.allSettled(requests)
  t.same(await server.exited, { code: 0, signal: null }, 'clean exit after SIGTERM')

  const onDisk = new Set((await jobsOnDisk(dataDir)).map((j) => j.JobID))
  const accepted: string[] = []
  for (const r of results) {
    if (r.status === 'fulfilled' && r.value.status === 200) accepted.push(r.value.json<{ JobID: string }>().JobID)
  }
  t.same(accepted.filter((id) => !onDisk.has(id)), [], `all ${accepted.length} accepted jobs are on disk`)
  t.ok(accepted.length > 0, `creates sent before the signal were answered (${accepted.length}/${COUNT})`)
  const statuses = results.map((r) => r.status === 'fulfilled' ? r.value.status : 'error')
  t.ok(statuses.every((s) => s === 200 || s === 503 || s === 'error'), `the rest were refused or cut off, not failed: ${JSON.stringify(statuses)}`)
})

t.test('a corrupt data file stops the start-up and is left untouched', async (t) => {
  // Prepared up front: a data dir whose first jobs segment is not JSON.
  const dataDir = t.testdir({ jobs: { 'segment-000001.json': '{not json' } })
  const path = join(dataDir, 'jobs', 'segment-000001.json')
  const result = await runServerToExit(['--port', String(await freePort()), '--host', '127.0.0.1', '--data-dir', dataDir, '--http'])
  t.equal(result.code, 1, 'exit code 1')
  const lines = result.stderr.split('\n').filter((line) => line !== '')
  t.equal(lines.length, 1, `one stderr line: ${result.stderr}`)
  t.match(lines[0], /^ccs-mock: /, 'prefixed')
  t.ok(lines[0]?.includes(path), 'names the file')
  t.notMatch(result.stdout, /Server listening/, 'never listened')
  t.equal(await readFile(path, 'utf8'), '{not json', 'file unchanged')
})
