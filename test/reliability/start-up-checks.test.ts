import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { test } from 'tap'
import { buildApp } from '../../src/app.js'
import { validateConfig } from '../../src/cli.js'
import { StoreError } from '../../src/store/store-error.js'
import { loadTls } from '../../src/tls.js'

// Issue 9: a stored record of the wrong shape stops the start-up naming its file and
// place (it used to crash on `toLowerCase` of undefined); a TLS socket that never
// starts its handshake is cut after --request-timeout.

for (const [collection, record] of [['jobs', { JobID: 'd0e0f0a0-0000-4000-8000-000000000001' }], ['runs', { runId: 'r1', jobId: 'j1' }]] as const) {
  test(`a ${collection} segment holding a record of the wrong shape stops the start-up`, async (t) => {
    const text = JSON.stringify({ [collection]: [record] })
    const dataDir = t.testdir({ [collection]: { 'segment-000001.json': text } })
    const path = join(dataDir, collection, 'segment-000001.json')
    const failure = await buildApp({ config: validateConfig({ dataDir }) }).then(() => undefined, (err: unknown) => err)
    t.type(failure, StoreError)
    t.match((failure as Error).message, `data file ${path}: ${collection}[0] is not a stored record`)
    t.match((failure as Error).message, /\(\/ must have required property '\w+'\)/, 'says what is wrong')
    t.equal(readFileSync(path, 'utf8'), text, 'the file is left untouched')
  })
}

test('HTTPS: a socket that never starts the TLS handshake is closed after --request-timeout', async (t) => {
  const dataDir = t.testdir()
  const app = await buildApp({ config: validateConfig({ dataDir, requestTimeout: 1 }), https: await loadTls({ dataDir }) })
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  const started = Date.now()
  const closedAfter = await new Promise<number>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.on('error', () => {})
    socket.on('close', () => { resolve(Date.now() - started) })
  })
  t.ok(closedAfter >= 900 && closedAfter < 10_000, `closed after ${closedAfter} ms (Node's own default is 120 s)`)
})
