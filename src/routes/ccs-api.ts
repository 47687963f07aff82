import type { FastifyPluginAsync } from 'fastify'
import type { Config } from '../config.js'
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

/** Every CCS route, behind the bearer-token check (routes opt out with `config.auth: false`). */
const ccsApi: FastifyPluginAsync<{ config: Config }> = async (api, { config }) => {
  api.addHook('onRequest', api.verifyCaller)
  await api.register(oauthTokens, { loginFailureLimit: config.loginFailureLimit, loginFailureWindow: config.loginFailureWindow })
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
