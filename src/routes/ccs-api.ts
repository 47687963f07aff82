import type { FastifyPluginAsync } from 'fastify'
import jobs from './jobs.js'
import oauthTokens from './oauth-tokens.js'
import openapiDocument from './openapi-document.js'

/** Every CCS route, behind the bearer-token check (routes opt out with `config.auth: false`). */
const ccsApi: FastifyPluginAsync = async (api) => {
  api.addHook('onRequest', api.verifyCaller)
  await api.register(oauthTokens)
  await api.register(jobs)
  await api.register(openapiDocument)
}

export default ccsApi
