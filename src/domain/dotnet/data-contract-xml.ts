import XMLBuilder from 'fast-xml-builder'
import type { SchemaNode } from '../../schemas/schema-node.js'

/**
 * A response body as Web API's XML formatter (DataContractSerializer) writes it,
 * driven by the route's response schema: the root element is named after the type
 * (the schema's title, `ArrayOf<Item>` for a list), with `xmlns:i` for nil values
 * and the data-contract namespace; members in ordinal order of their names; lists
 * of objects as elements named after the item type; lists of scalars in the
 * serialization Arrays namespace; `null` as `i:nil="true"`. Web API's `HttpError`
 * is `<Error>` with one element per key and no namespace. docs/decisions.md, "JSON
 * and XML".
 */

/** The CLR namespace is unknown; `Symantec.CSM` is the product's own prefix (its folders and logs). */
export const DATA_CONTRACT_NAMESPACE = 'http://schemas.datacontract.org/2004/07/Symantec.CSM.RestAPI.DataContracts'
export const ARRAYS_NAMESPACE = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays'
export const INSTANCE_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance'

export type { SchemaNode }

type XmlNode = Record<string, unknown>

const NAME_START = /[A-Za-z_\p{L}]/u
const NAME_CHAR = /[A-Za-z0-9_.\-\p{L}\p{N}]/u
const hex4 = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0')

/** .NET's XmlConvert.EncodeLocalName: characters a name cannot hold become `_xHHHH_`. */
export function encodeLocalName (name: string): string {
  if (name === '') return name
  let out = ''
  const chars = [...name]
  chars.forEach((ch, i) => {
    const escapeLike = ch === '_' && /^x[0-9A-Fa-f]{4}_/.test(chars.slice(i + 1, i + 7).join(''))
    const ok = i === 0 ? NAME_START.test(ch) : NAME_CHAR.test(ch)
    out += ok && !escapeLike ? ch : [...ch].map((c) => `_x${hex4(c.codePointAt(0) ?? 0)}_`).join('')
  })
  return out
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const typesOf = (schema: SchemaNode | undefined): string[] => schema?.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]

/** The branch of a union this value is: nullable unions by the value's kind, object unions by their required members. */
function resolve (schema: SchemaNode | undefined, value: unknown): SchemaNode | undefined {
  if (schema?.anyOf === undefined) return schema
  const branches = schema.anyOf.filter((b) => !typesOf(b).includes('null'))
  const fits = (branch: SchemaNode): boolean => {
    if (isObject(value)) return branch.properties !== undefined && (branch.required ?? []).every((k) => k in value)
    if (Array.isArray(value)) return typesOf(branch).includes('array')
    return branch.properties === undefined && !typesOf(branch).includes('array')
  }
  return resolve(branches.find(fits) ?? branches[0], value)
}

