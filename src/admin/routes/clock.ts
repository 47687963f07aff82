import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Duration } from 'luxon'
import { CLOCK_MAX_MS, CLOCK_MIN_MS, MAX_ADVANCE_MS, withinClockRange, type ControlledClock } from '../../domain/clock.js'
import { AdminError, AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { ClockChangeSchema, ClockStateSchema, SessionQuerySchema } from '../control-schemas.js'
import { dataSetKeyOf, noSession, readDataSet } from '../data-sets.js'

/** `PT90M`, `P7D`, `P1DT2H`: a forward ISO 8601 duration of at most 100 years, in milliseconds. */
export function durationMs (text: string): number {
  const duration = Duration.fromISO(text.trim())
  const ms = duration.isValid ? duration.as('milliseconds') : Number.NaN
  if (!Number.isFinite(ms) || ms < 0) throw new AdminError(400, `advance must be a forward ISO 8601 duration such as PT90M or P7D, got '${text}'.`, { advance: ['must be a forward ISO 8601 duration'] })
  if (ms > MAX_ADVANCE_MS) throw new AdminError(400, `advance may be at most P100Y, got '${text}'.`, { advance: ['must be at most P100Y'] })
  return ms
}

const RANGE = `${new Date(CLOCK_MIN_MS).toISOString()} to ${new Date(CLOCK_MAX_MS).toISOString()}`

/** An instant the clock may show, or a 400 naming the field. */
export function clockInstant (ms: number, field: string, text: string): number {
  if (Number.isNaN(ms)) throw new AdminError(400, `${field} must be an ISO 8601 date-time, got '${text}'.`, { [field]: ['must be an ISO 8601 date-time'] })
  if (!withinClockRange(ms)) throw new AdminError(400, `${field} must be from ${RANGE}, got '${text}'.`, { [field]: [`must be from ${RANGE}`] })
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
      summary: 'The server clock, or a session\'s',
      description: 'The server clock is the default data set\'s; a session (`?session=` or the X-CCS-Mock-Session header) has its own, which starts where the server clock stood when the session was created.',
      querystring: SessionQuerySchema,
      response: { 200: ClockStateSchema, 400: AdminErrorSchema, 404: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const key = dataSetKeyOf(request, request.query.session)
    const session = await app.stores.session(key, false)
    if (session === undefined) throw noSession(key ?? '')
    return stateOf(session.clock, options.timeZone)
  })

  app.post('/clock', {
    schema: {
      tags: ['Clock'],
      operationId: 'changeClock',
      summary: 'Freeze, resume, set or advance the server clock, or a session\'s',
      description: 'Applied in the order real, freeze, set, advance, resume (`freeze: false`), to the server clock (the default data set\'s) or to a session\'s own clock (`?session=` or the X-CCS-Mock-Session header); that data set, and no other, then catches up: advancing P7D plays a week of its schedules and runs in time order; PT90M expires its access tokens.',
      querystring: SessionQuerySchema,
      body: ClockChangeSchema,
      response: { 200: ClockStateSchema, 400: AdminErrorSchema, 404: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const { freeze, set, advance, real } = request.body
    const key = dataSetKeyOf(request, request.query.session)
    const target = set === undefined ? undefined : clockInstant(Date.parse(set), 'set', set)
    const step = advance === undefined ? 0 : durationMs(advance)
    return await readDataSet(app, key, async (store, session) => {
      const { clock } = session
      const from = target ?? (real === true ? Date.now() : clock.now())
      if (step > 0) clockInstant(from + step, 'advance', `${new Date(from).toISOString()} + ${advance ?? ''}`)
      if (real === true) clock.reset()
      // Frozen before it is set or advanced: set on a running clock, then frozen, it
      // would stand a millisecond late whenever real time ticked between the two reads.
      if (freeze === true) clock.freeze()
      if (target !== undefined) clock.set(target)
      if (step > 0) clock.advance(step)
      if (freeze === false) clock.resume()
      await app.stores.saveClock(key)
      await store.engine.settle()
      request.log.info({ session: key, clock: clock.state }, 'clock changed')
      return stateOf(clock, options.timeZone)
    })
  })
}

export default clock
