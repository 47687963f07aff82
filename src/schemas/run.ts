import { Type, type Static } from 'typebox'
import { Guid } from './common.js'
import type { NotificationRecord } from './notification.js'

/** A job run's overall state (docs/decisions.md, "Job runs"). */
export const RUN_STATUSES = ['Queued', 'Running', 'Completed', 'CompletedWithErrors', 'Failed', 'Aborted'] as const
export type RunStatus = typeof RUN_STATUSES[number]

/** One asset's state in one phase (collection or evaluation) of a run. */
export const PHASE_STATUSES = ['Pending', 'Running', 'Succeeded', 'Skipped', 'TimedOut', 'Failed', 'Aborted'] as const
export type PhaseStatus = typeof PHASE_STATUSES[number]

/** What evaluating one check on one asset gave. */
export const CHECK_OUTCOMES = ['Passed', 'Failed', 'Exempted', 'NotApplicable', 'ManualReview'] as const
export type CheckOutcome = typeof CHECK_OUTCOMES[number]

export const CheckResultSchema = Type.Object({
  CheckID: Guid(),
  Name: Type.String(),
  Severity: Type.String(),
  Outcome: Type.Enum([...CHECK_OUTCOMES])
}, { title: 'CheckResult' })

/** The evaluation of one standard on one asset by one job run, as stored. */
export const EvaluationResultSchema = Type.Object({
  JobRunID: Guid(),
  JobID: Guid(),
  AssetID: Guid(),
  StandardID: Guid(),
  StandardName: Type.String(),
  StandardVersion: Type.String(),
  /** .NET round-trip UTC text. */
  EvaluationDate: Type.String(),
  /** When the evaluated data was collected (absent in results stored before it was kept). */
  DataCollectedDate: Type.Optional(Type.String()),
  /** Percentage of passed checks among passed and failed ones, 0–100, one decimal. */
  Score: Type.Number(),
  Checks: Type.Array(CheckResultSchema)
}, { title: 'EvaluationResult' })

export type CheckResult = Static<typeof CheckResultSchema>
export type EvaluationResult = Static<typeof EvaluationResultSchema>

/** What started a run. */
export const RUN_TRIGGERS = ['RunNow', 'Execute', 'Schedule', 'SubSchedule'] as const
export type RunTrigger = typeof RUN_TRIGGERS[number]

export const MESSAGE_SEVERITIES = ['Information', 'Warning', 'Error'] as const

/**
 * One asset's planned work in one phase. A run is planned whole when it is queued;
 * what the API shows at a moment follows from these times and the clock.
 */
export interface PhasePlan {
  /** Final status, reached at `end`. */
  status: PhaseStatus
  start: number
  end: number
  message: string
}

export interface AssetRunPlan {
  assetId: string
  displayName: string
  collection: PhasePlan | null
  evaluation: PhasePlan | null
}

export interface RunMessage {
  at: number
  severity: typeof MESSAGE_SEVERITIES[number]
  text: string
}

/** A job run as stored (times in epoch milliseconds). */
export interface JobRun {
  runId: string
  jobId: string
  jobName: string
  jobType: string
  trigger: RunTrigger
  requestedBy: string
  /** The schedule occurrence a Schedule/SubSchedule run belongs to. */
  scheduledAt: number | null
  queuedAt: number
  start: number
  end: number
  /** Final status, reached at `end`. */
  status: RunStatus
  abortedBy: string | null
  /** Results written, notification recorded: nothing changes any more. */
  finalized: boolean
  assets: AssetRunPlan[]
  messages: RunMessage[]
  results: EvaluationResult[]
  /** The notification the job asked for, once the run has ended. */
  notification: NotificationRecord | null
}

const NullableText = Type.Union([Type.String(), Type.Null()])

export const PhaseViewSchema = Type.Object({
  Status: Type.Enum([...PHASE_STATUSES]),
  StartTime: NullableText,
  EndTime: NullableText,
  Message: Type.String()
}, { title: 'JobRunPhase' })

export const AssetRunViewSchema = Type.Object({
  AssetID: Guid(),
  DisplayName: Type.String(),
  Collection: Type.Union([PhaseViewSchema, Type.Null()]),
  Evaluation: Type.Union([PhaseViewSchema, Type.Null()])
}, { title: 'JobRunAsset' })

export const RunMessageViewSchema = Type.Object({
  Time: Type.String(),
  Severity: Type.Enum([...MESSAGE_SEVERITIES]),
  Message: Type.String()
}, { title: 'JobRunMessage' })

/** `GET Jobs/{id}/jobruns`: one run as it stands now. */
export const JobRunViewSchema = Type.Object({
  JobRunID: Guid(),
  JobID: Guid(),
  JobName: Type.String(),
  Status: Type.Enum([...RUN_STATUSES]),
  TriggeredBy: Type.Enum([...RUN_TRIGGERS]),
  RequestedBy: Type.String(),
  ScheduledTime: NullableText,
  QueuedTime: Type.String(),
  StartTime: NullableText,
  EndTime: NullableText,
  Progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Percent of the planned asset phases that have ended.' }),
  AssetCount: Type.Integer(),
  Assets: Type.Array(AssetRunViewSchema),
  MessageCount: Type.Optional(Type.Integer({ minimum: 0, description: 'Only with showmessages=true: how many messages the run has written so far.' })),
  Messages: Type.Optional(Type.Array(RunMessageViewSchema, { description: 'Only with showmessages=true: each message with its date and time and severity, oldest first.' }))
}, { title: 'JobRun' })

export type JobRunView = Static<typeof JobRunViewSchema>

/** `fixtures/runs.json`: a past run of a fixture job, replayed by the engine when a data dir is seeded. */
export const FixtureRunSchema = Type.Object({
  JobRunID: Guid(),
  JobID: Guid(),
  /** When it was queued; or, with QueuedBeforeSeeding instead, that long before the data set is seeded. */
  QueuedTime: Type.Optional(Type.String({ format: 'date-time' })),
  /** An ISO 8601 duration (`PT30M`): a run still in flight on a fresh data set (one of the vendor's samples aborts one). */
  QueuedBeforeSeeding: Type.Optional(Type.String({ minLength: 1 })),
  TriggeredBy: Type.Enum([...RUN_TRIGGERS]),
  RequestedBy: Type.String()
}, { title: 'FixtureRun' })

export type FixtureRun = Static<typeof FixtureRunSchema>
