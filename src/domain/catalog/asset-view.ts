import type { Asset, AssetView } from '../../schemas/catalog.js'
import type { EvaluationResult } from '../../schemas/run.js'
import { ASSET_TYPE_PREFIX, knownAssetType } from './asset-types.js'

/** The latest stored evaluation of each standard on an asset; the runs store implements it. */
export interface LatestEvaluations {
  latestResultsOf: (assetId: string) => readonly EvaluationResult[]
}

/** The AssetBase score fields that a public client reads at the top level of `GET Assets/{id}`. */
export const SCORE_FIELDS = {
  compliance: `${ASSET_TYPE_PREFIX}AssetBase-EvaluatedComplianceScores`,
  risk: `${ASSET_TYPE_PREFIX}AssetBase-EvaluatedRiskScores`,
  maxRisk: `${ASSET_TYPE_PREFIX}AssetBase-MaxRiskScores`
} as const

/** A check's risk by its severity: the lower bound of the CVSS band of that name (docs/decisions.md). */
const RISK: Record<string, number> = { High: 7, Medium: 4, Low: 1 }

const oneDecimal = (n: number): number => Math.round(n * 10) / 10

/**
 * What an asset's latest evaluations give: the mean compliance score of its
 * standards, the risk of its failed checks and the risk of every passed or failed
 * check (what failing them all would give). No evaluation yet: all 0.
 */
export function assetScores (results: readonly EvaluationResult[]): { compliance: number, risk: number, maxRisk: number } {
  let risk = 0
  let maxRisk = 0
  for (const result of results) {
    for (const check of result.Checks) {
      if (check.Outcome !== 'Passed' && check.Outcome !== 'Failed') continue
      const weight = RISK[check.Severity] ?? 0
      maxRisk += weight
      if (check.Outcome === 'Failed') risk += weight
    }
  }
  const compliance = results.length === 0 ? 0 : results.reduce((sum, r) => sum + r.Score, 0) / results.length
  return { compliance: oneDecimal(compliance), risk: oneDecimal(risk), maxRisk: oneDecimal(maxRisk) }
}

/** `Type` in `GET Assets/{id}`: a type created through the API shows its suffix, dashes as spaces. */
export function assetTypeView (typeName: string): AssetView['Type'] {
  const known = knownAssetType(typeName)
  if (known !== undefined) return { ID: known.ID, Name: known.Name, DisplayName: known.DisplayName }
  const suffix = typeName.toLowerCase().startsWith(ASSET_TYPE_PREFIX.toLowerCase()) ? typeName.slice(ASSET_TYPE_PREFIX.length) : typeName
  return { ID: null, Name: typeName, DisplayName: suffix.replace(/-/g, ' ') }
}

/**
 * `GET Assets/{id}`: the asset without its simulation data, `Type` as an object, and
 * the AssetBase scores of its latest evaluations both at the top level and among
 * its Attributes (docs/decisions.md, "Asset model").
 */
export function assetView (asset: Asset, evaluations: LatestEvaluations): AssetView {
  const scores = assetScores(evaluations.latestResultsOf(asset.ID))
  const attribute = (Name: string, value: number) => ({ Name, Value: String(value), Values: [], IsMultiValued: false })
  return {
    DisplayName: asset.DisplayName,
    ID: asset.ID,
    Type: assetTypeView(asset.Type),
    Path: asset.Path,
    Attributes: [
      ...asset.Attributes,
      attribute(SCORE_FIELDS.compliance, scores.compliance),
      attribute(SCORE_FIELDS.risk, scores.risk),
      attribute(SCORE_FIELDS.maxRisk, scores.maxRisk)
    ],
    [SCORE_FIELDS.compliance]: scores.compliance,
    [SCORE_FIELDS.risk]: scores.risk,
    [SCORE_FIELDS.maxRisk]: scores.maxRisk
  }
}
