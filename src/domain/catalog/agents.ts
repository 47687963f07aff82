import type { Agent } from '../../schemas/catalog.js'
import { canonicalGuid } from '../dotnet/json-net-binding.js'
import type { Undo } from './catalog.js'

/** Agent and asset IDs compare case-insensitively; those that are GUIDs in any .NET form. */
const idKey = (id: string): string => canonicalGuid(id) ?? id.trim().toLowerCase()

/**
 * The catalog's agents and which assets each collects for. The array given becomes
 * the directory's own: changes edit it (and the agents in it) in place, so a
 * document holding it persists them. Each change returns its undo.
 */
export class AgentDirectory {
  private readonly byId = new Map<string, Agent>()
  private readonly byAsset = new Map<string, Agent[]>()

  constructor (private readonly agents: Agent[]) {
    this.reindex()
  }

  private reindex (): void {
    this.byId.clear()
    this.byAsset.clear()
    for (const agent of this.agents) {
      this.byId.set(idKey(agent.ID), agent)
      for (const assetId of agent.AssetIDs) {
        const list = this.byAsset.get(idKey(assetId)) ?? []
        list.push(agent)
        this.byAsset.set(idKey(assetId), list)
      }
    }
  }

  /** Every agent, in fixture (then creation) order. */
  all (): readonly Agent[] {
    return this.agents
  }

  agent (id: string): Agent | undefined {
    return this.byId.get(idKey(id))
  }

  /** The agents that collect for the asset. */
  ofAsset (assetId: string): readonly Agent[] {
    return this.byAsset.get(idKey(assetId)) ?? []
  }

  /** Agents without a single asset, in order. */
  withoutAssets (): Agent[] {
    return this.agents.filter((agent) => agent.AssetIDs.length === 0)
  }

  /** Takes the assets out of every agent's asset list; the agents stay. */
  unlinkAssets (assetIds: readonly string[]): Undo {
    const gone = new Set(assetIds.map(idKey))
    const before = new Map<Agent, string[]>()
    for (const agent of this.agents) {
      if (!agent.AssetIDs.some((id) => gone.has(idKey(id)))) continue
      before.set(agent, agent.AssetIDs)
      agent.AssetIDs = agent.AssetIDs.filter((id) => !gone.has(idKey(id)))
    }
    this.reindex()
    return () => {
      for (const [agent, ids] of before) agent.AssetIDs = ids
      this.reindex()
    }
  }

  /** Deletes agents (unknown IDs are ignored). */
  remove (agentIds: readonly string[]): Undo {
    const gone = new Set(agentIds.map(idKey))
    const before = [...this.agents]
    const kept = before.filter((agent) => !gone.has(idKey(agent.ID)))
    this.agents.length = 0
    this.agents.push(...kept)
    this.reindex()
    return () => {
      this.agents.length = 0
      this.agents.push(...before)
      this.reindex()
    }
  }
}
