import type { Agent, Asset, AssetGroup, AssetListItem, Standard, User } from '../../schemas/catalog.js'
import { AgentDirectory } from './agents.js'
import { AttributeIndex, attributeValues } from './attribute-index.js'

const groupAttributes = (group: AssetGroup) => attributeValues(
  { displayName: group.DisplayName, id: group.ID, type: group.Type, path: group.Path, description: group.Description })

/** The attribute names of the vendor's standards search sample. */
export const STANDARD_AUTHOR = 'Symc-Standard-Author'
export const STANDARD_TARGET_TYPES = 'symc-Standard-TargetTypeIDs'

const standardAttributes = (standard: Standard) => attributeValues({
  displayName: standard.DisplayName,
  id: standard.ID,
  type: standard.Type,
  path: standard.Path,
  version: standard.Version,
  isPredefined: standard.IsPredefined ? 'True' : 'False',
  platform: standard.Platform,
  description: standard.Description,
  [STANDARD_AUTHOR]: standard.Author ?? ''
}, [[STANDARD_TARGET_TYPES, standard.TargetTypeIDs ?? []]])

const assetAttributes = (asset: Asset) => attributeValues(
  { displayName: asset.DisplayName, id: asset.ID, type: asset.Type, path: asset.Path },
  asset.Attributes.map((a) => [a.Name, a.IsMultiValued ? a.Values : [a.Value]] as const)
)

/** The changeable part of the catalog, as it is stored. */
export interface CatalogData {
  assets: Asset[]
  assetGroups: AssetGroup[]
  standards: Standard[]
  agents: Agent[]
}

/** Puts a change back; valid only until the next change. */
export type Undo = () => void

/** Replaces an array's contents in place (the stored document holds the same array). */
function refill<T> (array: T[], items: readonly T[]): void {
  array.length = 0
  for (const item of items) array.push(item)
}

/**
 * Lookups and searches over the catalog: users (fixed), assets, asset groups,
 * standards and agents. The arrays in `data` become the catalog's own: its changes edit them in
 * place, so a document holding them persists every change. Each change returns its
 * undo, for when persisting it fails.
 */
export class Catalog {
  private readonly usersByName: Map<string, User>
  private readonly assetsById: Map<string, Asset>
  private readonly groupsById: Map<string, AssetGroup>
  private readonly standardsById: Map<string, Standard>
  private readonly data: CatalogData
  /** Every asset, searchable with the Attributes language, in fixture (then creation) order. */
  readonly assets: AttributeIndex<Asset>
  readonly assetGroups: AttributeIndex<AssetGroup>
  readonly standards: AttributeIndex<Standard>
  readonly agents: AgentDirectory

  constructor (data: CatalogData & { users: User[] }) {
    this.data = { assets: data.assets, assetGroups: data.assetGroups, standards: data.standards, agents: data.agents }
    this.agents = new AgentDirectory(data.agents)
    this.usersByName = new Map(data.users.map((u) => [u.UserName.toLowerCase(), u]))
    this.assetsById = new Map(data.assets.map((a) => [a.ID.toLowerCase(), a]))
    this.groupsById = new Map(data.assetGroups.map((g) => [g.ID.toLowerCase(), g]))
    this.standardsById = new Map(data.standards.map((s) => [s.ID.toLowerCase(), s]))
    this.assets = new AttributeIndex(data.assets, assetAttributes)
    this.assetGroups = new AttributeIndex(data.assetGroups, groupAttributes)
    this.standards = new AttributeIndex(data.standards, standardAttributes)
  }

  /** Windows account names compare case-insensitively. */
  user (userName: string): User | undefined {
    return this.usersByName.get(userName.toLowerCase())
  }

  /** Every user, in fixture order. */
  users (): User[] {
    return [...this.usersByName.values()]
  }

  asset (id: string): Asset | undefined {
    return this.assetsById.get(id.toLowerCase())
  }

  assetGroup (id: string): AssetGroup | undefined {
    return this.groupsById.get(id.toLowerCase())
  }

  standard (id: string): Standard | undefined {
    return this.standardsById.get(id.toLowerCase())
  }

