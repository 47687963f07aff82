/** A JSON Schema object as it sits in an OpenAPI document. */
export type JsonSchema = Record<string, unknown>

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value)

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'] as const
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const
const SCHEMA_SLOTS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'] as const

/** Rewrites a schema bottom-up: `visit` sees each subschema after its own subschemas. */
export function mapSchema (schema: JsonSchema, visit: (schema: JsonSchema) => JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema }
  for (const key of SCHEMA_MAPS) {
    const map = copy[key]
    if (isObject(map)) copy[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, isObject(sub) ? mapSchema(sub, visit) : sub]))
  }
  for (const key of SCHEMA_LISTS) {
    const list = copy[key]
    if (Array.isArray(list)) copy[key] = list.map((sub: unknown) => isObject(sub) ? mapSchema(sub, visit) : sub)
  }
  for (const key of SCHEMA_SLOTS) {
    const sub = copy[key]
    if (isObject(sub)) copy[key] = mapSchema(sub, visit)
  }
  return visit(copy)
}

type Document = JsonSchema & { paths?: Record<string, Record<string, unknown>>, components?: { schemas?: Record<string, JsonSchema> } }

function mapContent (content: unknown, visit: (schema: JsonSchema) => JsonSchema): unknown {
  if (!isObject(content)) return content
  return Object.fromEntries(Object.entries(content).map(([type, media]) =>
    [type, isObject(media) && isObject(media.schema) ? { ...media, schema: mapSchema(media.schema, visit) } : media]))
}

function mapOperation (operation: JsonSchema, visit: (schema: JsonSchema) => JsonSchema): JsonSchema {
  const copy = { ...operation }
  if (Array.isArray(copy.parameters)) {
    copy.parameters = copy.parameters.map((p: unknown) => isObject(p) && isObject(p.schema) ? { ...p, schema: mapSchema(p.schema, visit) } : p)
  }
  if (isObject(copy.requestBody)) copy.requestBody = { ...copy.requestBody, content: mapContent(copy.requestBody.content, visit) }
  if (isObject(copy.responses)) {
    copy.responses = Object.fromEntries(Object.entries(copy.responses).map(([status, response]) =>
      [status, isObject(response) ? { ...response, ...(response.content !== undefined ? { content: mapContent(response.content, visit) } : {}) } : response]))
  }
  return copy
}

/**
 * Every schema of an OpenAPI document (parameters, bodies, responses, components),
 * rewritten bottom-up by `visit`; the document itself is not changed.
 */
export function mapDocumentSchemas<D extends Document> (document: D, visit: (schema: JsonSchema) => JsonSchema): D {
  const paths = Object.fromEntries(Object.entries(document.paths ?? {}).map(([path, item]) =>
    [path, Object.fromEntries(Object.entries(item).map(([method, operation]) => [method, isObject(operation) ? mapOperation(operation, visit) : operation]))]))
  const schemas = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, mapSchema(schema, visit)]))
  return { ...document, paths, components: { ...document.components, schemas } }
}
