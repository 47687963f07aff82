import { Type, type Static } from 'typebox'
import { Guid } from './common.js'

export const FAULT_TYPES = ['delay', 'status', 'drop', 'empty', 'truncate', 'expiredToken', 'stub'] as const
export type FaultType = typeof FAULT_TYPES[number]

/** The longest delay a rule may ask for: long enough to outlast any client timeout. */
export const MAX_DELAY_MS = 300_000

const DelayMs = (description: string) => Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS, description }))

/**
 * One flat object rather than a union per type, so a mistake is reported once, on
 * the field that is wrong; which fields each type takes is checked in domain/fault-rules.ts.
 */
export const FaultSchema = Type.Object({
  type: Type.Enum([...FAULT_TYPES], { description: 'delay: wait, then serve normally · status: answer this error status (400–599) · drop: close the connection without answering · empty: the real status and headers, no body · truncate: the real response cut short · expiredToken: 401, and the caller\'s access token stops working · stub: answer any status (2xx too) with this body instead of the simulation, for the odd case it does not cover (a response stub); the journal and coverage count it as stubbed' }),
  ms: DelayMs('delay: fixed milliseconds'),
  minMs: DelayMs('delay: random milliseconds from minMs to maxMs (with the rule\'s seed)'),
  maxMs: DelayMs('delay: see minMs'),
  status: Type.Optional(Type.Integer({ minimum: 200, maximum: 599, description: 'status: the status code, 400–599 · stub: any status code, 200–599', examples: [500] })),
  body: Type.Optional(Type.Unknown({ description: 'status, stub: the body; a string is sent as it is, anything else as JSON. Default: the Web API error body for an error status, none for a success' })),
  headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'status, stub: extra response headers, e.g. Retry-After' })),
  bytes: Type.Optional(Type.Integer({ minimum: 0, description: 'truncate: bytes of the body to send (default half; always fewer than the whole)' }))
}, { title: 'Fault' })

export const FaultRuleSchema = Type.Object({
  method: Type.Optional(Type.String({ minLength: 1, maxLength: 16, description: 'HTTP method, case-insensitive; `*` (the default) for any', examples: ['POST'] })),
  path: Type.String({ minLength: 1, maxLength: 2048, description: 'URL path, case-insensitive, without the query: exact, or a glob where `*` matches within one segment and a `**` segment any number of segments', examples: ['/ccs/api/v1/jobs', '/ccs/api/v1/jobs/*', '/ccs/**'] }),
  user: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'Only requests of this CCS user (case-insensitive): the bearer token\'s user, or the token request\'s username', examples: ['domain1\\administrator'] })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Fire this many times, then disappear. Default: until deleted' })),
  probability: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Chance of firing on a matching request. Default 1' })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'Seed of the rule\'s random sequence (probability, random delay). Default: chosen at random and shown' })),
  fault: FaultSchema
}, { title: 'FaultRuleRequest' })

export const FaultRuleViewSchema = Type.Object({
  id: Guid(),
  session: Type.Union([Type.String(), Type.Null()], { description: 'the session (X-CCS-Mock-Session) whose requests the rule applies to, as it was created with; null: every request (created without a session)' }),
  method: Type.String({ examples: ['POST', '*'] }),
  path: Type.String(),
  user: Type.Optional(Type.String()),
  count: Type.Optional(Type.Integer({ description: 'As created' })),
  remaining: Type.Optional(Type.Integer({ description: 'Firings left (with count)' })),
  probability: Type.Number(),
  seed: Type.Integer(),
  fired: Type.Integer({ description: 'Times fired so far' }),
  fault: FaultSchema
}, { title: 'FaultRule' })

export const FaultRuleListSchema = Type.Array(FaultRuleViewSchema, { title: 'FaultRuleList' })

export const FaultRuleParamsSchema = Type.Object({ id: Guid() })

export type FaultInput = Static<typeof FaultSchema>
export type FaultRuleRequest = Static<typeof FaultRuleSchema>
export type FaultRuleView = Static<typeof FaultRuleViewSchema>
