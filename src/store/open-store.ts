import { existsSync, statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { Catalog } from '../domain/catalog/catalog.js'
import type { Clock } from '../domain/clock.js'
import { JobEngine, type EngineListener, type RunNotifier } from '../domain/runs/job-engine.js'
import { planRun, type RunDurations } from '../domain/runs/run-plan.js'
import { Type } from 'typebox'
import { UserSchema, type User } from '../schemas/catalog.js'
import type { JobRun } from '../schemas/run.js'
import { firstSchemaError } from '../schema-check.js'
import type { Fixtures } from './fixtures.js'
import { CATALOG_FILE, CatalogRepository, type CatalogChange } from './catalog-repository.js'
import { fixtureQueuedAt, loadFixtures } from './fixtures.js'
import { JobsRepository } from './jobs-repository.js'
import { deleteJobRecords, finishPurge } from './job-deletion.js'
import { JsonDocument, WriteFence } from './json-document.js'
import { RunsRepository } from './runs-repository.js'
import { PURGE_FILE, PurgeLog } from './purge-log.js'
import { TicketsRepository } from './tickets-repository.js'
import { StoreError } from './store-error.js'

export interface Store {
  /** The data set's clock: the server clock for the default data set, its own for a session. */
  clock: Clock
  /** The catalog now (a data set that shares the fixture set's gets its own at its first change). */
  readonly catalog: Catalog
  /** Changes the catalog (one change at a time) and resolves once the change is on disk. */
  changeCatalog: <R>(apply: (catalog: Catalog) => CatalogChange<R>) => Promise<R>
  jobs: JobsRepository
  runs: RunsRepository
  tickets: TicketsRepository
  engine: JobEngine
  /** Stops the engine and waits for every pending write. */
  close: () => Promise<void>
  /** Waits for every pending write. */
  flush: () => Promise<void>
}

export interface EngineSettings {
  clock: Clock
  durations: RunDurations
  timeZone: string
  notifier?: RunNotifier
  listener?: EngineListener
  log: FastifyBaseLogger
}

export interface StoreOptions {
  dataDir: string
  fixturesDir: string
  now: number
  jobsPerSegment?: number
  engine: EngineSettings
  /** Seeds a new dir from this data instead of the fixture files (a snapshot import). */
  seed?: StoreSeed
  /** The fixture set of `fixturesDir`, already loaded, and its catalog to share while a data set leaves its own unchanged. */
  fixtureSet?: { fixtures: Fixtures, catalog: Catalog }
}

/** A whole data set as data: a fixture set, with stored runs instead of fixture runs. */
export type StoreSeed = Fixtures & { runRecords: JobRun[] }

interface MetaData {
  formatVersion: number
  createdAt: string | null
  fixtures: string | null
  /**
   * The catalog file's size and modification time while it still equals the fixture
   * set's (the data set then shares that catalog in memory); false once it changed.
   * A file edited by hand no longer matches and is read.
   */
  catalogFromFixtures?: { size: number, mtimeMs: number } | false
}
const FORMAT_VERSION = 1
/** Bounded so a write rewrites at most this many jobs (docs/store.md). */
export const DEFAULT_JOBS_PER_SEGMENT = 100
/** Runs carry their results, so they are larger than jobs. */
const RUNS_PER_SEGMENT = 50
/** Reachable fixture assets hold data collected this long before the data dir was created. */
const BASELINE_DATA_AGE_MS = 30 * 86_400_000
const isMeta = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && (data as MetaData).formatVersion === FORMAT_VERSION

/**
 * Opens the data dir: users from the fixtures (or the snapshot it was imported from); the
 * catalog (assets, asset groups, standards, agents), remediation tickets, jobs and runs in
 * lowdb files. A new data dir is seeded with
 * the fixture jobs once, and with the fixture catalog while it has no catalog file.
 */
export async function openStore (options: StoreOptions): Promise<Store> {
  const fixtures = options.seed ?? options.fixtureSet?.fixtures ?? await loadFixtures(options.fixturesDir)
  try {
    await mkdir(options.dataDir, { recursive: true })
  } catch (err) {
    throw new StoreError(`cannot create data dir ${options.dataDir}: ${(err as Error).message}`)
  }
  const fence = new WriteFence()
  const meta = JsonDocument.open<MetaData>(join(options.dataDir, 'ccs-mock.json'),
    { formatVersion: FORMAT_VERSION, createdAt: null, fixtures: null }, isMeta, { fence })
  const users = await openUsers(options.dataDir, options.seed?.users, fence)
  const jobs = await JobsRepository.open(join(options.dataDir, 'jobs'), options.jobsPerSegment ?? DEFAULT_JOBS_PER_SEGMENT, fence)
  const runs = await RunsRepository.open(join(options.dataDir, 'runs'), RUNS_PER_SEGMENT, fence)
  const purges = PurgeLog.open(options.dataDir, fence)
  const records = { jobs, runs, purges }
  // A deletion committed before a crash or a failed segment write is finished now.
  if (!purges.isEmpty) {
    const unfinished = await finishPurge(records, purges.pending)
    if (unfinished !== undefined) options.engine.log.warn({ err: unfinished }, `a job deletion in ${join(options.dataDir, PURGE_FILE)} could not be finished; the next open tries again`)
  }
  // Only a data set seeded from the fixture set (users included) may share its catalog.
  const sharing = options.seed === undefined && users === undefined && options.fixtureSet !== undefined
    ? {
        shared: options.fixtureSet.catalog,
        // Seeded from this very fixture set (a reset may have seeded it from another one).
        pristine: (meta.data.fixtures === null || meta.data.fixtures === options.fixturesDir) &&
          sameFile(join(options.dataDir, CATALOG_FILE), meta.data.catalogFromFixtures),
        leaving: async () => {
          meta.data.catalogFromFixtures = false
          await meta.write()
        }
      }
    : undefined
  const catalogRepository = await CatalogRepository.open(options.dataDir, { ...fixtures, users: users ?? fixtures.users }, fence, sharing)
  const tickets = await TicketsRepository.open(options.dataDir, fixtures.tickets, fence)
  const catalog = catalogRepository.catalog

  if (meta.data.createdAt === null) {
    // Seeding may have been cut short by a crash before the meta file was written.
    // Copies: a loaded fixture set seeds many data sets.
    await jobs.insert(...structuredClone(fixtures.jobs.filter((job) => jobs.get(job.JobID) === undefined)))
    if (options.seed !== undefined) {
      for (const run of options.seed.runRecords) if (runs.get(run.runId) === undefined) await runs.insert(run)
    } else {
      await seedRuns(fixtures, catalog, jobs, runs, options.engine.durations, options.now)
    }
    meta.data.createdAt = new Date(options.now).toISOString()
    meta.data.fixtures = options.fixturesDir
    meta.data.catalogFromFixtures = catalogRepository.isShared && fileStamp(join(options.dataDir, CATALOG_FILE))
    await meta.write()
  }

  const engine = new JobEngine({
    ...options.engine,
    catalogOf: () => catalogRepository.catalog,
    jobs,
    runs,
    deleteJobRecords: async (jobId, withJob) => await deleteJobRecords(records, jobId, withJob),
    baselineCollectedAt: Date.parse(meta.data.createdAt ?? '') - BASELINE_DATA_AGE_MS
  })
  engine.start(options.now)
  const flush = async (): Promise<void> => { await Promise.all([catalogRepository.flush(), jobs.flush(), runs.flush(), purges.flush(), tickets.flush(), meta.flush()]) }
  return {
    clock: options.engine.clock,
    get catalog () { return catalogRepository.catalog },
    changeCatalog: async (apply) => await catalogRepository.change(apply),
    jobs,
    runs,
    tickets,
    engine,
    flush,
    close: async () => {
      await engine.close()
      await flush()
      fence.close()
    }
  }
}

function fileStamp (path: string): { size: number, mtimeMs: number } | false {
  try {
    const { size, mtimeMs } = statSync(path)
    return { size, mtimeMs }
  } catch {
    return false
  }
}

function sameFile (path: string, stamp: { size: number, mtimeMs: number } | false | undefined): boolean {
  const now = fileStamp(path)
  return stamp !== undefined && stamp !== false && now !== false && now.size === stamp.size && now.mtimeMs === stamp.mtimeMs
}

const USERS_FILE = 'users.json'
const isUsers = (data: unknown): boolean => firstSchemaError(Type.Array(UserSchema), data) === undefined

/**
 * A data set imported from a snapshot keeps the snapshot's users in `users.json`, so
 * they outlive a restart; every other data set has the fixtures' users (undefined here).
 */
async function openUsers (dataDir: string, seeded: User[] | undefined, fence: WriteFence): Promise<User[] | undefined> {
  const path = join(dataDir, USERS_FILE)
  if (seeded !== undefined) {
    const document = JsonDocument.open<User[]>(path, seeded, isUsers, { fence })
    document.data.splice(0, document.data.length, ...seeded)
    await document.write()
    return seeded
  }
  if (!existsSync(path)) return undefined
  return JsonDocument.open<User[]>(path, [], isUsers, { fence }).data
}

/** The fixture runs, planned like any run; the engine finalizes those that have ended on its first settle. */
async function seedRuns (fixtures: Fixtures, catalog: Catalog, jobs: JobsRepository, runs: RunsRepository, durations: RunDurations, now: number): Promise<void> {
  const baseline = now - BASELINE_DATA_AGE_MS
  for (const fixture of fixtures.runs) {
    const job = jobs.get(fixture.JobID)
    if (job === undefined || runs.get(fixture.JobRunID) !== undefined) continue
    const queuedAt = fixtureQueuedAt(fixture, now)
    await runs.insert(planRun({
      job,
      catalog,
      runId: fixture.JobRunID,
      trigger: fixture.TriggeredBy,
      requestedBy: fixture.RequestedBy,
      queuedAt,
      scheduledAt: fixture.TriggeredBy === 'Schedule' ? queuedAt : null,
      durations,
      lastCollected: (assetId) => catalog.asset(assetId)?.Simulation.Reachable === true ? baseline : undefined
    }))
  }
}
