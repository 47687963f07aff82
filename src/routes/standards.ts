import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { FOLDERS, TASKS } from '../domain/auth/permissions.js'
import { STANDARD_AUTHOR, STANDARD_TARGET_TYPES } from '../domain/catalog/catalog.js'
import { searchFolders } from '../domain/catalog/search.js'
import { SearchQuerySchema, StandardSearchResultSchema, type Standard } from '../schemas/catalog.js'
import { authenticatedErrorResponses } from '../schemas/common.js'

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
  app.get('/standards', {
    config: { permission: { tasks: [TASKS.viewStandards], folders: [FOLDERS.standards] } },
    schema: {
      tags: ['Standards'],
      operationId: 'searchStandards',
      summary: 'Search standards with the Attributes query language',
      description: 'Attributes: displayName, id, type, path, version, isPredefined (True/False), platform, description, Symc-Standard-Author, symc-Standard-TargetTypeIDs (the GUIDs of the asset types the standard targets). Needs View standards and the Standards folder.',
      security: [{ bearerAuth: [] }],
      querystring: SearchQuerySchema,
      response: { 200: StandardSearchResultSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { items, totalPages } = searchFolders(request.store.catalog.standards, request.query, request.user)
    return { standardDataList: items.map(standardView), TotalPages: totalPages }
  })
}

export default standards
