import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { createRequire } from 'node:module'
import { nameTitledSchemas } from '../openapi/named-schemas.js'
import { toOpenApi30Examples } from '../openapi/openapi-3-0.js'
import { explicitPublicOperations } from '../openapi/public-operations.js'
import ownOriginCors from './own-origin-cors.js'

export const API_PREFIX = '/ccs/api/v1'

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

/**
 * OpenAPI 3 from the route schemas (named component schemas, valid 3.0), Swagger UI at
 * /docs, and CORS for pages of this same server under its other names, so "Try it out"
 * works whichever address the docs were opened at. Must be registered before the routes.
 */
export default fp(async function openapi (app) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Control Compliance Suite REST API (ccs-mock)',
        description: 'The CCS REST API as simulated by ccs-mock. Field names, status codes and error bodies follow the vendor documentation; see docs/decisions.md where it is silent.',
        version: '1.0.0',
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' }
      },
      // Relative: the server that serves this document, whatever address it was reached at.
      servers: [{ url: '/', description: 'the ccs-mock server that serves this document' }],
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
    },
    transformObject: (document) => 'openapiObject' in document ? nameTitledSchemas(explicitPublicOperations(toOpenApi30Examples(document.openapiObject as Record<string, unknown>))) : document.swaggerObject
  })

  await app.register(ownOriginCors)

  const missing = swaggerUiCannotLoad()
  if (missing === undefined) await app.register(swaggerUi, { routePrefix: '/docs' })
  else app.log.warn({ err: missing }, 'Swagger UI is off: this runtime cannot load its static files; /ccs/api/v1/openapi.json still answers')
}, { name: 'openapi' })
