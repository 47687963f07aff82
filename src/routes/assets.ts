import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { canSeePath } from '../domain/auth/permissions.js'
import { assetView } from '../domain/catalog/asset-view.js'
import { assetListItem } from '../domain/catalog/catalog.js'
import { pageKey, searchFolders } from '../domain/catalog/search.js'
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
  }, async (request, reply) => {
    const assets = request.store.catalog.assets
    // Dashboards poll the same search: its page is kept as the text the route's serializer made (~2.7 KB an asset).
    const text = assets.textCached(pageKey(request.query, request.user), () => {
      const { items, totalPages } = searchFolders(assets, request.query, request.user, true)
      return String(reply.serialize({ assetDataList: items.map(assetListItem), TotalPages: totalPages }))
    })
    // A string with a JSON content type is sent as it is (the type provider only knows the schema's object).
    return reply.type('application/json; charset=utf-8').send(text as never)
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
