import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { buildAssets, type CreateAssetsOutcome } from '../domain/catalog/create-assets.js'
import { resolveAssetsToDelete, type DeleteAssetsOutcome } from '../domain/catalog/delete-assets.js'
import { planDeleteAssetsAndAgents, type DeleteAssetsAndAgentsOutcome } from '../domain/catalog/delete-assets-and-agents.js'
import { forbidden, invalidRequest } from '../errors.js'
import { CreateAssetsRequestSchema, CreateAssetsResponseSchema, DeleteAssetsAndAgentsRequestSchema, DeleteAssetsAndAgentsResponseSchema, DeleteAssetsRequestSchema, DeleteAssetsResponseSchema, type NewAsset } from '../schemas/catalog-writes.js'
import { authenticatedErrorResponses } from '../schemas/common.js'
import { caller } from './caller.js'
import { operationRoute } from './operation.js'

const RIGHTS = 'Every asset concerned must lie inside the caller\'s folders.'

/** Create Asset, Delete Asset, Delete Assets and Agents (spec §6; vendor pages). A 200 means the change is on disk. */
const assetWrites: FastifyPluginAsyncTypebox = async (app) => {
  const createAssets = operationRoute(['createAssets'], {
    tags: ['Assets'],
    operationId: 'createAssets',
    summary: 'Create assets (agentless collection) from typed attribute maps',
    notes: `Each item names its \`Type\` and attributes named after the type; \`container\` picks the folder below Asset System. Answers the new GUIDs in the order sent. ${RIGHTS}`
  })
  app.post('/assets', {
    config: createAssets.config,
    schema: {
      ...createAssets.schema,
      body: CreateAssetsRequestSchema,
      response: { 200: CreateAssetsResponseSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const user = caller(request.user)
    const outcome = await request.store.changeCatalog<CreateAssetsOutcome>((catalog) => {
      const built = buildAssets(request.body as NewAsset[], catalog, user, request.store.clock.now())
      return built.kind === 'created' ? { result: built, undo: catalog.addAssets(built.assets) } : { result: built }
    })
    if (outcome.kind === 'invalid') throw invalidRequest(outcome.modelState)
    if (outcome.kind === 'forbidden') throw forbidden()
    const ids = outcome.assets.map((asset) => asset.ID)
    request.log.info({ assetIds: ids }, 'assets created')
    return ids
  })

  const deleteAssets = operationRoute(['deleteAssets'], {
    tags: ['Assets'],
    operationId: 'deleteAssets',
    summary: 'Delete assets by GUID',
    notes: 'Deletes every asset named, or none: an unknown ID (or one outside the caller\'s folders) is a 400 naming it. The assets leave their asset groups; jobs keep naming them. Answers the deleted GUIDs.'
  })
  app.delete('/assets', {
    config: deleteAssets.config,
    schema: {
      ...deleteAssets.schema,
      body: DeleteAssetsRequestSchema,
      response: { 200: DeleteAssetsResponseSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const user = caller(request.user)
    const outcome = await request.store.changeCatalog<DeleteAssetsOutcome>((catalog) => {
      const resolved = resolveAssetsToDelete(request.body, catalog, user)
      return resolved.ok ? { result: resolved, undo: catalog.removeAssets(resolved.ids) } : { result: resolved }
    })
    if (!outcome.ok) throw invalidRequest(outcome.modelState)
    request.log.info({ assetIds: outcome.ids }, 'assets deleted')
    return outcome.ids
  })

  const deleteAssetsAndAgents = operationRoute(['deleteAssetsAndAgents'], {
    tags: ['Assets'],
    operationId: 'deleteAssetsAndAgents',
    summary: 'Delete assets and their agents, or only delink them',
    notes: `The vendor's page documents the fields, not the URL: this path is ccs-mock's (docs/decisions.md). Default: deletes the assets, their agents stay. DeleteAgent: deletes their agents too. DelinkAgentsAndAssetsOnly: takes the assets off their agents and deletes nothing. Every asset must exist, or nothing changes (400 naming it). ${RIGHTS}`
  })
  app.delete('/AssetsAndAgents', {
    config: deleteAssetsAndAgents.config,
    schema: {
      ...deleteAssetsAndAgents.schema,
      body: DeleteAssetsAndAgentsRequestSchema,
      response: { 200: DeleteAssetsAndAgentsResponseSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const user = caller(request.user)
    const outcome = await request.store.changeCatalog<DeleteAssetsAndAgentsOutcome>((catalog) => {
      const planned = planDeleteAssetsAndAgents(request.body, catalog, user)
      if (!planned.ok) return { result: planned }
      const { plan } = planned
      if (plan.delinkOnly) return { result: planned, undo: catalog.delinkAssets(plan.assetIds) }
      const undoAssets = catalog.removeAssets(plan.assetIds)
      const undoAgents = catalog.removeAgents(plan.agentIds)
      return { result: planned, undo: () => { undoAgents(); undoAssets() } }
    })
    if (!outcome.ok) throw invalidRequest(outcome.modelState)
    const { plan } = outcome
    request.log.info({ assetIds: plan.assetIds, agentIds: plan.agentIds, delinkOnly: plan.delinkOnly }, plan.delinkOnly ? 'assets delinked from their agents' : 'assets and agents deleted')
    return plan.delinkOnly
      ? { DeletedAssets: [], DeletedAgents: [], DelinkedAssets: plan.assetIds }
      : { DeletedAssets: plan.assetIds, DeletedAgents: plan.agentIds, DelinkedAssets: [] }
  })
}

export default assetWrites
