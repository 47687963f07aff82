import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Duration } from 'luxon'
import type { ControlledClock } from '../../domain/clock.js'
import { AdminError, AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { ClockChangeSchema, ClockStateSchema } from '../control-schemas.js'

/** `PT90M`, `P7D`, `P1DT2H`: a forward ISO 8601 duration in milliseconds. */
export function durationMs (text: string): number {
  const duration = Duration.fromISO(text.trim())
  const ms = duration.isValid ? duration.as('milliseconds') : Number.NaN
  if (!Number.isFinite(ms) || ms < 0) throw new AdminError(400, `advance must be a forward ISO 8601 duration such as PT90M or P7D, got '${text}'.`)
  return ms
}

const stateOf = (clock: ControlledClock, timeZone: string) =>
  ({ now: new Date(clock.now()).toISOString(), frozen: clock.frozen, timeZone })

/** The server clock: read, freeze, set, advance. Moving it plays every schedule and run it passes. */
const clock: FastifyPluginAsyncTypebox<{ timeZone: string }> = async (app, options) => {
  app.get('/clock', {
    schema: {
      tags: ['Clock'],
      operationId: 'getClock',
      summary: 'The server clock',
      response: { 200: ClockStateSchema, ...protectedErrors }
    }
  }, async () => stateOf(app.clock, options.timeZone))

  app.post('/clock', {
    schema: {
      tags: ['Clock'],
      operationId: 'changeClock',
      summary: 'Freeze, resume, set or advance the server clock',
      description: 'Applied in the order real, set, advance, freeze. Every data set then catches up: advancing P7D plays a week of schedules and runs in time order; PT90M expires access tokens.',
      body: ClockChangeSchema,
      response: { 200: ClockStateSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const { freeze, set, advance, real } = request.body
    const target = set === undefined ? undefined : Date.parse(set)
    if (target !== undefined && Number.isNaN(target)) throw new AdminError(400, `set must be an ISO 8601 date-time, got '${set ?? ''}'.`)
    const step = advance === undefined ? 0 : durationMs(advance)
    if (real === true) app.clock.reset()
    if (target !== undefined) app.clock.set(target)
    if (step > 0) app.clock.advance(step)
    if (freeze === true) app.clock.freeze()
    if (freeze === false) app.clock.resume()
    await app.stores.settleAll()
    request.log.info({ clock: app.clock.state }, 'clock changed')
    return stateOf(app.clock, options.timeZone)
  })
}

export default clock
