import { STATUS_CODES } from 'node:http'
import { Type, type Static } from 'typebox'
import { ApiError } from '../errors.js'

/**
 * The control plane's own error body, Fastify's conventional shape: it can never be
 * mistaken for a simulated CCS answer (`{"Message":…}`).
 */
export const AdminErrorSchema = Type.Object({
  statusCode: Type.Integer({ examples: [401] }),
  error: Type.String({ examples: ['Unauthorized'] }),
  message: Type.String()
}, { title: 'AdminError' })

/** What every route behind the admin key can answer besides its own statuses. */
export const protectedErrors = { 401: AdminErrorSchema, 403: AdminErrorSchema }

export type AdminErrorBody = Static<typeof AdminErrorSchema>

export class AdminError extends Error {
  readonly statusCode: number

  constructor (statusCode: number, message: string) {
    super(message)
    this.name = 'AdminError'
    this.statusCode = statusCode
  }

  get body (): AdminErrorBody {
    return { statusCode: this.statusCode, error: STATUS_CODES[this.statusCode] ?? 'Error', message: this.message }
  }
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

export function noAdminRoute (method: string, url: string): AdminError {
  return new AdminError(404, `Route ${method}:${url} not found`)
}

/**
 * Any failure inside the control plane as an AdminError: the CCS error factories
 * (body parsing, binding) and Fastify's own errors (validation) keep their status and
 * message; anything else is a 500 that says nothing about internals.
 */
export function toAdminError (error: unknown): AdminError | undefined {
  if (error instanceof AdminError) return error
  if (error instanceof ApiError) {
    const body = error.body
    const text = 'Message' in body
      ? [body.Message, ...Object.entries(body.ModelState ?? {}).map(([field, reasons]) => `${field}: ${reasons.join(' ')}`)].join(' ')
      : body.error
    return new AdminError(error.statusCode, text)
  }
  const status = (error as { statusCode?: number }).statusCode
  if (status !== undefined && status >= 400 && status < 500) return new AdminError(status, (error as Error).message)
  return undefined
}
