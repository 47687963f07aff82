import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Catalog } from '../domain/catalog/catalog.js'
import { LoginThrottle } from '../domain/auth/login-throttle.js'
import { authenticate } from '../domain/auth/permissions.js'
import type { TokenPair } from '../domain/auth/tokens.js'
import { MESSAGES, oauthError, tooManyLoginFailures } from '../errors.js'
import { TokenRequestSchema, tokenResponses, type TokenRequest } from '../schemas/token.js'
import { operationRoute } from './operation.js'

/**
 * OWIN reads the token request as a form whatever Content-Type says (the vendor's
 * sample sends a form body as application/json); a JSON object body works too.
 */
export function parseTokenBody (text: string): Record<string, string> {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]))
      }
    } catch {
      // not JSON after all: read it as a form, like OWIN would
    }
  }
  return Object.fromEntries(new URLSearchParams(trimmed))
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
    notes: 'Form body `grant_type=password&username=…&password=…`, read as a form whatever the Content-Type says; a JSON object body is accepted too.'
  })
  app.post('/oauth/tokens', {
    config: { ...createToken.config, auth: false },
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
