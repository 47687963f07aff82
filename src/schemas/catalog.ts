import { Type, type Static, type TArray, type TInteger, type TSchema } from 'typebox'
import { Guid, Int32 } from './common.js'

export const AssetAttributeSchema = Type.Object({
  Name: Type.String(),
  Value: Type.String(),
  Values: Type.Array(Type.String()),
  IsMultiValued: Type.Boolean()
}, { title: 'AssetAttribute' })

/** How the simulated engine treats an asset; never part of an API response. */
export const AssetSimulationSchema = Type.Object({
  AgentBased: Type.Boolean(),
  Reachable: Type.Boolean(),
  Profile: Type.Enum(['hardened', 'baseline', 'weak']),
  /** IDs of the checks this asset holds an exception for: they evaluate as Exempted. */
  Exemptions: Type.Optional(Type.Array(Guid()))
})

export const AssetSchema = Type.Object({
  ID: Guid(),
  DisplayName: Type.String(),
  Type: Type.String(),
  Path: Type.String(),
  Attributes: Type.Array(AssetAttributeSchema),
  Simulation: AssetSimulationSchema
}, { title: 'Asset' })

export const AssetGroupSchema = Type.Object({
  ID: Guid(),
  DisplayName: Type.String(),
  Type: Type.String(),
  Path: Type.String(),
  Description: Type.String(),
  Members: Type.Array(Guid())
}, { title: 'AssetGroup' })

export const CheckSchema = Type.Object({
  ID: Guid(),
  Name: Type.String(),
  Severity: Type.Enum(['High', 'Medium', 'Low']),
  Kind: Type.Enum(['automated', 'manual']),
  PassesOn: Type.Array(Type.String())
}, { title: 'Check' })

export const StandardSchema = Type.Object({
  ID: Guid(),
  DisplayName: Type.String(),
  Type: Type.String(),
  Path: Type.String(),
  Version: Type.String(),
  IsPredefined: Type.Boolean(),
  Platform: Type.String(),
  Description: Type.String(),
  /** `Symc-Standard-Author` (the vendor's standards search sample). */
  Author: Type.Optional(Type.String()),
  /** `symc-Standard-TargetTypeIDs`: GUIDs of the asset types the standard applies to. */
  TargetTypeIDs: Type.Optional(Type.Array(Guid())),
  Checks: Type.Array(CheckSchema)
}, { title: 'Standard' })

/**
 * A CCS agent and the assets it collects for. The v2 Agents pages show `ID`, `Name`
 * (an IP address), `FQDN`, `IPAddressList` (text) and `DisplayVersion`; their agent
 * IDs are 36-character strings that are not always GUIDs.
 */
export const AgentSchema = Type.Object({
  ID: Type.String({ minLength: 1 }),
  Name: Type.String(),
  FQDN: Type.String(),
  IPAddressList: Type.String(),
  DisplayVersion: Type.String(),
  AssetIDs: Type.Array(Guid())
}, { title: 'Agent' })

export const UserSchema = Type.Object({
  UserName: Type.String({ minLength: 1 }),
  Password: Type.String({ minLength: 1 }),
  Tasks: Type.Array(Type.String()),
  Folders: Type.Array(Type.String()),
  /** CCS roles, e.g. `Remediation Administrator` (the remediation ticket pages require it instead of tasks). */
  Roles: Type.Optional(Type.Array(Type.String()))
}, { title: 'User' })

export type Asset = Static<typeof AssetSchema>
export type AssetGroup = Static<typeof AssetGroupSchema>
export type Standard = Static<typeof StandardSchema>
export type User = Static<typeof UserSchema>
export type Agent = Static<typeof AgentSchema>

export const AssetTypeViewSchema = Type.Object({
  ID: Type.Union([Guid(), Type.Null()], { description: 'The type\'s GUID (standards name their target types by it); null for a type created through the API.' }),
  Name: Type.String({ examples: ['symc-csm-AssetSystem-Asset-Wnt-Machine'] }),
  DisplayName: Type.String({ examples: ['Windows Machine'] })
}, { title: 'AssetType' })

const score = (description: string) => Type.Number({ minimum: 0, description })

/**
 * `GET Assets/{id}` (vendor page: DisplayName, ID, Type, Path, Attributes, then
 * `symc-csm-AssetSystem-Asset-AssetBase-…` fields; a public client reads `Type.DisplayName`
 * and these scores as numbers).
 */
