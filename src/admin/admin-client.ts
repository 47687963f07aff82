import type { FastifyInstance, HTTPMethods } from 'fastify'
import { Duration } from 'luxon'
import type { Static } from 'typebox'
import type { FaultRuleRequest, FaultRuleView } from '../schemas/fault.js'
import type { NotificationRecord } from '../schemas/notification.js'
import { SESSION_HEADER } from '../plugins/store.js'
import { ADMIN_KEY_HEADER, ADMIN_PREFIX } from './access.js'
import type { ClockChangeSchema, ClockStateSchema, ResetResultSchema, SessionSchema, Snapshot } from './control-schemas.js'
import type { CoverageReport, HealthSchema, JournalEntry, NearMiss, RequestMatcher, RequestQuery } from './schemas.js'

export type Health = Static<typeof HealthSchema>
export type ClockStatus = Static<typeof ClockStateSchema>
export type ClockChange = Static<typeof ClockChangeSchema>
export type ResetResult = Static<typeof ResetResultSchema>
export type Session = Static<typeof SessionSchema>
export interface RequestList { total: number, requests: JournalEntry[] }
export interface UnmatchedRequest { request: JournalEntry, nearMisses: NearMiss[] }

/** A control-plane call that did not succeed; `body` is the control plane's error body. */
export class CcsMockAdminError extends Error {
  override name = 'CcsMockAdminError'

  constructor (readonly method: string, readonly path: string, readonly statusCode: number, readonly body: string) {
    super(`${method} ${path} answered ${statusCode}: ${body}`)
  }
}

/**
 * Typed helpers over `/__admin`, one per route. Made for a session (`ccs.session()`),
 * every call names it: the clock, fault rules, journal, coverage, notifications and
 * snapshots are that session's, and `reset` resets only it.
 */
export interface CcsMockAdmin {
  health: () => Promise<Health>
  /** POST /reset: every data set back to the fixtures (or to another fixture set); for a session's helpers, that session only. */
  reset: (fixtures?: string) => Promise<ResetResult | Session>
  clock: {
    get: () => Promise<ClockStatus>
    /** Jump to an instant (also backwards); the clock keeps running unless frozen. */
    set: (at: Date | string | number) => Promise<ClockStatus>
    /** An ISO 8601 duration (`PT90M`, `P7D`) or milliseconds; plays every schedule and run it passes. */
    advance: (by: string | number) => Promise<ClockStatus>
    freeze: () => Promise<ClockStatus>
    resume: () => Promise<ClockStatus>
    /** Back to real time, running. */
    real: () => Promise<ClockStatus>
    /** Any combination, applied in the order real, freeze, set, advance, resume (`freeze: false`). */
    change: (change: ClockChange) => Promise<ClockStatus>
  }
  faults: {
    add: (rule: FaultRuleRequest) => Promise<FaultRuleView>
    list: () => Promise<FaultRuleView[]>
    get: (id: string) => Promise<FaultRuleView>
    remove: (id: string) => Promise<void>
    clear: () => Promise<void>
  }
  requests: {
    list: (query?: RequestQuery) => Promise<RequestList>
    count: (matcher?: RequestMatcher) => Promise<number>
    unmatched: (query?: RequestQuery) => Promise<UnmatchedRequest[]>
    clear: () => Promise<void>
  }
  coverage: () => Promise<CoverageReport>
  resetCoverage: () => Promise<void>
  sessions: {
    list: () => Promise<Session[]>
    /** Reset a session to the fixtures, creating it when new. */
    reset: (name: string) => Promise<Session>
    remove: (name: string) => Promise<void>
  }
  notifications: (session?: string) => Promise<NotificationRecord[]>
  state: {
    export: (session?: string) => Promise<Snapshot>
    import: (snapshot: Snapshot, session?: string) => Promise<Snapshot>
  }
}

interface Call {
  body?: unknown
  query?: Record<string, string | number | undefined>
}

