import type { FastifyPluginAsync } from 'fastify'
import assetGroups from './asset-groups.js'
import assetWrites from './asset-writes.js'
import assets from './assets.js'
import jobRuns from './job-runs.js'
import jobs from './jobs.js'
import oauthTokens from './oauth-tokens.js'
import openapiDocument from './openapi-document.js'
import results from './results.js'
import standardWrites from './standard-writes.js'
import standards from './standards.js'

/** Every CCS route, behind the bearer-token check (routes opt out with `config.auth: false`). */
const ccsApi: FastifyPluginAsync = async (api) => {
  api.addHook('onRequest', api.verifyCaller)
  // Routes without a caller (the token endpoint, the OpenAPI document) never open a data set.
  api.addHook('onRoute', (route) => {
    if (route.config?.auth !== false) route.handler = api.onDataSet(route.handler)
  })
  await api.register(oauthTokens)
  await api.register(jobs)
  await api.register(jobRuns)
  await api.register(assets)
  await api.register(assetWrites)
  await api.register(assetGroups)
  await api.register(standards)
  await api.register(results)
  await api.register(standardWrites)
  await api.register(openapiDocument)
}

export default ccsApi
