import type { FastifyBaseLogger } from 'fastify'
import { runStatusAt } from '../../domain/runs/run-view.js'
import type { FaultRuleView } from '../../schemas/fault.js'
import type { JobRun } from '../../schemas/run.js'
import type { Store } from '../../store/open-store.js'
import type { DataSetSession, StoreRegistry } from '../../store/store-registry.js'
import type { FaultRules } from '../faults/fault-rules.js'
import type { Journals } from '../journal.js'
import type { NearMiss } from '../schemas.js'
import type { ConsoleJob, ConsoleRun, ConsoleState } from './console-schemas.js'
import { consoleJob, consoleRequest, consoleResults, consoleRun, reportUrl } from './console-views.js'
import type { AdminChange, LiveEvents } from './live-events.js'

/** Newest jobs the console lists, runs that ended it keeps, requests and notifications it starts with. */
const MAX_JOBS = 500
const RECENT_RUNS = 30
const MAX_REQUESTS = 200
const MAX_NOTIFICATIONS = 100
const MAX_JOB_RUNS = 50
/** A run's next change is looked at again at least this often (real milliseconds), in case the clock moved. */
const LONGEST_WAIT_MS = 60_000

export interface FeedOptions {
  stores: StoreRegistry
  journal: Journals
  faults: FaultRules
  live: LiveEvents
  access: 'open' | 'key'
  version: string
  timeZone: string
  /** Where the control plane lives (`/__admin`), for report URLs. */
  prefix: string
  nearMisses: (method: string, path: string) => NearMiss[]
  log: FastifyBaseLogger
}

/** What the console's event stream sends: the event's name and its JSON data. */
export type Send = (event: string, data: unknown) => void

interface Watcher {
  key: string | null
  send: Send
  /** Ends the stream (the server is closing). */
  end: () => void
  /** Runs whose state still changes by itself, with the instant (data-set clock) of their next change. */
  inFlight: Map<string, number>
  timer: NodeJS.Timeout | undefined
  faults: string
}

const byNewest = <T>(time: (item: T) => string) => (a: T, b: T): number => time(b).localeCompare(time(a))

/**
 * The live console's data: whole pages on request, and, for each open event stream,
 * what changed as it happens. Engine, recorder and control plane tell LiveEvents what
 * changed; the feed reads the data set again and sends the new rows. Between those
 * events a run's phases move on by the clock alone, so each stream also wakes when
 * its next run changes (nextChangeAt) — no polling by the browser, none on the server
 * while nothing runs. Work is done one event at a time, so rows arrive in order.
 */
export class ConsoleFeed {
  private readonly watchers = new Set<Watcher>()
  private chain: Promise<void> = Promise.resolve()
  private readonly unsubscribe: () => void

  constructor (private readonly options: FeedOptions) {
    const { live } = options
    const onRun = (run: JobRun): void => { this.queue(async () => { await this.runChanged(run.runId, run.jobId) }) }
    const onJob = (jobId: string): void => { this.queue(async () => { await this.jobChanged(jobId) }) }
    const onRequest = (session: string | null): void => { this.requestRecorded(session) }
    const onAdmin = (change: AdminChange): void => { this.queue(async () => { await this.adminChanged(change) }) }
    live.on('run', onRun)
    live.on('job', onJob)
    live.on('request', onRequest)
    live.on('admin', onAdmin)
    this.unsubscribe = () => {
      live.off('run', onRun)
      live.off('job', onJob)
      live.off('request', onRequest)
      live.off('admin', onAdmin)
    }
  }

  /** The whole console for one data set; undefined for a session that does not exist. */
  async state (key: string | null): Promise<ConsoleState | undefined> {
    const session = await this.options.stores.session(key, false)
    if (session === undefined) return undefined
    const sessions = await this.options.stores.sessionNames()
    return await this.settled(key, (store) => this.stateOf(store, session, sessions))
  }

  /** Reads a data set that exists once its engine has caught up with its clock. */
  private async settled<R> (key: string | null, read: (store: Store) => R): Promise<R | undefined> {
    return await this.options.stores.withExisting(key, async (store) => {
      await store.engine.settle()
      return read(store)
    })
  }

