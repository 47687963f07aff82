import type { FastifyError, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { modelStateFromSchemaErrors, type SchemaError } from '../domain/dotnet/model-state.js'
import { ApiError, internalError, invalidRequest, methodNotAllowed, noRouteMatched, payloadTooLarge, unsupportedMediaType } from '../errors.js'
import { redactUrl } from './request-log.js'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

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

/** One error path: every failure leaves in the vendor's envelope; 5xx never leak internals. */
export default fp(async function errorHandler (app) {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    try {
      if (error instanceof ApiError) return send(reply, error)
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
    const allowed = METHODS.filter((method) => app.findRoute({ method, url: path }) !== null)
    if (allowed.length > 0) return send(reply, methodNotAllowed(request.method, allowed))
    // The URI is echoed as Web API does, but a token a client put in the query stays out of the body.
    return send(reply, noRouteMatched(`${request.protocol}://${request.host}${redactUrl(request.url)}`))
  })
}, { name: 'error-handler' })
