import { Type, type Static } from 'typebox'
import { NotificationRecordSchema } from './notification.js'
import { EvaluationResultSchema, MESSAGE_SEVERITIES, PHASE_STATUSES, RUN_STATUSES, RUN_TRIGGERS, type JobRun } from './run.js'

// Kept apart from run.ts: notification.ts reads run.ts's statuses, and this schema reads both.

const Millis = Type.Number({ description: 'epoch milliseconds' })

const PhasePlanSchema = Type.Object({
  status: Type.Enum([...PHASE_STATUSES]),
  start: Millis,
  end: Millis,
  message: Type.String()
})

const AssetRunPlanSchema = Type.Object({
  assetId: Type.String(),
  displayName: Type.String(),
  collection: Type.Union([PhasePlanSchema, Type.Null()]),
  evaluation: Type.Union([PhasePlanSchema, Type.Null()])
})

/** A job run as stored in `runs/segment-NNNNNN.json` and in snapshots: checked on load and on import. */
export const StoredRunSchema = Type.Object({
  runId: Type.String({ minLength: 1 }),
  jobId: Type.String({ minLength: 1 }),
  jobName: Type.String(),
  jobType: Type.String(),
  trigger: Type.Enum([...RUN_TRIGGERS]),
  requestedBy: Type.String(),
  scheduledAt: Type.Union([Millis, Type.Null()]),
  queuedAt: Millis,
  start: Millis,
  end: Millis,
  status: Type.Enum([...RUN_STATUSES]),
  abortedBy: Type.Union([Type.String(), Type.Null()]),
  finalized: Type.Boolean(),
  assets: Type.Array(AssetRunPlanSchema),
  messages: Type.Array(Type.Object({ at: Millis, severity: Type.Enum([...MESSAGE_SEVERITIES]), text: Type.String() })),
  results: Type.Array(EvaluationResultSchema),
  notification: Type.Union([NotificationRecordSchema, Type.Null()])
}, { title: 'StoredRun' })

// The schema and the JobRun interface describe one record: each must fit the other.
type StoredRun = Static<typeof StoredRunSchema>
const _fitsJobRun = (run: StoredRun): JobRun => run
const _fitsSchema = (run: JobRun): StoredRun => run
void _fitsJobRun
void _fitsSchema
