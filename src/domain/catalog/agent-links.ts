import type { Agent, User } from '../../schemas/catalog.js'
import { canSeePath } from '../auth/permissions.js'
import type { Catalog } from './catalog.js'

export interface AssetAgentLink { AssetId: string, AgentId: string }
export interface AgentAssetLink { AgentId: string, AssetId: string }

const unique = (ids: readonly string[]): string[] => [...new Map(ids.map((id) => [id.trim().toLowerCase(), id])).values()]

/**
 * `GetAgentsForAsset`: one row per agent of each asset named, in the order named.
 * Unknown assets, and assets outside the caller's folder rights, give no row (the
 * page's sample answers one row for two asset IDs).
 */
export function agentsForAssets (catalog: Catalog, assetIds: readonly string[], user: User): AssetAgentLink[] {
  return unique(assetIds).flatMap((id) => {
    const asset = catalog.asset(id)
    if (asset === undefined || !canSeePath(user, asset.Path)) return []
    return catalog.agents.ofAsset(asset.ID).map((agent) => ({ AssetId: asset.ID, AgentId: agent.ID }))
  })
}

/** `GetAssetsForAgent`: one row per asset of each agent named that the caller may see. */
export function assetsForAgents (catalog: Catalog, agentIds: readonly string[], user: User): AgentAssetLink[] {
  return unique(agentIds).flatMap((id) => {
    const agent = catalog.agents.agent(id)
    if (agent === undefined) return []
    return agent.AssetIDs.flatMap((assetId) => {
      const asset = catalog.asset(assetId)
      return asset === undefined || !canSeePath(user, asset.Path) ? [] : [{ AgentId: agent.ID, AssetId: asset.ID }]
    })
  })
}

/** `GetAgentsWithOutAssets`: the agents without assets, `offset` skipped, at most `count` (default: all). */
export function agentsWithoutAssets (catalog: Catalog, offset = 0, count?: number): { total: number, agents: Array<Omit<Agent, 'AssetIDs'>> } {
  const all = catalog.agents.withoutAssets()
  const page = all.slice(offset, count === undefined ? undefined : offset + count)
  return { total: all.length, agents: page.map(({ AssetIDs: _assets, ...agent }) => agent) }
}
