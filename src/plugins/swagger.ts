import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { createRequire } from 'node:module'

/**
 * Swagger UI serves its files with @fastify/static, which require()s an ES module.
 * Jest's CommonJS runtime cannot (before Node 24.9): such a test suite gets the API
 * without /docs instead of no server at all.
 */
function swaggerUiCannotLoad (): Error | undefined {
  try {
    const fromSwaggerUi = createRequire(createRequire(import.meta.url).resolve('@fastify/swagger-ui'))
    fromSwaggerUi('@fastify/static')
    return undefined
  } catch (err) {
    return err as Error
  }
}

export const API_PREFIX = '/ccs/api/v1'

/** OpenAPI 3 from the route schemas; must be registered before the routes. */
export default fp(async function openapi (app) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Control Compliance Suite REST API (ccs-mock)',
        description: 'The CCS REST API as simulated by ccs-mock. Field names, status codes and error bodies follow the vendor documentation; see docs/decisions.md where it is silent.',
        version: '1.0.0'
      },
      servers: [{ url: 'https://localhost:12431' }],
      tags: [
        { name: 'Authentication', description: 'OAuth2 tokens' },
        { name: 'Jobs', description: 'Data collection and evaluation jobs' },
        { name: 'Assets', description: 'Assets of the Asset System' },
        { name: 'Asset groups', description: 'Groups of assets' },
        { name: 'Standards', description: 'Technical standards' },
        { name: 'Results', description: 'Evaluation results and reports of finished job runs' }
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'access_token from POST /ccs/api/v1/oauth/tokens' }
        }
      }
    }
  })
  const missing = swaggerUiCannotLoad()
  if (missing === undefined) await app.register(swaggerUi, { routePrefix: '/docs' })
  else app.log.warn({ err: missing }, 'Swagger UI is off: this runtime cannot load its static files; /ccs/api/v1/openapi.json still answers')
}, { name: 'openapi' })
