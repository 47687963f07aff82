import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify'
import fp from 'fastify-plugin'
import type { RunNotifier } from '../domain/runs/job-engine.js'
import type { RunDurations } from '../domain/runs/run-plan.js'
import { badRequest } from '../errors.js'
import type { Store } from '../store/open-store.js'
import { RefreshTokensRepository } from '../store/refresh-tokens-repository.js'
import { checkSessionName } from '../store/session-names.js'
import { StoreRegistry } from '../store/store-registry.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Every data set: the default one and the isolated sessions. */
    stores: StoreRegistry
    refreshTokens: RefreshTokensRepository
    /** Wraps a CCS route's handler so it runs on its session's data set, leased for the handler's whole run. */
    onDataSet: (handler: RouteHandlerMethod) => RouteHandlerMethod
  }
  interface FastifyRequest {
    /** The session the request names (X-CCS-Mock-Session, lower case), or null for the default data set. */
    sessionKey: string | null
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
}

/** The session a request names in its header; a name that is no session name is a 400. */
function sessionKeyOf (request: FastifyRequest): string | null {
  const header = request.headers[SESSION_HEADER]
  if (header === undefined) return null
  const check = checkSessionName(header)
  if (!check.ok) throw badRequest(`The ${SESSION_HEADER} header is not a session name. ${check.reason}`)
  return check.key
}

/**
 * Opens the data sets before the server listens. A request's session is read from its
 * header when it arrives, but its data set is only opened — and a new session only
 * created — once the request is authenticated and routed: `onDataSet` wraps each CCS
 * handler so it leases the data set (letting its job engine catch up with the clock
 * first) and gives it back when the handler is done, whatever happens to the reply.
 */
export default fp<StorePluginOptions>(async function storePlugin (app, options) {
  const stores = await StoreRegistry.open({
    dataDir: options.dataDir,
    fixturesDir: options.fixturesDir,
    jobsPerSegment: options.jobsPerSegment,
    engine: { clock: app.clock, durations: options.durations, timeZone: options.timeZone, notifier: options.notifier, log: app.log }
  })
  const refreshTokens = await RefreshTokensRepository.open(options.dataDir)
  app.decorate('stores', stores)
  app.decorate('refreshTokens', refreshTokens)
  app.decorateRequest('sessionKey', null)
  app.decorateRequest('store', null as unknown as Store)
  app.decorate('onDataSet', (handler: RouteHandlerMethod): RouteHandlerMethod => async function leased (this: unknown, request: FastifyRequest, reply: FastifyReply) {
    const lease = await stores.lease(request.sessionKey, true)
    if (lease === undefined) throw new Error('a created data set cannot be missing')
    request.store = lease.store
    try {
      await lease.store.engine.settle()
      return await (handler as (this: unknown, request: FastifyRequest, reply: FastifyReply) => unknown).call(this, request, reply)
    } finally {
      lease.release()
    }
  } as RouteHandlerMethod)
  app.addHook('onRequest', async (request) => {
    request.sessionKey = sessionKeyOf(request)
  })
  app.addHook('onClose', async () => {
    await stores.close()
    await refreshTokens.flush()
  })
}, { name: 'store', dependencies: ['clock'] })
