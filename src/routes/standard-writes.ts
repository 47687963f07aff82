import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { resolveStandardsToDelete, type DeleteStandardsOutcome } from '../domain/catalog/delete-standards.js'
import { invalidRequest, notFound } from '../errors.js'
import { DeleteStandardsRequestSchema, DeleteStandardsResponseSchema } from '../schemas/catalog-writes.js'
import { authenticatedErrorResponses, HttpErrorSchema } from '../schemas/common.js'
import { caller } from './caller.js'
import { operationRoute } from './operation.js'

/** Delete Standards (vendor page and sample). A 200 means the change is on disk. */
const standardWrites: FastifyPluginAsyncTypebox = async (app) => {
  const deleteStandards = operationRoute(['deleteStandards'], {
    tags: ['Standards'],
    operationId: 'deleteStandards',
    summary: 'Delete standards by ID or name',
    notes: 'Up to 10 standards, by `ID` or `Name` (every standard of that name), inside ContainerPath (and its sub-folders unless DeleteFromSubfolder is false). Names and IDs that match nothing are skipped (a 404 naming each when nothing matches at all); a predefined one without DeletePredefinedStandard is a 400 and nothing is deleted. Jobs keep naming deleted standards. Answers the deleted GUIDs. The standards must lie inside the caller\'s folders.'
  })
  app.delete('/standards', {
    config: deleteStandards.config,
    schema: {
      ...deleteStandards.schema,
      body: DeleteStandardsRequestSchema,
      response: { 200: DeleteStandardsResponseSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const user = caller(request.user)
    const outcome = await request.store.changeCatalog<DeleteStandardsOutcome>((catalog) => {
      const resolved = resolveStandardsToDelete(request.body, catalog, user)
      return resolved.kind === 'found' ? { result: resolved, undo: catalog.removeStandards(resolved.ids) } : { result: resolved }
    })
    if (outcome.kind === 'invalid') throw invalidRequest(outcome.modelState)
    if (outcome.kind === 'missing') throw notFound(outcome.message)
    request.log.info({ standardIds: outcome.ids }, 'standards deleted')
    return outcome.ids
  })
}

export default standardWrites
