import type { Catalog } from '../../domain/catalog/catalog.js'
import { parseDotNetDate } from '../../domain/dotnet/dotnet-time.js'
import { JOB_CATEGORY } from '../../domain/jobs/job-view.js'
import { scheduleInWords } from '../../domain/jobs/schedule-words.js'
import { runStatusAt, runView } from '../../domain/runs/run-view.js'
import type { Job } from '../../schemas/job.js'
import type { EvaluationResult, JobRun, JobRunView, PhasePlan } from '../../schemas/run.js'
import type { JournalEntry, NearMiss } from '../schemas.js'
import type { ConsoleJob, ConsoleRequest, ConsoleResult, ConsoleRun } from './console-schemas.js'

// The console's views: what a presenter looks at, computed from the stored plan and the clock (run-view.ts).

const iso = (ms: number): string => new Date(ms).toISOString()
/** .NET round-trip text (the CCS views) as ISO 8601. */
const isoOf = (text: string | null): string | null => {
  const ms = text === null ? undefined : parseDotNetDate(text)
  return ms === undefined ? null : iso(ms)
}

type PhaseView = JobRunView['Assets'][number]['Collection']
const phaseOf = (phase: PhaseView) => phase === null
  ? null
  : { status: phase.Status, startedAt: isoOf(phase.StartTime), endedAt: isoOf(phase.EndTime), message: phase.Message }

/** The next instant after `now` at which the run's state changes by itself (a phase starts or ends). */
export function nextChangeOf (run: JobRun, now: number): number | undefined {
  const phases = run.assets.flatMap((a) => [a.collection, a.evaluation]).filter((p): p is PhasePlan => p !== null)
  const times = [run.start, run.end, ...phases.flatMap((p) => [p.start, p.end])].filter((at) => at > now)
  return times.length === 0 ? undefined : Math.min(...times)
}

export function consoleRun (run: JobRun, now: number): ConsoleRun {
  const view = runView(run, now, true)
  const next = nextChangeOf(run, now)
  return {
    id: run.runId,
    jobId: run.jobId,
    jobName: run.jobName,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    status: view.Status,
    progress: view.Progress,
    scheduledAt: run.scheduledAt === null ? null : iso(run.scheduledAt),
    queuedAt: iso(run.queuedAt),
    startedAt: isoOf(view.StartTime),
    endedAt: isoOf(view.EndTime),
    nextChangeAt: next === undefined ? null : iso(next),
    assets: view.Assets.map((a) => ({ id: a.AssetID, name: a.DisplayName, collection: phaseOf(a.Collection), evaluation: phaseOf(a.Evaluation) })),
    messages: (view.Messages ?? []).map((m) => ({ time: isoOf(m.Time) ?? m.Time, severity: m.Severity, text: m.Message })),
    results: run.finalized ? run.results.length : 0
  }
}

export interface JobFacts {
  latest: JobRun | undefined
  nextRun: number | undefined
  now: number
  timeZone: string
}

export function consoleJob (job: Job, { latest, nextRun, now, timeZone }: JobFacts): ConsoleJob {
  return {
    id: job.JobID,
    name: job.JobName,
    type: job.JobType,
    category: JOB_CATEGORY[job.JobType],
    schedule: scheduleInWords(job.Schedule, timeZone),
    nextRun: nextRun === undefined ? null : iso(nextRun),
    createdBy: job.CreatedBy,
    createdAt: isoOf(job.JobCreationTime) ?? job.JobCreationTime,
    targets: job.AssetsResolutionInfo.length,
    standards: job.Standards.length,
    lastRun: latest === undefined
      ? null
      : {
          id: latest.runId,
          status: runStatusAt(latest, now),
          progress: runView(latest, now, false).Progress,
          trigger: latest.trigger,
          at: iso(now >= latest.start ? latest.start : latest.queuedAt)
        }
  }
}

/** The URL of a result's Excel report, in the console's data set. */
export function reportUrl (prefix: string, session: string | null, result: EvaluationResult): string {
  const query = new URLSearchParams({ jobRunId: result.JobRunID, assetId: result.AssetID, standardId: result.StandardID })
  if (session !== null) query.set('session', session)
  return `${prefix}/console/report?${query.toString()}`
}

export function consoleResults (run: JobRun, catalog: Catalog, report: (result: EvaluationResult) => string): ConsoleResult[] {
  return run.results.map((result) => {
    const tally = { Passed: 0, Failed: 0, Exempted: 0, NotApplicable: 0, ManualReview: 0 }
    for (const check of result.Checks) tally[check.Outcome] += 1
    return {
      runId: run.runId,
      assetId: result.AssetID,
      assetName: catalog.asset(result.AssetID)?.DisplayName ?? result.AssetID,
      standardId: result.StandardID,
      standardName: result.StandardName,
      standardVersion: result.StandardVersion,
      evaluatedAt: isoOf(result.EvaluationDate) ?? result.EvaluationDate,
      score: result.Score,
      passed: tally.Passed,
      failed: tally.Failed,
      exempted: tally.Exempted,
      manual: tally.ManualReview,
      notApplicable: tally.NotApplicable,
      report: report(result)
    }
  })
}

export function consoleRequest (entry: JournalEntry, nearMisses: (method: string, path: string) => NearMiss[]): ConsoleRequest {
  return {
    id: entry.id,
    session: entry.session,
    time: entry.time,
    method: entry.method,
    url: entry.url,
    status: entry.status,
    durationMs: entry.durationMs,
    user: entry.user,
    operationId: entry.operationId,
    nearMisses: entry.route === null ? nearMisses(entry.method, entry.path) : []
  }
}
