import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import TinyQueue from 'tinyqueue'
import type { Job, StoredSchedule } from '../../schemas/job.js'
import type { EvaluationResult, JobRun, RunTrigger } from '../../schemas/run.js'
import type { Catalog } from '../catalog/catalog.js'
import type { Clock } from '../clock.js'
import { formatDotNetDate } from '../dotnet/dotnet-time.js'
import type { Notifier } from './notifier.js'
import { buildEvaluationResult } from './evaluation.js'
import { abortRun, isInFlight, planRun, type RunDurations } from './run-plan.js'
import { nextRunTime, subScheduleRunTimes } from '../jobs/schedule-times.js'

/** What the engine reads of the jobs; the store implements it. */
export interface JobsReader {
  get: (id: string) => Job | undefined
  all: () => IterableIterator<Job>
}

/** What the engine reads and writes of the runs; the store implements it. */
export interface RunsStore {
  get: (runId: string) => JobRun | undefined
  latestOf: (jobId: string) => JobRun | undefined
  all: () => IterableIterator<JobRun>
  insert: (run: JobRun) => Promise<void>
  update: (run: JobRun) => Promise<void>
}

/** Records and delivers the notification a job asks for when a run ends (Notifier). */
export type RunNotifier = Pick<Notifier, 'notificationFor' | 'deliver'>

/**
 * Hears what the engine changed, once it is on disk (the control plane's live console).
 * Each call is a hint to read the store again, not the data itself.
 */
export interface EngineListener {
  /** A run was queued or ended (finalized, aborted), or its notification's delivery was recorded. */
  runChanged: (run: JobRun) => void
  /** A job was created, changed or deleted, or its run history deleted. */
  jobChanged: (jobId: string) => void
}

export interface EngineOptions {
  /** The data set's catalog now (it may change from a shared one to its own). */
  catalogOf: () => Catalog
  jobs: JobsReader
  runs: RunsStore
  /** Deletes a job's runs and, with `withJob`, the job, all or nothing; `unfinished`: committed, but a file write after the commit failed. */
  deleteJobRecords: (jobId: string, withJob: boolean) => Promise<{ runsDeleted: number, unfinished?: Error }>
  clock: Clock
  durations: RunDurations
  timeZone: string
  /** Reachable assets count as collected at this time before any run (docs/decisions.md). */
  baselineCollectedAt: number
  notifier?: RunNotifier
  listener?: EngineListener
  log: FastifyBaseLogger
}

type NewEvent =
  | { at: number, kind: 'fire', jobId: string, version: number, trigger: 'Schedule' | 'SubSchedule', origin: number }
  | { at: number, kind: 'finalize', runId: string }
type EngineEvent = NewEvent & { seq: number }

const byTime = (a: EngineEvent, b: EngineEvent): number => a.at - b.at || a.seq - b.seq

/** The fields a schedule's occurrences depend on. */
const scheduleKey = (s: StoredSchedule): string => [
  s.StartDate, s.RunOnce, s.RunPeriodically, s.RunEveryNDays, s.RepeatDays, s.RecurrenceType, s.WeeklyDay, s.WeeklyRecurEvery,
  s.MonthlyDay, s.MonthlyIsByOrdinalDay, s.MonthlyOrdinalDay, s.MonthlyDayOfTheWeek, s.MonthlyRecurEvery
].join('|')

export type ExecuteOutcome = { ok: true, run: JobRun } | { ok: false, reason: 'running', run: JobRun }
/** How far back a clock move plays schedule occurrences (docs/decisions.md, "Clock"). */
export const CATCH_UP_HORIZON_MS = 31 * 86_400_000

export type AbortOutcome = { ok: true, run: JobRun } | { ok: false, reason: 'notFound' | 'ended' }

