import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LoginThrottle } from '../domain/auth/login-throttle.js'
import { TokenService, type TokenLifetimes } from '../domain/auth/tokens.js'
import { ControlledClock, type ClockSetting, type ClockState } from '../domain/clock.js'
import type { User } from '../schemas/catalog.js'
import { DataSetGate } from './data-set-gate.js'
import { Catalog } from '../domain/catalog/catalog.js'
import { loadFixtures, type Fixtures } from './fixtures.js'
import { openStore, type EngineSettings, type Store, type StoreSeed } from './open-store.js'
import { RefreshTokensRepository } from './refresh-tokens-repository.js'
import { checkSessionName, sessionDir, SESSIONS_DIR } from './session-names.js'
import { StoreError } from './store-error.js'

/** What a replacement of the default data set keeps in the data dir. */
const KEPT_BY_DEFAULT = ['tls', 'tokens.json', SESSIONS_DIR]
/** What a replacement of a session keeps: its refresh tokens (a reset does not log anyone out). */
const KEPT_BY_SESSION = ['tokens.json']
/** A session's own clock, as it stands (the default data set follows the server clock, which is not stored). */
const CLOCK_FILE = 'clock.json'
/** Written before a data set's files are swapped for staged ones; names the staged entries. */
const SWAP_INTENT = 'swap-intent.json'
const STAGING_PREFIX = '.staging-'
const REMOVED_PREFIX = '.removed-'

export interface RegistryOptions {
  dataDir: string
  fixturesDir: string
  jobsPerSegment: number
  engine: Omit<EngineSettings, 'clock'>
  /** The server clock: the default data set's, and where a new session's clock starts. */
  serverClock: ControlledClock
  tokenLifetimes: TokenLifetimes
  loginThrottle: { limit: number, windowSeconds: number }
  /** Sessions that may exist at once; creating one more is refused (SessionLimitError). */
  maxSessions: number
  /** A session unused this long has its store closed (its data stays on disk); 0: never. */
  idleMs: number
}

/** What a data set keeps while the server runs, whether its store is open or not: its time, tokens and login throttle. */
export interface DataSetSession {
  /** null: the default data set. */
  readonly key: string | null
  readonly clock: ControlledClock
  readonly tokens: TokenService
  readonly throttle: LoginThrottle
}

/** A data set: its directory, its gate, its session state, and its store once open. */
interface Slot extends DataSetSession {
  readonly dir: string
  readonly gate: DataSetGate
  store: Store | undefined
  opening: Promise<Store> | undefined
  /** Set when the session is removed: requests waiting at its gate start over. */
  gone: boolean
  /** Real time of the last lease (idle sessions close their store). */
  lastUsed: number
}

/** Creating one more session would pass --max-sessions. */
export class SessionLimitError extends Error {
  constructor (readonly limit: number) {
    super(`Too many sessions: at most ${limit} may exist (--max-sessions). Remove one (DELETE /__admin/sessions/<name>) or start ccs-mock with a higher --max-sessions.`)
    this.name = 'SessionLimitError'
  }
}

export type SessionEnd = 'reset' | 'removed'

/** `staged`: the staging directory, relative to the data dir. */
interface SwapIntent { staged: string, entries: string[] }

/** Finds a user by name (case-insensitive). */
export interface UserDirectory {
  user: (userName: string) => User | undefined
}

interface FixtureSet { fixtures: Fixtures, catalog: Catalog }

/** Runs `use` under `lease` and gives the lease back once `use`, or the promise it returns, settles. */
function holding<R> (lease: Lease, use: (lease: Lease) => R): R {
  let result: R
  try {
    result = use(lease)
  } catch (err) {
    lease.release()
    throw err
  }
  if (!(result instanceof Promise)) {
    lease.release()
    return result
  }
  return result.then((value: unknown) => { lease.release(); return value }, (err: unknown) => { lease.release(); throw err }) as R
}

/** A data set a request holds: read and change `store`, then `release()` (exactly once is enough). */
export interface Lease {
  store: Store
  session: DataSetSession
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
  private defaultSlot!: Slot
  private readonly sessions = new Map<string, Slot>()
  private readonly making = new Map<string, Promise<Slot>>()
  private fixturesDir: string
  /** Each fixture set, loaded once, with the catalog data sets share until they change their own. */
  private readonly fixtureSets = new Map<string, Promise<FixtureSet>>()
  private readonly endListeners: Array<(key: string, why: SessionEnd) => void> = []
  private idleTimer: NodeJS.Timeout | undefined

