import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { protectedErrors } from '../admin-error.js'
import { adminOpenApiDocument, type AdminRoute } from '../openapi-document.js'
import { VERSION } from '../version.js'

const OpenApiSchema = Type.Object({
  openapi: Type.String(),
  info: Type.Object({ title: Type.String(), version: Type.String() }, { additionalProperties: true }),
  paths: Type.Record(Type.String(), Type.Unknown())
}, { additionalProperties: true, title: 'OpenApiDocument' })

/** GET /__admin/openapi.json over the routes the admin scope collected (also later ones). */
const openapiDocument: FastifyPluginAsyncTypebox<{ routes: readonly AdminRoute[] }> = async (app, { routes }) => {
  app.get('/openapi.json', {
    schema: {
      tags: ['Documentation'],
      operationId: 'getAdminOpenApi',
      summary: 'This OpenAPI 3.1 document of the control plane',
      response: { 200: OpenApiSchema, ...protectedErrors }
    }
  }, async () => adminOpenApiDocument(routes, VERSION))
}

export default openapiDocument
