/**
 * The long crash-durability run: create storms from many connections, SIGKILL at
 * random moments, restart on the same data dir, and check that every JobID answered
 * 200 is on disk (read by the tests' own reader of the layout) and every file loads. `npm run bench:crash` (CRASH_ROUNDS, CRASH_WORKERS).
 */
import { request } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { recordsOnDisk } from '../test/helpers/segments-on-disk.js'
import { startCcsMock, type ChildServer } from './lib/child-server.js'

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20)
const WORKERS = Number(process.env.CRASH_WORKERS ?? 32)

function post (server: ChildServer, path: string, body: string, headers: Record<string, string>): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (c: string) => { text += c }).on('end', () => resolve({ status: res.statusCode ?? 0, body: text })).on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function jobIdsOnDisk (dataDir: string): Promise<Set<string>> {
  return new Set((await recordsOnDisk<{ JobID: string }>(join(dataDir, 'jobs'), 'jobs', (job) => job.JobID)).map((job) => job.JobID))
}

const dataDir = await mkdtemp(join(tmpdir(), 'ccs-mock-crash-'))
const acked: string[] = []
let lost = 0
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const server = await startCcsMock({ dataDir, tls: false })
    const login = await post(server, '/ccs/api/v1/oauth/tokens', 'grant_type=password&username=domain1\\administrator&password=pass@123', {})
    const token = (JSON.parse(login.body) as { access_token: string }).access_token
    let killed = false
    const killAfterMs = 200 + Math.floor(Math.random() * 1500)
    setTimeout(() => { killed = true; server.child.kill('SIGKILL') }, killAfterMs)
    const before = acked.length
    await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
      for (let i = 0; !killed; i++) {
        const body = JSON.stringify({
          JobDetails: { AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8', Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }], JobName: `crash-${round}-${w}-${i}`, Standards: ['6b020d29-5fe8-47d0-bd89-ccd3339a5ebe'] },
          JobType: 'CollectionJob'
        })
        try {
          const res = await post(server, '/ccs/api/v1/jobs', body, { authorization: `Bearer ${token}`, 'content-type': 'application/json' })
          if (res.status === 200) acked.push((JSON.parse(res.body) as { JobID: string }).JobID)
          else if (!killed) throw new Error(`unexpected ${res.status}: ${res.body}`)
        } catch (err) {
          if (!killed) throw err
        }
      }
    }))
    await server.stop('SIGKILL')
    const onDisk = await jobIdsOnDisk(dataDir)
    const missing = acked.filter((id) => !onDisk.has(id))
    lost += missing.length
    process.stdout.write(`round ${round}: killed after ${killAfterMs} ms, ${acked.length - before} acknowledged, ${acked.length} in all, ${missing.length} missing\n`)
  }
  const restarted = await startCcsMock({ dataDir, tls: false })
  await restarted.stop()
  process.stdout.write(`\n${ROUNDS} kills, ${acked.length} acknowledged creates, ${lost} lost; the data dir still starts.\n`)
} finally {
  await rm(dataDir, { recursive: true, force: true })
}
process.exit(lost === 0 ? 0 : 1)
