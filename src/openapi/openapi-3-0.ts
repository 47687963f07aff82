import { mapDocumentSchemas, type JsonSchema } from './schema-walk.js'

/**
 * OpenAPI 3.0's Schema Object has `example` (one value), not JSON Schema's `examples`
 * (a list), which TypeBox writes and @fastify/swagger converts only at the top of a
 * body or parameter. Every other schema gets its first example as `example`.
 */
export function toOpenApi30Examples<D extends JsonSchema> (document: D): D {
  return mapDocumentSchemas(document, (schema) => {
    if (!Array.isArray(schema.examples)) return schema
    const { examples, ...rest } = schema
    return examples.length > 0 && rest.example === undefined ? { ...rest, example: examples[0] } : rest
  })
}
