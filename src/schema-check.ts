import { Ajv, type ErrorObject } from 'ajv'
import addFormats from 'ajv-formats'
import type { TSchema } from 'typebox'

// Fastify already loads Ajv for request validation; TypeBox's own Value module would
// add ~0.2 s to every start for two boot-time checks.
const lenient = addFormats.default(new Ajv({ strict: false, useDefaults: true, coerceTypes: true }))
const exact = addFormats.default(new Ajv({ strict: false }))
const compiled = new WeakMap<TSchema, ReturnType<typeof exact.compile>>()
const compiledExact = new WeakMap<TSchema, ReturnType<typeof exact.compile>>()

/**
 * Checks `data` against a TypeBox schema; the first error, or undefined. With
 * `fillIn`, defaults are applied and scalar text converted in place (configuration
 * from flags and environment); without, the data must match as it is (fixtures).
 */
export function firstSchemaError (schema: TSchema, data: unknown, fillIn = false): ErrorObject | undefined {
  const cache = fillIn ? compiled : compiledExact
  let validate = cache.get(schema)
  if (validate === undefined) {
    validate = (fillIn ? lenient : exact).compile(schema)
    cache.set(schema, validate)
  }
  return validate(data) ? undefined : validate.errors?.[0] ?? undefined
}

/** The first problem of `data` against `schema` in words (`/JobName must be string`), or undefined. */
export function schemaProblem (schema: TSchema, data: unknown): string | undefined {
  const first = firstSchemaError(schema, data)
  return first === undefined ? undefined : `${first.instancePath || '/'} ${first.message ?? 'is invalid'}`
}
