import { Type, type Static } from 'typebox'
import { Int32 } from './common.js'

const Ids = (what: string) => Type.Array(Type.String(), { description: `${what}; unknown ones give no row.` })

/** Body of `GET /ccs/api/v2/Agents/GetAgentsForAsset` (vendor page). */
export const AgentsForAssetRequestSchema = Type.Object({
  AssetIDs: Ids('Asset GUIDs')
}, { title: 'GetAgentsForAssetRequest', examples: [{ AssetIDs: ['49865b64-a095-4b1b-9f69-1eeba0747d02'] }] })

export const AgentsForAssetResponseSchema = Type.Object({
  TotalCount: Type.Integer({ minimum: 0 }),
  agents: Type.Array(Type.Object({ AssetId: Type.String(), AgentId: Type.String() }))
}, { title: 'GetAgentsForAssetResponse' })

/** Body of `GET /ccs/api/v2/Agents/GetAssetsForAgent` (vendor page). */
export const AssetsForAgentRequestSchema = Type.Object({
  AgentIDs: Ids('Agent IDs')
}, { title: 'GetAssetsForAgentRequest', examples: [{ AgentIDs: ['55b48eb3-f0d3-444d-81ec-f5d8b538f68c'] }] })

export const AssetsForAgentResponseSchema = Type.Object({
  TotalRecords: Type.Integer({ minimum: 0 }),
  assets: Type.Array(Type.Object({ AgentId: Type.String(), AssetId: Type.String() }))
}, { title: 'GetAssetsForAgentResponse' })

/** Body of `GET /ccs/api/v2/Agents/GetAgentsWithOutAssets` (vendor page: both optional). */
export const AgentsWithoutAssetsRequestSchema = Type.Object({
  Offset: Type.Optional(Int32({ minimum: 0, description: 'Records to skip. Default 0.' })),
  numberOfRecords: Type.Optional(Int32({ minimum: 1, description: 'Records to answer. Default: all.' }))
}, { title: 'GetAgentsWithOutAssetsRequest', examples: [{ Offset: 0, numberOfRecords: 10 }] })

export const AgentsWithoutAssetsResponseSchema = Type.Object({
  TotalAgentsWithOutAssets: Type.Integer({ minimum: 0, description: 'All agents without assets, before Offset and numberOfRecords.' }),
  agents: Type.Array(Type.Object({
    ID: Type.String(),
    Name: Type.String(),
    FQDN: Type.String(),
    IPAddressList: Type.String(),
    DisplayVersion: Type.String()
  }, { title: 'AgentView' }))
}, { title: 'GetAgentsWithOutAssetsResponse' })

export type AgentsForAssetRequest = Static<typeof AgentsForAssetRequestSchema>
export type AssetsForAgentRequest = Static<typeof AssetsForAgentRequestSchema>
export type AgentsWithoutAssetsRequest = Static<typeof AgentsWithoutAssetsRequestSchema>
