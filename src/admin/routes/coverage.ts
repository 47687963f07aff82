import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { dataSetKeyOf } from '../data-sets.js'
import { CoverageReportSchema, SessionFilterSchema } from '../schemas.js'

/** Contract coverage: which CCS operations and statuses the client's requests met. */
const coverage: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/coverage', {
    schema: {
      tags: ['Coverage'],
      operationId: 'getCoverage',
      summary: 'Each CCS operation and status code, with how often requests met it',
      description: 'Statuses the operation schema documents, with their counts (0: never met), plus statuses answered that it does not document. Counted apart from the journal: not bounded by --journal-size. With a session (`?session=` or the X-CCS-Mock-Session header) only its requests count; without, every data set\'s.',
      querystring: SessionFilterSchema,
      response: { 200: CoverageReportSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => app.coverage.report(dataSetKeyOf(request, request.query.session) ?? undefined))

  app.delete('/coverage', {
    schema: {
      tags: ['Coverage'],
      operationId: 'resetCoverage',
      summary: 'Set every coverage count to 0, or a session\'s',
      querystring: SessionFilterSchema,
      response: { 204: Type.Null(), 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request, reply) => {
    app.coverage.reset(dataSetKeyOf(request, request.query.session) ?? undefined)
    return reply.code(204).send(null)
  })
}

export default coverage
