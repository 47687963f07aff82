import { jsonNetPath, type SchemaError } from '../domain/dotnet/model-state.js'

/** Field path (`fault.status`, `count`, `since`; `''` for the body as a whole) → what is wrong with it. */
export type FieldErrors = Record<string, string[]>

/** Ajv's wording, except where a bound pair or a list of values reads better whole. */
function reasonFor (err: SchemaError): string {
  const { minimum, maximum, enum: values } = err.parentSchema ?? {}
  switch (err.keyword) {
    case 'required':
      return 'is required'
    case 'minimum':
    case 'maximum':
      return minimum !== undefined && maximum !== undefined ? `must be between ${minimum} and ${maximum}` : err.message ?? 'is out of range'
    case 'minLength':
      return err.params.limit === 1 ? 'must not be empty' : `must be at least ${String(err.params.limit)} characters long`
    case 'maxLength':
      return `must be at most ${String(err.params.limit)} characters long`
    case 'enum':
      return `must be one of: ${(values ?? []).join(', ')} (case-sensitive)`
    default:
      return err.message ?? 'is invalid'
  }
}

/** The control plane's 400 details from Ajv's errors (verbose mode), in the order Ajv found them. */
export function fieldErrorsFromSchemaErrors (errors: readonly SchemaError[], context: string): FieldErrors {
  const fields: FieldErrors = {}
  for (const err of errors) {
    const path = jsonNetPath(err.instancePath, err.keyword === 'required' ? String(err.params.missingProperty) : undefined)
    // A whole query string or parameter set is named by its context; a whole body by '' (and in the reason).
    const field = path === '' && context !== 'body' ? context : path
    const reasons = fields[field] ?? (fields[field] = [])
    const reason = field === '' ? `the body ${reasonFor(err)}` : reasonFor(err)
    if (!reasons.includes(reason)) reasons.push(reason)
  }
  return fields
}
