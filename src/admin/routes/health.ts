import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthSchema } from '../schemas.js'
import { VERSION } from '../version.js'

/** Liveness and readiness for docker-compose and CI waits; answers without the admin key. */
const health: FastifyPluginAsyncTypebox = async (app) => {
  const startedAt = app.clock.now()

  app.get('/health', {
    // A container health check every 10 s would otherwise write 8 640 info lines a day.
    config: { adminPublic: true, requestLogLevel: 'debug' },
    schema: {
      tags: ['Health'],
      operationId: 'getHealth',
      summary: 'Is the server up and its store open',
      description: 'Never needs the admin key, so container health checks work on any address.',
      response: { 200: HealthSchema }
    }
  }, async () => ({
    status: 'ok' as const,
    // The store opens before the server listens: answering at all means ready.
    ready: true,
    version: VERSION,
    startedAt: new Date(startedAt).toISOString(),
    uptimeSeconds: Math.max(0, Math.floor((app.clock.now() - startedAt) / 1000)),
    jobs: await app.stores.withExisting(null, (store) => store.jobs.count) ?? 0,
    journal: { capacity: app.journal.capacity, size: app.journal.size() }
  }))
}

export default health