  /** A job and its runs, newest first. */
  async jobPage (key: string | null, jobId: string): Promise<{ job: ConsoleJob, runs: ConsoleRun[] } | undefined> {
    return await this.settled(key, (store) => {
      const job = this.jobRow(store, jobId)
      if (job === undefined) return undefined
      const now = store.clock.now()
      const runs = store.runs.ofJob(job.id).slice(-MAX_JOB_RUNS).reverse().map((run) => consoleRun(run, now))
      return { job, runs }
    })
  }

  /** A run and its results per asset and standard. */
  async runPage (key: string | null, runId: string) {
    return await this.settled(key, (store) => {
      const run = store.runs.get(runId)
      if (run === undefined) return undefined
      const results = consoleResults(run, store.catalog, (result) => reportUrl(this.options.prefix, key, result))
      return { run: consoleRun(run, store.clock.now()), results }
    })
  }

  /** Streams what changes in a data set to `send`, starting with its whole state, until `end`; answers how to stop. */
  watch (key: string | null, send: Send, end: () => void): () => void {
    const watcher: Watcher = { key, send, end, inFlight: new Map(), timer: undefined, faults: '' }
    this.watchers.add(watcher)
    this.queue(async () => { await this.hello(watcher) })
    return () => {
      clearTimeout(watcher.timer)
      this.watchers.delete(watcher)
    }
  }

  /** Ends every stream, so the server can close (an open stream is never idle). */
  close (): void {
    this.unsubscribe()
    const watchers = [...this.watchers]
    this.watchers.clear()
    for (const watcher of watchers) {
      clearTimeout(watcher.timer)
      watcher.end()
    }
  }

  private queue (work: () => Promise<void>): void {
    if (this.watchers.size === 0) return
    this.chain = this.chain.then(work).catch((err: unknown) => { this.options.log.warn({ err }, 'console feed update failed') })
  }

  private keys (): Set<string | null> {
    return new Set([...this.watchers].map((w) => w.key))
  }

  private watchersOf (key: string | null): Watcher[] {
    return [...this.watchers].filter((w) => w.key === key)
  }

  private stateOf (store: Store, session: DataSetSession, sessions: string[]): ConsoleState {
    const now = store.clock.now()
    const jobs = [...store.jobs.all()].sort(byNewest((job) => job.JobCreationTime))
    const runs = [...store.runs.all()]
    const ended = runs.filter((run) => runStatusAt(run, now) !== 'Queued' && runStatusAt(run, now) !== 'Running')
    const recent = new Set(ended.sort((a, b) => b.queuedAt - a.queuedAt).slice(0, RECENT_RUNS))
    const shown = runs.filter((run) => recent.has(run) || now < run.end).sort((a, b) => b.queuedAt - a.queuedAt)
    const notifications = runs.flatMap((run) => run.notification === null ? [] : [run.notification])
    const requests = []
    if (this.options.journal.enabled) {
      for (const entry of this.options.journal.newestFirst()) {
        if (requests.length >= MAX_REQUESTS) break
        requests.push(consoleRequest(entry, this.options.nearMisses))
      }
    }
    return {
      version: this.options.version,
      access: this.options.access,
      session: session.key,
      sessions,
      clock: { now: new Date(session.clock.now()).toISOString(), frozen: session.clock.frozen, timeZone: this.options.timeZone },
      journal: { capacity: this.options.journal.capacity },
      jobs: jobs.slice(0, MAX_JOBS).map((job) => this.jobRow(store, job.JobID) as ConsoleJob),
      jobCount: jobs.length,
      runs: shown.map((run) => consoleRun(run, now)),
      requests,
      faults: this.faultsOf(session.key),
      notifications: notifications.sort(byNewest((n) => n.CreatedAt)).slice(0, MAX_NOTIFICATIONS)
    }
  }

  private jobRow (store: Store, jobId: string): ConsoleJob | undefined {
    const job = store.jobs.get(jobId)
    if (job === undefined) return undefined
    const nextRun = store.engine.nextRunTime(job.JobID)
    return consoleJob(job, { latest: store.runs.latestOf(job.JobID), nextRun, now: store.clock.now(), timeZone: this.options.timeZone })
  }

  private faultsOf (key: string | null): FaultRuleView[] {
    return key === null ? this.options.faults.list() : this.options.faults.list(key)
  }

