import { Type, type Static } from 'typebox'
import { Guid } from './common.js'

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
  Profile: Type.Enum(['hardened', 'baseline', 'weak'])
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
  Checks: Type.Array(CheckSchema)
}, { title: 'Standard' })

export const UserSchema = Type.Object({
  UserName: Type.String({ minLength: 1 }),
  Password: Type.String({ minLength: 1 }),
  Tasks: Type.Array(Type.String()),
  Folders: Type.Array(Type.String())
}, { title: 'User' })

export type Asset = Static<typeof AssetSchema>
export type AssetGroup = Static<typeof AssetGroupSchema>
export type Standard = Static<typeof StandardSchema>
export type User = Static<typeof UserSchema>
