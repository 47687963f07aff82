import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Catalog } from '../domain/catalog/catalog.js'
import { LoginThrottle } from '../domain/auth/login-throttle.js'
import { authenticate } from '../domain/auth/permissions.js'
import type { TokenPair } from '../domain/auth/tokens.js'
import { MESSAGES, oauthError, tooManyLoginFailures } from '../errors.js'
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

export interface OauthTokensOptions {
  loginFailureLimit: number
  loginFailureWindow: number
}

const oauthTokens: FastifyPluginAsyncTypebox<OauthTokensOptions> = async (app, options) => {
  const throttle = new LoginThrottle(app.clock, options.loginFailureLimit, options.loginFailureWindow)

  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseTokenBody(body as string))
  })

  async function grant (body: TokenRequest, clientAddress: string, catalog: Catalog): Promise<TokenPair> {
    switch (body.grant_type) {
      case 'password': {
        const key = `${clientAddress}|${(body.username ?? '').trim().toLowerCase()}`
        const wait = throttle.retryAfter(key)
        if (wait !== undefined) throw tooManyLoginFailures(wait)
        const user = authenticate(catalog, body.username ?? '', body.password ?? '')
        if (user === undefined) {
          throttle.recordFailure(key)
          throw oauthError('invalid_grant', MESSAGES.invalidCredentials)
        }
        throttle.recordSuccess(key)
        return await app.tokens.issue(user.UserName)
      }
      case 'refresh_token': {
        const pair = await app.tokens.refresh(body.refresh_token ?? '', (name) => catalog.user(name) !== undefined)
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
    config: { ...createToken.config, auth: false, contentNegotiation: false },
    schema: {
      ...createToken.schema,
      produces: ['application/json'],
      consumes: ['application/x-www-form-urlencoded', 'application/json'],
      body: TokenRequestSchema,
      response: tokenResponses
    }
  }, async (request, reply) => {
    const pair = await grant(request.body ?? {}, request.ip, request.store.catalog)
    reply.headers(noCache)
    return pair
  })
}

export default oauthTokens
