import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { parseAttributeQuery } from '../../domain/catalog/attribute-query.js'
import { FaultRules } from '../faults/fault-rules.js'
import type { Agent, Asset, AssetGroup, Standard, User } from '../../schemas/catalog.js'
import type { FaultRuleRequest } from '../../schemas/fault.js'
import type { Job } from '../../schemas/job.js'
import type { JobRun } from '../../schemas/run.js'
import type { RemediationTicket } from '../../schemas/tickets.js'
import type { Store } from '../../store/open-store.js'
import { StoreError } from '../../store/store-error.js'
import { AdminError, AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { ResetRequestSchema, ResetResultSchema, SessionQuerySchema, SnapshotSchema, type Snapshot } from '../control-schemas.js'
import { dataSetOf } from './sessions.js'

const EVERYTHING = parseAttributeQuery('')

function exportSnapshot (app: FastifyInstance, store: Store): Snapshot {
  const { catalog } = store
  return {
    formatVersion: 1,
    exportedAt: new Date(app.clock.now()).toISOString(),
    clock: { now: new Date(app.clock.now()).toISOString(), frozen: app.clock.frozen },
    faults: app.faults.list().map(({ id: _id, fired: _fired, remaining, count, ...rule }) => ({ ...rule, ...(count !== undefined ? { count: remaining ?? count } : {}) })),
    data: {
      users: catalog.users(),
      assets: catalog.assets.search(EVERYTHING),
      assetGroups: catalog.assetGroups.search(EVERYTHING),
      standards: catalog.standards.search(EVERYTHING),
      agents: [...catalog.agents.all()],
      tickets: [...store.tickets.all()],
      jobs: [...store.jobs.all()],
      runs: [...store.runs.all()]
    }
  }
}

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
      description: 'The default data set is replaced by a fresh copy of the fixtures (or of `fixtures`, which stays loaded for later resets and new sessions) and every session is removed. Fault rules, the journal and the clock stay as they are. Access tokens stay valid for users the fixture set still has.',
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
    return { fixtures: app.stores.fixtures, jobs: app.stores.default.jobs.count, sessionsRemoved: before }
  })

  app.get('/state', {
    schema: {
      tags: ['State'],
      operationId: 'exportState',
      summary: 'The whole state as one JSON snapshot: data, clock, fault rules',
      description: 'Of the default data set, or of `session`. Import it again with PUT /__admin/state to reproduce a bug or restore a demo.',
      querystring: SessionQuerySchema,
      response: { 200: SnapshotSchema, 404: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => exportSnapshot(app, await dataSetOf(app, request.query.session)))

  app.put('/state', {
    bodyLimit: 256 * 1024 * 1024,
    // The snapshot is stored data: taken exactly as exported (nulls included), not bound like a CCS body.
    config: { jsonNetBinding: false },
    schema: {
      tags: ['State'],
      operationId: 'importState',
      summary: 'Replace the state with a snapshot from GET /__admin/state',
      description: 'Replaces the data of the default data set (or of `session`, created if needed), sets the clock (frozen as it was) and replaces every fault rule.',
      querystring: SessionQuerySchema,
      body: SnapshotSchema,
      response: { 200: SnapshotSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const { data, clock, faults } = request.body
    const trial = new FaultRules()
    faults.forEach((rule, i) => {
      const outcome = trial.add(rule as FaultRuleRequest)
      if (!outcome.ok) throw new AdminError(400, `faults[${i}] is not a valid fault rule: ${JSON.stringify(outcome.errors)}`)
    })
    const session = request.query.session
    const seed = {
      users: data.users as User[],
      assets: data.assets as Asset[],
      assetGroups: data.assetGroups as AssetGroup[],
      standards: data.standards as Standard[],
      agents: (data.agents ?? []) as Agent[],
      tickets: (data.tickets ?? []) as RemediationTicket[],
      jobs: data.jobs as Job[],
      runs: [],
      runRecords: data.runs as unknown as JobRun[]
    }
    app.clock.set(Date.parse(clock.now))
    if (clock.frozen) app.clock.freeze()
    else app.clock.resume()
    try {
      await app.stores.replace(session, seed)
    } catch (err) {
      // Never leave the data set unusable: back to the fixtures, and say why.
      await app.stores.reset(session)
      throw new AdminError(400, `The snapshot's data cannot be loaded (the data set was reset to the fixtures): ${(err as Error).message}`)
    }
    app.faults.clear()
    for (const rule of faults) app.faults.add(rule as FaultRuleRequest)
    await app.stores.settleAll()
    request.log.info({ session, jobs: data.jobs.length, runs: data.runs.length }, 'state imported')
    return exportSnapshot(app, await dataSetOf(app, session))
  })
}

export default state
