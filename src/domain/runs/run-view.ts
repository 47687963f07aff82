import type { AssetRunPlan, JobRun, JobRunView, PhasePlan, RunStatus } from '../../schemas/run.js'
import { formatDotNetDate } from '../dotnet/dotnet-time.js'

const time = (at: number | null): string | null => at === null ? null : formatDotNetDate(at)

function phaseView (phase: PhasePlan | null, now: number): JobRunView['Assets'][number]['Collection'] {
  if (phase === null) return null
  if (now < phase.start) return { Status: 'Pending', StartTime: null, EndTime: null, Message: '' }
  if (now < phase.end) return { Status: 'Running', StartTime: time(phase.start), EndTime: null, Message: '' }
  return { Status: phase.status, StartTime: time(phase.start), EndTime: time(phase.end), Message: phase.message }
}

/** The run's status at `now`: queued until it starts, running until its planned end. */
export function runStatusAt (run: JobRun, now: number): RunStatus {
  if (now < run.start) return 'Queued'
  if (now < run.end) return 'Running'
  return run.status
}

function progress (assets: AssetRunPlan[], now: number): number {
  const phases = assets.flatMap((a) => [a.collection, a.evaluation]).filter((p): p is PhasePlan => p !== null)
  if (phases.length === 0) return 100
  return Math.floor(100 * phases.filter((p) => p.end <= now).length / phases.length)
}

/** `GET Jobs/{id}/jobruns`: the run as the clock says it stands. */
export function runView (run: JobRun, now: number, showMessages: boolean): JobRunView {
  const view: JobRunView = {
    JobRunID: run.runId,
    JobID: run.jobId,
    JobName: run.jobName,
    Status: runStatusAt(run, now),
    TriggeredBy: run.trigger,
    RequestedBy: run.requestedBy,
    ScheduledTime: time(run.scheduledAt),
    QueuedTime: formatDotNetDate(run.queuedAt),
    StartTime: now >= run.start ? time(run.start) : null,
    EndTime: now >= run.end ? time(run.end) : null,
    Progress: now >= run.end ? 100 : progress(run.assets, now),
    AssetCount: run.assets.length,
    Assets: run.assets.map((a) => ({ AssetID: a.assetId, DisplayName: a.displayName, Collection: phaseView(a.collection, now), Evaluation: phaseView(a.evaluation, now) }))
  }
  if (showMessages) {
    // The page: "the error messages along with their count for each job run, date and time, …" (cut there).
    const messages = run.messages.filter((m) => m.at <= now)
    view.MessageCount = messages.length
    view.Messages = messages.map((m) => ({ Time: formatDotNetDate(m.at), Severity: m.severity, Message: m.text }))
  }
  return view
}
