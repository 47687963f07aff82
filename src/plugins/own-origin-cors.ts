import type { FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { isOwnOrigin } from './own-origin.js'

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE'
const EXPOSED_HEADERS = 'Content-Disposition'
const PREFLIGHT_MAX_AGE_SECONDS = '600'

/** Adds `field` to the Vary header unless it, or `*`, is listed already. */
export function varyOn (reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary')
  if (current === undefined || current === '') {
    reply.header('Vary', field)
    return
  }
  const listed = Array.isArray(current) ? current.join(', ') : String(current)
  const fields = listed.toLowerCase().split(',').map((name) => name.trim())
  if (fields.includes('*')) reply.header('Vary', '*')
  else if (!fields.includes(field.toLowerCase())) reply.header('Vary', `${listed}, ${field}`)
}

/**
 * CORS for pages of this same server under its other names, so Swagger UI's "Try it
 * out" works whichever address the docs were opened at; a page elsewhere gets no
 * answer it could read, and a plain OPTIONS (no preflight) still gets the Web API's 405.
 * The headers and statuses are those @fastify/cors sent with a per-request delegator,
 * without building its options on every request: a request without an Origin only
 * gets `Vary: Origin`.
 */
export default fp(async function ownOriginCors (app) {
  app.addHook('onRequest', function answerOwnOrigin (request, reply, done) {
    // Every answer depends on Origin, also one to a request that sent none.
    varyOn(reply, 'Origin')
    const origin = request.headers.origin
    if (origin === undefined || !isOwnOrigin(origin, request)) {
      done()
      return
    }
    reply.header('Access-Control-Allow-Origin', origin)
    reply.header('Access-Control-Expose-Headers', EXPOSED_HEADERS)
    if (request.raw.method !== 'OPTIONS') {
      done()
      return
    }
    if (!request.headers['access-control-request-method']) {
      reply.status(400).type('text/plain').send('Invalid Preflight Request')
      return
    }
    reply.header('Access-Control-Allow-Methods', ALLOWED_METHODS)
    varyOn(reply, 'Access-Control-Request-Headers')
    const requestedHeaders = request.headers['access-control-request-headers']
    if (requestedHeaders !== undefined) reply.header('Access-Control-Allow-Headers', requestedHeaders)
    reply.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS)
    // Safari waits for a body on a 204 without Content-Length: 0.
    reply.code(204).header('Content-Length', '0').send()
  })

  // Lets the router take an OPTIONS request; a preflight is answered by the hook above,
  // so whatever reaches this handler is no preflight of ours.
  app.options('*', { schema: { hide: true } }, (_request, reply) => {
    reply.callNotFound()
  })
}, { name: 'own-origin-cors' })
