// Type-checked only (tsc --noEmit), under the strictest settings a consumer may use.
import { ManualClock, startCcsMock, type CcsMock, type FaultRuleRequest, type JournalEntry, type Snapshot, type StartCcsMockOptions } from 'ccs-mock'

const options: StartCcsMockOptions = { http: true, adminKey: 'sesame', accessTokenTtl: 60, clock: new ManualClock(Date.UTC(2026, 0, 1)) }
const rule: FaultRuleRequest = { method: 'POST', path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'status', status: 503 } }

export async function session (): Promise<void> {
  const ccs: CcsMock = await startCcsMock(options)
  const url: string = ccs.apiUrl
  const port: number = ccs.port
  const certificate: string | undefined = ccs.certificate
  await ccs.admin.faults.add(rule)
  const count: number = await ccs.admin.requests.count({ method: 'POST', path: '/ccs/api/v1/jobs' })
  const entries: JournalEntry[] = (await ccs.admin.requests.list({ limit: 10 })).requests
  const snapshot: Snapshot = await ccs.admin.state.export()
  const jobs: number = snapshot.data.jobs.length
  const now: string = (await ccs.admin.clock.advance('PT1H')).now
  void [url, port, certificate, count, entries, jobs, now]
  await ccs.close()
}
