/** The parts of a (TypeBox-made) JSON Schema that code walking a schema reads. */
export interface SchemaNode {
  type?: string | string[]
  format?: string
  title?: string
  properties?: Record<string, SchemaNode>
  required?: string[]
  items?: SchemaNode
  anyOf?: SchemaNode[]
  enum?: unknown[]
  const?: unknown
  minLength?: number
  additionalProperties?: SchemaNode | boolean
  patternProperties?: Record<string, SchemaNode>
}
