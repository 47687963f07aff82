import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Catalog } from '../domain/catalog.js'
import { loadFixtures } from './fixtures.js'
import { JobsRepository } from './jobs-repository.js'
import { JsonDocument } from './json-document.js'
import { RefreshTokensRepository } from './refresh-tokens-repository.js'
import { StoreError } from './store-error.js'

export interface Store {
  catalog: Catalog
  jobs: JobsRepository
  refreshTokens: RefreshTokensRepository
  /** Waits for every pending write. */
  flush: () => Promise<void>
}

export interface StoreOptions {
  dataDir: string
  fixturesDir: string
  now: number
  jobsPerSegment?: number
}

interface MetaData { formatVersion: number, createdAt: string | null, fixtures: string | null }
const FORMAT_VERSION = 1
/** Bounded so a write rewrites at most this many jobs (docs/store.md). */
export const DEFAULT_JOBS_PER_SEGMENT = 100
const isMeta = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && (data as MetaData).formatVersion === FORMAT_VERSION

/**
 * Opens the data dir: fixture catalog in memory, jobs and refresh tokens in lowdb
 * files. A new data dir is seeded with the fixture jobs once.
 */
export async function openStore (options: StoreOptions): Promise<Store> {
  const fixtures = await loadFixtures(options.fixturesDir)
  try {
    await mkdir(options.dataDir, { recursive: true })
  } catch (err) {
    throw new StoreError(`cannot create data dir ${options.dataDir}: ${(err as Error).message}`)
  }
  const meta = JsonDocument.open<MetaData>(join(options.dataDir, 'ccs-mock.json'),
    { formatVersion: FORMAT_VERSION, createdAt: null, fixtures: null }, isMeta)
  const jobs = await JobsRepository.open(join(options.dataDir, 'jobs'), options.jobsPerSegment ?? DEFAULT_JOBS_PER_SEGMENT)
  const refreshTokens = await RefreshTokensRepository.open(options.dataDir)

  if (meta.data.createdAt === null) {
    // Seeding may have been cut short by a crash before the meta file was written.
    await jobs.insert(...fixtures.jobs.filter((job) => jobs.get(job.JobID) === undefined))
    meta.data.createdAt = new Date(options.now).toISOString()
    meta.data.fixtures = options.fixturesDir
    await meta.write()
  }

  return {
    catalog: new Catalog(fixtures),
    jobs,
    refreshTokens,
    flush: async () => { await Promise.all([jobs.flush(), refreshTokens.flush(), meta.flush()]) }
  }
}