/**
 * The simulated execution engine of one data set. Runs are planned whole when they
 * are queued (run-plan.ts); the engine turns the clock's time into events — schedule
 * occurrences that queue runs, planned ends that finalize them (results,
 * notifications) — and handles them in time order, so advancing the clock by a week
 * plays that week's schedules in order. Every change is on disk before it is answered.
 */
export class JobEngine {
  private queue = new TinyQueue<EngineEvent>([], byTime)
  private readonly scheduleVersion = new Map<string, number>()
  private readonly nextFire = new Map<string, number>()
  private readonly collectedAt = new Map<string, number>()
  private readonly deliveries = new Set<Promise<void>>()
  private chain: Promise<unknown> = Promise.resolve()
  private seq = 0
  /** Changes queued or running on the chain. */
  private busy = 0
  private timer: NodeJS.Timeout | undefined

  constructor (private readonly options: EngineOptions) {}

  /** Picks up stored runs and schedules. Occurrences before `from` (missed while stopped) are not played. */
  start (from: number): void {
    const { runs, jobs, timeZone } = this.options
    const events: EngineEvent[] = []
    for (const run of runs.all()) {
      this.noteCollections(run)
      if (!run.finalized) events.push({ at: run.end, kind: 'finalize', runId: run.runId, seq: this.seq++ })
    }
    // Many jobs share a schedule: each distinct one is worked out once.
    const nextTimes = new Map<string, number | undefined>()
    for (const job of jobs.all()) {
      if (job.Schedule === null) continue
      const after = Math.max(from, Date.parse(job.JobCreationTime) || from)
      const key = `${scheduleKey(job.Schedule)}|${after}`
      if (!nextTimes.has(key)) nextTimes.set(key, nextRunTime(job.Schedule, after, timeZone))
      const event = this.occurrence(job.JobID, nextTimes.get(key))
      if (event !== undefined) events.push(event)
    }
    // One heapify instead of a push per job.
    this.queue = new TinyQueue([...this.queue.data, ...events], byTime)
  }

  /** Settles every second on its own, so runs end and notifications go out without requests. */
  startTimer (intervalMs = 1000): void {
    this.timer ??= setInterval(() => { this.settle().catch((err: unknown) => this.options.log.error({ err }, 'job engine tick failed')) }, intervalMs)
    this.timer.unref()
  }

  async close (): Promise<void> {
    clearInterval(this.timer)
    await this.chain.catch(() => {})
    await Promise.all([...this.deliveries])
  }

  /** Handles every event due by now, in time order. */
  async settle (): Promise<void> {
    const now = this.options.clock.now()
    const next = this.queue.peek()
    if (next === undefined || next.at > now) {
      await this.chain
      return
    }
    await this.exclusive(async () => { await this.handleDue(this.options.clock.now()) })
  }

  /** Nothing is due by now and no change is in progress: `settle()` would have nothing to do or wait for. */
  isSettled (): boolean {
    const next = this.queue.peek()
    return this.busy === 0 && (next === undefined || next.at > this.options.clock.now())
  }

  nextRunTime (jobId: string): number | undefined {
    return this.nextFire.get(jobId.toLowerCase())
  }

  /** A new job: its RunNow run (on disk when this resolves) and its schedule. */
  async jobCreated (job: Job, requestedBy: string): Promise<JobRun | undefined> {
    const runNow = job.Schedule !== null && job.Schedule.RunNow
    const plan = (now: number): void => {
      this.schedule(job, now)
      this.tell((listener) => { listener.jobChanged(job.JobID) })
    }
    if (!runNow && this.busy === 0) {
      // Nothing in progress to wait for and no run to store: what the queued work would do, now.
      plan(this.options.clock.now())
      return undefined
    }
    return await this.exclusive(async () => {
      const now = this.options.clock.now()
      plan(now)
      return runNow ? await this.queueRun(job, 'RunNow', requestedBy, now, null) : undefined
    })
  }

