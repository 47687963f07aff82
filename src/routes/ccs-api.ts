import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import assetGroups from './asset-groups.js'
import assetWrites from './asset-writes.js'
import assets from './assets.js'
import jobRuns from './job-runs.js'
import jobs from './jobs.js'
import oauthTokens from './oauth-tokens.js'
import openapiDocument from './openapi-document.js'
import remediationTickets from './remediation-tickets.js'
import results from './results.js'
import standardWrites from './standard-writes.js'
import standards from './standards.js'

/**
 * What every CCS route scope sets up: the bearer-token check (routes opt out with
 * `config.auth: false`) and, for routes with a caller, the lease on the request's data
 * set around the handler (routes without one — the token endpoint, the OpenAPI
 * document — never open a data set).
 */
export function ccsScope (api: FastifyInstance): void {
  api.addHook('onRequest', api.verifyCaller)
  api.addHook('onRoute', (route) => {
    if (route.config?.auth !== false) route.handler = api.onDataSet(route.handler)
  })
}

/** Every CCS route of API v1. */
const ccsApi: FastifyPluginAsync = async (api) => {
  ccsScope(api)
  await api.register(oauthTokens)
  await api.register(jobs)
  await api.register(jobRuns)
  await api.register(assets)
  await api.register(assetWrites)
  await api.register(assetGroups)
  await api.register(standards)
  await api.register(results)
  await api.register(standardWrites)
  await api.register(remediationTickets)
  await api.register(openapiDocument)
}

export default ccsApi
