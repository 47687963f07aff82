import { STATUS_CODES } from 'node:http'
import { ApiError, forbidden, internalError, MESSAGES, noRouteMatched, payloadTooLarge, unauthorized, unsupportedMediaType } from '../../errors.js'

export interface FaultedRequest {
  method: string
  /** The absolute request URL, as Web API's 404 message quotes it. */
  url: string
  contentType?: string
}

export interface FaultResponse {
  status: number
  headers: Record<string, string>
  /** The serialized body. */
  payload: string
}

/** The body the real server (Web API behind IIS) would most plausibly send with this status. */
export function vendorError (status: number, request: FaultedRequest): ApiError {
  switch (status) {
    case 400: return new ApiError(400, { Message: MESSAGES.invalidRequest })
    case 401: return unauthorized()
    case 403: return forbidden()
    case 404: return noRouteMatched(request.url)
    case 405: return new ApiError(405, { Message: `The requested resource does not support http method '${request.method}'.` })
    case 408: return new ApiError(408, { Message: 'The request timed out.' })
    case 413: return payloadTooLarge()
    case 415: return unsupportedMediaType(request.contentType?.split(';')[0]?.trim() || 'application/octet-stream')
    case 503: return new ApiError(503, { Message: 'The service is unavailable.' })
  }
  if (status >= 500) return new ApiError(status, internalError().body)
  return new ApiError(status, { Message: `${STATUS_CODES[status] ?? 'The request failed'}.` })
}

const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * A `status` fault's or a stub's response: the given body (a string as it is, anything
 * else as JSON) or, for an error status, the vendor's error body (a success without a
 * body answers none), with the given headers on top.
 */
export function faultResponse (fault: { status: number, body?: unknown, headers?: Record<string, string> }, request: FaultedRequest): FaultResponse {
  const extra = Object.fromEntries(Object.entries(fault.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]))
  if (fault.body !== undefined) {
    const text = typeof fault.body === 'string'
    return {
      status: fault.status,
      headers: { 'content-type': text ? 'text/plain; charset=utf-8' : JSON_TYPE, ...extra },
      payload: text ? fault.body as string : JSON.stringify(fault.body)
    }
  }
  if (fault.status < 400) return { status: fault.status, headers: extra, payload: '' }
  const error = vendorError(fault.status, request)
  return { status: fault.status, headers: { 'content-type': JSON_TYPE, ...error.headers, ...extra }, payload: JSON.stringify(error.body) }
}
