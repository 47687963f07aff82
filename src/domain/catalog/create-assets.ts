import { randomUUID } from 'node:crypto'
import type { ModelState } from '../../errors.js'
import type { Asset, User } from '../../schemas/catalog.js'
import type { NewAsset } from '../../schemas/catalog-writes.js'
import type { Catalog } from './catalog.js'
import { formatDotNetDate } from '../dotnet/dotnet-time.js'
import { ModelStateBuilder } from '../dotnet/model-state.js'
import { canSeePath } from '../auth/permissions.js'
import { ASSET_TYPE_PREFIX } from './asset-types.js'

export const ASSET_ROOT = 'Asset System'
/** Attributes (after the type prefix) that name an asset, in order of preference. */
const NAMING_ATTRIBUTES = ['hostname', 'hostmachine', 'servername', 'ipaddress']
/** What the Attributes search language can name (docs/decisions.md). */
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/
/** Body members that are not attributes of the asset. */
const RESERVED = new Set(['type', 'container', 'displayname', 'whencreated', 'whenchanged'])

/** The API creates assets for agentless collection only (vendor page). */
export const NEW_ASSET_SIMULATION: Asset['Simulation'] = { AgentBased: false, Reachable: true, Profile: 'baseline' }

export type CreateAssetsOutcome =
  | { kind: 'created', assets: Asset[] }
  | { kind: 'invalid', modelState: ModelState }
  | { kind: 'forbidden' }

/** `Unix/Linux`, `Asset System\Unix\`, none -> `Asset System\Unix\Linux` / `Asset System`. */
export function assetPath (container: string | undefined): string {
  const segments = (container ?? '').split(/[\\/]+/).map((s) => s.trim()).filter((s) => s !== '')
  if (segments[0]?.toLowerCase() === ASSET_ROOT.toLowerCase()) segments.shift()
  return [ASSET_ROOT, ...segments].join('\\')
}

const attributeEntries = (item: NewAsset): Array<[string, string]> =>
  Object.entries(item).filter((e): e is [string, string] => typeof e[1] === 'string' && !RESERVED.has(e[0].toLowerCase()))

function displayNameOf (item: NewAsset): string | undefined {
  const explicit = item.displayName?.trim() ?? ''
  if (explicit !== '') return explicit
  const prefix = `${item.Type.toLowerCase()}-`
  const entries = attributeEntries(item)
  for (const wanted of NAMING_ATTRIBUTES) {
    const found = entries.find(([name, value]) => name.toLowerCase() === prefix + wanted && value.trim() !== '')
    if (found !== undefined) return found[1].trim()
  }
  return undefined
}

const identity = (type: string, name: string): string => `${type.toLowerCase()}\n${name.toLowerCase()}`

function toAsset (item: NewAsset, displayName: string, now: number): Asset {
  const attribute = (Name: string, Value: string) => ({ Name, Value, Values: [], IsMultiValued: false })
  const created = formatDotNetDate(now)
  return {
    ID: randomUUID(),
    DisplayName: displayName,
    Type: item.Type,
    Path: assetPath(item.container),
    Attributes: [
      attribute('displayName', displayName),
      attribute('whenCreated', created),
      attribute('whenChanged', created),
      ...attributeEntries(item).map(([name, value]) => attribute(name, value))
    ],
    Simulation: { ...NEW_ASSET_SIMULATION }
  }
}

/**
 * The rules of `POST assets` that a schema cannot state: asset types, attribute
 * names, a name for every asset, no second asset of one type and name, and the
 * caller's folder rights over where the assets go. Reports every failing item.
 */
export function buildAssets (items: readonly NewAsset[], catalog: Catalog, user: User, now: number): CreateAssetsOutcome {
  const errors = new ModelStateBuilder()
  if (items.length === 0) errors.addBody('', 'At least one asset is required.')
  const taken = new Set(catalog.assets.search({ kind: 'all' }).map((a) => identity(a.Type, a.DisplayName)))
  const names = items.map((item, i) => {
    if (!item.Type.toLowerCase().startsWith(ASSET_TYPE_PREFIX.toLowerCase()) || item.Type.length === ASSET_TYPE_PREFIX.length) {
      errors.addBody(`[${i}].Type`, `'${item.Type}' is not an asset type; asset types start with '${ASSET_TYPE_PREFIX}'.`)
    }
    for (const [name] of attributeEntries(item)) {
      if (!ATTRIBUTE_NAME.test(name)) errors.addBody(`[${i}]`, `The attribute name '${name}' may contain only letters, digits, '_', '.' and '-'.`)
    }
    const name = displayNameOf(item)
    if (name === undefined) {
      errors.addBody(`[${i}]`, 'The asset needs a displayName, or a HostName, HostMachine, ServerName or IPAddress attribute of its type.')
    } else if (taken.has(identity(item.Type, name))) {
      errors.addBody(`[${i}]`, `An asset of type '${item.Type}' named '${name}' already exists.`)
    } else {
      taken.add(identity(item.Type, name))
    }
    return name
  })
  if (!errors.isEmpty) return { kind: 'invalid', modelState: errors.entries }
  const assets = items.map((item, i) => toAsset(item, names[i] as string, now))
  if (assets.some((asset) => !canSeePath(user, asset.Path))) return { kind: 'forbidden' }
  return { kind: 'created', assets }
}
