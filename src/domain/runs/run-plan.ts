import type { Asset } from '../../schemas/catalog.js'
import type { Job } from '../../schemas/job.js'
import type { AssetRunPlan, JobRun, PhasePlan, RunMessage, RunStatus, RunTrigger } from '../../schemas/run.js'
import type { Catalog } from '../catalog/catalog.js'
import { parseTimeSpan } from '../dotnet/dotnet-time.js'

const MINUTE = 60_000
const DAY = 86_400_000

/** How long simulated work takes (config: --run-queue-seconds, --collection-seconds, --evaluation-seconds). */
export interface RunDurations {
  queueMs: number
  collectionMs: number
  evaluationMs: number
}

export interface PlanInput {
  job: Job
  catalog: Catalog
  runId: string
  trigger: RunTrigger
  requestedBy: string
  queuedAt: number
  scheduledAt: number | null
  durations: RunDurations
  /** When the asset's data was last collected successfully, if ever. */
  lastCollected: (assetId: string) => number | undefined
}

/** The job's assets, group members included, each once, in job order; and the IDs that no longer exist. */
export function resolveTargets (job: Job, catalog: Catalog): { assets: Asset[], missing: string[] } {
  const assets = new Map<string, Asset>()
  const missing: string[] = []
  for (const { Id } of job.AssetsResolutionInfo) {
    const asset = catalog.asset(Id)
    const group = asset === undefined ? catalog.assetGroup(Id) : undefined
    if (asset !== undefined) assets.set(asset.ID.toLowerCase(), asset)
    else if (group !== undefined) {
      for (const member of group.Members) {
        const found = catalog.asset(member)
        if (found !== undefined && !assets.has(found.ID.toLowerCase())) assets.set(found.ID.toLowerCase(), found)
      }
    } else missing.push(Id)
  }
  return { assets: [...assets.values()], missing }
}

/** Cuts a phase at a deadline: it ends there, timed out, with the reason. */
function cut (phase: PhasePlan, deadline: number, message: string): PhasePlan {
  if (phase.end <= deadline) return phase
  const start = Math.min(phase.start, deadline)
  return { status: 'TimedOut', start, end: deadline, message }
}

function planCollection (asset: Asset, input: PlanInput, start: number): PhasePlan {
  const { job, durations } = input
  const last = input.lastCollected(asset.ID)
  if (job.IsIncremental && last !== undefined && start - last < job.IncrementalPeriod * DAY) {
    return { status: 'Skipped', start, end: start, message: `Data collected within the last ${job.IncrementalPeriod} day(s) is used; '${asset.DisplayName}' was not collected again.` }
  }
  if (!asset.Simulation.Reachable && asset.Simulation.AgentBased) {
    return { status: 'TimedOut', start, end: start + job.AssetTimeOut * MINUTE, message: `The agent on '${asset.DisplayName}' did not respond within ${job.AssetTimeOut} minute(s).` }
  }
  if (!asset.Simulation.Reachable) {
    return { status: 'Failed', start, end: start + durations.collectionMs, message: `Could not connect to '${asset.DisplayName}'.` }
  }
  return { status: 'Succeeded', start, end: start + durations.collectionMs, message: `Data collected from '${asset.DisplayName}'.` }
}

function planEvaluation (asset: Asset, input: PlanInput, start: number, collection: PhasePlan | null, standards: number): PhasePlan {
  if (collection !== null && collection.status !== 'Succeeded' && collection.status !== 'Skipped') {
    return { status: 'Skipped', start, end: start, message: `'${asset.DisplayName}' was not evaluated: its data collection did not succeed.` }
  }
  if (collection === null && input.lastCollected(asset.ID) === undefined) {
    return { status: 'Failed', start, end: start, message: `No data has been collected from '${asset.DisplayName}'; it cannot be evaluated.` }
  }
  if (standards === 0) {
    return { status: 'Failed', start, end: start, message: 'None of the job\'s standards exists any more.' }
  }
  return { status: 'Succeeded', start, end: start + input.durations.evaluationMs, message: `'${asset.DisplayName}' evaluated against ${standards} standard(s).` }
}

/** An asset counts as done when its last phase gave data (collection) or results (evaluation). */
function assetSucceeded (plan: AssetRunPlan): boolean {
  const last = plan.evaluation ?? plan.collection
  return last !== null && (last.status === 'Succeeded' || (last === plan.collection && last.status === 'Skipped'))
}

function overallStatus (assets: AssetRunPlan[]): RunStatus {
  const done = assets.filter(assetSucceeded).length
  if (assets.length === 0 || done === 0) return 'Failed'
  return done === assets.length ? 'Completed' : 'CompletedWithErrors'
}