  /** A changed job: its schedule starts over from now; a RunNow in the change runs it. */
  async jobChanged (job: Job, runNow: boolean, requestedBy: string): Promise<JobRun | undefined> {
    return await this.exclusive(async () => {
      // A deletion got ahead of it (PATCH awaits its write before this): nothing to
      // schedule, and no run for a job that is gone.
      if (this.options.jobs.get(job.JobID) === undefined) return undefined
      const now = this.options.clock.now()
      await this.handleDue(now)
      this.schedule(job, now)
      this.tell((listener) => { listener.jobChanged(job.JobID) })
      const latest = this.options.runs.latestOf(job.JobID)
      if (!runNow || (latest !== undefined && isInFlight(latest, now))) return undefined
      return await this.queueRun(job, 'RunNow', requestedBy, now, null)
    })
  }

  /** A deleted job: no more occurrences. */
  private jobRemoved (jobId: string): void {
    this.occurrence(jobId, undefined)
  }

  /**
   * Deletes a job's run history and, with `withJob`, the job itself — unless one of
   * its runs is queued or running. Checked and done in one step, so no run can be
   * queued in between.
   */
  async deleteJob (jobId: string, withJob: boolean): Promise<{ ok: true, runsDeleted: number } | { ok: false }> {
    return await this.exclusive(async () => {
      const now = this.options.clock.now()
      await this.handleDue(now)
      const latest = this.options.runs.latestOf(jobId)
      if (latest !== undefined && isInFlight(latest, now)) return { ok: false }
      const { runsDeleted, unfinished } = await this.options.deleteJobRecords(jobId, withJob)
      if (withJob) this.jobRemoved(jobId)
      if (unfinished !== undefined) this.options.log.warn({ jobId, err: unfinished }, 'job deletion committed, but not every file took it: the next open of the data set finishes it')
      this.tell((listener) => { listener.jobChanged(jobId) })
      return { ok: true, runsDeleted }
    })
  }

  async execute (job: Job, requestedBy: string): Promise<ExecuteOutcome> {
    return await this.exclusive(async () => {
      const now = this.options.clock.now()
      await this.handleDue(now)
      const latest = this.options.runs.latestOf(job.JobID)
      if (latest !== undefined && isInFlight(latest, now)) return { ok: false, reason: 'running', run: latest }
      return { ok: true, run: await this.queueRun(job, 'Execute', requestedBy, now, null) }
    })
  }

  async abort (runId: string, requestedBy: string): Promise<AbortOutcome> {
    return await this.exclusive(async () => {
      const now = this.options.clock.now()
      await this.handleDue(now)
      const run = this.options.runs.get(runId)
      if (run === undefined) return { ok: false, reason: 'notFound' }
      if (!isInFlight(run, now)) return { ok: false, reason: 'ended' }
      return { ok: true, run: await this.finalize(abortRun(run, now, requestedBy)) }
    })
  }

  private async exclusive<T> (work: () => Promise<T>): Promise<T> {
    this.busy += 1
    const result = this.chain.catch(() => {}).then(work)
    this.chain = result
    try {
      return await result
    } finally {
      this.busy -= 1
    }
  }

  /** A listener's failure is logged, never the engine's. */
  private tell (hear: (listener: EngineListener) => void): void {
    const { listener, log } = this.options
    if (listener === undefined) return
    try {
      hear(listener)
    } catch (err) {
      log.warn({ err }, 'engine listener failed')
    }
  }

  private push (event: NewEvent): void {
    this.queue.push({ ...event, seq: this.seq++ })
  }

  private bumpSchedule (jobId: string): number {
    const version = (this.scheduleVersion.get(jobId.toLowerCase()) ?? 0) + 1
    this.scheduleVersion.set(jobId.toLowerCase(), version)
    return version
  }

  /** Plans the job's next occurrence after `after`, replacing any planned before. */
  private schedule (job: Job, after: number): void {
    const event = this.occurrence(job.JobID, nextRunTime(job.Schedule, after, this.options.timeZone))
    if (event !== undefined) this.queue.push(event)
  }

