import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { User } from '../schemas/catalog.js'
import { DataSetGate } from './data-set-gate.js'
import { loadFixtures } from './fixtures.js'
import { openStore, type EngineSettings, type Store, type StoreSeed } from './open-store.js'
import { checkSessionName, sessionDir, SESSIONS_DIR } from './session-names.js'
import { StoreError } from './store-error.js'

/** What a replacement of the default data set keeps in the data dir. */
const KEPT_BY_DEFAULT = ['tls', 'tokens.json', SESSIONS_DIR]
/** Written before a data set's files are swapped for staged ones; names the staged entries. */
const SWAP_INTENT = 'swap-intent.json'
const STAGING_PREFIX = '.staging-'
const REMOVED_PREFIX = '.removed-'

export interface RegistryOptions {
  dataDir: string
  fixturesDir: string
  jobsPerSegment: number
  engine: EngineSettings
}

/** A data set: its directory, its gate, and its store once open. */
interface Slot {
  /** null: the default data set. */
  readonly key: string | null
  readonly dir: string
  readonly gate: DataSetGate
  store: Store | undefined
  opening: Promise<Store> | undefined
  /** Set when the session is removed: requests waiting at its gate start over. */
  gone: boolean
}

/** `staged`: the staging directory, relative to the data dir. */
interface SwapIntent { staged: string, entries: string[] }

/** Finds a user by name (case-insensitive). */
export interface UserDirectory {
  user: (userName: string) => User | undefined
}

/** A data set a request holds: read and change `store`, then `release()` (exactly once is enough). */
export interface Lease {
  store: Store
  release: () => void
}

/**
 * The server's data sets: the default one in the data dir, and one per isolated
 * session (`X-CCS-Mock-Session`) under `<data-dir>/sessions/<key>/`, created from the
 * fixtures for the first request that is authenticated and routed, and kept on disk.
 *
 * Requests lease a data set (DataSetGate); a reset, import or removal waits for the
 * leases out and holds new ones back. Replacing a data set is all-or-nothing and
 * survives a crash: the new data is built whole in a staging directory, a swap intent
 * is written, then the staged entries are moved in; a start-up that finds the intent
 * finishes the swap. A removal renames the directory away before deleting it.
 */
export class StoreRegistry {
  private readonly defaultSlot: Slot
  private readonly sessions = new Map<string, Slot>()
  private fixturesDir: string
  private fixtureUsers: Promise<User[]> | undefined

  private constructor (private readonly options: RegistryOptions) {
    this.fixturesDir = options.fixturesDir
    this.defaultSlot = newSlot(null, options.dataDir)
  }

  static async open (options: RegistryOptions): Promise<StoreRegistry> {
    const registry = new StoreRegistry(options)
    await registry.sweep()
    await registry.ensureOpen(registry.defaultSlot)
    return registry
  }

  /** The fixture set new and reset data sets are copied from. */
  get fixtures (): string {
    return this.fixturesDir
  }

  /**
   * A data set for a request: `null` the default one; a session key opens that session,
   * creating it when `create` (an authenticated, routed request) or answering undefined
   * when it does not exist. Waits while the data set is being replaced.
   */
  async lease (key: string | null, create: boolean): Promise<Lease | undefined> {
    for (;;) {
      const slot = key === null ? this.defaultSlot : await this.slotOf(key, create)
      if (slot === undefined) return undefined
      const release = await slot.gate.enter()
      if (slot.gone) {
        release()
        continue
      }
      try {
        return { store: await this.ensureOpen(slot), release }
      } catch (err) {
        release()
        throw err
      }
    }
  }

  /** Runs `read` on a data set that exists (undefined otherwise), holding a lease meanwhile. */
  async withExisting<R> (key: string | null, read: (store: Store) => Promise<R> | R): Promise<R | undefined> {
    const lease = await this.lease(key, false)
    if (lease === undefined) return undefined
    try {
      return await read(lease.store)
    } finally {
      lease.release()
    }
  }

  /** Who can log in to a data set: its users when it exists, else those a new one would get. */
  async usersOf (key: string | null): Promise<UserDirectory> {
    const catalog = await this.withExisting(key, (store) => store.catalog)
    return catalog ?? await this.fixtureUserDirectory()
  }

  /** The users of the fixture set loaded now. */
  async fixtureUserDirectory (): Promise<UserDirectory> {
    this.fixtureUsers ??= loadFixtures(this.fixturesDir).then((f) => f.users, (err: unknown) => {
      this.fixtureUsers = undefined
      throw err
    })
    const users = await this.fixtureUsers
    return { user: (name) => users.find((u) => u.UserName.toLowerCase() === name.toLowerCase()) }
  }

