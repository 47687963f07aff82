import { Type, type Static } from 'typebox'

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

const Records = Type.Array(Type.Object({}, { additionalProperties: true }))

/** The whole state as one JSON document: data, clock and fault rules. */
export const SnapshotSchema = Type.Object({
  formatVersion: Type.Literal(1),
  exportedAt: Type.String({ format: 'date-time' }),
  clock: Type.Object({ now: Type.String({ format: 'date-time' }), frozen: Type.Boolean() }),
  faults: Records,
  data: Type.Object({
    users: Records,
    assets: Records,
    assetGroups: Records,
    standards: Records,
    agents: Type.Optional(Records),
    tickets: Type.Optional(Records),
    jobs: Records,
    runs: Records
  })
}, { title: 'Snapshot' })

export type Snapshot = Static<typeof SnapshotSchema>

export const NotificationListSchema = Type.Object({
  notifications: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'NotificationRecord objects, newest first' })
}, { title: 'NotificationList' })
