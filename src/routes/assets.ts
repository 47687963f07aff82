import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { canSeePath, TASKS } from '../domain/permissions.js'
import { attributeQueryParam, inContainer, pageOf } from '../domain/search.js'
import { notFound } from '../errors.js'
import { AssetSearchResultSchema, AssetViewSchema, SearchQuerySchema, type Asset } from '../schemas/catalog.js'
import { authenticatedErrorResponses, Guid, HttpErrorSchema } from '../schemas/common.js'

const VIEW_ASSETS = { tasks: [TASKS.viewAssets], folders: [] }

const assetView = (asset: Asset) => ({ DisplayName: asset.DisplayName, ID: asset.ID, Type: asset.Type, Path: asset.Path, Attributes: asset.Attributes })
const assetListItem = (asset: Asset) => ({ Id: asset.ID, DisplayName: asset.DisplayName, Type: asset.Type, Path: asset.Path, Attributes: asset.Attributes })

/** Asset search and lookup (spec §6). Users see only assets inside their folder rights. */
const assets: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/assets', {
    config: { permission: VIEW_ASSETS },
    schema: {
      tags: ['Assets'],
      operationId: 'searchAssets',
      summary: 'Search assets with the Attributes query language',
      security: [{ bearerAuth: [] }],
      querystring: SearchQuerySchema,
      response: { 200: AssetSearchResultSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { Attributes, ContainerPath, SearchSubTree = true, page, pagesize } = request.query
    const query = attributeQueryParam(Attributes)
    const user = request.user
    const key = JSON.stringify([Attributes ?? '', ContainerPath ?? '', SearchSubTree, user?.Folders ?? []])
    const found = app.store.catalog.assets.searchCached(key, query, (asset) =>
      user !== null && canSeePath(user, asset.Path) && inContainer(asset.Path, ContainerPath, SearchSubTree))
    const { items, totalPages } = pageOf(found, page, pagesize)
    return { assetDataList: items.map(assetListItem), TotalPages: totalPages }
  })

  app.get('/assets/:id', {
    config: { permission: VIEW_ASSETS },
    schema: {
      tags: ['Assets'],
      operationId: 'getAsset',
      summary: 'An asset by its GUID',
      security: [{ bearerAuth: [] }],
      params: Type.Object({ id: Guid() }),
      response: { 200: AssetViewSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const asset = app.store.catalog.asset(request.params.id)
    if (asset === undefined || request.user === null || !canSeePath(request.user, asset.Path)) {
      throw notFound(`No asset with ID '${request.params.id}' exists.`)
    }
    return assetView(asset)
  })
}

export default assets
