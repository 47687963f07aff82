import { mapDocumentSchemas, type JsonSchema } from './schema-walk.js'

/**
 * Moves every schema with a `title` (TypeBox schemas name themselves that way) into
 * `components.schemas` under that title and refers to it with `$ref`, so generated
 * clients get named types instead of anonymous ones. The route schemas stay inline for
 * validation; only the document changes. A second, different schema with a title
 * already taken stays inline (test/openapi.test.ts fails on it).
 */
export function nameTitledSchemas<D extends JsonSchema> (document: D): D {
  const named = new Map<string, { schema: JsonSchema, text: string }>()
  const withRefs = mapDocumentSchemas(document, (schema) => {
    const title = schema.title
    if (typeof title !== 'string' || title === '') return schema
    const text = JSON.stringify(schema)
    const known = named.get(title)
    if (known === undefined) named.set(title, { schema, text })
    else if (known.text !== text) return schema
    return { $ref: `#/components/schemas/${encodeURIComponent(title)}` }
  }) as D & { components: { schemas: Record<string, JsonSchema> } }
  const schemas = { ...withRefs.components.schemas }
  for (const [title, { schema }] of [...named].sort(([a], [b]) => a.localeCompare(b))) schemas[title] = schema
  return { ...withRefs, components: { ...withRefs.components, schemas } }
}