  /** A session's store if it is open now (opens nothing). */
  openStoreOf (key: string): Store | undefined {
    return this.sessions.get(key)?.store
  }

  /** Sessions with data on disk or open now. */
  async sessionNames (): Promise<string[]> {
    const onDisk = await readdir(this.sessionsDir).catch(() => [] as string[])
    return [...new Set([...onDisk.filter((n) => checkSessionName(n).ok), ...this.sessions.keys()])].sort()
  }

  async hasSession (key: string): Promise<boolean> {
    return (await this.sessionNames()).includes(key)
  }

  /** Replaces the default data set, or a session's, with a fresh copy of a fixture set (which then stays loaded, for the default one). */
  async reset (key: string | null, fixturesDir?: string): Promise<Store> {
    const from = fixturesDir ?? this.fixturesDir
    // Loaded first, so a broken fixture set fails before anything changes.
    await loadFixtures(from)
    const store = await this.swap(key, undefined, from)
    if (key === null && fixturesDir !== undefined) {
      this.fixturesDir = fixturesDir
      this.fixtureUsers = undefined
    }
    return store
  }

  /** Replaces a data set with the given data (a snapshot import); the fixtures dir stays. */
  async replace (key: string | null, seed: StoreSeed): Promise<Store> {
    return await this.swap(key, seed, this.fixturesDir)
  }

  /** The default data set reset (to another fixture set, if given) and every session removed. */
  async resetAll (fixturesDir?: string): Promise<void> {
    await this.reset(null, fixturesDir)
    for (const key of await this.sessionNames()) await this.remove(key)
  }

  /** Removes a session and its data; false when it did not exist. */
  async remove (key: string): Promise<boolean> {
    const dir = sessionDir(this.options.dataDir, key)
    const slot = await this.slotOf(key, false)
    if (slot === undefined) return false
    return await slot.gate.alone(async () => {
      if (slot.gone) return false
      const existed = slot.store !== undefined || existsSync(dir)
      await this.closeSlot(slot)
      slot.gone = true
      this.sessions.delete(key)
      // One rename takes the session away at once; a crash after it leaves only a directory the next start deletes.
      const removed = join(this.sessionsDir, `${REMOVED_PREFIX}${key}-${randomBytes(4).toString('hex')}`)
      try {
        await rename(dir, removed)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
        return existed
      }
      await rm(removed, { recursive: true, force: true }).catch(() => {})
      return existed
    })
  }

  /** Lets every open data set's engine catch up with the clock (after the clock moved). */
  async settleAll (): Promise<void> {
    await Promise.all(this.openSlots().map(async (slot) => {
      await this.withExisting(slot.key, async (store) => { await store.engine.settle() })
    }))
  }

  async close (): Promise<void> {
    await Promise.all(this.openSlots().map(async (slot) => { await slot.gate.alone(async () => { await this.closeSlot(slot) }) }))
  }

  private get sessionsDir (): string {
    return join(this.options.dataDir, SESSIONS_DIR)
  }

  private openSlots (): Slot[] {
    return [this.defaultSlot, ...this.sessions.values()].filter((slot) => slot.store !== undefined || slot.opening !== undefined)
  }

  /** The slot of a data set, made when missing (the directory is created when the store opens). */
  private async slotFor (key: string | null): Promise<Slot> {
    return key === null ? this.defaultSlot : await this.slotOf(key, true) as Slot
  }

  private async slotOf (key: string, create: boolean): Promise<Slot | undefined> {
    let slot = this.sessions.get(key)
    if (slot !== undefined) return slot
    const dir = sessionDir(this.options.dataDir, key)
    if (!create && !await this.hasSession(key)) return undefined
    // Another request may have made it while this one looked at the disk.
    slot = this.sessions.get(key) ?? newSlot(key, dir)
    this.sessions.set(key, slot)
    return slot
  }

  private async ensureOpen (slot: Slot): Promise<Store> {
    if (slot.store !== undefined) return slot.store
    slot.opening ??= (async () => {
      try {
        await this.finishSwap(slot.dir)
        const store = await this.openDataSet(slot.dir, this.fixturesDir)
        slot.store = store
        return store
      } finally {
        slot.opening = undefined
      }
    })()
    return await slot.opening
  }

  private async closeSlot (slot: Slot): Promise<void> {
    const store = slot.store ?? await slot.opening?.catch(() => undefined)
    slot.store = undefined
    await store?.close()
  }

