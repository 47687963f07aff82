import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { canSeePath } from '../domain/auth/permissions.js'
import { assetListItem, type Catalog } from '../domain/catalog/catalog.js'
import { pageOf, searchFolders } from '../domain/catalog/search.js'
import { notFound } from '../errors.js'
import { AssetGroupSearchResultSchema, AssetGroupViewSchema, AssetSearchResultSchema, PagingQuerySchema, SearchQuerySchema, type Asset, type AssetGroup } from '../schemas/catalog.js'
import { authenticatedErrorResponses, Guid, HttpErrorSchema } from '../schemas/common.js'
import { operationRoute } from './operation.js'

type Caller = Parameters<typeof canSeePath>[0] | null

/** Asset groups (spec §6): search, one group, its member assets. */
const assetGroups: FastifyPluginAsyncTypebox = async (app) => {
  /** Members the caller may see: counts and lists agree, and hidden assets stay hidden. */
  const visibleMembers = (catalog: Catalog, group: AssetGroup, user: Caller): Asset[] => group.Members
    .map((id) => catalog.asset(id))
    .filter((asset): asset is Asset => asset !== undefined && user !== null && canSeePath(user, asset.Path))

  const groupView = (catalog: Catalog, group: AssetGroup, user: Caller) => ({
    Id: group.ID,
    DisplayName: group.DisplayName,
    Type: group.Type,
    Path: group.Path,
    Description: group.Description,
    MemberCount: visibleMembers(catalog, group, user).length
  })

  const visibleGroup = (catalog: Catalog, id: string, user: Caller): AssetGroup => {
    const group = catalog.assetGroup(id)
    if (group === undefined || user === null || !canSeePath(user, group.Path)) throw notFound(`No asset group with ID '${id}' exists.`)
    return group
  }

  const searchAssetGroups = operationRoute(['searchAssetGroups'], { tags: ['Asset groups'], operationId: 'searchAssetGroups', summary: 'Search asset groups with the Attributes query language' })
  app.get('/assetgroup', {
    config: searchAssetGroups.config,
    schema: {
      ...searchAssetGroups.schema,
      querystring: SearchQuerySchema,
      response: { 200: AssetGroupSearchResultSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { catalog } = request.store
    const { items, totalPages } = searchFolders(catalog.assetGroups, request.query, request.user)
    return { assetGroupDataList: items.map((group) => groupView(catalog, group, request.user)), TotalPages: totalPages }
  })

  const getAssetGroup = operationRoute(['getAssetGroup'], { tags: ['Asset groups'], operationId: 'getAssetGroup', summary: 'An asset group by its GUID' })
  app.get('/assetgroup/:id', {
    config: getAssetGroup.config,
    schema: {
      ...getAssetGroup.schema,
      params: Type.Object({ id: Guid() }),
      response: { 200: AssetGroupViewSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { catalog } = request.store
    return groupView(catalog, visibleGroup(catalog, request.params.id, request.user), request.user)
  })

  const getAssetGroupAssets = operationRoute(['getAssetGroupAssets'], { tags: ['Asset groups'], operationId: 'getAssetGroupAssets', summary: 'The member assets of an asset group, paged' })
  app.get('/assetgroup/:id/assets', {
    config: getAssetGroupAssets.config,
    schema: {
      ...getAssetGroupAssets.schema,
      params: Type.Object({ id: Guid() }),
      querystring: PagingQuerySchema,
      response: { 200: AssetSearchResultSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { user, store: { catalog } } = request
    const group = visibleGroup(catalog, request.params.id, user)
    const { items, totalPages } = pageOf(visibleMembers(catalog, group, user), request.query.page, request.query.pagesize)
    return { assetDataList: items.map(assetListItem), TotalPages: totalPages }
  })
}

export default assetGroups