export const AssetViewSchema = Type.Object({
  DisplayName: Type.String(),
  ID: Guid(),
  Type: AssetTypeViewSchema,
  Path: Type.String(),
  Attributes: Type.Array(AssetAttributeSchema, { description: 'The asset\'s attributes, then the three scores as text.' }),
  'symc-csm-AssetSystem-Asset-AssetBase-EvaluatedComplianceScores': score('Mean compliance score (0–100) of the latest evaluation of each standard on the asset; 0 before any evaluation.'),
  'symc-csm-AssetSystem-Asset-AssetBase-EvaluatedRiskScores': score('Risk of the failed checks of those evaluations (High 7, Medium 4, Low 1 each).'),
  'symc-csm-AssetSystem-Asset-AssetBase-MaxRiskScores': score('Risk of every passed or failed check of those evaluations: the most the asset could carry.')
}, { title: 'AssetView' })

/** One item of `assetDataList` (spec §6: items carry `Id`). */
export const AssetListItemSchema = Type.Object({
  Id: Guid(),
  DisplayName: Type.String(),
  Type: Type.String(),
  Path: Type.String(),
  Attributes: Type.Array(AssetAttributeSchema)
}, { title: 'AssetListItem' })

/** A page of search results: `{ <list>: [...], TotalPages }`. */
export function searchResultSchema<L extends string, I extends TSchema> (list: L, item: I, title: string) {
  return Type.Object({ [list]: Type.Array(item), TotalPages: Type.Integer({ minimum: 0 }) } as { [K in L]: TArray<I> } & { TotalPages: TInteger }, { title })
}

export const AssetSearchResultSchema = searchResultSchema('assetDataList', AssetListItemSchema, 'AssetSearchResult')

export const PagingQuerySchema = Type.Object({
  page: Type.Optional(Int32({ minimum: 0, description: '0-based page. Default 0.' })),
  pagesize: Type.Optional(Int32({ minimum: 1, maximum: 1000, description: 'Items per page, 1–1000. Default 100.' }))
}, { title: 'PagingQuery' })

/** Query of the search endpoints; names match case-insensitively (spec §1). */
export const SearchQuerySchema = Type.Object({
  Attributes: Type.String({ description: 'Mandatory (without it no action takes the request: 404). e.g. `(displayName Contains red hat)`; operators =, Contains, StartsWith (case-sensitive), `*` wildcard, `,`/`&` and, `|` or, parentheses', examples: ['(displayName StartsWith db2)'] }),
  ContainerPath: Type.Optional(Type.String({ description: 'Folder to search, e.g. `Asset System\\Unix`', examples: ['Asset System\\Unix'] })),
  SearchSubTree: Type.Optional(Type.Boolean({ description: 'Include sub-folders of ContainerPath. Default True.' })),
  ...PagingQuerySchema.properties
}, { title: 'SearchQuery' })

export type AssetView = Static<typeof AssetViewSchema>
export type AssetListItem = Static<typeof AssetListItemSchema>
export type SearchQuery = Static<typeof SearchQuerySchema>

/** One item of `assetGroupDataList`; `GET AssetGroup/{id}` answers the same shape. */
export const AssetGroupViewSchema = Type.Object({
  Id: Guid(),
  DisplayName: Type.String(),
  Type: Type.String(),
  Path: Type.String(),
  Description: Type.String(),
  MemberCount: Type.Integer({ minimum: 0 })
}, { title: 'AssetGroupView' })

export const AssetGroupSearchResultSchema = searchResultSchema('assetGroupDataList', AssetGroupViewSchema, 'AssetGroupSearchResult')

/** One item of `standardDataList`: the standard without its checks. */
export const StandardViewSchema = Type.Object({
  Id: Guid(),
  DisplayName: Type.String(),
  Type: Type.String(),
  Path: Type.String(),
  Version: Type.String(),
  IsPredefined: Type.Boolean(),
  Platform: Type.String(),
  Description: Type.String(),
  CheckCount: Type.Integer({ minimum: 0 }),
  Attributes: Type.Array(AssetAttributeSchema, { description: '`Symc-Standard-Author` and `symc-Standard-TargetTypeIDs` (GUIDs of the asset types the standard targets).' })
}, { title: 'StandardView' })

export const StandardSearchResultSchema = searchResultSchema('standardDataList', StandardViewSchema, 'StandardSearchResult')

