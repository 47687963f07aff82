import type { SchemaNode } from '../../schemas/schema-node.js'

/**
 * Json.NET's leniencies (spec §1), applied against a route's JSON schema before
 * validation: property names match case-insensitively, unknown properties (unless
 * the schema types them with `additionalProperties`, a dictionary) and nulls are dropped, "true"/"false" strings bind to booleans, numeric strings to
 * integers, scalars to strings, and GUIDs in any .NET form become canonical.
 * Values that cannot bind are left as they are, so validation reports them.
 */


const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/
const CANONICAL_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const GUID_FORMS = [
  /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i,
  /^\{([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}$/i,
  /^\(([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\)$/i
]

/** `6B020D29…`, `{6b020d29-…}` or 32 hex digits -> lower-case 8-4-4-4-12, else undefined. */
export function canonicalGuid (text: string): string | undefined {
  if (CANONICAL_GUID.test(text)) return text
  const trimmed = text.trim()
  for (const form of GUID_FORMS) {
    const m = form.exec(trimmed)
    if (m !== null) return m.slice(1, 6).join('-').toLowerCase()
  }
  return undefined
}

function isPlainObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Each schema's property names by lower case, worked out once per schema, not per request. */
const lowerNames = new WeakMap<Record<string, SchemaNode>, Map<string, string>>()

function byLowerName (properties: Record<string, SchemaNode>): Map<string, string> {
  let names = lowerNames.get(properties)
  if (names === undefined) {
    names = new Map(Object.keys(properties).map((name) => [name.toLowerCase(), name]))
    lowerNames.set(properties, names)
  }
  return names
}

function bindObject (value: Record<string, unknown>, properties: Record<string, SchemaNode>, other?: SchemaNode): Record<string, unknown> {
  const bound: Record<string, unknown> = {}
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const raw = value[key]
    if (raw === null) continue
    const name = Object.hasOwn(properties, key) ? key : byLowerName(properties).get(key.toLowerCase())
    if (name !== undefined) bound[name] = bindJsonNet(raw, properties[name])
    else if (other !== undefined) bound[key] = bindJsonNet(raw, other)
  }
  return bound
}

function bindScalar (value: unknown, schema: SchemaNode): unknown {
  switch (schema.type) {
    case 'boolean':
      if (typeof value === 'string') {
        const word = value.trim().toLowerCase()
        if (word === 'true') return true
        if (word === 'false') return false
      }
      if (typeof value === 'number' && Number.isInteger(value)) return value !== 0
      return value
    case 'integer':
      if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value)
      return value
    case 'string':
      if (typeof value === 'number') return String(value)
      if (typeof value === 'boolean') return value ? 'True' : 'False'
      if (typeof value === 'string' && schema.format === 'uuid') return canonicalGuid(value) ?? value
      return value
    default:
      return value
  }
}

export function bindJsonNet (value: unknown, schema: SchemaNode | undefined): unknown {
  if (schema === undefined) return value
  if (schema.properties !== undefined && isPlainObject(value)) {
    const other = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined
    return bindObject(value, schema.properties, other)
  }
  if (schema.items !== undefined && Array.isArray(value)) return value.map((item) => bindJsonNet(item, schema.items))
  return bindScalar(value, schema)
}

/** Query strings: names case-insensitive, repeated names take the first value. */
export function bindQuery (query: unknown, schema: SchemaNode | undefined): unknown {
  if (schema?.properties === undefined || !isPlainObject(query)) return query
  const firstValues = Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
  )
  return bindObject(firstValues, schema.properties)
}
