import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { echoedRequestUri } from '../admin/redact.js'
import { isPermitted } from '../domain/auth/permissions.js'
import { operationRule, selectOperation, type OperationId, type OperationRule } from '../domain/operation-rules.js'
import { forbidden, noActionMatched, unauthorized } from '../errors.js'
import type { User } from '../schemas/catalog.js'
import { doneWhenSettled } from './hook-done.js'
import { checkSessionHeader } from './store.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for the CCS API scope: the operation, the bearer token, then permissions. */
    verifyCaller: onRequestHookHandler
  }
  interface FastifyRequest {
    user: User | null
    /** The vendor operation this request selected (src/domain/operation-rules.ts). */
    operation: OperationRule | null
  }
  interface FastifyContextConfig {
    /** false: no bearer token needed (the token endpoint, the OpenAPI document). */
    auth?: boolean
    /** The vendor operations the route serves; the first whose mandatory query parameters are present is selected. */
    operations?: readonly OperationId[]
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

/** The bearer token of the Authorization header, if any. */
export function bearerToken (request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  return header === undefined ? undefined : BEARER.exec(header)?.[1]
}

/**
 * The operation, as Web API's action selector picks it before any filter runs: a
 * missing mandatory query parameter leaves no action, a 404 even without a token.
 */
function requestOperation (request: FastifyRequest, ids: readonly OperationId[] | undefined): OperationRule | null {
  if (ids === undefined || ids.length === 0) return null
  const id = selectOperation(ids, Object.keys(request.query as Record<string, unknown>))
  // The URI is echoed as Web API does, but a token a client put in the query stays out of the body.
  if (id === undefined) throw noActionMatched(echoedRequestUri(request), operationRule(ids[0] as OperationId).controller)
  return operationRule(id)
}

/**
 * The operation, then bearer-token authentication, then the tasks and folders its
 * page names. Runs before the body is read, so a 401 or 403 wins over a 400
 * (authorization filters run before model binding in Web API).
 */
export default fp(async function auth (app) {
  app.decorateRequest('user', null)
  app.decorateRequest('operation', null)

  const { stores } = app

  function admitUser (request: FastifyRequest, user: User | undefined): void {
    if (user === undefined) throw unauthorized()
    request.user = user
    if (request.operation !== null && !isPermitted(user, request.operation.requirement)) throw forbidden()
  }

  /** Lets in the user a token names (else 401; 403 without the operation's permission); a promise only while the data set's users are read. */
  function admit (request: FastifyRequest, userName: string | undefined): Promise<void> | undefined {
    if (userName === undefined) throw unauthorized()
    const users = stores.openUsers(request.sessionKey)
    if (users !== undefined) {
      admitUser(request, users.user(userName))
      return undefined
    }
    return stores.usersOf(request.sessionKey).then((opened) => { admitUser(request, opened.user(userName)) })
  }

  // Callback style: for a data set that is open (all but a session's first requests)
  // nothing waits, so no promise is made. What it throws, Fastify's hook runner hands
  // to the error handler, as it did the async hook's rejection.
  app.decorate('verifyCaller', function verifyCaller (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) {
    if (request.is404) {
      done()
      return
    }
    // Read once: each read of routeOptions builds a new object.
    const { config } = request.routeOptions
    request.operation = requestOperation(request, config.operations)
    checkSessionHeader(request)
    if (config.auth === false) {
      done()
      return
    }
    // A token is good only in the data set it was issued in: a session that does not exist knows none.
    const token = bearerToken(request)
    if (token === undefined) throw unauthorized()
    const session = stores.knownSession(request.sessionKey)
    doneWhenSettled(session !== undefined
      ? admit(request, session.tokens.verifyAccess(token))
      : stores.session(request.sessionKey, false).then((opened) => admit(request, opened?.tokens.verifyAccess(token))), done)
  })
}, { name: 'auth', dependencies: ['clock', 'store'] })
