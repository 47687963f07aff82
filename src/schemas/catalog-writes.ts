import { Type, type Static } from 'typebox'
import { Guid } from './common.js'

/**
 * One asset of `POST assets`: its `Type`, then attributes named after the type
 * (`symc-csm-AssetSystem-Asset-Wnt-Machine-HostName`), as the vendor's sample sends
 * them. Values are text (numbers and booleans bind to text, like a .NET
 * `Dictionary<string, string>`).
 */
export const NewAssetSchema = Type.Object({
  Type: Type.String({ minLength: 1, description: 'Asset type; starts with `symc-csm-AssetSystem-Asset-`.', examples: ['symc-csm-AssetSystem-Asset-Wnt-Machine'] }),
  container: Type.Optional(Type.String({ description: 'Folder below Asset System, e.g. `Assets` or `Unix\\Linux`. Default: Asset System itself.', examples: ['Assets'] })),
  displayName: Type.Optional(Type.String({ description: 'Name shown for the asset. Default: the host name, host machine, server name or IP address attribute, in that order.' }))
}, {
  title: 'NewAsset',
  additionalProperties: Type.String({ description: 'An attribute of the asset by its name.' }),
  examples: [{ Type: 'symc-csm-AssetSystem-Asset-Wnt-Machine', 'symc-csm-AssetSystem-Asset-Wnt-Machine-HostName': 'MyWinAsset', 'symc-csm-AssetSystem-Asset-Wnt-Machine-DomainWorkgroupName': 'NewDomain' }]
})

export const CreateAssetsRequestSchema = Type.Array(NewAssetSchema, { title: 'CreateAssetsRequest', description: 'The assets to create, at least one.' })

/** The new assets' GUIDs, in the order they were sent. */
export const CreateAssetsResponseSchema = Type.Array(Guid(), { title: 'CreateAssetsResponse' })

export const DeleteAssetsRequestSchema = Type.Array(Guid(), { title: 'DeleteAssetsRequest', description: 'GUIDs of the assets to delete, at least one.' })

/** The GUIDs of the deleted assets, each once. */
export const DeleteAssetsResponseSchema = Type.Array(Guid(), { title: 'DeleteAssetsResponse' })

export const StandardListEntrySchema = Type.Object({
  Type: Type.String({ minLength: 1, description: '`ID` or `Name` (any case).', examples: ['ID'] }),
  Standards: Type.Array(Type.String(), { minItems: 1, description: 'Standard GUIDs (Type ID) or names (Type Name, any case).' })
}, { title: 'StandardListEntry' })

/** Delete Standards (vendor page and sample). */
export const DeleteStandardsRequestSchema = Type.Object({
  StandardList: Type.Array(StandardListEntrySchema, { minItems: 1, description: 'Up to 10 standards in all.' }),
  ContainerPath: Type.Optional(Type.String({ description: 'Folder the standards are in, e.g. `Standards\\User Defined`. Default: the whole Standards tree.', examples: ['standards'] })),
  DeleteFromSubfolder: Type.Optional(Type.Boolean({ description: 'Also match standards in sub-folders of ContainerPath. Default true.' })),
  DeletePredefinedStandard: Type.Optional(Type.Boolean({ description: 'Allow deleting predefined standards. Default false.' }))
}, { title: 'DeleteStandardsRequest' })

/** The GUIDs of the deleted standards, each once. */
export const DeleteStandardsResponseSchema = Type.Array(Guid(), { title: 'DeleteStandardsResponse' })

export type NewAsset = Static<typeof NewAssetSchema> & Record<string, string | undefined>
export type DeleteStandardsRequest = Static<typeof DeleteStandardsRequestSchema>

/**
 * Delete Assets and Agents (vendor page: AssetIds mandatory, "use a comma to separate
 * multiple asset IDs"; DelinkAgentsAndAssetsOnly and DeleteAgent optional Booleans).
 */
export const DeleteAssetsAndAgentsRequestSchema = Type.Object({
  AssetIds: Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Asset GUIDs: a list, or one text with the GUIDs separated by commas.', examples: ['19cdaca5-ae26-422b-a07a-936599134768,1e80bf4e-afaa-4b83-ae4b-a02b42be4045'] }),
  DelinkAgentsAndAssetsOnly: Type.Optional(Type.Boolean({ description: 'True: only take the assets off their agents; nothing is deleted. Default false.' })),
  DeleteAgent: Type.Optional(Type.Boolean({ description: 'True: delete the assets\' agents too (their other assets become agentless). Default false: only the assets.' }))
}, { title: 'DeleteAssetsAndAgentsRequest' })
export type DeleteAssetsAndAgentsRequest = Static<typeof DeleteAssetsAndAgentsRequestSchema>

export const DeleteAssetsAndAgentsResponseSchema = Type.Object({
  DeletedAssets: Type.Array(Guid()),
  DeletedAgents: Type.Array(Type.String()),
  DelinkedAssets: Type.Array(Guid())
}, { title: 'DeleteAssetsAndAgentsResponse' })
