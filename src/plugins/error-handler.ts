import type { FastifyError, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { modelStateFromSchemaErrors, type SchemaError } from '../domain/model-state.js'
import { ApiError, internalError, invalidRequest, noRouteMatched, payloadTooLarge, unsupportedMediaType } from '../errors.js'

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
    if (error instanceof ApiError) return send(reply, error)
    const known = fromFastifyError(error, request.headers['content-type'])
    if (known !== undefined) return send(reply, known)
    request.log.error({ err: error }, 'unhandled error')
    return send(reply, internalError())
  })

  app.setNotFoundHandler((request, reply) => {
    const url = `${request.protocol}://${request.host}${request.url}`
    return send(reply, noRouteMatched(url))
  })
}, { name: 'error-handler' })
