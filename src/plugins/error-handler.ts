import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { modelStateFromSchemaErrors, type SchemaError } from '../domain/dotnet/model-state.js'
import { isAdminPath } from '../admin/access.js'
import { AdminError, noAdminRoute } from '../admin/admin-error.js'
import { echoedRequestUri } from '../admin/redact.js'
import { SessionLimitError } from '../store/store-registry.js'
import { ApiError, badRequest, internalError, invalidRequest, methodNotAllowed, noRouteMatched, payloadTooLarge, unsupportedMediaType } from '../errors.js'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/** HTTP.sys's default UrlSegmentMaxLength: longer path segments never reach Web API. */
export const MAX_SEGMENT_LENGTH = 260

function send (reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.statusCode).headers(error.headers).send(error.body)
}

/** Fastify's own client errors, in the Web API envelope. */
function fromFastifyError (error: FastifyError, contentType: string | undefined): ApiError | undefined {
  if (error.validation !== undefined) {
    return invalidRequest(modelStateFromSchemaErrors(error.validation as unknown as SchemaError[], error.validationContext ?? 'body'))
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return payloadTooLarge()
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return unsupportedMediaType(contentType?.split(';')[0]?.trim() || 'application/octet-stream')
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return new ApiError(status, { Message: error.message })
  return undefined
}

/**
 * Fastify's router refuses some URLs before any hook runs (a malformed percent
 * escape, a path segment longer than the router allows): answered like HTTP.sys
 * refuses them in front of Web API, 400 for an invalid URL, in the API's envelope.
 */
export function routerErrorHandler (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? request.url
  if (isAdminPath(path)) return reply.code(400).send(new AdminError(400, `The request URL is invalid: ${error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? `a path segment is longer than ${MAX_SEGMENT_LENGTH} characters` : 'it holds a malformed percent escape'}.`).body)
  return send(reply, badRequest('The request URL is invalid.'))
}

/** One error path: every failure leaves in the vendor's envelope; 5xx never leak internals. */
export default fp(async function errorHandler (app) {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    try {
      if (error instanceof ApiError) return send(reply, error)
      if (error instanceof SessionLimitError) return send(reply, new ApiError(429, { Message: error.message }))
      const known = fromFastifyError(error, request.headers['content-type'])
      if (known !== undefined) return send(reply, known)
      request.log.error({ err: error }, 'unhandled error')
    } catch (handlerError) {
      // e.g. a stack overflow while describing a pathological body: still answer in shape.
      request.log.error({ err: handlerError }, 'error while handling an error')
    }
    return send(reply, internalError())
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url
    // The control plane's own not-found handler only sees its exact prefix; every spelling of it answers in its shape.
    if (isAdminPath(path)) return reply.code(404).send(noAdminRoute(request.method, path).body)
    const allowed = METHODS.filter((method) => app.findRoute({ method, url: path }) !== null)
    if (allowed.length > 0) return send(reply, methodNotAllowed(request.method, allowed))
    // The URI is echoed as Web API does, but a token a client put in the query stays out of the body.
    return send(reply, noRouteMatched(echoedRequestUri(request)))
  })
}, { name: 'error-handler' })