  /** Records the job's next occurrence (none: undefined) and answers the event that fires it. */
  private occurrence (jobId: string, at: number | undefined): EngineEvent | undefined {
    const version = this.bumpSchedule(jobId)
    if (at === undefined) {
      this.nextFire.delete(jobId.toLowerCase())
      return undefined
    }
    this.nextFire.set(jobId.toLowerCase(), at)
    return { at, kind: 'fire', jobId, version, trigger: 'Schedule', origin: at, seq: this.seq++ }
  }

  private async handleDue (now: number): Promise<void> {
    // A clock move far ahead plays only its last CATCH_UP_HORIZON_MS: older occurrences
    // are skipped, so catching up costs what that window holds, not what the jump spans.
    const horizon = now - CATCH_UP_HORIZON_MS
    let skipped = 0
    let handled = 0
    for (let event = this.queue.peek(); event !== undefined && event.at <= now; event = this.queue.peek()) {
      this.queue.pop()
      try {
        if (event.kind === 'finalize') await this.finalizeDue(event.runId)
        else if (event.at < horizon) skipped += this.skip(event, horizon)
        else await this.fire(event)
      } catch (err) {
        this.options.log.error({ err, event: event.kind }, 'job engine event failed')
      }
      // Other requests get their turn during a long catch-up.
      if (++handled % 256 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    if (skipped > 0) this.options.log.info({ skipped, before: formatDotNetDate(horizon) }, 'clock moved far ahead: older schedule occurrences skipped')
  }

  /** An occurrence before the catch-up horizon: no run; a schedule goes on from the horizon. Counts the skipped occurrence. */
  private skip (event: Extract<EngineEvent, { kind: 'fire' }>, horizon: number): number {
    const job = this.options.jobs.get(event.jobId)
    if (job === undefined) return 0
    if (event.trigger === 'Schedule') {
      if (this.scheduleVersion.get(job.JobID.toLowerCase()) !== event.version) return 0
      this.schedule(job, horizon)
    }
    return 1
  }

  private async fire (event: Extract<EngineEvent, { kind: 'fire' }>): Promise<void> {
    const job = this.options.jobs.get(event.jobId)
    if (job === undefined) return
    if (event.trigger === 'Schedule') {
      if (this.scheduleVersion.get(job.JobID.toLowerCase()) !== event.version) return
      this.schedule(job, event.at)
    }
    const latest = this.options.runs.latestOf(job.JobID)
    if (latest !== undefined && isInFlight(latest, event.at)) {
      this.options.log.info({ jobId: job.JobID, at: formatDotNetDate(event.at) }, 'scheduled run skipped: the job is still running')
      return
    }
    await this.queueRun(job, event.trigger, 'System', event.at, event.origin)
  }

  private async queueRun (job: Job, trigger: RunTrigger, requestedBy: string, queuedAt: number, scheduledAt: number | null): Promise<JobRun> {
    const { durations } = this.options
    const catalog = this.options.catalogOf()
    const run = planRun({
      job,
      catalog,
      runId: randomUUID(),
      trigger,
      requestedBy,
      queuedAt,
      scheduledAt,
      durations,
      lastCollected: (assetId) => this.lastCollected(assetId, queuedAt)
    })
    await this.options.runs.insert(run)
    this.push({ at: run.end, kind: 'finalize', runId: run.runId })
    this.tell((listener) => { listener.runChanged(run) })
    this.options.log.info({ jobId: job.JobID, jobRunId: run.runId, trigger }, 'job run queued')
    return run
  }

  private lastCollected (assetId: string, at: number): number | undefined {
    const collected = this.collectedAt.get(assetId.toLowerCase())
    if (collected !== undefined && collected <= at) return collected
    const asset = this.options.catalogOf().asset(assetId)
    return asset?.Simulation.Reachable === true ? this.options.baselineCollectedAt : undefined
  }

  private noteCollections (run: JobRun): void {
    if (!run.finalized) return
    for (const plan of run.assets) {
      if (plan.collection?.status !== 'Succeeded') continue
      const key = plan.assetId.toLowerCase()
      this.collectedAt.set(key, Math.max(this.collectedAt.get(key) ?? 0, plan.collection.end))
    }
  }

  private async finalizeDue (runId: string): Promise<void> {
    const run = this.options.runs.get(runId)
    if (run === undefined || run.finalized) return
    const final = await this.finalize(run)
    const job = this.options.jobs.get(final.jobId)
    if (job !== null && job !== undefined) this.planRerun(job, final)
  }

  /** An incomplete scheduled run is run again per the sub-schedule, counted from its occurrence. */
  private planRerun (job: Job, run: JobRun): void {
    if (job.Schedule === null || run.scheduledAt === null || run.status === 'Completed' || run.status === 'Aborted') return
    if (run.trigger !== 'Schedule' && run.trigger !== 'SubSchedule') return
    const at = subScheduleRunTimes(job.Schedule, run.scheduledAt, this.options.timeZone).find((t) => t >= run.end)
    if (at === undefined) return
    this.push({ at, kind: 'fire', jobId: job.JobID, version: 0, trigger: 'SubSchedule', origin: run.scheduledAt })
  }

  /** Writes a run's results and notification; it never changes again. */
  private async finalize (run: JobRun): Promise<JobRun> {
    const job = this.options.jobs.get(run.jobId)
    const final: JobRun = { ...run, finalized: true, results: this.results(run, job) }
    if (job !== undefined && this.options.notifier !== undefined) {
      final.notification = this.options.notifier.notificationFor(job, {
        JobRunID: run.runId, Status: run.status, StartTime: formatDotNetDate(run.start), EndTime: formatDotNetDate(run.end)
      }, this.options.clock) ?? null
    }
    await this.options.runs.update(final)
    this.noteCollections(final)
    this.tell((listener) => { listener.runChanged(final) })
    this.options.log.info({ jobId: run.jobId, jobRunId: run.runId, status: run.status }, 'job run ended')
    this.deliver(final)
    return final
  }

  private deliver (run: JobRun): void {
    const notifier = this.options.notifier
    if (notifier === undefined) return
    const record = run.notification
    if (record === null || record.Delivery !== 'Pending') return
    const delivery = notifier.deliver(record, this.options.clock)
      .then(async (record) => {
        await this.exclusive(async () => {
          const current = this.options.runs.get(run.runId)
          if (current === undefined) return
          const delivered = { ...current, notification: record }
          await this.options.runs.update(delivered)
          this.tell((listener) => { listener.runChanged(delivered) })
        })
      })
      .catch((err: unknown) => { this.options.log.warn({ err, jobRunId: run.runId }, 'notification not recorded') })
      .finally(() => { this.deliveries.delete(delivery) })
    this.deliveries.add(delivery)
  }

  private results (run: JobRun, job: Job | undefined): EvaluationResult[] {
    const catalog = this.options.catalogOf()
    const standards = (job?.Standards ?? []).map((id) => catalog.standard(id)).filter((s) => s !== undefined)
    return run.assets.flatMap((plan) => {
      const asset = catalog.asset(plan.assetId)
      if (asset === undefined || plan.evaluation?.status !== 'Succeeded') return []
      const evaluatedAt = plan.evaluation.end
      // This run's collection, else the data an earlier one left (an evaluation-only run, a fresh-data skip).
      const collectedAt = plan.collection?.status === 'Succeeded' ? plan.collection.end : this.lastCollected(asset.ID, run.queuedAt) ?? evaluatedAt
      return standards.map((standard) => buildEvaluationResult({ asset, standard, jobId: run.jobId, jobRunId: run.runId, evaluatedAt, collectedAt }))
    })
  }
}