const phaseProblem = (plan: AssetRunPlan, phase: PhasePlan | null): RunMessage[] =>
  phase === null || phase.status === 'Succeeded' || (phase.status === 'Skipped' && phase === plan.collection)
    ? []
    : [{ at: phase.end, severity: phase.status === 'Skipped' ? 'Warning' : 'Error', text: phase.message }]

/**
 * Plans a whole run when it is queued: every asset's phases, their times and
 * outcomes follow from the job, the catalog's simulation data and the durations, so
 * the same inputs always give the same run.
 */
export function planRun (input: PlanInput): JobRun {
  const { job, catalog, queuedAt, durations } = input
  const start = queuedAt + durations.queueMs
  const collects = job.JobType !== 'EvaluationJob'
  const evaluates = job.JobType !== 'CollectionJob'
  const { assets, missing } = resolveTargets(job, catalog)
  const standards = job.Standards.filter((id) => catalog.standard(id) !== undefined).length

  const collectionLimit = (job.CollectionOnlyTimeOutHours * 60 + job.CollectionOnlyTimeOutMins) * MINUTE
  const runLimit = job.Schedule?.EndJobRunConfigured === true ? (parseTimeSpan(job.Schedule.EndJobRunTimeInterval) ?? 0) * 1000 : 0
  const runDeadline = runLimit > 0 ? start + runLimit : Infinity
  const runCut = `The job run was stopped at its end time (${job.Schedule?.EndJobRunTimeInterval ?? ''} after it started).`
  const collectionCut = `Collection was stopped by the job's collection time-out (${job.CollectionOnlyTimeOutHours} h ${job.CollectionOnlyTimeOutMins} min).`

  const collections = assets.map((asset) => {
    if (!collects) return null
    let phase = planCollection(asset, input, start)
    if (collectionLimit > 0) phase = cut(phase, start + collectionLimit, collectionCut)
    return cut(phase, runDeadline, runCut)
  })
  const evaluationStart = Math.max(start, ...collections.map((phase) => phase?.end ?? start))
  const plans: AssetRunPlan[] = assets.map((asset, i) => {
    const collection = collections[i] ?? null
    const evaluation = evaluates ? cut(planEvaluation(asset, input, evaluationStart, collection, standards), runDeadline, runCut) : null
    return { assetId: asset.ID, displayName: asset.DisplayName, collection, evaluation }
  })

  const end = Math.max(start, ...plans.flatMap((plan) => [plan.collection?.end ?? start, plan.evaluation?.end ?? start]))
  const status = overallStatus(plans)
  const messages = ([
    { at: queuedAt, severity: 'Information', text: `Job run queued (${input.trigger}, ${input.requestedBy}).` },
    { at: start, severity: 'Information', text: `Job run started on ${assets.length} asset(s).` },
    ...missing.map((id) => ({ at: start, severity: 'Warning' as const, text: `The asset or asset group '${id}' no longer exists; it was skipped.` })),
    ...plans.flatMap((plan) => [...phaseProblem(plan, plan.collection), ...phaseProblem(plan, plan.evaluation)]),
    { at: end, severity: status === 'Completed' ? 'Information' : 'Error', text: `Job run ended: ${status}.` }
  ] satisfies RunMessage[]).sort((a, b) => a.at - b.at)

  return {
    runId: input.runId,
    jobId: job.JobID,
    jobName: job.JobName,
    jobType: job.JobType,
    trigger: input.trigger,
    requestedBy: input.requestedBy,
    scheduledAt: input.scheduledAt,
    queuedAt,
    start,
    end,
    status,
    abortedBy: null,
    finalized: false,
    assets: plans,
    messages,
    results: [],
    notification: null
  }
}

function abortPhase (phase: PhasePlan | null, at: number): PhasePlan | null {
  if (phase === null || phase.end <= at) return phase
  if (phase.start < at) return { status: 'Aborted', start: phase.start, end: at, message: 'Aborted while running.' }
  return { status: 'Aborted', start: at, end: at, message: 'Not started: the job run was aborted.' }
}

/** The run as it stands after an abort at `at`: unfinished work ends there, aborted. */
export function abortRun (run: JobRun, at: number, by: string): JobRun {
  return {
    ...run,
    start: Math.min(run.start, at),
    end: at,
    status: 'Aborted',
    abortedBy: by,
    assets: run.assets.map((plan) => ({ ...plan, collection: abortPhase(plan.collection, at), evaluation: abortPhase(plan.evaluation, at) })),
    messages: [...run.messages.filter((m) => m.at <= at), { at, severity: 'Warning', text: `Job run aborted by ${by}.` }]
  }
}

/** Whether a run still has work ahead at `now`. */
export const isInFlight = (run: JobRun, now: number): boolean => !run.finalized && run.end > now
