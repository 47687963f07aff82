import t, { type Test } from 'tap'
import { jobPayload } from '../helpers/build.js'
import { createJobOver, jobsOnDisk, loginOver, startServer } from '../helpers/server-process.js'

const WORKERS = 16

/**
 * A create storm from many connections, SIGKILL once `killAfter` creates were
 * acknowledged, restart on the same data dir: every JobID answered 200 is there.
 */
async function stormAndKill (t: Test, dataDir: string, killAfter: number): Promise<{ acked: string[], killedAt: number }> {
  const server = await startServer(t, { dataDir, http: true })
  const token = await loginOver(server)
  const acked: string[] = []
  let killed = false
  let killedAt = 0
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; !killed; i++) {
      try {
        const res = await createJobOver(server, token, jobPayload({ JobName: `storm-${killAfter}-${w}-${i}` }))
        if (res.status !== 200) throw new Error(`unexpected ${res.status} ${res.body}`)
        acked.push(res.json<{ JobID: string }>().JobID)
        if (acked.length >= killAfter && !killed) {
          killed = true
          killedAt = acked.length
          server.child.kill('SIGKILL')
        }
      } catch (err) {
        if (!killed) throw err
      }
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
  const exit = await server.exited
  t.equal(exit.signal, 'SIGKILL', 'the server was killed, not stopped')
  return { acked, killedAt }
}


for (const killAfter of [25, 150, 600]) {
  t.test(`SIGKILL after ${killAfter} acknowledged creates loses none of them`, async (t) => {
    const dataDir = t.testdir()
    const { acked } = await stormAndKill(t, dataDir, killAfter)
    t.ok(acked.length >= killAfter, `${acked.length} creates acknowledged`)

    const restarted = await startServer(t, { dataDir, http: true })
    const onDisk = new Set((await jobsOnDisk(dataDir)).map((j) => j.JobID))
    const missing = acked.filter((id) => !onDisk.has(id))
    t.same(missing, [], 'every acknowledged JobID is on disk after restart')
    const token = await loginOver(restarted)
    const after = await createJobOver(restarted, token, jobPayload({ JobName: `after-restart-${killAfter}` }))
    t.equal(after.status, 200, 'the restarted server takes new jobs')
    await restarted.stop()
  })
}
