import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { buildAssets, type CreateAssetsOutcome } from '../domain/catalog/create-assets.js'
import { resolveAssetsToDelete, type DeleteAssetsOutcome } from '../domain/catalog/delete-assets.js'
import { MANAGE_ASSETS_PERMISSION } from '../domain/auth/permissions.js'
import { forbidden, invalidRequest } from '../errors.js'
import { CreateAssetsRequestSchema, CreateAssetsResponseSchema, DeleteAssetsRequestSchema, DeleteAssetsResponseSchema, type NewAsset } from '../schemas/catalog-writes.js'
import { authenticatedErrorResponses } from '../schemas/common.js'
import { caller } from './caller.js'

const RIGHTS = 'Needs View assets and Manage assets and asset groups, and folder rights over every asset concerned (a sub-folder of Asset System is enough).'

/** Create Asset and Delete Asset (spec §6; vendor pages). A 200 means the change is on disk. */
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
}

export default assetWrites
