import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify'
import fp from 'fastify-plugin'
import type { TokenLifetimes } from '../domain/auth/tokens.js'
import type { EngineListener, RunNotifier } from '../domain/runs/job-engine.js'
import type { RunDurations } from '../domain/runs/run-plan.js'
import { badRequest } from '../errors.js'
import type { Store } from '../store/open-store.js'
import { checkSessionName } from '../store/session-names.js'
import { StoreRegistry } from '../store/store-registry.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Every data set: the default one and the isolated sessions. */
    stores: StoreRegistry
    /** Wraps a CCS route's handler so it runs on its session's data set, leased for the handler's whole run. */
    onDataSet: (handler: RouteHandlerMethod) => RouteHandlerMethod
  }
  interface FastifyRequest {
    /** The session the request names (X-CCS-Mock-Session, lower case), or null for the default data set. */
    sessionKey: string | null
    /** Why the X-CCS-Mock-Session header names no session (a 400 once the request is routed), or null. */
    sessionProblem: string | null
    /** The data set this request reads and changes, while its handler runs. */
    store: Store
  }
}

export const SESSION_HEADER = 'x-ccs-mock-session'

export interface StorePluginOptions {
  dataDir: string
  fixturesDir: string
  jobsPerSegment: number
  durations: RunDurations
  timeZone: string
  notifier?: RunNotifier
  /** Hears every data set's engine (the live console). */
  engineListener?: EngineListener
  tokenLifetimes: TokenLifetimes
  loginThrottle: { limit: number, windowSeconds: number }
  maxSessions: number
  sessionIdleSeconds: number
}

/** Refuses a request whose session header names no session (the CCS and control-plane scopes call it first). */
export function checkSessionHeader (request: FastifyRequest): void {
  if (request.sessionProblem !== null) throw badRequest(request.sessionProblem)
}

/**
 * Opens the data sets before the server listens. A request's session is read from its
 * header when it arrives, but its data set is only opened — and a new session only
 * created — once the request is authenticated and routed: `onDataSet` wraps each CCS
 * handler so it leases the data set (letting its job engine catch up with its clock
 * first) and gives it back when the handler is done, whatever happens to the reply.
 */
export default fp<StorePluginOptions>(async function storePlugin (app, options) {
  const stores = await StoreRegistry.open({
    dataDir: options.dataDir,
    fixturesDir: options.fixturesDir,
    jobsPerSegment: options.jobsPerSegment,
    engine: { durations: options.durations, timeZone: options.timeZone, notifier: options.notifier, listener: options.engineListener, log: app.log },
    serverClock: app.clock,
    tokenLifetimes: options.tokenLifetimes,
    loginThrottle: options.loginThrottle,
    maxSessions: options.maxSessions,
    idleMs: options.sessionIdleSeconds * 1000
  })
  app.decorate('stores', stores)
  app.decorateRequest('sessionKey', null)
  app.decorateRequest('sessionProblem', null)
  app.decorateRequest('store', null as unknown as Store)
  app.decorate('onDataSet', (routeHandler: RouteHandlerMethod): RouteHandlerMethod => {
    const handler = routeHandler as (this: unknown, request: FastifyRequest, reply: FastifyReply) => unknown
    return function leased (this: unknown, request: FastifyRequest, reply: FastifyReply) {
      return stores.withLease(request.sessionKey, true, (lease) => {
        request.store = lease.store
        return handler.call(this, request, reply)
      })
    } as RouteHandlerMethod
  })
  // Read here, refused later: the request still reaches the journal with its 400.
  app.addHook('onRequest', function readSessionHeader (request, _reply, done) {
    const header = request.headers[SESSION_HEADER]
    if (header !== undefined) {
      const check = checkSessionName(header)
      if (check.ok) request.sessionKey = check.key
      else request.sessionProblem = `The ${SESSION_HEADER} header is not a session name. ${check.reason}`
    }
    done()
  })
  app.addHook('onClose', async () => {
    await stores.close()
  })
}, { name: 'store', dependencies: ['clock'] })

