import type { Asset, Standard } from '../schemas/catalog.js'
import type { CheckResult } from '../schemas/run.js'

// Placeholder until the evaluation rules land (branch `evaluation`).
export function evaluateStandard (asset: Asset, standard: Standard): CheckResult[] {
  return standard.Checks.map((check) => ({
    CheckID: check.ID,
    Name: check.Name,
    Severity: check.Severity,
    Outcome: check.Kind === 'manual' ? 'ManualReview' : check.PassesOn.includes(asset.Simulation.Profile) ? 'Passed' : 'Failed'
  }))
}

export function scoreOf (checks: CheckResult[]): number {
  const passed = checks.filter((c) => c.Outcome === 'Passed').length
  const failed = checks.filter((c) => c.Outcome === 'Failed').length
  return passed + failed === 0 ? 100 : Math.round(1000 * passed / (passed + failed)) / 10
}
