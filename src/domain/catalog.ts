import type { Asset, AssetGroup, AssetListItem, AssetView, Standard, User } from '../schemas/catalog.js'
import { AttributeIndex, attributeValues } from './attribute-index.js'

const groupAttributes = (group: AssetGroup) => attributeValues(
  { displayName: group.DisplayName, id: group.ID, type: group.Type, path: group.Path, description: group.Description })

const standardAttributes = (standard: Standard) => attributeValues({
  displayName: standard.DisplayName,
  id: standard.ID,
  type: standard.Type,
  path: standard.Path,
  version: standard.Version,
  isPredefined: standard.IsPredefined ? 'True' : 'False',
  platform: standard.Platform,
  description: standard.Description
})

const assetAttributes = (asset: Asset) => attributeValues(
  { displayName: asset.DisplayName, id: asset.ID, type: asset.Type, path: asset.Path },
  asset.Attributes.map((a) => [a.Name, a.IsMultiValued ? a.Values : [a.Value]] as const)
)

/** Read-only lookups over the fixture catalog: users, assets, asset groups, standards. */
export class Catalog {
  private readonly usersByName: Map<string, User>
  private readonly assetsById: Map<string, Asset>
  private readonly groupsById: Map<string, AssetGroup>
  private readonly standardsById: Map<string, Standard>
  /** Every asset, searchable with the Attributes language, in fixture order. */
  readonly assets: AttributeIndex<Asset>
  readonly assetGroups: AttributeIndex<AssetGroup>
  readonly standards: AttributeIndex<Standard>

  constructor (data: { users: User[], assets: Asset[], assetGroups: AssetGroup[], standards: Standard[] }) {
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

  asset (id: string): Asset | undefined {
    return this.assetsById.get(id.toLowerCase())
  }

  assetGroup (id: string): AssetGroup | undefined {
    return this.groupsById.get(id.toLowerCase())
  }

  standard (id: string): Standard | undefined {
    return this.standardsById.get(id.toLowerCase())
  }
}

/** `GET Assets/{id}`: the asset without its simulation data. */
export const assetView = (asset: Asset): AssetView =>
  ({ DisplayName: asset.DisplayName, ID: asset.ID, Type: asset.Type, Path: asset.Path, Attributes: asset.Attributes })

/** An item of `assetDataList` (spec §6 names it `Id` there). */
export const assetListItem = (asset: Asset): AssetListItem =>
  ({ Id: asset.ID, DisplayName: asset.DisplayName, Type: asset.Type, Path: asset.Path, Attributes: asset.Attributes })
