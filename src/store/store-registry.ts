import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { loadFixtures } from './fixtures.js'
import { openStore, type EngineSettings, type Store, type StoreSeed } from './open-store.js'
import { StoreError } from './store-error.js'

/** Session names: safe as a directory name on every platform. */
export const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const SESSIONS_DIR = 'sessions'
/** What a reset of the default data set keeps in the data dir. */
const KEPT_ON_RESET = new Set(['tls', 'tokens.json', SESSIONS_DIR])

export interface RegistryOptions {
  dataDir: string
  fixturesDir: string
  jobsPerSegment: number
  engine: EngineSettings
}

/**
 * The server's data sets: the default one in the data dir, and one per isolated
 * session (`X-CCS-Mock-Session`) under `<data-dir>/sessions/<name>/`, each created
 * lazily from the fixtures and kept on disk. Resets and fixture loads replace a data
 * set with a fresh copy of a fixture set.
 */
export class StoreRegistry {
  private defaultStore: Store
  private readonly sessions = new Map<string, Promise<Store>>()
  private fixturesDir: string

  private constructor (private readonly options: RegistryOptions, first: Store) {
    this.defaultStore = first
    this.fixturesDir = options.fixturesDir
  }

  static async open (options: RegistryOptions): Promise<StoreRegistry> {
    return new StoreRegistry(options, await openDataSet(options, options.dataDir, options.fixturesDir))
  }

  get default (): Store {
    return this.defaultStore
  }

  /** The fixture set new and reset data sets are copied from. */
  get fixtures (): string {
    return this.fixturesDir
  }

  /** A session's data set, created on first use. */
  async session (name: string): Promise<Store> {
    if (!SESSION_NAME.test(name)) throw new StoreError(`invalid session name '${name}'`)
    const key = name.toLowerCase()
    let store = this.sessions.get(key)
    if (store === undefined) {
      store = this.openSession(key)
      this.sessions.set(key, store)
      store.catch(() => this.sessions.delete(key))
    }
    return await store
  }

  /** Sessions with data on disk or open now. */
  async sessionNames (): Promise<string[]> {
    const onDisk = await readdir(this.sessionsDir).catch(() => [] as string[])
    return [...new Set([...onDisk.filter((n) => SESSION_NAME.test(n)), ...this.sessions.keys()])].sort()
  }

  async hasSession (name: string): Promise<boolean> {
    return (await this.sessionNames()).includes(name.toLowerCase())
  }

  /** Replaces the default data set, or a session's, with a fresh copy of a fixture set. */
  async reset (session?: string, fixturesDir?: string): Promise<Store> {
    if (session === undefined) {
      // Opened first, so a broken fixture set fails before anything is wiped.
      if (fixturesDir !== undefined) await loadFixtures(fixturesDir)
      await this.defaultStore.close()
      await wipe(this.options.dataDir, KEPT_ON_RESET)
      if (fixturesDir !== undefined) this.fixturesDir = fixturesDir
      this.defaultStore = await openDataSet(this.options, this.options.dataDir, this.fixturesDir)
      return this.defaultStore
    }
    await this.remove(session)
    return await this.session(session)
  }

  /** Replaces a data set with the given data (a snapshot import); the fixtures dir stays. */
  async replace (session: string | undefined, seed: StoreSeed): Promise<Store> {
    const dir = session === undefined ? this.options.dataDir : join(this.sessionsDir, session.toLowerCase())
    if (session === undefined) await this.defaultStore.close()
    else await this.remove(session)
    await wipe(dir, session === undefined ? KEPT_ON_RESET : new Set())
    await mkdir(dir, { recursive: true })
    const store = await openDataSet(this.options, dir, this.fixturesDir, seed)
    if (session === undefined) this.defaultStore = store
    else this.sessions.set(session.toLowerCase(), Promise.resolve(store))
    return store
  }

  /** Every session reset too, with the default data set (a full reset). */
  async resetAll (fixturesDir?: string): Promise<void> {
    await this.reset(undefined, fixturesDir)
    for (const name of await this.sessionNames()) await this.remove(name)
  }

  async remove (session: string): Promise<boolean> {
    const key = session.toLowerCase()
    const existed = await this.hasSession(key)
    const open = this.sessions.get(key)
    this.sessions.delete(key)
    if (open !== undefined) await (await open.catch(() => undefined))?.close()
    await rm(join(this.sessionsDir, key), { recursive: true, force: true })
    return existed
  }

  /** Lets every open data set's engine catch up with the clock (after the clock moved). */
  async settleAll (): Promise<void> {
    await Promise.all([this.defaultStore, ...await this.openSessions()].map(async (store) => { await store.engine.settle() }))
  }

  async close (): Promise<void> {
    await Promise.all([this.defaultStore, ...await this.openSessions()].map(async (store) => { await store.close() }))
  }

  private get sessionsDir (): string {
    return join(this.options.dataDir, SESSIONS_DIR)
  }

  private async openSessions (): Promise<Store[]> {
    const settled = await Promise.allSettled(this.sessions.values())
    return settled.flatMap((s) => s.status === 'fulfilled' ? [s.value] : [])
  }

  private async openSession (key: string): Promise<Store> {
    const dir = join(this.sessionsDir, key)
    await mkdir(dir, { recursive: true })
    return await openDataSet(this.options, dir, this.fixturesDir)
  }
}


/** Opens one data set and starts its engine's timer. */
async function openDataSet (options: RegistryOptions, dataDir: string, fixturesDir: string, seed?: StoreSeed): Promise<Store> {
  const store = await openStore({
    dataDir, fixturesDir, jobsPerSegment: options.jobsPerSegment, now: options.engine.clock.now(), engine: options.engine, ...(seed === undefined ? {} : { seed })
  })
  store.engine.startTimer()
  return store
}

async function wipe (dir: string, keep: Set<string>): Promise<void> {
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (!keep.has(entry)) await rm(join(dir, entry), { recursive: true, force: true })
  }
}
