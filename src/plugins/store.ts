import fp from 'fastify-plugin'
import type { RunNotifier } from '../domain/job-engine.js'
import type { RunDurations } from '../domain/run-plan.js'
import { openStore, type Store } from '../store/open-store.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
  }
  interface FastifyRequest {
    /** The data this request reads and changes (one store per isolated session). */
    store: Store
  }
}

export interface StorePluginOptions {
  dataDir: string
  fixturesDir: string
  jobsPerSegment: number
  durations: RunDurations
  timeZone: string
  notifier?: RunNotifier
}

/**
 * Opens the data dir before the server listens and starts its job engine; every
 * request first lets the engine catch up with the clock. Flushes every pending
 * write on close.
 */
export default fp<StorePluginOptions>(async function storePlugin (app, options) {
  const store = await openStore({
    dataDir: options.dataDir,
    fixturesDir: options.fixturesDir,
    jobsPerSegment: options.jobsPerSegment,
    now: app.clock.now(),
    engine: { clock: app.clock, durations: options.durations, timeZone: options.timeZone, notifier: options.notifier, log: app.log }
  })
  store.engine.startTimer()
  app.decorate('store', store)
  app.decorateRequest('store', null as unknown as Store)
  app.addHook('onRequest', async (request) => {
    request.store = app.store
    await request.store.engine.settle()
  })
  app.addHook('onClose', async () => { await store.close() })
}, { name: 'store', dependencies: ['clock'] })
