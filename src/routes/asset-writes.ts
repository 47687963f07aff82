import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { buildAssets, type CreateAssetsOutcome } from '../domain/catalog/create-assets.js'
import { resolveAssetsToDelete, type DeleteAssetsOutcome } from '../domain/catalog/delete-assets.js'
import { MANAGE_ASSETS_AND_AGENTS_PERMISSION, MANAGE_ASSETS_PERMISSION } from '../domain/auth/permissions.js'
import { planDeleteAssetsAndAgents, type DeleteAssetsAndAgentsOutcome } from '../domain/catalog/delete-assets-and-agents.js'
import { forbidden, invalidRequest } from '../errors.js'
import { CreateAssetsRequestSchema, CreateAssetsResponseSchema, DeleteAssetsAndAgentsRequestSchema, DeleteAssetsAndAgentsResponseSchema, DeleteAssetsRequestSchema, DeleteAssetsResponseSchema, type NewAsset } from '../schemas/catalog-writes.js'
import { authenticatedErrorResponses } from '../schemas/common.js'
import { caller } from './caller.js'

const RIGHTS = 'Needs View assets and Manage assets and asset groups, and folder rights over every asset concerned (a sub-folder of Asset System is enough).'

/** Create Asset, Delete Asset, Delete Assets and Agents (spec §6; vendor pages). A 200 means the change is on disk. */
const assetWrites: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/assets', {
    config: { permission: MANAGE_ASSETS_PERMISSION },
    schema: {
      tags: ['Assets'],
      operationId: 'createAssets',
      summary: 'Create assets (agentless collection) from typed attribute maps',
      description: `Each item names its \`Type\` and attributes named after the type; \`container\` picks the folder below Asset System. Answers the new GUIDs in the order sent. ${RIGHTS}`,
      security: [{ bearerAuth: [] }],
      body: CreateAssetsRequestSchema,
      response: { 200: CreateAssetsResponseSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const user = caller(request.user)
    const outcome = await request.store.changeCatalog<CreateAssetsOutcome>((catalog) => {
      const built = buildAssets(request.body as NewAsset[], catalog, user, app.clock.now())
      return built.kind === 'created' ? { result: built, undo: catalog.addAssets(built.assets) } : { result: built }
    })
    if (outcome.kind === 'invalid') throw invalidRequest(outcome.modelState)
    if (outcome.kind === 'forbidden') throw forbidden()
    const ids = outcome.assets.map((asset) => asset.ID)
    request.log.info({ assetIds: ids }, 'assets created')
    return ids
  })

  app.delete('/assets', {
    config: { permission: MANAGE_ASSETS_PERMISSION },
    schema: {
      tags: ['Assets'],
      operationId: 'deleteAssets',
      summary: 'Delete assets by GUID',
      description: `Deletes every asset named, or none: an unknown ID (or one outside the caller's folders) is a 400 naming it. The assets leave their asset groups; jobs keep naming them. Answers the deleted GUIDs. ${RIGHTS}`,
      security: [{ bearerAuth: [] }],
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

  app.delete('/AssetsAndAgents', {
    config: { permission: MANAGE_ASSETS_AND_AGENTS_PERMISSION },
    schema: {
      tags: ['Assets'],
      operationId: 'deleteAssetsAndAgents',
      summary: 'Delete assets and their agents, or only delink them',
      description: `The vendor's page documents the fields, not the URL: this path is ccs-mock's (docs/decisions.md). Default: deletes the assets, their agents stay. DeleteAgent: deletes their agents too. DelinkAgentsAndAssetsOnly: takes the assets off their agents and deletes nothing. Every asset must exist, or nothing changes (400 naming it). Needs View agents, View assets, Manage agents and Manage assets and asset groups, and folder rights over every asset (a sub-folder of Asset System is enough).`,
      security: [{ bearerAuth: [] }],
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
