/** Every asset type name starts with this (the vendor's samples and pages). */
export const ASSET_TYPE_PREFIX = 'symc-csm-AssetSystem-Asset-'

/** What the catalog knows of an asset type (docs/decisions.md, "Asset model"). */
export interface AssetType {
  /** The type's name as CCS writes it, e.g. `symc-csm-AssetSystem-Asset-Wnt-Machine`. */
  Name: string
  /** The name the console shows. */
  DisplayName: string
  /** The type's GUID: standards name the types they target by it (`symc-Standard-TargetTypeIDs`). */
  ID: string
  /** The `Platform` of the standards that apply to assets of this type. */
  platform: string
}

/**
 * The types of the vendor's samples. Names: the Create Asset page and sample;
 * display names: the console's asset-type list where it has them; the UNIX Machine
 * GUID is the target type the vendor's standards search names.
 */
export const ASSET_TYPES: readonly AssetType[] = [
  { Name: `${ASSET_TYPE_PREFIX}Wnt-Machine`, DisplayName: 'Windows Machine', ID: '766bad07-34c2-4a80-83cc-0f2793fdcab8', platform: 'Windows' },
  { Name: `${ASSET_TYPE_PREFIX}Unix-Machine`, DisplayName: 'UNIX Machine', ID: '97546792-56b0-4020-9d88-f8786371f2d9', platform: 'Unix' },
  { Name: `${ASSET_TYPE_PREFIX}Dbif-server`, DisplayName: 'SQL Server', ID: '470b9805-d2d6-4877-bdc5-9a3ad035d259', platform: 'SQL Server' },
  { Name: `${ASSET_TYPE_PREFIX}Unix-MySQL-Servers`, DisplayName: 'MySQL Servers', ID: '137a9777-53e8-4b43-bd76-3fb9854a9657', platform: 'MySQL' },
  { Name: `${ASSET_TYPE_PREFIX}Cisco-Router`, DisplayName: 'Cisco Router', ID: '08ceac39-2904-4def-8f84-b683a749f9c5', platform: 'Cisco' }
]

const byName = new Map(ASSET_TYPES.map((type) => [type.Name.toLowerCase(), type]))

/** A known type by its name, in any letter case. */
export function knownAssetType (name: string): AssetType | undefined {
  return byName.get(name.toLowerCase())
}

/**
 * The platform of an asset type, lower-cased: the known type's, else the word after
 * the prefix (`symc-csm-AssetSystem-Asset-<Platform>-…`) of a type created through
 * the API; undefined for a name without the prefix.
 */
export function assetPlatform (typeName: string): string | undefined {
  const known = knownAssetType(typeName)
  if (known !== undefined) return known.platform.toLowerCase()
  const type = typeName.toLowerCase()
  if (!type.startsWith(ASSET_TYPE_PREFIX.toLowerCase())) return undefined
  const platform = type.slice(ASSET_TYPE_PREFIX.length).split('-')[0]
  return platform === '' ? undefined : platform
}