  /**
   * The data set replaced as a whole, or not at all: built in a staging directory
   * first (a seed that cannot be stored fails there, with the data set untouched),
   * then swapped in under the swap intent.
   */
  private async swap (key: string | null, seed: StoreSeed | undefined, fixturesDir: string): Promise<Store> {
    const stagedName = join(key === null ? '' : SESSIONS_DIR, `${STAGING_PREFIX}${key ?? 'default'}-${randomBytes(4).toString('hex')}`)
    const staged = join(this.options.dataDir, stagedName)
    try {
      const trial = await this.openDataSet(staged, fixturesDir, seed, false)
      await trial.close()
    } catch (err) {
      await rm(staged, { recursive: true, force: true })
      throw err
    }
    // A removal may take the session away while this waits: then the swap makes it anew.
    for (;;) {
      const slot = await this.slotFor(key)
      const store = await slot.gate.alone(async () => {
        if (slot.gone) return undefined
        await this.closeSlot(slot)
        await mkdir(slot.dir, { recursive: true })
        const entries = await readdir(staged)
        await writeJsonAtomic(join(slot.dir, SWAP_INTENT), { staged: stagedName, entries } satisfies SwapIntent)
        await this.finishSwap(slot.dir)
        slot.store = await this.openDataSet(slot.dir, fixturesDir)
        return slot.store
      })
      if (store !== undefined) return store
    }
  }

  /**
   * Completes a swap whose intent is in `dir` (idempotent, so a start-up after a crash
   * can run it again): every staged entry replaces its namesake, the old data set's
   * other entries go, then the intent.
   */
  private async finishSwap (dir: string): Promise<void> {
    let intent: SwapIntent
    try {
      intent = JSON.parse(await readFile(join(dir, SWAP_INTENT), 'utf8')) as SwapIntent
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw new StoreError(`cannot read ${join(dir, SWAP_INTENT)}: ${(err as Error).message}`)
    }
    const staged = join(this.options.dataDir, intent.staged)
    const moving = new Set(await readdir(staged).catch(() => [] as string[]))
    for (const entry of moving) {
      await rm(join(dir, entry), { recursive: true, force: true })
      await rename(join(staged, entry), join(dir, entry))
    }
    await rm(staged, { recursive: true, force: true })
    const kept = new Set([...intent.entries, SWAP_INTENT, ...(dir === this.options.dataDir ? KEPT_BY_DEFAULT : [])])
    // Another swap may be staging its data set beside this one: only the start-up sweep clears stagings.
    for (const entry of await readdir(dir)) {
      if (!kept.has(entry) && !entry.startsWith(STAGING_PREFIX)) await rm(join(dir, entry), { recursive: true, force: true })
    }
    await rm(join(dir, SWAP_INTENT), { force: true })
  }

  /** At start-up: swaps cut short are finished, removals and stagings cut short are cleaned up. */
  private async sweep (): Promise<void> {
    await this.finishSwap(this.options.dataDir)
    for (const entry of await readdir(this.options.dataDir).catch(() => [] as string[])) {
      if (entry.startsWith(STAGING_PREFIX)) await rm(join(this.options.dataDir, entry), { recursive: true, force: true })
    }
    for (const entry of await readdir(this.sessionsDir).catch(() => [] as string[])) {
      if (entry.startsWith(REMOVED_PREFIX)) await rm(join(this.sessionsDir, entry), { recursive: true, force: true })
      else if (checkSessionName(entry).ok) await this.finishSwap(join(this.sessionsDir, entry))
    }
    for (const entry of await readdir(this.sessionsDir).catch(() => [] as string[])) {
      if (entry.startsWith(STAGING_PREFIX)) await rm(join(this.sessionsDir, entry), { recursive: true, force: true })
    }
  }

  /** Opens one data set (seeding a new one) and, unless it is only being staged, starts its engine's timer. */
  private async openDataSet (dataDir: string, fixturesDir: string, seed?: StoreSeed, run = true): Promise<Store> {
    const store = await openStore({
      dataDir, fixturesDir, jobsPerSegment: this.options.jobsPerSegment, now: this.options.engine.clock.now(), engine: this.options.engine, ...(seed === undefined ? {} : { seed })
    })
    if (run) store.engine.startTimer()
    return store
  }
}

function newSlot (key: string | null, dir: string): Slot {
  return { key, dir, gate: new DataSetGate(), store: undefined, opening: undefined, gone: false }
}

async function writeJsonAtomic (path: string, data: unknown): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temp, JSON.stringify(data))
  await rename(temp, path)
}
