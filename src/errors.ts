/**
 * Every error the API can answer, declared once. Routes and plugins throw these;
 * the error handler turns them into the vendor's envelopes.
 */

/** Web API `HttpError` ModelState: field path -> reasons. */
export type ModelState = Record<string, string[]>

export type ErrorBody =
  | { Message: string; MessageDetail?: string; ModelState?: ModelState }
  | { error: string; error_description?: string }

export class ApiError extends Error {
  readonly statusCode: number
  readonly body: ErrorBody
  readonly headers: Record<string, string>

  constructor (statusCode: number, body: ErrorBody, headers: Record<string, string> = {}) {
    super('Message' in body ? body.Message : body.error)
    this.name = 'ApiError'
    this.statusCode = statusCode
    this.body = body
    this.headers = headers
  }
}

export const MESSAGES = {
  unauthorized: 'Authorization has been denied for this request.',
  forbidden: 'You are not authorized to perform this task. Access is denied.',
  invalidRequest: 'The request is invalid.',
  internal: 'An error has occurred.',
  invalidCredentials: 'The user name or password is incorrect.'
} as const

/** The ModelState key prefix: the action parameter name a Web API controller binds. */
export const MODEL_PREFIX = 'request'

export function unauthorized (): ApiError {
  return new ApiError(401, { Message: MESSAGES.unauthorized }, { 'www-authenticate': 'Bearer' })
}

export function forbidden (message: string = MESSAGES.forbidden): ApiError {
  return new ApiError(403, { Message: message })
}

/** A request that is well-formed but cannot be carried out now (a Web API `BadRequest("...")`). */
export function badRequest (message: string): ApiError {
  return new ApiError(400, { Message: message })
}

export function invalidRequest (modelState: ModelState): ApiError {
  return new ApiError(400, { Message: MESSAGES.invalidRequest, ModelState: modelState })
}

export function notFound (message: string): ApiError {
  return new ApiError(404, { Message: message })
}

const noResource = (url: string): string => `No HTTP resource was found that matches the request URI '${url}'.`

export function noRouteMatched (url: string): ApiError {
  return notFound(noResource(url))
}

/**
 * Web API's action selector: the controller exists but no action takes the request
 * (a mandatory query parameter is missing).
 */
export function noActionMatched (url: string, controller: string): ApiError {
  return new ApiError(404, {
    Message: noResource(url),
    MessageDetail: `No action was found on the controller '${controller}' that matches the request.`
  })
}

/** Web API: the route exists, but not for this method. */
export function methodNotAllowed (method: string, allowed: readonly string[]): ApiError {
  return new ApiError(405, { Message: `The requested resource does not support http method '${method}'.` }, { allow: allowed.join(', ') })
}

export function unsupportedMediaType (mediaType: string): ApiError {
  return new ApiError(415, {
    Message: `The request entity's media type '${mediaType}' is not supported for this resource.`
  })
}

export function payloadTooLarge (): ApiError {
  return new ApiError(413, { Message: 'The request body is too large.' })
}

export function internalError (): ApiError {
  return new ApiError(500, { Message: MESSAGES.internal })
}

export function tooManyLoginFailures (retryAfterSeconds: number): ApiError {
  return new ApiError(429,
    { error: 'invalid_grant', error_description: `Too many failed login attempts. Try again in ${retryAfterSeconds} seconds.` },
    { 'retry-after': String(retryAfterSeconds) })
}

export function oauthError (error: 'invalid_grant' | 'unsupported_grant_type' | 'invalid_request', description?: string): ApiError {
  return new ApiError(400, description === undefined ? { error } : { error, error_description: description })
}
