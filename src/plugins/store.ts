import fp from 'fastify-plugin'
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
}

/** Opens the data dir before the server listens; flushes every pending write on close. */
export default fp<StorePluginOptions>(async function storePlugin (app, options) {
  const store = await openStore({ dataDir: options.dataDir, fixturesDir: options.fixturesDir, jobsPerSegment: options.jobsPerSegment, now: app.clock.now() })
  app.decorate('store', store)
  app.decorateRequest('store', null as unknown as Store)
  app.addHook('onRequest', async (request) => { request.store = app.store })
  app.addHook('onClose', async () => { await store.flush() })
}, { name: 'store', dependencies: ['clock'] })
