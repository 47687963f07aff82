import { MODEL_PREFIX, type ModelState } from '../../errors.js'

/** The parts of an Ajv error (verbose mode) that the messages need. */
export interface SchemaError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string
  data?: unknown
  parentSchema?: { type?: string, format?: string, title?: string, minimum?: number, maximum?: number, enum?: unknown[], items?: { format?: string, title?: string, type?: string } }
}

const INT32_MAX = 2147483647
const INT32_MIN = -2147483648

/** Collects ModelState entries in insertion order, without duplicate reasons. */
export class ModelStateBuilder {
  readonly entries: ModelState = {}

  /** `path` is a Json.NET path below the bound parameter (`JobDetails.JobName`, `[0]` in a list). */
  addBody (path: string, reason: string): void {
    this.add(path === '' || path.startsWith('[') ? `${MODEL_PREFIX}${path}` : `${MODEL_PREFIX}.${path}`, reason)
  }

  /** Query parameters are keyed by their own name, as Web API binds them. */
  add (key: string, reason: string): void {
    const reasons = this.entries[key] ?? (this.entries[key] = [])
    if (!reasons.includes(reason)) reasons.push(reason)
  }

  get isEmpty (): boolean {
    return Object.keys(this.entries).length === 0
  }
}

/** `/JobDetails/AssetsResolutionInfo/0/Id` -> `JobDetails.AssetsResolutionInfo[0].Id` */
export function jsonNetPath (instancePath: string, child?: string): string {
  const segments = instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (child !== undefined) segments.push(child)
  return segments.reduce((path, segment) =>
    /^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`, '')
}

const lastName = (path: string): string => path.replace(/\[\d+\]$/, '').split('.').pop() ?? path

function dotNetType (schema: SchemaError['parentSchema']): string {
  if (schema === undefined) return 'System.Object'
  if (schema.format === 'uuid') return 'System.Guid'
  if (schema.format === 'dotnet-datetime') return 'System.DateTime'
  if (schema.format === 'timespan') return 'System.TimeSpan'
  switch (schema.type) {
    case 'integer': return 'System.Int32'
    case 'boolean': return 'System.Boolean'
    case 'string': return 'System.String'
    case 'array': return `System.Collections.Generic.IList\`1[${dotNetType(schema.items)}]`
    default: return schema.title ?? 'System.Object'
  }
}

const MAX_ECHO = 256

/** A scalar as Json.NET quotes it in messages, cut short so a huge value is never echoed whole. */
function scalarText (value: unknown): string {
  const text = value === null ? '{null}' : typeof value === 'string' ? `"${value}"` : String(value)
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text
}

const JSON_KIND = {
  array: 'array (e.g. [1,2,3])',
  object: 'object (e.g. {"name":"value"})',
  primitive: 'primitive value'
} as const

function expectedKind (schema: SchemaError['parentSchema']): keyof typeof JSON_KIND {
  if (schema?.type === 'array') return 'array'
  if (schema?.type === 'object' || (schema?.type === undefined && schema?.title !== undefined)) return 'object'
  return 'primitive'
}

function conversionMessage (err: SchemaError, path: string): string {
  const { data, parentSchema } = err
  const type = dotNetType(parentSchema)
  if (typeof data === 'object' && data !== null) {
    const actual = Array.isArray(data) ? 'array' : 'object'
    return `Cannot deserialize the current JSON ${JSON_KIND[actual]} into type '${type}' because the type requires a JSON ${JSON_KIND[expectedKind(parentSchema)]} to deserialize correctly. Path '${path}'.`
  }
  if (typeof data === 'string' && type === 'System.Int32') return `Could not convert string to integer: ${scalarText(data).slice(1, -1)}. Path '${path}'.`
  if (typeof data === 'string' && type === 'System.Boolean') return `Could not convert string to boolean: ${scalarText(data).slice(1, -1)}. Path '${path}'.`
  if (typeof data === 'number' && type === 'System.Int32') return `Input string '${data}' is not a valid integer. Path '${path}'.`
  return `Error converting value ${scalarText(data)} to type '${type}'. Path '${path}'.`
}

function rangeMessage (err: SchemaError, name: string, path: string): string {
  const min = err.parentSchema?.minimum ?? INT32_MIN
  const max = err.parentSchema?.maximum ?? INT32_MAX
  const value = err.data
  if (typeof value === 'number' && (value > INT32_MAX || value < INT32_MIN)) {
    return `JSON integer ${value} is too large or small for an Int32. Path '${path}'.`
  }
  if (max === INT32_MAX) return `The field ${name} must be greater than or equal to ${min}.`
  return `The field ${name} must be between ${min} and ${max}.`
}

/** One reason per failing schema rule, in the wording of .NET DataAnnotations and Json.NET. */
export function schemaErrorReason (err: SchemaError): { path: string, reason: string } {
  if (err.keyword === 'required') {
    const missing = String(err.params.missingProperty)
    return { path: jsonNetPath(err.instancePath, missing), reason: `The ${missing} field is required.` }
  }
  const path = jsonNetPath(err.instancePath)
  const name = lastName(path)
  switch (err.keyword) {
    case 'type':
      return { path, reason: conversionMessage(err, path) }
    case 'minimum':
    case 'maximum':
      return { path, reason: rangeMessage(err, name, path) }
    case 'minLength':
      return { path, reason: `The ${name} field is required.` }
    case 'maxLength':
      return { path, reason: `The field ${name} must be a string with a maximum length of ${String(err.params.limit)}.` }
    case 'minItems':
      return { path, reason: `The field ${name} must be a string or array type with a minimum length of '${String(err.params.limit)}'.` }
    case 'enum':
      return { path, reason: `The ${name} field must be one of: ${(err.parentSchema?.enum ?? []).join(', ')}. Values are case-sensitive.` }
    case 'format':
      if (err.params.format === 'dotnet-datetime') return { path, reason: `Could not convert string to DateTime: ${scalarText(err.data).slice(1, -1)}. Path '${path}'.` }
      if (err.params.format === 'timespan') return { path, reason: `The field ${name} must be a time span in the form hh:mm:ss.` }
      return { path, reason: conversionMessage(err, path) }
    default:
      return { path, reason: err.message ?? `The field ${name} is invalid.` }
  }
}

export function modelStateFromSchemaErrors (errors: SchemaError[], context: string): ModelState {
  const builder = new ModelStateBuilder()
  for (const err of errors) {
    const { path, reason } = schemaErrorReason(err)
    if (context === 'body') builder.addBody(path, reason)
    else builder.add(path === '' ? context : path, reason)
  }
  return builder.entries
}
