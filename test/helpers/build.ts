import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { validateConfig } from '../../src/cli.js'
import type { Config } from '../../src/config.js'
import { ManualClock } from '../../src/domain/clock.js'

export const ADMIN = { username: 'domain1\\administrator', password: 'pass@123' }
export const AUDITOR = { username: 'domain1\\auditor', password: 'pass@123' }
export const SCANNER = { username: 'domain1\\scanner', password: 'pass@123' }

export const UNIX_ASSET = 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8'
export const UNIX_ASSET_2 = '1169462b-e9bd-46f4-827a-7ac9b1a220d1'
/** win-app-01. */
export const WINDOWS_ASSET = '7b89296c-6dcb-4c50-8857-7eb1924770d3'
/** db2-prod-04: the asset of the vendor's raw-results and report samples, evaluated in FIXTURE_RUN. */
export const SAMPLE_RESULTS_ASSET = '7ca3a38e-1e51-42ef-8b5d-88813eae0c14'
export const WINDOWS_TYPE = 'symc-csm-AssetSystem-Asset-Wnt-Machine'
export const DB2_GROUP = '817fd810-83e1-4a29-85ea-8aa6204421e3'
export const RHEL_STANDARD = '6b020d29-5fe8-47d0-bd89-ccd3339a5ebe'
export const UNIX_TYPE = 'symc-csm-AssetSystem-Asset-Unix-Machine'
/** The fixture job `Weekly RHEL CER` and its one fixture run (fixtures/runs.json). */
export const WEEKLY_JOB = 'a282d163-2248-4904-8135-0eaf08be8e55'
export const FIXTURE_RUN = 'cae05ae3-8454-43a9-9139-f678b66decf7'
/** A GUID that names nothing in the fixtures. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000001'
/** A run with the default durations: 2 s queued + 5 s collection + 3 s evaluation. */
export const RUN_MS = 10_000

export interface Built {
  app: FastifyInstance
  clock: ManualClock
  dataDir: string
}

/** A fresh app on its own temporary data dir, seeded from fixtures/, closed after the test. */
export async function build (t: Test, config: Partial<Config> = {}, dataDir?: string): Promise<Built> {
  let built: FastifyInstance | undefined
  // Before the test dir: tap deletes a test dir ahead of the teardowns registered after
  // it, and the app (its engine's timer may be writing) must be closed first.
  t.teardown(async () => { await built?.close() })
  const dir = dataDir ?? t.testdir()
  const clock = new ManualClock()
  // Schedules in UTC unless a test says otherwise, whatever the host's zone.
  const app = await buildApp({ config: validateConfig({ dataDir: dir, timeZone: 'UTC', ...config }), clock })
  built = app
  await app.ready()
  return { app, clock, dataDir: dir }
}

export async function requestToken (app: FastifyInstance, credentials = ADMIN): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'POST',
    url: '/ccs/api/v1/oauth/tokens',
    headers: { 'content-type': 'application/json' },
    payload: `grant_type=password&username=${credentials.username}&password=${credentials.password}`
  })
}

export async function login (app: FastifyInstance, credentials = ADMIN): Promise<string> {
  const res = await requestToken(app, credentials)
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  return (res.json() as { access_token: string }).access_token
}

/** A token issued in a session (X-CCS-Mock-Session): tokens are good only where they were issued. */
export async function loginIn (app: FastifyInstance, session: string, credentials = ADMIN): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/ccs/api/v1/oauth/tokens',
    headers: { 'x-ccs-mock-session': session },
    payload: `grant_type=password&username=${encodeURIComponent(credentials.username)}&password=${encodeURIComponent(credentials.password)}`
  })
  if (res.statusCode !== 200) throw new Error(`login to session ${session} failed: ${res.statusCode} ${res.body}`)
  return (res.json() as { access_token: string }).access_token
}

/** The smallest valid Create Job body; `details` and `top` override its parts. */
export function jobPayload (details: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    JobDetails: {
      AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }],
      JobName: `job-${Math.random().toString(36).slice(2)}`,
      Standards: [RHEL_STANDARD],
      ...details
    },
    JobType: 'CollectionEvaluationJob',
    ...top
  }
}

export async function postJob (app: FastifyInstance, token: string, payload: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'POST',
    url: '/ccs/api/v1/jobs',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload)
  })
}
