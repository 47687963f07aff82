import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { freePort, startChild, type ChildServer } from './child-server.js'

/**
 * The peer to beat: mountebank (npm `mountebank`) with one imposter that answers
 * `POST /ccs/api/v1/jobs` with a JobID — it checks nothing and stores nothing. Its
 * own API and the imposter share one process, pinned like every server.
 */
export async function startMountebank (options: { workDir: string, tls: boolean }): Promise<ChildServer> {
  const [apiPort, imposterPort] = [await freePort(), await freePort()]
  const config = join(options.workDir, `mountebank-${imposterPort}.json`)
  await writeFile(config, JSON.stringify({
    imposters: [{
      protocol: options.tls ? 'https' : 'http',
      port: imposterPort,
      recordRequests: false,
      stubs: [{
        predicates: [{ equals: { method: 'POST', path: '/ccs/api/v1/jobs' } }],
        responses: [{ is: { statusCode: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: { JobID: randomUUID() } } }]
      }]
    }]
  }))
  return await startChild('node_modules/mountebank/bin/mb', [
    'start', '--port', String(apiPort), '--configfile', config, '--noParse', '--nologfile', '--loglevel', 'warn',
    '--pidfile', join(options.workDir, `mb-${apiPort}.pid`)
  ], options.tls, apiPort, { readyPort: imposterPort })
}
