import fp from 'fastify-plugin'
import type { Clock } from '../domain/clock.js'

declare module 'fastify' {
  interface FastifyInstance {
    clock: Clock
  }
}

export default fp<{ clock: Clock }>(async function clockPlugin (app, options) {
  app.decorate('clock', options.clock)
}, { name: 'clock' })
