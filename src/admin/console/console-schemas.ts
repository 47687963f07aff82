import { Type, type Static } from 'typebox'
import { FaultRuleViewSchema } from '../../schemas/fault.js'
import { NotificationRecordSchema } from '../../schemas/notification.js'
import { PHASE_STATUSES, RUN_STATUSES, RUN_TRIGGERS } from '../../schemas/run.js'
import { ClockStateSchema } from '../control-schemas.js'
import { NearMissSchema, Nullable } from '../schemas.js'

// What the live console reads: its own small views of jobs, runs, results and requests, times as ISO 8601.

const Time = Type.String({ format: 'date-time' })

export const ConsolePhaseSchema = Type.Object({
  status: Type.Enum([...PHASE_STATUSES]),
  startedAt: Nullable(Time),
  endedAt: Nullable(Time),
  message: Type.String()
}, { title: 'ConsolePhase' })

export const ConsoleRunSchema = Type.Object({
  id: Type.String(),
  jobId: Type.String(),
  jobName: Type.String(),
  trigger: Type.Enum([...RUN_TRIGGERS]),
  requestedBy: Type.String(),
  status: Type.Enum([...RUN_STATUSES], { description: 'as the data set\'s clock says it stands' }),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  scheduledAt: Nullable(Time),
  queuedAt: Time,
  startedAt: Nullable(Time),
  endedAt: Nullable(Time),
  /** When the run's state changes next by itself (a phase starts or ends); null once it has ended. */
  nextChangeAt: Nullable(Time),
  assets: Type.Array(Type.Object({
    id: Type.String(),
    name: Type.String(),
    collection: Nullable(ConsolePhaseSchema),
    evaluation: Nullable(ConsolePhaseSchema)
  })),
  messages: Type.Array(Type.Object({ time: Time, severity: Type.String(), text: Type.String() })),
  results: Type.Integer({ minimum: 0, description: 'evaluation results stored (once the run has ended)' })
}, { title: 'ConsoleRun' })

export const ConsoleJobSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String({ examples: ['CollectionEvaluationJob'] }),
  category: Type.String({ examples: ['Collection and Evaluation'] }),
  schedule: Type.String({ description: 'the schedule in words, in the zone schedules run in', examples: ['every Monday at 02:00'] }),
  nextRun: Nullable(Time),
  createdBy: Type.String(),
  createdAt: Type.String(),
  targets: Type.Integer({ minimum: 0, description: 'assets and asset groups named' }),
  standards: Type.Integer({ minimum: 0 }),
  lastRun: Nullable(Type.Object({
    id: Type.String(),
    status: Type.Enum([...RUN_STATUSES]),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    trigger: Type.Enum([...RUN_TRIGGERS]),
    at: Time
  }))
}, { title: 'ConsoleJob' })

export const ConsoleResultSchema = Type.Object({
  runId: Type.String(),
  assetId: Type.String(),
  assetName: Type.String(),
  standardId: Type.String(),
  standardName: Type.String(),
  standardVersion: Type.String(),
  evaluatedAt: Type.String(),
  score: Type.Number({ minimum: 0, maximum: 100 }),
  passed: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
  exempted: Type.Integer({ minimum: 0 }),
  manual: Type.Integer({ minimum: 0, description: 'checks left for manual review' }),
  notApplicable: Type.Integer({ minimum: 0 }),
  report: Type.String({ description: 'the Excel report\'s URL (GET /__admin/console/report)' })
}, { title: 'ConsoleResult' })

export const ConsoleRequestSchema = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  session: Nullable(Type.String()),
  time: Time,
  method: Type.String(),
  url: Type.String({ description: 'secret-looking query values masked' }),
  status: Type.Integer(),
  durationMs: Type.Number({ minimum: 0 }),
  user: Nullable(Type.String()),
  operationId: Nullable(Type.String()),
  nearMisses: Type.Array(NearMissSchema, { description: 'for a request no route matched: the closest CCS operations' })
}, { title: 'ConsoleRequest' })

export const ConsoleStateSchema = Type.Object({
  version: Type.String(),
  access: Type.Union([Type.Literal('open'), Type.Literal('key')], { description: 'open: the controls answer anyone; key: they need the admin key' }),
  session: Nullable(Type.String({ description: 'the data set shown: a session, or null for the default one' })),
  sessions: Type.Array(Type.String()),
  clock: ClockStateSchema,
  journal: Type.Object({ capacity: Type.Integer({ minimum: 0 }) }),
  jobs: Type.Array(ConsoleJobSchema, { description: 'newest first, at most 500' }),
  jobCount: Type.Integer({ minimum: 0 }),
  runs: Type.Array(ConsoleRunSchema, { description: 'the runs in flight and the latest that ended, newest first' }),
  requests: Type.Array(ConsoleRequestSchema, { description: 'the journal, every data set\'s, newest first (at most 200)' }),
  faults: Type.Array(FaultRuleViewSchema, { description: 'the rules that apply to the data set\'s requests' }),
  notifications: Type.Array(NotificationRecordSchema, { description: 'the outbox, newest first (at most 100)' })
}, { title: 'ConsoleState' })

export const ConsoleJobPageSchema = Type.Object({
  job: ConsoleJobSchema,
  runs: Type.Array(ConsoleRunSchema, { description: 'newest first, at most 50' })
}, { title: 'ConsoleJobPage' })

export const ConsoleRunPageSchema = Type.Object({
  run: ConsoleRunSchema,
  results: Type.Array(ConsoleResultSchema)
}, { title: 'ConsoleRunPage' })

export const ConsoleJobParamsSchema = Type.Object({ jobId: Type.String({ minLength: 1, maxLength: 100 }) })
export const ConsoleRunParamsSchema = Type.Object({ runId: Type.String({ minLength: 1, maxLength: 100 }) })

export const ConsoleReportQuerySchema = Type.Object({
  session: Type.Optional(Type.String({ description: 'a session instead of the default data set' })),
  jobRunId: Type.String({ minLength: 1, maxLength: 100 }),
  assetId: Type.String({ minLength: 1, maxLength: 100 }),
  standardId: Type.String({ minLength: 1, maxLength: 100 })
}, { title: 'ConsoleReportQuery' })

export type ConsoleRun = Static<typeof ConsoleRunSchema>
export type ConsoleJob = Static<typeof ConsoleJobSchema>
export type ConsoleResult = Static<typeof ConsoleResultSchema>
export type ConsoleRequest = Static<typeof ConsoleRequestSchema>
export type ConsoleState = Static<typeof ConsoleStateSchema>
