import { Type, type Static } from 'typebox'
import { OAuthErrorSchema } from './common.js'

export const TokenRequestSchema = Type.Object({
  grant_type: Type.Optional(Type.String({ description: '`password` or `refresh_token` (case-sensitive)', examples: ['password'] })),
  username: Type.Optional(Type.String({ description: 'Windows account, case-insensitive', examples: ['domain1\\administrator'] })),
  password: Type.Optional(Type.String({ description: 'The password, or its Base64 encoding', examples: ['pass@123'] })),
  refresh_token: Type.Optional(Type.String({ description: 'With grant_type=refresh_token' }))
}, { title: 'TokenRequest' })

export const TokenResponseSchema = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the access token expires', examples: [3599] }),
  refresh_token: Type.String()
}, { title: 'TokenResponse' })

export const tokenResponses = {
  200: TokenResponseSchema,
  400: OAuthErrorSchema,
  429: OAuthErrorSchema
}

export type TokenRequest = Static<typeof TokenRequestSchema>