  /** Adds assets after the existing ones. */
  addAssets (assets: readonly Asset[]): Undo {
    for (const asset of assets) {
      this.data.assets.push(asset)
      this.assetsById.set(asset.ID.toLowerCase(), asset)
    }
    this.assets.add(assets)
    return () => {
      const added = new Set(assets)
      refill(this.data.assets, this.data.assets.filter((a) => !added.has(a)))
      for (const asset of assets) this.assetsById.delete(asset.ID.toLowerCase())
      this.assets.remove(assets)
    }
  }

  /**
   * Removes assets (unknown IDs are ignored) and takes them out of every asset group
   * and agent. Jobs that name them are left alone: the engine skips what no longer exists.
   */
  removeAssets (ids: readonly string[]): Undo {
    const { removed, undo } = removeRecords(ids, this.data.assets, this.assetsById, this.assets)
    const unlink = this.agents.unlinkAssets([...removed].map((a) => a.ID))
    const removedIds = new Set([...removed].map((a) => a.ID.toLowerCase()))
    const oldMembers = new Map<AssetGroup, string[]>()
    for (const group of this.data.assetGroups) {
      if (!group.Members.some((id) => removedIds.has(id.toLowerCase()))) continue
      oldMembers.set(group, group.Members)
      group.Members = group.Members.filter((id) => !removedIds.has(id.toLowerCase()))
    }
    return () => {
      undo()
      unlink()
      for (const [group, members] of oldMembers) group.Members = members
    }
  }

  /** Takes the assets off their agents: both stay, the assets now agentless for the engine. */
  delinkAssets (ids: readonly string[]): Undo {
    const assets = ids.map((id) => this.asset(id)).filter((a): a is Asset => a !== undefined)
    const unlink = this.agents.unlinkAssets(assets.map((a) => a.ID))
    const agentless = makeAgentless(assets)
    return () => {
      unlink()
      agentless()
    }
  }

  /** Removes agents (unknown IDs are ignored); the assets no other agent collects for become agentless. */
  removeAgents (ids: readonly string[]): Undo {
    const served = ids.flatMap((id) => this.agents.agent(id)?.AssetIDs ?? [])
      .map((id) => this.asset(id)).filter((a): a is Asset => a !== undefined)
    const remove = this.agents.remove(ids)
    const agentless = makeAgentless(served.filter((asset) => this.agents.ofAsset(asset.ID).length === 0))
    return () => {
      remove()
      agentless()
    }
  }

  /** Removes standards (unknown IDs are ignored); jobs that name them are left alone. */
  removeStandards (ids: readonly string[]): Undo {
    return removeRecords(ids, this.data.standards, this.standardsById, this.standards).undo
  }
}

/** Marks assets agentless (the engine collects from them without an agent). */
function makeAgentless (assets: readonly Asset[]): Undo {
  const before = assets.map((asset) => asset.Simulation.AgentBased)
  for (const asset of assets) asset.Simulation.AgentBased = false
  return () => assets.forEach((asset, i) => { asset.Simulation.AgentBased = before[i] ?? false })
}

/** Takes the records with these IDs out of a collection's array, ID map and index. */
function removeRecords<T extends { ID: string }> (ids: readonly string[], records: T[], byId: Map<string, T>, index: AttributeIndex<T>): { removed: Set<T>, undo: Undo } {
  const removed = new Set(ids.map((id) => byId.get(id.toLowerCase())).filter((r): r is T => r !== undefined))
  const before = [...records]
  refill(records, before.filter((r) => !removed.has(r)))
  for (const record of removed) byId.delete(record.ID.toLowerCase())
  index.remove(removed)
  return {
    removed,
    undo: () => {
      refill(records, before)
      for (const record of removed) byId.set(record.ID.toLowerCase(), record)
      index.restore(removed)
    }
  }
}

/** An item of `assetDataList` (spec §6 names it `Id` there). */
export const assetListItem = (asset: Asset): AssetListItem =>
  ({ Id: asset.ID, DisplayName: asset.DisplayName, Type: asset.Type, Path: asset.Path, Attributes: asset.Attributes })
