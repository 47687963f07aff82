import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { STANDARD_AUTHOR, STANDARD_TARGET_TYPES } from '../domain/catalog/catalog.js'
import { searchFolders } from '../domain/catalog/search.js'
import { SearchQuerySchema, StandardSearchResultSchema, type Standard } from '../schemas/catalog.js'
import { authenticatedErrorResponses, HttpErrorSchema } from '../schemas/common.js'
import { operationRoute } from './operation.js'

const standardView = (standard: Standard) => ({
  Id: standard.ID,
  DisplayName: standard.DisplayName,
  Type: standard.Type,
  Path: standard.Path,
  Version: standard.Version,
  IsPredefined: standard.IsPredefined,
  Platform: standard.Platform,
  Description: standard.Description,
  CheckCount: standard.Checks.length,
  Attributes: [
    { Name: STANDARD_AUTHOR, Value: standard.Author ?? '', Values: [], IsMultiValued: false },
    { Name: STANDARD_TARGET_TYPES, Value: '', Values: standard.TargetTypeIDs ?? [], IsMultiValued: true }
  ]
})

/** Standards search (spec §6), e.g. `ContainerPath=standards\predefined\unix`. */
const standards: FastifyPluginAsyncTypebox = async (app) => {
  const searchStandards = operationRoute(['searchStandards'], {
    tags: ['Standards'],
    operationId: 'searchStandards',
    summary: 'Search standards with the Attributes query language',
    notes: 'Searchable attributes: displayName, id, type, path, version, isPredefined (True/False), platform, description, Symc-Standard-Author, symc-Standard-TargetTypeIDs (the GUIDs of the asset types the standard targets).'
  })
  app.get('/standards', {
    config: searchStandards.config,
    schema: {
      ...searchStandards.schema,
      querystring: SearchQuerySchema,
      response: { 200: StandardSearchResultSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { items, totalPages } = searchFolders(request.store.catalog.standards, request.query, request.user)
    return { standardDataList: items.map(standardView), TotalPages: totalPages }
  })
}

export default standards
