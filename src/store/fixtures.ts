import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Duration } from 'luxon'
import { Type, type TSchema, type Static } from 'typebox'
import { AgentSchema, AssetGroupSchema, AssetSchema, StandardSchema, UserSchema, type Agent, type Asset, type AssetGroup, type Standard, type User } from '../schemas/catalog.js'
import { JobSchema, type Job } from '../schemas/job.js'
import { FixtureRunSchema, type FixtureRun } from '../schemas/run.js'
import { RemediationTicketSchema, type RemediationTicket } from '../schemas/tickets.js'
import { firstSchemaError } from '../schema-check.js'
import { StoreError } from './store-error.js'

export interface Fixtures {
  users: User[]
  assets: Asset[]
  assetGroups: AssetGroup[]
  standards: Standard[]
  agents: Agent[]
  tickets: RemediationTicket[]
  jobs: Job[]
  /** Past runs of fixture jobs, planned and played when a data dir is seeded. */
  runs: FixtureRun[]
}

async function readArray<S extends TSchema> (dir: string, file: string, item: S, required: boolean): Promise<Array<Static<S>>> {
  const path = join(dir, file)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !required) return []
    throw new StoreError(`cannot read fixture file ${path}: ${(err as Error).message}`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new StoreError(`fixture file ${path} is not valid JSON: ${(err as Error).message}`)
  }
  const schema = Type.Array(item)
  const first = firstSchemaError(schema, data)
  if (first !== undefined) {
    throw new StoreError(`fixture file ${path}: ${first.instancePath || '/'} ${first.message}`)
  }
  return data as Array<Static<S>>
}

/** Reads and validates a fixture set; only users.json is required. */
export async function loadFixtures (dir: string): Promise<Fixtures> {
  const [users, assets, assetGroups, standards, agents, tickets, jobs, runs] = await Promise.all([
    readArray(dir, 'users.json', UserSchema, true),
    readArray(dir, 'assets.json', AssetSchema, false),
    readArray(dir, 'asset-groups.json', AssetGroupSchema, false),
    readArray(dir, 'standards.json', StandardSchema, false),
    readArray(dir, 'agents.json', AgentSchema, false),
    readArray(dir, 'remediation-tickets.json', RemediationTicketSchema, false),
    readArray(dir, 'jobs.json', JobSchema, false),
    readArray(dir, 'runs.json', FixtureRunSchema, false)
  ])
  runs.forEach((run, i) => {
    try {
      fixtureQueuedAt(run, 0)
    } catch (err) {
      throw new StoreError(`fixture file ${join(dir, 'runs.json')}: /${i} ${(err as Error).message}`)
    }
  })
  return { users, assets, assetGroups, standards, agents, tickets, jobs, runs }
}

/** When a fixture run was queued, for a data set seeded at `seededAt` (epoch ms). */
export function fixtureQueuedAt (run: FixtureRun, seededAt: number): number {
  if ((run.QueuedTime === undefined) === (run.QueuedBeforeSeeding === undefined)) {
    throw new Error('needs either QueuedTime or QueuedBeforeSeeding')
  }
  if (run.QueuedTime !== undefined) return Date.parse(run.QueuedTime)
  const before = Duration.fromISO(run.QueuedBeforeSeeding ?? '')
  const ms = before.isValid ? before.as('milliseconds') : Number.NaN
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`QueuedBeforeSeeding must be a forward ISO 8601 duration such as PT30M, got '${run.QueuedBeforeSeeding ?? ''}'`)
  return seededAt - ms
}