/** The data-contract name of a scalar type, as items of `ArrayOf…` lists are named. */
function scalarName (schema: SchemaNode | undefined, value: unknown): string {
  const types = typesOf(schema)
  if (schema?.format === 'uuid') return 'guid'
  if (types.includes('integer')) return 'int'
  if (types.includes('number')) return 'double'
  if (types.includes('boolean')) return 'boolean'
  if (schema === undefined && typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double'
  if (schema === undefined && typeof value === 'boolean') return 'boolean'
  return 'string'
}

function isScalarSchema (schema: SchemaNode | undefined, value: unknown): boolean {
  if (schema === undefined) return !isObject(value) && !Array.isArray(value)
  return schema.properties === undefined && schema.patternProperties === undefined && !isObject(schema.additionalProperties) && !typesOf(schema).includes('array')
}

/** The name of an object type: its schema's title (ccs-mock's type names are the data-contract names). */
const typeName = (schema: SchemaNode | undefined): string => encodeLocalName(schema?.title ?? 'anyType')

const text = (value: unknown): XmlNode[] => [{ '#text': typeof value === 'string' ? value : String(value) }]

const nil = (name: string): XmlNode => ({ [name]: [], ':@': { '@_i:nil': 'true' } })

class Writer {
  /** An element holding `value` as `schema` types it, at `depth` (the root is 1). */
  element (name: string, value: unknown, schema: SchemaNode | undefined, depth: number): XmlNode {
    if (value === null || value === undefined) return nil(name)
    const resolved = resolve(schema, value)
    if (Array.isArray(value)) return this.list(name, value, resolved?.items, depth)
    if (isObject(value)) return { [name]: this.members(value, resolved, depth + 1) }
    return { [name]: text(value) }
  }

  /** A list: items named after their type; scalars in the Arrays namespace under a `d<depth>p1` prefix. */
  list (name: string, items: unknown[], itemSchema: SchemaNode | undefined, depth: number, root = false): XmlNode {
    const first = items.find((i) => i !== null && i !== undefined)
    const scalar = isScalarSchema(resolve(itemSchema, first), first)
    if (!scalar) {
      const itemName = typeName(resolve(itemSchema, first))
      return { [name]: items.map((item) => this.element(itemName, item, itemSchema, depth + 1)) }
    }
    const itemName = scalarName(resolve(itemSchema, first), first)
    if (root) return { [name]: items.map((item) => this.element(itemName, item, itemSchema, depth + 1)) }
    const prefix = `d${depth}p1`
    return {
      [name]: items.map((item) => this.element(`${prefix}:${itemName}`, item, itemSchema, depth + 1)),
      ':@': { [`@_xmlns:${prefix}`]: ARRAYS_NAMESPACE }
    }
  }

  /** Data members in ordinal order of their names; members the JSON leaves out are left out here too. */
  members (value: Record<string, unknown>, schema: SchemaNode | undefined, depth: number): XmlNode[] {
    const dictionary = schema?.properties === undefined ? this.dictionaryValues(schema) : undefined
    return Object.keys(value).filter((key) => value[key] !== undefined).sort().map((key) =>
      this.element(encodeLocalName(key), value[key], schema?.properties?.[key] ?? dictionary, depth))
  }

  private dictionaryValues (schema: SchemaNode | undefined): SchemaNode | undefined {
    if (isObject(schema?.additionalProperties)) return schema.additionalProperties as SchemaNode
    return Object.values(schema?.patternProperties ?? {})[0]
  }
}

/** Web API's HttpError is IXmlSerializable: `<Error>`, one element per key in its order, a list's values space-separated. */
function httpError (body: Record<string, unknown>): XmlNode {
  const entries = (value: Record<string, unknown>): XmlNode[] => Object.entries(value).map(([key, v]) => {
    const name = encodeLocalName(key)
    if (isObject(v)) return { [name]: entries(v) }
    if (v === null || v === undefined) return { [name]: [] }
    return { [name]: text(Array.isArray(v) ? v.join(' ') : v) }
  })
  return { Error: entries(body) }
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: true,
  // What .NET's XmlWriter escapes in text: the markup characters, a carriage return and the other control characters.
  entities: [
    { regex: /&/g, val: '&amp;' },
    { regex: /</g, val: '&lt;' },
    { regex: />/g, val: '&gt;' },
    // eslint-disable-next-line no-control-regex
    { regex: /[\u0000-\u0008\u000B-\u001F]/g, val: (c: string) => `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};` }
  ]
} as ConstructorParameters<typeof XMLBuilder>[0])

/** XmlWriter closes an empty element with a space before the slash. */
const build = (node: XmlNode): string => (builder.build([node]) as string).replace(/\/>/g, ' />')

export function isHttpError (body: unknown, schema: SchemaNode | undefined): body is Record<string, unknown> {
  return isObject(body) && typeof body.Message === 'string' && (schema === undefined || schema.title === 'HttpError')
}

/** The XML for a JSON body the route answered, typed by its response schema. */
export function toDataContractXml (body: unknown, schema: SchemaNode | undefined): string {
  if (isHttpError(body, schema)) return build(httpError(body))
  const writer = new Writer()
  const resolved = resolve(schema, body)
  const rootAttributes = (namespace: string): XmlNode => ({ '@_xmlns:i': INSTANCE_NAMESPACE, '@_xmlns': namespace })
  if (Array.isArray(body)) {
    const first = body.find((i) => i !== null && i !== undefined)
    const scalar = isScalarSchema(resolve(resolved?.items, first), first)
    const itemName = scalar ? scalarName(resolve(resolved?.items, first), first) : typeName(resolve(resolved?.items, first))
    const node = writer.list(`ArrayOf${itemName}`, body, resolved?.items, 1, true)
    return build({ ...node, ':@': rootAttributes(scalar ? ARRAYS_NAMESPACE : DATA_CONTRACT_NAMESPACE) })
  }
  const name = isObject(body) ? typeName(resolved) : scalarName(resolved, body)
  const node = isObject(body) ? { [name]: writer.members(body, resolved, 2) } : { [name]: text(body) }
  return build({ ...node, ':@': rootAttributes(isObject(body) ? DATA_CONTRACT_NAMESPACE : ARRAYS_NAMESPACE) })
}
