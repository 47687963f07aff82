import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from 'typebox'
import { agentsForAssets, agentsWithoutAssets, assetsForAgents } from '../domain/catalog/agent-links.js'
import {
  AgentsForAssetRequestSchema, AgentsForAssetResponseSchema, AgentsWithoutAssetsRequestSchema, AgentsWithoutAssetsResponseSchema,
  AssetsForAgentRequestSchema, AssetsForAgentResponseSchema,
  type AgentsForAssetRequest, type AgentsWithoutAssetsRequest, type AssetsForAgentRequest
} from '../schemas/agents.js'
import { authenticatedErrorResponses, HttpErrorSchema } from '../schemas/common.js'
import { caller } from './caller.js'
import { getBody } from './get-body.js'
import { operationRoute } from './operation.js'

const errors = { ...authenticatedErrorResponses, 413: HttpErrorSchema }

const bodyText = (schema: TSchema & { title?: string }, example: string): string =>
  `GET with a JSON body (\`Content-Type: application/json\`), as the vendor's page documents: \`${example}\`. Body schema: ${schema.title ?? ""}.`

/** API v2 Agents (vendor pages): which agents collect for which assets. */
const agents: FastifyPluginAsyncTypebox = async (app) => {
  const getAgentsForAssetRoute = operationRoute(['getAgentsForAsset'], {
    tags: ['Agents'],
    operationId: 'getAgentsForAsset',
    summary: 'The agents of the given assets',
    notes: `${bodyText(AgentsForAssetRequestSchema, '{"AssetIDs":["<asset GUID>", …]}')} One row per agent of each asset; unknown assets and assets outside the caller's folders give none.`
  })
  app.get('/Agents/GetAgentsForAsset', {
    config: getAgentsForAssetRoute.config,
    ...getBody(AgentsForAssetRequestSchema),
    schema: {
      ...getAgentsForAssetRoute.schema,
      response: { 200: AgentsForAssetResponseSchema, ...errors }
    }
  }, async (request) => {
    const rows = agentsForAssets(request.store.catalog, (request.body as AgentsForAssetRequest).AssetIDs, caller(request.user))
    return { TotalCount: rows.length, agents: rows }
  })

  const getAssetsForAgentRoute = operationRoute(['getAssetsForAgent'], {
    tags: ['Agents'],
    operationId: 'getAssetsForAgent',
    summary: 'The assets of the given agents',
    notes: `${bodyText(AssetsForAgentRequestSchema, '{"AgentIDs":["<agent ID>", …]}')} One row per asset of each agent the caller may see; unknown agents give none.`
  })
  app.get('/Agents/GetAssetsForAgent', {
    config: getAssetsForAgentRoute.config,
    ...getBody(AssetsForAgentRequestSchema),
    schema: {
      ...getAssetsForAgentRoute.schema,
      response: { 200: AssetsForAgentResponseSchema, ...errors }
    }
  }, async (request) => {
    const rows = assetsForAgents(request.store.catalog, (request.body as AssetsForAgentRequest).AgentIDs, caller(request.user))
    return { TotalRecords: rows.length, assets: rows }
  })

  const getAgentsWithoutAssetsRoute = operationRoute(['getAgentsWithoutAssets'], {
    tags: ['Agents'],
    operationId: 'getAgentsWithOutAssets',
    summary: 'Agents that collect for no asset',
    notes: `${bodyText(AgentsWithoutAssetsRequestSchema, '{"Offset":0,"numberOfRecords":10}')} Both optional (no body: every such agent).`
  })
  app.get('/Agents/GetAgentsWithOutAssets', {
    config: getAgentsWithoutAssetsRoute.config,
    ...getBody(AgentsWithoutAssetsRequestSchema),
    schema: {
      ...getAgentsWithoutAssetsRoute.schema,
      response: { 200: AgentsWithoutAssetsResponseSchema, ...errors }
    }
  }, async (request) => {
    const { Offset, numberOfRecords } = request.body as AgentsWithoutAssetsRequest
    const { total, agents } = agentsWithoutAssets(request.store.catalog, Offset, numberOfRecords)
    return { TotalAgentsWithOutAssets: total, agents }
  })
}

export default agents
