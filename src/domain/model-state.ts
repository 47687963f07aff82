import { MODEL_PREFIX, type ModelState } from '../errors.js'

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

  /** `path` is a Json.NET path below the bound parameter (`JobDetails.JobName`). */
  addBody (path: string, reason: string): void {
    this.add(path === '' ? MODEL_PREFIX : `${MODEL_PREFIX}.${path}`, reason)
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

const jsonText = (value: unknown): string =>
  value === null ? '{null}' : typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value)

function conversionMessage (err: SchemaError, path: string): string {
  const { data, parentSchema } = err
  const type = dotNetType(parentSchema)
  if (typeof data === 'string' && type === 'System.Int32') return `Could not convert string to integer: ${data}. Path '${path}'.`
  if (typeof data === 'string' && type === 'System.Boolean') return `Could not convert string to boolean: ${data}. Path '${path}'.`
  if (typeof data === 'number' && type === 'System.Int32') return `Input string '${data}' is not a valid integer. Path '${path}'.`
  return `Error converting value ${jsonText(data)} to type '${type}'. Path '${path}'.`
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
      if (err.params.format === 'dotnet-datetime') return { path, reason: `Could not convert string to DateTime: ${String(err.data)}. Path '${path}'.` }
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
