import { Type, type Static } from 'typebox'
import { AgentSchema, AssetGroupSchema, AssetSchema, StandardSchema, UserSchema } from '../schemas/catalog.js'
import { RemediationTicketSchema } from '../schemas/tickets.js'
import { FaultRuleSchema } from '../schemas/fault.js'
import { NotificationRecordSchema } from '../schemas/notification.js'
import { JobSchema } from '../schemas/job.js'
import { StoredRunSchema } from '../schemas/stored-run.js'

export const ClockStateSchema = Type.Object({
  now: Type.String({ format: 'date-time', description: 'the server clock: tokens, schedules and runs all follow it' }),
  frozen: Type.Boolean({ description: 'true: time stands still until set or advanced' }),
  timeZone: Type.String({ description: 'the zone schedules recur in (--time-zone)', examples: ['UTC'] })
}, { title: 'ClockState' })

export const ClockChangeSchema = Type.Object({
  freeze: Type.Optional(Type.Boolean({ description: 'true: stop the clock; false: let it run on from where it stands' })),
  set: Type.Optional(Type.String({ format: 'date-time', description: 'jump to this instant (also backwards)', examples: ['2026-03-01T08:00:00Z'] })),
  advance: Type.Optional(Type.String({ description: 'move forward by an ISO 8601 duration, after `set`', examples: ['PT90M', 'P7D'] })),
  real: Type.Optional(Type.Boolean({ description: 'true: back to real time, running (before the other fields)' }))
}, { title: 'ClockChange', additionalProperties: false })

export const ResetRequestSchema = Type.Object({
  fixtures: Type.Optional(Type.String({ minLength: 1, description: 'directory of another fixture set to load (default: the current set)', examples: ['./fixtures'] }))
}, { title: 'ResetRequest', additionalProperties: false })

export const ResetResultSchema = Type.Object({
  fixtures: Type.String({ description: 'the fixture set now loaded' }),
  jobs: Type.Integer({ minimum: 0 }),
  sessionsRemoved: Type.Integer({ minimum: 0 })
}, { title: 'ResetResult' })

export const SessionSchema = Type.Object({
  name: Type.String(),
  open: Type.Boolean({ description: 'loaded in memory now (otherwise only on disk)' }),
  jobs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'jobs in the session when open' })
}, { title: 'Session' })

export const SessionListSchema = Type.Object({ sessions: Type.Array(SessionSchema) }, { title: 'SessionList' })
export const SessionParamsSchema = Type.Object({ name: Type.String({ description: 'the X-CCS-Mock-Session value' }) })

export const SessionQuerySchema = Type.Object({
  session: Type.Optional(Type.String({ description: 'a session (X-CCS-Mock-Session) instead of the default data set' }))
})

export const ExportQuerySchema = Type.Object({
  session: Type.Optional(Type.String({ description: 'a session (X-CCS-Mock-Session) instead of the default data set' })),
  includePasswords: Type.Optional(Type.Boolean({ default: false, description: 'true: users carry their passwords (left out by default, so a shared snapshot hands out no credentials)' }))
})

const SnapshotUserSchema = Type.Object({
  ...UserSchema.properties,
  Password: Type.Optional(Type.String({ minLength: 1, description: 'left out of exports unless asked for; on import, a user without one keeps the password of the fixture user of that name' }))
}, { title: 'SnapshotUser' })

/** The whole state as one JSON document: data, clock and fault rules. Imports are checked against all of it before anything changes. */
export const SnapshotSchema = Type.Object({
  formatVersion: Type.Literal(1),
  exportedAt: Type.String({ format: 'date-time' }),
  session: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'the session it was exported from (null: the default data set); informational: an import goes where its own `session` query or header says' })),
  clock: Type.Object({ now: Type.String({ format: 'date-time' }), frozen: Type.Boolean() }),
  faults: Type.Array(FaultRuleSchema),
  data: Type.Object({
    users: Type.Array(SnapshotUserSchema),
    assets: Type.Array(AssetSchema),
    assetGroups: Type.Array(AssetGroupSchema),
    standards: Type.Array(StandardSchema),
    agents: Type.Optional(Type.Array(AgentSchema, { description: 'absent in snapshots of older versions: no agents' })),
    tickets: Type.Optional(Type.Array(RemediationTicketSchema, { description: 'absent in snapshots of older versions: no remediation tickets' })),
    jobs: Type.Array(JobSchema),
    runs: Type.Array(StoredRunSchema)
  })
}, { title: 'Snapshot' })

export type Snapshot = Static<typeof SnapshotSchema>

export const ListedNotificationSchema = Type.Object({
  session: Type.Union([Type.String(), Type.Null()], { description: 'the session whose job run recorded it; null: the default data set' }),
  ...NotificationRecordSchema.properties
}, { title: 'ListedNotification' })

export const NotificationListSchema = Type.Object({
  notifications: Type.Array(ListedNotificationSchema, { description: 'newest first' })
}, { title: 'NotificationList' })
