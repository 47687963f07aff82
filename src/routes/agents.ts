import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from 'typebox'
import { FOLDERS, TASKS } from '../domain/auth/permissions.js'
import { agentsForAssets, agentsWithoutAssets, assetsForAgents } from '../domain/catalog/agent-links.js'
import {
  AgentsForAssetRequestSchema, AgentsForAssetResponseSchema, AgentsWithoutAssetsRequestSchema, AgentsWithoutAssetsResponseSchema,
  AssetsForAgentRequestSchema, AssetsForAgentResponseSchema,
  type AgentsForAssetRequest, type AgentsWithoutAssetsRequest, type AssetsForAgentRequest
} from '../schemas/agents.js'
import { authenticatedErrorResponses, HttpErrorSchema } from '../schemas/common.js'
import { caller } from './caller.js'
import { getBody } from './get-body.js'

/** The v2 Agents pages: Manage Agents and View Assets, and the Asset System folder. */
const AGENTS_PERMISSION = { tasks: [TASKS.manageAgents, TASKS.viewAssets], folders: [FOLDERS.assetSystem] }
const errors = { ...authenticatedErrorResponses, 413: HttpErrorSchema }

const bodyText = (schema: TSchema & { title?: string }, example: string): string =>
  `GET with a JSON body (\`Content-Type: application/json\`), as the vendor's page documents: \`${example}\`. Body schema: ${schema.title ?? ""}.`

/** API v2 Agents (vendor pages): which agents collect for which assets. */
const agents: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/Agents/GetAgentsForAsset', {
    config: { permission: AGENTS_PERMISSION },
    ...getBody(AgentsForAssetRequestSchema),
    schema: {
      tags: ['Agents'],
      operationId: 'getAgentsForAsset',
      summary: 'The agents of the given assets',
      description: `${bodyText(AgentsForAssetRequestSchema, '{"AssetIDs":["<asset GUID>", …]}')} One row per agent of each asset; unknown assets and assets outside the caller's folders give none. Needs Manage Agents and View Assets, and the Asset System folder.`,
      security: [{ bearerAuth: [] }],
      response: { 200: AgentsForAssetResponseSchema, ...errors }
    }
  }, async (request) => {
    const rows = agentsForAssets(request.store.catalog, (request.body as AgentsForAssetRequest).AssetIDs, caller(request.user))
    return { TotalCount: rows.length, agents: rows }
  })

  app.get('/Agents/GetAssetsForAgent', {
    config: { permission: AGENTS_PERMISSION },
    ...getBody(AssetsForAgentRequestSchema),
    schema: {
      tags: ['Agents'],
      operationId: 'getAssetsForAgent',
      summary: 'The assets of the given agents',
      description: `${bodyText(AssetsForAgentRequestSchema, '{"AgentIDs":["<agent ID>", …]}')} One row per asset of each agent the caller may see; unknown agents give none. Needs Manage Agents and View Assets, and the Asset System folder.`,
      security: [{ bearerAuth: [] }],
      response: { 200: AssetsForAgentResponseSchema, ...errors }
    }
  }, async (request) => {
    const rows = assetsForAgents(request.store.catalog, (request.body as AssetsForAgentRequest).AgentIDs, caller(request.user))
    return { TotalRecords: rows.length, assets: rows }
  })

  app.get('/Agents/GetAgentsWithOutAssets', {
    config: { permission: AGENTS_PERMISSION },
    ...getBody(AgentsWithoutAssetsRequestSchema),
    schema: {
      tags: ['Agents'],
      operationId: 'getAgentsWithOutAssets',
      summary: 'Agents that collect for no asset',
      description: `${bodyText(AgentsWithoutAssetsRequestSchema, '{"Offset":0,"numberOfRecords":10}')} Both optional (no body: every such agent). Needs Manage Agents and View Assets, and the Asset System folder.`,
      security: [{ bearerAuth: [] }],
      response: { 200: AgentsWithoutAssetsResponseSchema, ...errors }
    }
  }, async (request) => {
    const { Offset, numberOfRecords } = request.body as AgentsWithoutAssetsRequest
    const { total, agents } = agentsWithoutAssets(request.store.catalog, Offset, numberOfRecords)
    return { TotalAgentsWithOutAssets: total, agents }
  })
}

export default agents
