import type { Asset, Standard } from '../../schemas/catalog.js'
import type { CheckOutcome, CheckResult, EvaluationResult } from '../../schemas/run.js'
import { assetPlatform } from '../catalog/asset-types.js'
import { formatDotNetDate } from '../dotnet/dotnet-time.js'
import { canonicalGuid } from '../dotnet/json-net-binding.js'

/** A standard's checks can run only on assets of the standard's platform. */
export function standardFitsAsset (standard: Standard, asset: Asset): boolean {
  return assetPlatform(asset.Type) === standard.Platform.toLowerCase()
}

/**
 * What each check of `standard` gives on `asset`, in the standard's order.
 * Deterministic: the outcome depends only on the catalog data (docs/decisions.md,
 * "Results and reports"): wrong platform → NotApplicable; an exception on the
 * asset → Exempted; a manual check → ManualReview; else Passed when the asset's
 * profile is among the check's PassesOn, otherwise Failed.
 */
export function evaluateStandard (asset: Asset, standard: Standard): CheckResult[] {
  const fits = standardFitsAsset(standard, asset)
  const exempted = new Set((asset.Simulation.Exemptions ?? []).map((id) => canonicalGuid(id) ?? id))
  return standard.Checks.map((check) => {
    let outcome: CheckOutcome
    if (!fits) outcome = 'NotApplicable'
    else if (exempted.has(canonicalGuid(check.ID) ?? check.ID)) outcome = 'Exempted'
    else if (check.Kind === 'manual') outcome = 'ManualReview'
    else outcome = check.PassesOn.includes(asset.Simulation.Profile) ? 'Passed' : 'Failed'
    return { CheckID: check.ID, Name: check.Name, Severity: check.Severity, Outcome: outcome }
  })
}

/**
 * The compliance score: passed checks among passed and failed ones, in percent
 * with one decimal, rounded half to even like .NET's `Math.Round`. Exempted,
 * not-applicable and manual checks do not count; with none of either kind the
 * score is 100 (nothing failed).
 */
export function scoreOf (checks: readonly CheckResult[]): number {
  let passed = 0
  let failed = 0
  for (const check of checks) {
    if (check.Outcome === 'Passed') passed++
    else if (check.Outcome === 'Failed') failed++
  }
  const counted = passed + failed
  if (counted === 0) return 100
  // Exact integer arithmetic in tenths of a percent: no binary-fraction surprises at .x5.
  const numerator = passed * 1000
  const tenths = Math.floor(numerator / counted)
  const twiceRemainder = 2 * (numerator - tenths * counted)
  const roundUp = twiceRemainder > counted || (twiceRemainder === counted && tenths % 2 === 1)
  return (tenths + (roundUp ? 1 : 0)) / 10
}

export interface EvaluationInput {
  asset: Asset
  standard: Standard
  jobId: string
  jobRunId: string
  /** When the evaluation finished, epoch milliseconds. */
  evaluatedAt: number
  /** When the evaluated data was collected, epoch milliseconds. */
  collectedAt: number
}

/** The stored result of evaluating one standard on one asset in one job run. */
export function buildEvaluationResult (input: EvaluationInput): EvaluationResult {
  const { asset, standard } = input
  const checks = evaluateStandard(asset, standard)
  return {
    JobRunID: input.jobRunId,
    JobID: input.jobId,
    AssetID: asset.ID,
    StandardID: standard.ID,
    StandardName: standard.DisplayName,
    StandardVersion: standard.Version,
    EvaluationDate: formatDotNetDate(input.evaluatedAt),
    DataCollectedDate: formatDotNetDate(input.collectedAt),
    Score: scoreOf(checks),
    Checks: checks
  }
}