const queryOf = (query: Call['query'] = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(query).flatMap(([key, value]) => value === undefined ? [] : [[key, String(value)]]))

const sessionQuery = (session: string | undefined): Call['query'] => ({ session })

/**
 * Admin helpers that go through `app.inject`: no socket and no TLS, so they work
 * whatever certificate the server uses, and the admin key is sent when one is set.
 * With `session`, every call is that session's (X-CCS-Mock-Session).
 */
export function adminClient (app: FastifyInstance, adminKey?: string, session?: string): CcsMockAdmin {
  const headers: Record<string, string> = {
    ...(adminKey !== undefined ? { [ADMIN_KEY_HEADER]: adminKey } : {}),
    ...(session !== undefined ? { [SESSION_HEADER]: session } : {})
  }
  const call = async <T>(method: HTTPMethods, path: string, options: Call = {}): Promise<T> => {
    const res = await app.inject({
      method,
      url: `${ADMIN_PREFIX}${path}`,
      query: queryOf(options.query),
      headers,
      ...(options.body !== undefined ? { payload: options.body as object } : {})
    })
    if (res.statusCode >= 300) throw new CcsMockAdminError(method, `${ADMIN_PREFIX}${path}`, res.statusCode, res.body)
    return (res.statusCode === 204 ? undefined : res.json()) as T
  }
  const changeClock = async (change: ClockChange): Promise<ClockStatus> => await call('POST', '/clock', { body: change })

  return {
    health: async () => await call('GET', '/health'),
    reset: async (fixtures) => session === undefined
      ? await call('POST', '/reset', { body: fixtures === undefined ? {} : { fixtures } })
      : await call('POST', `/sessions/${encodeURIComponent(session)}/reset`, { body: {} }),
    clock: {
      get: async () => await call('GET', '/clock'),
      set: async (at) => await changeClock({ set: new Date(at).toISOString() }),
      advance: async (by) => await changeClock({ advance: typeof by === 'number' ? Duration.fromMillis(by).toISO() ?? 'PT0S' : by }),
      freeze: async () => await changeClock({ freeze: true }),
      resume: async () => await changeClock({ freeze: false }),
      real: async () => await changeClock({ real: true }),
      change: changeClock
    },
    faults: {
      add: async (rule) => await call('POST', '/faults', { body: rule }),
      list: async () => await call('GET', '/faults'),
      get: async (id) => await call('GET', `/faults/${encodeURIComponent(id)}`),
      remove: async (id) => { await call('DELETE', `/faults/${encodeURIComponent(id)}`) },
      clear: async () => { await call('DELETE', '/faults') }
    },
    requests: {
      list: async (query) => await call('GET', '/requests', { query }),
      count: async (matcher = {}) => (await call<{ count: number }>('POST', '/requests/count', { body: matcher })).count,
      unmatched: async (query) => (await call<{ requests: UnmatchedRequest[] }>('GET', '/requests/unmatched', { query })).requests,
      clear: async () => { await call('DELETE', '/requests') }
    },
    coverage: async () => await call('GET', '/coverage'),
    resetCoverage: async () => { await call('DELETE', '/coverage') },
    sessions: {
      list: async () => (await call<{ sessions: Session[] }>('GET', '/sessions')).sessions,
      reset: async (name) => await call('POST', `/sessions/${encodeURIComponent(name)}/reset`, { body: {} }),
      remove: async (name) => { await call('DELETE', `/sessions/${encodeURIComponent(name)}`) }
    },
    notifications: async (session) => (await call<{ notifications: NotificationRecord[] }>('GET', '/notifications', { query: sessionQuery(session) })).notifications,
    state: {
      export: async (session) => await call('GET', '/state', { query: sessionQuery(session) }),
      import: async (snapshot, session) => await call('PUT', '/state', { body: snapshot, query: sessionQuery(session) })
    }
  }
}
