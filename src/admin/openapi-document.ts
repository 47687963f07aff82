import { STATUS_CODES } from 'node:http'
import { nameTitledSchemas } from '../openapi/named-schemas.js'
import { ADMIN_KEY_HEADER } from './access.js'

interface JsonSchema {
  type?: string
  /** A body that is not JSON (a page, an event stream, a workbook): listed under this media type. */
  contentMediaType?: string
  description?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
}

export interface RouteSchema {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  params?: JsonSchema
  querystring?: JsonSchema
  body?: JsonSchema
  response?: Record<string, JsonSchema>
}

/** One control-plane operation as registered (collected by an onRoute hook). */
export interface AdminRoute {
  method: string
  url: string
  schema: RouteSchema
  /** Answers without the admin key. */
  public: boolean
  /** A read-only console route: without the admin key too when one is set. */
  audience: boolean
}

// TypeBox keeps its bookkeeping in non-enumerable keys; JSON is what the document holds.
const plain = <T>(schema: T): T => JSON.parse(JSON.stringify(schema)) as T

function parameters (schema: JsonSchema | undefined, where: 'path' | 'query'): unknown[] {
  return Object.entries(schema?.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (schema?.required ?? []).includes(name),
    ...(property.description !== undefined ? { description: property.description } : {}),
    schema: plain(property)
  }))
}

function responses (response: Record<string, JsonSchema> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(response).map(([status, schema]) => [status, {
    description: STATUS_CODES[status] ?? 'Response',
    ...(schema.type === 'null'
      ? {}
      : schema.contentMediaType !== undefined
        ? { content: { [schema.contentMediaType]: { schema: { type: 'string' } } } }
        : { content: { 'application/json': { schema: plain(schema) } } })
  }]))
}

function operation (route: AdminRoute): Record<string, unknown> {
  const { schema } = route
  const params = [...parameters(schema.params, 'path'), ...parameters(schema.querystring, 'query')]
  return {
    ...(schema.operationId !== undefined ? { operationId: schema.operationId } : {}),
    ...(schema.summary !== undefined ? { summary: schema.summary } : {}),
    ...(schema.description !== undefined ? { description: schema.description } : {}),
    tags: schema.tags ?? [],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(schema.body !== undefined ? { requestBody: { required: false, content: { 'application/json': { schema: plain(schema.body) } } } } : {}),
    responses: responses(schema.response),
    security: route.public ? [] : route.audience ? [{}, { adminKey: [] }] : [{ adminKey: [] }]
  }
}

/**
 * The control plane's OpenAPI 3.1 document, built from the admin routes' TypeBox
 * schemas. (A second @fastify/swagger would clash with the CCS document's decorator.)
 */
export function adminOpenApiDocument (routes: readonly AdminRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}')
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) }
  }
  const tags = [...new Set(routes.flatMap((route) => route.schema.tags ?? []))].map((name) => ({ name }))
  return nameTitledSchemas({
    openapi: '3.1.0',
    info: {
      title: 'ccs-mock control plane',
      description: 'Test-author controls, off the CCS paths. Open without a key when ccs-mock listens on a loopback address and no --admin-key is set; with --admin-key every operation but health and the live console read-only views needs the key header; on other addresses without a key only health answers (403).',
      version,
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' }
    },
    servers: [{ url: '/', description: 'the ccs-mock server that serves this document' }],
    tags,
    components: {
      securitySchemes: {
        adminKey: { type: 'apiKey', in: 'header', name: ADMIN_KEY_HEADER, description: 'the value of --admin-key' }
      }
    },
    paths
  })
}
