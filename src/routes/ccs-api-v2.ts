import type { FastifyPluginAsync } from 'fastify'
import agents from './agents.js'
import { ccsScope } from './ccs-api.js'

export const API_V2_PREFIX = '/ccs/api/v2'

/** The CCS API v2 routes, behind the same bearer-token check as v1. */
const ccsApiV2: FastifyPluginAsync = async (api) => {
  ccsScope(api)
  await api.register(agents)
}

export default ccsApiV2
