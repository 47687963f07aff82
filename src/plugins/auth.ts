import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { isPermitted, type Permission } from '../domain/auth/permissions.js'
import { forbidden, unauthorized } from '../errors.js'
import { checkSessionHeader } from './store.js'
import type { User } from '../schemas/catalog.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for the CCS API scope: bearer token, then permissions. */
    verifyCaller: onRequestAsyncHookHandler
  }
  interface FastifyRequest {
    user: User | null
  }
  interface FastifyContextConfig {
    /** false: no bearer token needed (the token endpoint, the OpenAPI document). */
    auth?: boolean
    /** Tasks and folders the caller needs; lacking any is a 403. */
    permission?: Permission
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

/** The bearer token of the Authorization header, if any. */
export function bearerToken (request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  return header === undefined ? undefined : BEARER.exec(header)?.[1]
}

/**
 * Bearer-token authentication and CCS task/folder permissions. Runs before the body
 * is read, so a 401 or 403 wins over a 400 (authorization filters run before model
 * binding in Web API).
 */
export default fp(async function auth (app) {
  app.decorateRequest('user', null)

  app.decorate('verifyCaller', async function verifyCaller (request: FastifyRequest) {
    const config = request.routeOptions.config
    if (request.is404) return
    checkSessionHeader(request)
    if (config.auth === false) return
    // A token is good only in the data set it was issued in: a session that does not exist knows none.
    const token = bearerToken(request)
    const session = token === undefined ? undefined : await app.stores.session(request.sessionKey, false)
    const userName = token === undefined ? undefined : session?.tokens.verifyAccess(token)
    const user = userName === undefined ? undefined : (await app.stores.usersOf(request.sessionKey)).user(userName)
    if (user === undefined) throw unauthorized()
    request.user = user
    if (config.permission !== undefined && !isPermitted(user, config.permission)) throw forbidden()
  })
}, { name: 'auth', dependencies: ['clock', 'store'] })
