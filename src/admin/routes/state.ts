import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { StoreError } from '../../store/store-error.js'
import { SessionLimitError } from '../../store/store-registry.js'
import { AdminError, AdminErrorSchema, invalidAdminRequest, protectedErrors } from '../admin-error.js'
import { ExportQuerySchema, ResetRequestSchema, ResetResultSchema, SessionQuerySchema, SnapshotSchema } from '../control-schemas.js'
import { dataSetKeyOf, readDataSet, sessionKeyFrom } from '../data-sets.js'
import { checkSnapshot, exportSnapshot } from '../snapshot.js'
import { clockInstant } from './clock.js'

/**
 * State as a whole: reset to the fixtures (or another fixture set), and export or
 * import everything — data, clock, fault rules — as one JSON snapshot.
 */
const state: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/reset', {
    schema: {
      tags: ['State'],
      operationId: 'resetState',
      summary: 'Reset every data set to the fixtures, or load another fixture set',
      description: 'The default data set is replaced by a fresh copy of the fixtures (or of `fixtures`, which stays loaded for later resets and new sessions) and every session is removed. Requests in flight finish first; requests arriving meanwhile wait. Fault rules, the journal and the clock stay as they are. Access tokens stay valid for users the fixture set still has.',
      body: ResetRequestSchema,
      response: { 200: ResetResultSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const before = (await app.stores.sessionNames()).length
    try {
      await app.stores.resetAll(request.body?.fixtures)
    } catch (err) {
      if (err instanceof StoreError) throw new AdminError(400, `The fixture set cannot be loaded: ${err.message}`)
      throw err
    }
    request.log.info({ fixtures: app.stores.fixtures }, 'state reset')
    const jobs = await readDataSet(app, null, (store) => store.jobs.count)
    return { fixtures: app.stores.fixtures, jobs, sessionsRemoved: before }
  })

  app.get('/state', {
    schema: {
      tags: ['State'],
      operationId: 'exportState',
      summary: 'The whole state of a data set as one JSON snapshot: data, clock, fault rules',
      description: 'Of the default data set (with the server clock and the rules for every request), or of `session` (or the X-CCS-Mock-Session header: its clock and its own rules). Users come without their passwords unless `includePasswords=true`. Import it again with PUT /__admin/state to reproduce a bug or restore a demo.',
      querystring: ExportQuerySchema,
      response: { 200: SnapshotSchema, 400: AdminErrorSchema, 404: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const key = dataSetKeyOf(request, request.query.session)
    return await readDataSet(app, key, (store, session) => exportSnapshot(store, {
      clock: session.clock.state, faults: app.faults.ownedBy(key), session: key, includePasswords: request.query.includePasswords === true
    }))
  })

  app.put('/state', {
    bodyLimit: 256 * 1024 * 1024,
    // The snapshot is stored data: taken exactly as exported (nulls included), not bound like a CCS body.
    config: { jsonNetBinding: false },
    schema: {
      tags: ['State'],
      operationId: 'importState',
      summary: 'Replace the state with a snapshot from GET /__admin/state',
      description: 'Replaces the data of the default data set (or of `session` / the X-CCS-Mock-Session header, created if needed), sets its clock (frozen as it was; the server clock for the default data set) and replaces its fault rules (a session\'s own, or the default data set\'s rules for every request). All or nothing: the whole snapshot is checked first (shapes, repeated IDs and job names, fault rules as POST /__admin/faults checks them, the clock\'s range), and a rejected import changes nothing.',
      querystring: SessionQuerySchema,
      body: SnapshotSchema,
      response: { 200: SnapshotSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const { clock, session } = request.body
    const key = dataSetKeyOf(request, request.query.session)
    if (typeof session === 'string') sessionKeyFrom(session, 'session')
    const now = clockInstant(Date.parse(clock.now), 'clock.now', clock.now)
    const checked = checkSnapshot(request.body, await app.stores.fixtureUserDirectory())
    if (!checked.ok) throw invalidAdminRequest(checked.errors)
    try {
      await app.stores.replace(key, checked.seed, { now, frozen: clock.frozen })
    } catch (err) {
      if (err instanceof SessionLimitError) throw err
      request.log.error({ err }, 'snapshot import failed')
      throw new AdminError(400, `The snapshot's data cannot be stored: ${err instanceof StoreError ? 'a record does not fit the store' : 'an internal error occurred'}. Nothing was changed.`)
    }
    app.faults.clearOwnedBy(key)
    for (const rule of checked.faults) app.faults.add(rule, key)
    request.log.info({ session: key, jobs: checked.seed.jobs.length, runs: checked.seed.runRecords.length }, 'state imported')
    return await readDataSet(app, key, (store, session) =>
      exportSnapshot(store, { clock: session.clock.state, faults: app.faults.ownedBy(key), session: key, includePasswords: false }))
  })
}

export default state
