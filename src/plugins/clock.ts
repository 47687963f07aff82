import fp from 'fastify-plugin'
import type { ControlledClock } from '../domain/clock.js'

declare module 'fastify' {
  interface FastifyInstance {
    clock: ControlledClock
  }
}

export default fp<{ clock: ControlledClock }>(async function clockPlugin (app, options) {
  app.decorate('clock', options.clock)
}, { name: 'clock' })
