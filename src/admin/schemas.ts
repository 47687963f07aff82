import { Type, type Static, type TSchema } from 'typebox'

/** A schema or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const SessionFilterSchema = Type.Object({
  session: Type.Optional(Type.String({ description: 'only this session\'s (X-CCS-Mock-Session) entries; the header does the same. Without either: every data set\'s' }))
})

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  ready: Type.Boolean({ description: 'true once the data store is open (always, by the time the server answers)' }),
  version: Type.String({ description: 'ccs-mock version (package.json)', examples: ['0.1.0'] }),
  startedAt: Type.String({ format: 'date-time', description: 'by the server clock' }),
  uptimeSeconds: Type.Integer({ minimum: 0, description: 'by the server clock' }),
  jobs: Type.Integer({ minimum: 0, description: 'jobs in the store' }),
  journal: Type.Object({
    capacity: Type.Integer({ minimum: 0, description: '--journal-size: entries kept per data set (0: off)' }),
    size: Type.Integer({ minimum: 0, description: 'requests held now, in every data set\'s journal' })
  })
}, { title: 'Health' })

export const JournalEntrySchema = Type.Object({
  id: Type.Integer({ minimum: 1, description: 'sequence number across every data set, never reused (not even after DELETE)' }),
  session: Nullable(Type.String({ description: 'the session the request named (X-CCS-Mock-Session); null: the default data set' })),
  time: Type.String({ format: 'date-time', description: 'when the request arrived, by its data set\'s clock (the server clock, or its session\'s)' }),
  method: Type.String({ examples: ['POST'] }),
  url: Type.String({ description: 'as requested, secret-looking query values masked', examples: ['/ccs/api/v1/jobs?page=0'] }),
  path: Type.String({ examples: ['/ccs/api/v1/jobs'] }),
  query: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
  route: Nullable(Type.String({ description: 'the route pattern that answered; null when none matched (404/405)', examples: ['/ccs/api/v1/jobs/:jobId'] })),
  operationId: Nullable(Type.String({ examples: ['createJob'] })),
  status: Type.Integer({ examples: [200] }),
  durationMs: Type.Number({ minimum: 0 }),
  user: Nullable(Type.String({ description: 'the CCS user of the bearer token, when it was valid', examples: ['domain1\\administrator'] })),
  fault: Nullable(Type.Object({
    ruleId: Type.String({ description: 'the fault rule that fired' }),
    type: Type.String({ description: 'its fault type; `stub`: the answer is the rule\'s, not the simulation\'s', examples: ['stub', 'status', 'delay'] })
  }, { description: 'the fault rule that fired for this request (null: none)' })),
  requestHeaders: Type.Record(Type.String(), Type.String(), { description: 'Authorization, Cookie and secret-named headers masked' }),
  requestBody: Nullable(Type.String({ description: 'as sent, passwords and tokens masked; null when empty' })),
  requestBodyTruncated: Type.Boolean(),
  responseBody: Nullable(Type.String({ description: 'as sent, tokens masked; null when empty or binary' })),
  responseBodyTruncated: Type.Boolean()
}, { title: 'JournalEntry' })

const StatusFilter = Type.String({ pattern: '^[1-5]([0-9]{2}|xx)$', description: 'a status (`404`) or a class (`4xx`)', examples: ['4xx'] })

const filterProperties = {
  method: Type.Optional(Type.String({ minLength: 1, description: 'HTTP method, any case', examples: ['POST'] })),
  path: Type.Optional(Type.String({ minLength: 1, description: 'the path without query, case-insensitive; `*` matches any characters (`/ccs/api/v1/jobs/*`)', examples: ['/ccs/api/v1/jobs'] })),
  pathPattern: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'an RE2 regular expression (JavaScript syntax without lookaround or backreferences; matched in linear time) the path must match somewhere (case-insensitive)', examples: ['^/ccs/api/v1/(assets|assetgroup)'] })),
  user: Type.Optional(Type.String({ minLength: 1, description: 'CCS user name, case-insensitive', examples: ['domain1\\administrator'] })),
  bodyContains: Type.Optional(Type.String({ minLength: 1, description: 'text the (masked) request body contains, case-sensitive', examples: ['"JobName":"Nightly RHEL"'] })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'arrived at or after (server clock)' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'arrived before (server clock)' }))
}

export const RequestQuerySchema = Type.Object({
  ...SessionFilterSchema.properties,
  ...filterProperties,
  status: Type.Optional(StatusFilter),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'at most this many, newest first (default: all)' }))
}, { title: 'RequestQuery' })

export const RequestMatcherSchema = Type.Object({
  ...filterProperties,
  status: Type.Optional(Type.Union([Type.Integer({ minimum: 100, maximum: 599 }), StatusFilter]))
}, { title: 'RequestMatcher', description: 'every property given must match; {} matches every request' })

export type RequestQuery = Static<typeof RequestQuerySchema>
export type RequestMatcher = Static<typeof RequestMatcherSchema>

export const RequestListSchema = Type.Object({
  total: Type.Integer({ minimum: 0, description: 'matching requests in the journal (before limit)' }),
  requests: Type.Array(JournalEntrySchema, { description: 'newest first' })
}, { title: 'RequestList' })

export const RequestCountSchema = Type.Object({
  count: Type.Integer({ minimum: 0 })
}, { title: 'RequestCount' })

export const NearMissSchema = Type.Object({
  method: Type.String(),
  route: Type.String({ examples: ['/ccs/api/v1/jobs'] }),
  operationId: Nullable(Type.String()),
  pathDistance: Type.Integer({ minimum: 0, description: 'characters to change in the path (route parameters match any segment)' }),
  reason: Type.String({ examples: ['path differs by 1 character'] })
}, { title: 'NearMiss' })

export const UnmatchedListSchema = Type.Object({
  requests: Type.Array(Type.Object({
    request: JournalEntrySchema,
    nearMisses: Type.Array(NearMissSchema, { description: 'the closest CCS operations, closest first (at most 3)' })
  }), { description: 'requests no route matched (404, 405), newest first' })
}, { title: 'UnmatchedList' })

export const CoverageReportSchema = Type.Object({
  summary: Type.Object({
    operations: Type.Integer({ minimum: 0 }),
    operationsExercised: Type.Integer({ minimum: 0 }),
    documentedStatuses: Type.Integer({ minimum: 0, description: 'operation × documented status pairs' }),
    documentedStatusesExercised: Type.Integer({ minimum: 0 }),
    undocumentedStatusesSeen: Type.Integer({ minimum: 0, description: 'operation × status pairs answered but not in the schema' })
  }),
  operations: Type.Array(Type.Object({
    operationId: Nullable(Type.String()),
    method: Type.String(),
    route: Type.String({ examples: ['/ccs/api/v1/jobs/:jobId'] }),
    exercised: Type.Boolean({ description: 'at least one request reached it' }),
    statuses: Type.Array(Type.Object({
      status: Type.String({ examples: ['400'] }),
      documented: Type.Boolean({ description: 'false: answered, but the schema does not document it' }),
      count: Type.Integer({ minimum: 0, description: 'answers the simulation gave' }),
      stubbed: Type.Integer({ minimum: 0, description: 'answers a response stub (fault type `stub`) gave instead: they exercised nothing real' })
    }))
  }))
}, { title: 'CoverageReport' })

export type JournalEntry = Static<typeof JournalEntrySchema>
export type NearMiss = Static<typeof NearMissSchema>
export type CoverageReport = Static<typeof CoverageReportSchema>
