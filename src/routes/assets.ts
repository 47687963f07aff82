import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { canSeePath } from '../domain/auth/permissions.js'
import { assetView } from '../domain/catalog/asset-view.js'
import { assetListItem } from '../domain/catalog/catalog.js'
import { searchFolders } from '../domain/catalog/search.js'
import { notFound } from '../errors.js'
import { AssetSearchResultSchema, AssetViewSchema, SearchQuerySchema } from '../schemas/catalog.js'
import { authenticatedErrorResponses, Guid, HttpErrorSchema } from '../schemas/common.js'
import { operationRoute } from './operation.js'


/** Asset search and lookup (spec §6). Users see only assets inside their folder rights. */
const assets: FastifyPluginAsyncTypebox = async (app) => {
  const searchAssets = operationRoute(['searchAssets'], { tags: ['Assets'], operationId: 'searchAssets', summary: 'Search assets with the Attributes query language' })
  app.get('/assets', {
    config: searchAssets.config,
    schema: {
      ...searchAssets.schema,
      querystring: SearchQuerySchema,
      response: { 200: AssetSearchResultSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { items, totalPages } = searchFolders(request.store.catalog.assets, request.query, request.user, true)
    return { assetDataList: items.map(assetListItem), TotalPages: totalPages }
  })

  const getAsset = operationRoute(['getAsset'], { tags: ['Assets'], operationId: 'getAsset', summary: 'An asset by its GUID, with its type and its scores', notes: 'An asset outside the caller\'s folders is a 404 like an unknown one.' })
  app.get('/assets/:id', {
    config: getAsset.config,
    schema: {
      ...getAsset.schema,
      params: Type.Object({ id: Guid() }),
      response: { 200: AssetViewSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const asset = request.store.catalog.asset(request.params.id)
    if (asset === undefined || request.user === null || !canSeePath(request.user, asset.Path)) {
      throw notFound(`No asset with ID '${request.params.id}' exists.`)
    }
    return assetView(asset, request.store.runs)
  })
}

export default assets
