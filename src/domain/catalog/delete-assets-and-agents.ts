import type { ModelState } from '../../errors.js'
import type { User } from '../../schemas/catalog.js'
import type { DeleteAssetsAndAgentsRequest } from '../../schemas/catalog-writes.js'
import { canSeePath } from '../auth/permissions.js'
import { canonicalGuid } from '../dotnet/json-net-binding.js'
import { ModelStateBuilder } from '../dotnet/model-state.js'
import type { Catalog } from './catalog.js'

/** What the request does: delink only, or delete the assets (and, with DeleteAgent, their agents). */
export interface AssetsAndAgentsPlan {
  delinkOnly: boolean
  assetIds: string[]
  agentIds: string[]
}

export type DeleteAssetsAndAgentsOutcome = { ok: true, plan: AssetsAndAgentsPlan } | { ok: false, modelState: ModelState }

const listOf = (ids: string | string[]): string[] =>
  (typeof ids === 'string' ? ids.split(',') : ids).map((id) => id.trim()).filter((id) => id !== '')

/**
 * The rules of Delete Assets and Agents that a schema cannot state: at least one
 * asset, each a GUID of an asset the caller may see (otherwise nothing changes), and
 * not both DelinkAgentsAndAssetsOnly and DeleteAgent. Each asset once, in order.
 */
export function planDeleteAssetsAndAgents (request: DeleteAssetsAndAgentsRequest, catalog: Catalog, user: User): DeleteAssetsAndAgentsOutcome {
  const errors = new ModelStateBuilder()
  const ids = listOf(request.AssetIds)
  if (ids.length === 0) errors.addBody('AssetIds', 'At least one asset ID is required.')
  const assetIds: string[] = []
  ids.forEach((id) => {
    const guid = canonicalGuid(id)
    const asset = guid === undefined ? undefined : catalog.asset(guid)
    if (guid === undefined) errors.addBody('AssetIds', `'${id}' is not a GUID.`)
    else if (asset === undefined || !canSeePath(user, asset.Path)) errors.addBody('AssetIds', `No asset with ID '${id}' exists.`)
    else if (!assetIds.includes(asset.ID)) assetIds.push(asset.ID)
  })
  const delinkOnly = request.DelinkAgentsAndAssetsOnly === true
  if (delinkOnly && request.DeleteAgent === true) {
    errors.addBody('DeleteAgent', 'DeleteAgent cannot be true with DelinkAgentsAndAssetsOnly: delinking keeps the assets and the agents.')
  }
  if (!errors.isEmpty) return { ok: false, modelState: errors.entries }
  const agentIds = delinkOnly || request.DeleteAgent !== true
    ? []
    : [...new Set(assetIds.flatMap((id) => catalog.agents.ofAsset(id).map((agent) => agent.ID)))]
  return { ok: true, plan: { delinkOnly, assetIds, agentIds } }
}