  private async hello (watcher: Watcher): Promise<void> {
    if (!this.watchers.has(watcher)) return
    const state = await this.state(watcher.key)
    if (state === undefined) {
      watcher.send('gone', { session: watcher.key })
      return
    }
    watcher.inFlight.clear()
    watcher.faults = JSON.stringify(state.faults)
    watcher.send('hello', state)
    for (const run of state.runs) this.track(watcher, run)
    await this.wake(watcher)
  }

  private track (watcher: Watcher, run: ConsoleRun): void {
    if (run.nextChangeAt === null) watcher.inFlight.delete(run.id)
    else watcher.inFlight.set(run.id, Date.parse(run.nextChangeAt))
  }

  /** Sets the watcher's timer for the next run change, by its data set's clock (none while frozen). */
  private async wake (watcher: Watcher): Promise<void> {
    clearTimeout(watcher.timer)
    watcher.timer = undefined
    if (watcher.inFlight.size === 0) return
    const session = await this.options.stores.session(watcher.key, false)
    if (session === undefined || session.clock.frozen) return
    const next = Math.min(...watcher.inFlight.values())
    const wait = Math.min(Math.max(next - session.clock.now(), 0) + 5, LONGEST_WAIT_MS)
    watcher.timer = setTimeout(() => { this.queue(async () => { await this.tick(watcher) }) }, wait)
    watcher.timer.unref()
  }

  /** Sends the runs (and their jobs) whose state has changed by the clock since they were sent. */
  private async tick (watcher: Watcher): Promise<void> {
    if (!this.watchers.has(watcher)) return
    await this.options.stores.withExisting(watcher.key, (store) => {
      const now = store.clock.now()
      for (const [runId, next] of watcher.inFlight) {
        if (next > now) continue
        const run = store.runs.get(runId)
        if (run === undefined) {
          watcher.inFlight.delete(runId)
          continue
        }
        const row = consoleRun(run, now)
        watcher.send('run', row)
        watcher.send('job', { id: run.jobId, job: this.jobRow(store, run.jobId) ?? null })
        this.track(watcher, row)
      }
    })
    await this.wake(watcher)
  }

  private async runChanged (runId: string, jobId: string): Promise<void> {
    for (const key of this.keys()) {
      const watchers = this.watchersOf(key)
      await this.options.stores.withExisting(key, (store) => {
        const run = store.runs.get(runId)
        // Another data set's run (hints are not addressed): this one has nothing new.
        if (run === undefined || run.jobId !== jobId) return
        const row = consoleRun(run, store.clock.now())
        const job = this.jobRow(store, jobId) ?? null
        for (const watcher of watchers) {
          watcher.send('run', row)
          watcher.send('job', { id: jobId, job })
          if (run.notification !== null) watcher.send('notification', run.notification)
          this.track(watcher, row)
        }
      })
      for (const watcher of watchers) await this.wake(watcher)
    }
  }

  private async jobChanged (jobId: string): Promise<void> {
    for (const key of this.keys()) {
      const row = await this.options.stores.withExisting(key, (store) => this.jobRow(store, jobId) ?? null)
      if (row === undefined) continue
      for (const watcher of this.watchersOf(key)) watcher.send('job', { id: jobId, job: row })
    }
  }

  /** A request joined a journal: every stream gets it (the console filters by session), and the fault rules, which it may have fired. */
  private requestRecorded (session: string | null): void {
    if (this.watchers.size === 0) return
    const entry = this.options.journal.newestFirst(session).next()
    if (entry.done === true) return
    const row = consoleRequest(entry.value, this.options.nearMisses)
    for (const watcher of this.watchers) {
      watcher.send('request', row)
      this.sendFaults(watcher)
    }
  }

  private sendFaults (watcher: Watcher): void {
    const faults = this.faultsOf(watcher.key)
    const text = JSON.stringify(faults)
    if (text === watcher.faults) return
    watcher.faults = text
    watcher.send('faults', faults)
  }

  /** Fault rules: the new list. Anything else (clock, reset, import, sessions, journal cleared): every stream starts over. */
  private async adminChanged (change: AdminChange): Promise<void> {
    // Counting journal entries is a POST that changes nothing (suites call it often).
    if (/\/requests\/count$/i.test(change.route)) return
    if (change.route.toLowerCase().includes('/faults')) {
      for (const watcher of this.watchers) this.sendFaults(watcher)
      return
    }
    for (const watcher of [...this.watchers]) await this.hello(watcher)
  }
}
