import fp from 'fastify-plugin'
import type { RunNotifier } from '../domain/runs/job-engine.js'
import type { RunDurations } from '../domain/runs/run-plan.js'
import { badRequest } from '../errors.js'
import type { Store } from '../store/open-store.js'
import { RefreshTokensRepository } from '../store/refresh-tokens-repository.js'
import { SESSION_NAME, StoreRegistry } from '../store/store-registry.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Every data set: the default one and the isolated sessions. */
    stores: StoreRegistry
    /** The default data set (changes when it is reset). */
    store: Store
    refreshTokens: RefreshTokensRepository
  }
  interface FastifyRequest {
    /** The data set this request reads and changes: its session's, or the default one. */
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

/**
 * Opens the data sets before the server listens; every request gets its session's
 * data set and lets that set's job engine catch up with the clock first. Flushes
 * every pending write on close.
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
  app.decorate('store', { getter: () => stores.default })
  app.decorate('refreshTokens', refreshTokens)
  app.decorateRequest('store', null as unknown as Store)
  app.addHook('onRequest', async (request) => {
    const session = request.headers[SESSION_HEADER]
    if (typeof session === 'string' && session !== '') {
      if (!SESSION_NAME.test(session)) {
        throw badRequest(`The ${SESSION_HEADER} header must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.`)
      }
      request.store = await stores.session(session)
    } else {
      request.store = stores.default
    }
    await request.store.engine.settle()
  })
  app.addHook('onClose', async () => {
    await stores.close()
    await refreshTokens.flush()
  })
}, { name: 'store', dependencies: ['clock'] })
