import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authenticate } from '../domain/auth/permissions.js'
import type { TokenPair } from '../domain/auth/tokens.js'
import { ApiError, MESSAGES, oauthError, tooManyLoginFailures } from '../errors.js'
import { SessionLimitError, type DataSetSession } from '../store/store-registry.js'
import { TokenRequestSchema, tokenResponses, type TokenRequest } from '../schemas/token.js'
import { operationRoute } from './operation.js'

/**
 * OWIN's token endpoint reads the body as a form whatever Content-Type says (the
 * vendor's samples send a form labelled application/json): `+` and `%XX` decode as
 * in any form, and a JSON object body is one odd field name without a grant_type.
 */
export function parseTokenBody (text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text.trim()))
}

const noCache = { 'cache-control': 'no-cache', pragma: 'no-cache', expires: '-1' }

/**
 * Tokens are issued in the data set the request names (X-CCS-Mock-Session) and are
 * good only there. A password login to a session that does not exist yet checks the
 * users a new session would have and, once they pass, creates it.
 */
const oauthTokens: FastifyPluginAsyncTypebox = async (app) => {

  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseTokenBody(body as string))
  })

  /** Runs `issue` with the data set's session state, holding the data set (created when `create`) meanwhile. */
  async function inDataSet<T> (sessionKey: string | null, create: boolean, issue: (session: DataSetSession) => Promise<T>): Promise<T | undefined> {
    try {
      return await app.stores.withLease(sessionKey, create, async (lease) => await issue(lease.session))
    } catch (err) {
      // The token endpoint answers in OAuth's shape; RFC 6749's code for "try again later".
      if (err instanceof SessionLimitError) throw new ApiError(429, { error: 'temporarily_unavailable', error_description: err.message })
      throw err
    }
  }

  async function grant (body: TokenRequest, clientAddress: string, sessionKey: string | null): Promise<TokenPair> {
    // The users of the session it names, without creating it: a failed login creates nothing.
    const users = await app.stores.usersOf(sessionKey)
    switch (body.grant_type) {
      case 'password': {
        // Failures against a session that does not exist yet count where the default data set's do: guessing stays throttled.
        const throttle = (await app.stores.session(sessionKey, false) ?? await app.stores.session(null, false))?.throttle
        const key = `${clientAddress}|${(body.username ?? '').trim().toLowerCase()}`
        const wait = throttle?.retryAfter(key)
        if (wait !== undefined) throw tooManyLoginFailures(wait)
        const user = authenticate(users, body.username ?? '', body.password ?? '')
        if (user === undefined) {
          throttle?.recordFailure(key)
          throw oauthError('invalid_grant', MESSAGES.invalidCredentials)
        }
        throttle?.recordSuccess(key)
        return await inDataSet(sessionKey, true, async (session) => await session.tokens.issue(user.UserName)) as TokenPair
      }
      case 'refresh_token': {
        const pair = await inDataSet(sessionKey, false, async (session) => await session.tokens.refresh(body.refresh_token ?? '', (name) => users.user(name) !== undefined))
        if (pair === undefined) throw oauthError('invalid_grant')
        return pair
      }
      default:
        throw oauthError('unsupported_grant_type')
    }
  }

  const createToken = operationRoute(['createToken'], {
    tags: ['Authentication'],
    operationId: 'createToken',
    summary: 'Get an access token (OAuth2 password or refresh_token grant)',
    notes: 'OWIN\'s token endpoint, not Web API: the body is read as a form (`grant_type=password&username=…&password=…`) whatever the Content-Type says, so a JSON object body has no grant_type (400 unsupported_grant_type); answers are always JSON.'
  })
  app.post('/oauth/tokens', {
    config: { ...createToken.config, contentNegotiation: false },
    schema: {
      ...createToken.schema,
      produces: ['application/json'],
      // The samples label their form application/json; documenting only the form keeps generated clients and Swagger UI sending one.
      consumes: ['application/x-www-form-urlencoded'],
      body: TokenRequestSchema,
      response: tokenResponses
    }
  }, async (request, reply) => {
    const pair = await grant(request.body ?? {}, request.ip, request.sessionKey)
    reply.headers(noCache)
    return pair
  })
}

export default oauthTokens
