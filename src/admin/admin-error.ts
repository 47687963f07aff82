import { STATUS_CODES } from 'node:http'
import { Type, type Static } from 'typebox'
import { ApiError, MODEL_PREFIX } from '../errors.js'
import { SessionLimitError } from '../store/store-registry.js'
import { fieldErrorsFromSchemaErrors, type FieldErrors } from './validation.js'

/**
 * The control plane's own error body, Fastify's conventional shape: it can never be
 * mistaken for a simulated CCS answer (`{"Message":…}`).
 */
export const AdminErrorSchema = Type.Object({
  statusCode: Type.Integer({ examples: [401] }),
  error: Type.String({ examples: ['Unauthorized'] }),
  message: Type.String(),
  details: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()), {
    description: 'A 400 for an invalid request: field path (`fault.status`, `count`; `""` for the body as a whole) → what is wrong with it',
    examples: [{ 'fault.status': ['must be between 400 and 599'] }]
  }))
}, { title: 'AdminError' })

/** What every route behind the admin key can answer besides its own statuses. */
export const protectedErrors = { 401: AdminErrorSchema, 403: AdminErrorSchema }

export type AdminErrorBody = Static<typeof AdminErrorSchema>

export class AdminError extends Error {
  readonly statusCode: number
  readonly details: FieldErrors | undefined

  constructor (statusCode: number, message: string, details?: FieldErrors) {
    super(message)
    this.name = 'AdminError'
    this.statusCode = statusCode
    this.details = details
  }

  get body (): AdminErrorBody {
    const body: AdminErrorBody = { statusCode: this.statusCode, error: STATUS_CODES[this.statusCode] ?? 'Error', message: this.message }
    return this.details === undefined ? body : { ...body, details: this.details }
  }
}

/** 400 naming every bad field in the message (`fault.status: must be …; count: …`), and again in `details`. */
export function invalidAdminRequest (errors: FieldErrors): AdminError {
  const items = Object.entries(errors).flatMap(([field, reasons]) => reasons.map((reason) => field === '' ? reason : `${field}: ${reason}`))
  return new AdminError(400, items.length > 0 ? items.join('; ') : 'The request is invalid.', errors)
}

/** Web API ModelState keys name the bound parameter (`request.fault.status`); the control plane names the field. */
function withoutModelPrefix (modelState: Record<string, string[]>): FieldErrors {
  const errors: FieldErrors = {}
  for (const [key, reasons] of Object.entries(modelState)) {
    const field = key === MODEL_PREFIX ? '' : key.startsWith(`${MODEL_PREFIX}.`) ? key.slice(MODEL_PREFIX.length + 1) : key
    errors[field] = [...(errors[field] ?? []), ...reasons]
  }
  return errors
}

export function wrongAdminKey (): AdminError {
  return new AdminError(401, 'This control-plane request needs the admin key in the X-CCS-Mock-Admin-Key header.')
}

export function adminClosed (host: string): AdminError {
  return new AdminError(403, `The control plane is closed: ccs-mock listens on ${host}, which is not a loopback address, and no admin key is set. Start it with --admin-key <key> (or CCS_MOCK_ADMIN_KEY) and send the key in the X-CCS-Mock-Admin-Key header.`)
}

export function journalDisabled (): AdminError {
  return new AdminError(409, 'The request journal is off (--journal-size 0).')
}

export function faultRuleNotFound (id: string): AdminError {
  return new AdminError(404, `No fault rule with ID '${id}' exists.`)
}

export function noAdminRoute (method: string, url: string): AdminError {
  return new AdminError(404, `Route ${method}:${url} not found`)
}

/**
 * Any failure inside the control plane as an AdminError: schema validation and the
 * CCS error factories (body parsing, binding) become 400s naming each bad field;
 * Fastify's other client errors keep their status and message; anything else is a
 * 500 that says nothing about internals.
 */
export function toAdminError (error: unknown): AdminError | undefined {
  if (error instanceof AdminError) return error
  if (error instanceof SessionLimitError) return new AdminError(429, error.message)
  if (error instanceof ApiError) {
    const body = error.body
    if ('Message' in body && body.ModelState !== undefined) return invalidAdminRequest(withoutModelPrefix(body.ModelState))
    return new AdminError(error.statusCode, 'Message' in body ? body.Message : body.error)
  }
  const { validation, validationContext } = error as { validation?: unknown[], validationContext?: string }
  if (Array.isArray(validation)) return invalidAdminRequest(fieldErrorsFromSchemaErrors(validation as Parameters<typeof fieldErrorsFromSchemaErrors>[0], validationContext ?? 'body'))
  const status = (error as { statusCode?: number }).statusCode
  if (status !== undefined && status >= 400 && status < 500) return new AdminError(status, (error as Error).message)
  return undefined
}