  private constructor (private readonly options: RegistryOptions) {
    this.fixturesDir = options.fixturesDir
  }

  static async open (options: RegistryOptions): Promise<StoreRegistry> {
    const registry = new StoreRegistry(options)
    await registry.sweep()
    registry.defaultSlot = await registry.makeSlot(null, options.dataDir)
    await registry.ensureOpen(registry.defaultSlot)
    if (options.idleMs > 0) {
      registry.idleTimer = setInterval(() => { registry.closeIdle().catch(() => {}) }, Math.min(Math.max(options.idleMs / 4, 1000), 60_000))
      registry.idleTimer.unref()
    }
    return registry
  }

  /** Called when a session is reset or removed, so what is kept elsewhere for it (journal, rules) goes too. */
  onSessionEnd (listener: (key: string, why: SessionEnd) => void): void {
    this.endListeners.push(listener)
  }

  /** A data set's session state without opening its store: undefined for a session that does not exist (unless `create`). */
  async session (key: string | null, create: boolean): Promise<DataSetSession | undefined> {
    return key === null ? this.defaultSlot : await this.slotOf(key, create)
  }

  /** Stores a session's clock as it stands now (the default data set's is the server clock, not stored). */
  async saveClock (key: string | null): Promise<void> {
    const slot = key === null ? undefined : this.sessions.get(key)
    if (slot === undefined || slot.gone) return
    await mkdir(slot.dir, { recursive: true })
    await writeJsonAtomic(join(slot.dir, CLOCK_FILE), slot.clock.setting)
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
      slot.lastUsed = Date.now()
      try {
        return { store: await this.ensureOpen(slot), session: slot, release }
      } catch (err) {
        release()
        throw err
      }
    }
  }

  /**
   * A lease taken synchronously when the data set is open and no exclusive change
   * waits for it; undefined otherwise (then `lease()`, which waits).
   */
  tryLease (key: string | null): Lease | undefined {
    const slot = this.openSlot(key)
    const release = slot?.gate.tryEnter()
    if (slot?.store === undefined || release === undefined) return undefined
    slot.lastUsed = Date.now()
    return { store: slot.store, session: slot, release }
  }

  /**
   * Runs `use` on a data set (created when `create`), leased and caught up with its
   * clock meanwhile, as every request that reaches a data set is; undefined when the
   * data set does not exist. When the data set is open, no change waits for it and
   * its engine has caught up (most requests), the lease is taken at once and `use`
   * runs without a promise of its own; the lease goes back when `use`, or the promise
   * it returns, settles.
   */
  withLease<R> (key: string | null, create: boolean, use: (lease: Lease) => R): R | Promise<Awaited<R> | undefined> {
    const ready = this.tryLease(key)
    if (ready !== undefined && ready.store.engine.isSettled()) return holding(ready, use)
    ready?.release()
    return this.waitForLease(key, create, use)
  }

  private async waitForLease<R> (key: string | null, create: boolean, use: (lease: Lease) => R): Promise<Awaited<R> | undefined> {
    const lease = this.tryLease(key) ?? await this.lease(key, create)
    if (lease === undefined) return undefined
    try {
      if (!lease.store.engine.isSettled()) await lease.store.engine.settle()
      return await use(lease)
    } finally {
      lease.release()
    }
  }

  /** A data set's session state when it is already in memory (undefined: ask `session()`). */
  knownSession (key: string | null): DataSetSession | undefined {
    return key === null ? this.defaultSlot : this.sessions.get(key)
  }

  /** Who can log in to an open data set that no exclusive change waits for, read at once; undefined: ask `usersOf()`. */
  openUsers (key: string | null): UserDirectory | undefined {
    const slot = this.openSlot(key)
    return slot?.gate.isOpen === true ? slot.store?.catalog : undefined
  }

  private openSlot (key: string | null): Slot | undefined {
    const slot = key === null ? this.defaultSlot : this.sessions.get(key)
    return slot === undefined || slot.gone || slot.store === undefined ? undefined : slot
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
    return (await this.fixtureSetOf(this.fixturesDir)).catalog
  }

  /** A fixture set, loaded on first use. */
  private async fixtureSetOf (dir: string): Promise<FixtureSet> {
    let set = this.fixtureSets.get(dir)
    if (set === undefined) {
      set = this.loadFixtureSet(dir)
      set.catch(() => this.fixtureSets.delete(dir))
    }
    return await set
  }

  /** Reads a fixture set from disk (again), for every data set created from it from now on. */
  private async loadFixtureSet (dir: string): Promise<FixtureSet> {
    const loading = loadFixtures(dir).then((fixtures) => ({ fixtures, catalog: new Catalog(structuredClone(fixtures)) }))
    this.fixtureSets.set(dir, loading)
    return await loading
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

  /** Replaces the default data set, or a session's, with a fresh copy of a fixture set (which then stays loaded, for the default one). */
  async reset (key: string | null, fixturesDir?: string): Promise<Store> {
    const from = fixturesDir ?? this.fixturesDir
    // Read again first (the files may have changed), so a broken fixture set fails before anything changes.
    try {
      await this.loadFixtureSet(from)
    } catch (err) {
      this.fixtureSets.delete(from)
      throw err
    }
    // A session starts over: its clock where the server clock stands, and nothing kept elsewhere for it.
    const store = await this.swap(key, undefined, from, this.options.serverClock)
    if (key === null && fixturesDir !== undefined) this.fixturesDir = fixturesDir
    if (key !== null) this.ended(key, 'reset')
    return store
  }

  /** Replaces a data set with the given data (a snapshot import) and sets its clock; the fixtures dir stays. */
  async replace (key: string | null, seed: StoreSeed, clock: ClockState): Promise<Store> {
    const standing = new ControlledClock()
    // Frozen before it is set, so it stands exactly at `clock.now` (as ManualClock does).
    if (clock.frozen) standing.freeze()
    standing.set(clock.now)
    return await this.swap(key, seed, this.fixturesDir, standing)
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
      // The slot stays the session's until its directory is gone, so nothing can make a new one on the way out.
      try {
        // One rename takes the session away at once; a crash after it leaves only a directory the next start deletes.
        const removed = join(this.sessionsDir, `${REMOVED_PREFIX}${key}-${randomBytes(4).toString('hex')}`)
        try {
          await rename(dir, removed)
          await rm(removed, { recursive: true, force: true }).catch(() => {})
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
        }
      } finally {
        this.sessions.delete(key)
        this.ended(key, 'removed')
      }
      return existed
    })
  }

  async close (): Promise<void> {
    clearInterval(this.idleTimer)
    await Promise.all(this.openSlots().map(async (slot) => { await slot.gate.alone(async () => { await this.closeSlot(slot) }) }))
    await Promise.all([this.defaultSlot, ...this.sessions.values()].map(async (slot) => { await slot.tokens.flush() }))
  }

  /** Closes the store of every session unused for the idle time (by real time, `now`); its session state and data stay. */
  async closeIdle (now = Date.now()): Promise<number> {
    const before = now - this.options.idleMs
    let closed = 0
    for (const slot of this.sessions.values()) {
      if (slot.store === undefined || slot.lastUsed > before) continue
      await slot.gate.alone(async () => {
        if (slot.store === undefined || slot.lastUsed > before) return
        await this.closeSlot(slot)
        closed += 1
      })
    }
    if (closed > 0) this.options.engine.log.info({ closed }, 'idle sessions closed (their data stays on disk)')
    return closed
  }

  private ended (key: string, why: SessionEnd): void {
    for (const listener of this.endListeners) listener(key, why)
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
    const known = this.sessions.get(key) ?? await this.making.get(key)
    if (known !== undefined) return known
    const dir = sessionDir(this.options.dataDir, key)
    if (!existsSync(dir)) {
      if (!create) return undefined
      // Sessions being made count too, so concurrent first requests cannot pass the limit together.
      const names = new Set([...await this.sessionNames(), ...this.making.keys()])
      if (!names.has(key) && names.size >= this.options.maxSessions) throw new SessionLimitError(this.options.maxSessions)
    }
    // One slot per session, ever: another request may have made it while this one looked at the disk.
    const madeMeanwhile = this.sessions.get(key)
    if (madeMeanwhile !== undefined) return madeMeanwhile
    let making = this.making.get(key)
    if (making === undefined) {
      making = this.makeSlot(key, dir).then((made) => {
        this.sessions.set(key, made)
        return made
      }).finally(() => this.making.delete(key))
      this.making.set(key, making)
    }
    return await making
  }

  /** A slot's session state: the default one follows the server clock; a session has its stored clock, or starts where the server clock stands. */
  private async makeSlot (key: string | null, dir: string): Promise<Slot> {
    const clock = key === null ? this.options.serverClock : await readClock(join(dir, CLOCK_FILE)) ?? ControlledClock.copyOf(this.options.serverClock)
    const tokens = new TokenService(clock, this.options.tokenLifetimes, await RefreshTokensRepository.open(dir))
    const throttle = new LoginThrottle(clock, this.options.loginThrottle.limit, this.options.loginThrottle.windowSeconds)
    return { key, dir, clock, tokens, throttle, gate: new DataSetGate(), store: undefined, opening: undefined, gone: false, lastUsed: Date.now() }
  }

  private async ensureOpen (slot: Slot): Promise<Store> {
    if (slot.store !== undefined) return slot.store
    slot.opening ??= (async () => {
      try {
        await this.finishSwap(slot.dir)
        const store = await this.openDataSet(slot, slot.dir, this.fixturesDir)
        slot.store = store
        if (slot.key !== null && !existsSync(join(slot.dir, CLOCK_FILE))) await this.saveClock(slot.key)
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
  private async swap (key: string | null, seed: StoreSeed | undefined, fixturesDir: string, clock: ControlledClock): Promise<Store> {
    const stagedName = join(key === null ? '' : SESSIONS_DIR, `${STAGING_PREFIX}${key ?? 'default'}-${randomBytes(4).toString('hex')}`)
    const staged = join(this.options.dataDir, stagedName)
    try {
      const trial = await this.openDataSet({ clock }, staged, fixturesDir, seed, false)
      await trial.close()
      // A session's clock moves in with its data, so a crash mid-swap cannot part them.
      if (key !== null) await writeJsonAtomic(join(staged, CLOCK_FILE), clock.setting)
    } catch (err) {
      await rm(staged, { recursive: true, force: true })
      throw err
    }
    // A removal may take the session away while this waits: then the swap makes it anew.
    for (;;) {
      let intentWritten = false
      try {
        const slot = await this.slotFor(key)
        const store = await slot.gate.alone(async () => {
          if (slot.gone) return undefined
          await this.closeSlot(slot)
          await mkdir(slot.dir, { recursive: true })
          const entries = await readdir(staged)
          await writeJsonAtomic(join(slot.dir, SWAP_INTENT), { staged: stagedName, entries } satisfies SwapIntent)
          intentWritten = true
          await this.finishSwap(slot.dir)
          slot.clock.adopt(clock)
          slot.store = await this.openDataSet(slot, slot.dir, fixturesDir)
          return slot.store
        })
        if (store !== undefined) return store
      } catch (err) {
        // Refused before the swap began (a session over --max-sessions, say): the staged copy goes.
        // Once the intent is written, the staged entries belong to the swap (a start-up finishes it).
        if (!intentWritten) await rm(staged, { recursive: true, force: true })
        throw err
      }
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
    const kept = new Set([...intent.entries, SWAP_INTENT, ...(dir === this.options.dataDir ? KEPT_BY_DEFAULT : KEPT_BY_SESSION)])
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

  /** Opens one data set on its clock (seeding a new one) and, unless it is only being staged, starts its engine's timer. */
  private async openDataSet (session: { clock: ControlledClock }, dataDir: string, fixturesDir: string, seed?: StoreSeed, run = true): Promise<Store> {
    const store = await openStore({
      dataDir,
      fixturesDir,
      jobsPerSegment: this.options.jobsPerSegment,
      now: session.clock.now(),
      engine: { ...this.options.engine, clock: session.clock },
      ...(seed === undefined ? { fixtureSet: await this.fixtureSetOf(fixturesDir) } : { seed })
    })
    if (run) store.engine.startTimer()
    return store
  }
}

async function readClock (path: string): Promise<ControlledClock | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StoreError(`cannot read ${path}: ${(err as Error).message}`)
  }
  let setting: Partial<ClockSetting> = {}
  try {
    setting = JSON.parse(text) as Partial<ClockSetting>
  } catch {
    // reported below with the rest
  }
  if (typeof setting !== 'object' || setting === null || typeof setting.offsetMs !== 'number' || (setting.frozenAt !== null && typeof setting.frozenAt !== 'number')) {
    throw new StoreError(`data file ${path} does not hold a clock. The file was left untouched; repair or move it, then start again.`)
  }
  return ControlledClock.fromSetting({ offsetMs: setting.offsetMs, frozenAt: setting.frozenAt ?? null })
}

async function writeJsonAtomic (path: string, data: unknown): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temp, JSON.stringify(data))
  await rename(temp, path)
}
