import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { protectedErrors } from '../admin-error.js'
import { CoverageReportSchema } from '../schemas.js'

/** Contract coverage: which CCS operations and statuses the client's requests met. */
const coverage: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/coverage', {
    schema: {
      tags: ['Coverage'],
      operationId: 'getCoverage',
      summary: 'Each CCS operation and status code, with how often requests met it',
      description: 'Statuses the operation schema documents, with their counts (0: never met), plus statuses answered that it does not document. Counted apart from the journal: not bounded by --journal-size.',
      response: { 200: CoverageReportSchema, ...protectedErrors }
    }
  }, async () => app.coverage.report())

  app.delete('/coverage', {
    schema: {
      tags: ['Coverage'],
      operationId: 'resetCoverage',
      summary: 'Set every coverage count to 0',
      response: { 204: Type.Null(), ...protectedErrors }
    }
  }, async (_request, reply) => {
    app.coverage.reset()
    return reply.code(204).send(null)
  })
}

export default coverage
