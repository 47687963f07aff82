import type { FastifyPluginAsync } from 'fastify'

/** The generated document at a CCS-style path (also committed as openapi/ccs-api.json). */
const openapiDocument: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', { config: { auth: false, contentNegotiation: false }, schema: { hide: true } }, async () => app.swagger())
}

export default openapiDocument
