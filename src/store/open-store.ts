import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Catalog } from '../domain/catalog.js'
import { CatalogRepository, type CatalogChange } from './catalog-repository.js'
import { loadFixtures } from './fixtures.js'
import { JobsRepository } from './jobs-repository.js'
import { JsonDocument } from './json-document.js'
import { RefreshTokensRepository } from './refresh-tokens-repository.js'
import { StoreError } from './store-error.js'

export interface Store {
  catalog: Catalog
  /** Changes the catalog (one change at a time) and resolves once the change is on disk. */
  changeCatalog: <R>(apply: (catalog: Catalog) => CatalogChange<R>) => Promise<R>
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
 * Opens the data dir: users from the fixtures; the catalog (assets, asset groups,
 * standards), jobs and refresh tokens in lowdb files. A new data dir is seeded with
 * the fixture jobs once, and with the fixture catalog while it has no catalog file.
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
  const catalog = await CatalogRepository.open(options.dataDir, fixtures)

  if (meta.data.createdAt === null) {
    // Seeding may have been cut short by a crash before the meta file was written.
    await jobs.insert(...fixtures.jobs.filter((job) => jobs.get(job.JobID) === undefined))
    meta.data.createdAt = new Date(options.now).toISOString()
    meta.data.fixtures = options.fixturesDir
    await meta.write()
  }

  return {
    catalog: catalog.catalog,
    changeCatalog: async (apply) => await catalog.change(apply),
    jobs,
    refreshTokens,
    flush: async () => { await Promise.all([catalog.flush(), jobs.flush(), refreshTokens.flush(), meta.flush()]) }
  }
}
