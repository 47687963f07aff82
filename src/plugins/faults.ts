import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { faultResponse } from '../admin/faults/fault-response.js'
import { FaultRules, type FaultAction, type FiredFault } from '../admin/faults/fault-rules.js'
import { isAdminPath } from '../admin/access.js'
import { echoedRequestUri } from '../admin/redact.js'
import { unauthorized } from '../errors.js'
import { bearerToken } from './auth.js'
import { doneWhenSettled } from './hook-done.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The fault rules the test author has set (see docs/decisions.md, "Fault injection"). */
    faults: FaultRules
  }
  interface FastifyRequest {
    /** The fault that fired for this request; at most one does. */
    faultAction: FaultAction | null
    /** The rule it came from. */
    faultRuleId: string | null
  }
}

// The test-author control plane, which faults never touch.
const isAdminRequest = (request: FastifyRequest): boolean => isAdminPath(request.url)

/** On routes without a bearer token (the token endpoint) the user is the form's `username`. */
function userOf (request: FastifyRequest): string | undefined {
  if (request.user !== null) return request.user.UserName
  if (request.routeOptions.config.auth !== false) return undefined
  const body = request.body as { username?: unknown } | undefined
  return typeof body?.username === 'string' ? body.username : undefined
}

/**
 * The real response cut short: headers announce the whole body, part of it is sent,
 * then the connection closes (`Connection: close` makes Node end the socket once the
 * part is flushed), so the client sees a body that stops early.
 */
function truncated (reply: FastifyReply, payload: unknown, bytes: number | undefined): unknown {
  const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : undefined
  // Streamed payloads (Swagger UI files) have no length to announce: left whole.
  if (body === undefined) return payload
  const sent = Math.min(bytes ?? Math.floor(body.length / 2), Math.max(body.length - 1, 0))
  reply.header('content-length', String(body.length)).header('connection', 'close')
  return Readable.from(sent > 0 ? [body.subarray(0, sent)] : [])
}

/**
 * Fault injection on every route but the control plane. A rule without a user is
 * matched when the request arrives (before authentication: a 503 or a dropped
 * connection happen whoever calls); a rule naming a user once the caller is known
 * (after the 401/403 checks, before the body is validated). Empty and truncated
 * bodies are applied to the real response, so the request itself is served and
 * whatever it stores stays stored.
 */
export default fp(async function faults (app) {
  const rules = new FaultRules()
  app.decorate('faults', rules)
  // A session that starts over, or goes, takes its own rules with it.
  app.stores.onSessionEnd((key) => { rules.clearOwnedBy(key) })
  app.decorateRequest('faultAction', null)
  app.decorateRequest('faultRuleId', null)

  // A delayed request must not hold up shutdown: closing ends every delay early.
  const closing = new AbortController()
  app.addHook('preClose', (done) => {
    closing.abort()
    done()
  })

  async function delay (ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: closing.signal })
    } catch {
      // aborted by close: serve the request now
    }
  }

  async function apply (request: FastifyRequest, reply: FastifyReply, fired: FiredFault): Promise<FastifyReply | undefined> {
    const { action } = fired
    request.faultAction = action
    request.faultRuleId = fired.ruleId
    request.log.info({ faultRule: fired.ruleId, fault: action.type }, 'fault injected')
    switch (action.type) {
      case 'delay':
        await delay(action.ms)
        return undefined
      case 'drop':
        reply.hijack()
        reply.raw.destroy()
        return reply
      case 'expiredToken': {
        const token = bearerToken(request)
        if (token !== undefined) (await app.stores.session(request.sessionKey, false))?.tokens.revoke(token)
        throw unauthorized()
      }
      case 'status':
      case 'stub': {
        const response = faultResponse(action, { method: request.method, url: echoedRequestUri(request), contentType: request.headers['content-type'] })
        // A string payload skips the route's response schema, which knows nothing of this body.
        return reply.code(response.status).headers(response.headers).send(response.payload)
      }
      default:
        return undefined // empty, truncate: applied in onSend
    }
  }

  // Callback style: without rules (the common case) no promise is made per request.
  app.addHook('onRequest', function faultOnArrival (request, reply, done) {
    const fired = rules.size === 0 || isAdminRequest(request) ? undefined : rules.match({ method: request.method, path: request.url, session: request.sessionKey })
    doneWhenSettled(fired === undefined ? undefined : apply(request, reply, fired), done)
  })

  app.addHook('preValidation', function faultForUser (request, reply, done) {
    const user = rules.size === 0 || request.faultAction !== null || isAdminRequest(request) ? undefined : userOf(request)
    const fired = user === undefined ? undefined : rules.match({ method: request.method, path: request.url, user, session: request.sessionKey })
    doneWhenSettled(fired === undefined ? undefined : apply(request, reply, fired), done)
  })

  app.addHook('onSend', function cutResponseBody (request, reply, payload, done) {
    const action = request.faultAction
    if (action?.type === 'empty') done(null, '')
    else if (action?.type === 'truncate') done(null, truncated(reply, payload, action.bytes))
    else done(null, payload)
  })
}, { name: 'faults', dependencies: ['auth', 'store'] })
