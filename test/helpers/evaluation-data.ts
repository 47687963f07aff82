import type { Asset, Standard } from '../../src/schemas/catalog.js'
import type { CheckOutcome, CheckResult, EvaluationResult } from '../../src/schemas/run.js'

type Check = Standard['Checks'][number]

/** A Unix asset with the given simulation; everything else fixed. */
export function makeAsset (simulation: Partial<Asset['Simulation']> = {}, type = 'symc-csm-AssetSystem-Asset-Unix-Machine'): Asset {
  return {
    ID: '11111111-2222-4333-8444-555555555555',
    DisplayName: 'rhel-test-01',
    Type: type,
    Path: 'Asset System\\Unix\\Linux',
    Attributes: [],
    Simulation: { AgentBased: true, Reachable: true, Profile: 'hardened', ...simulation }
  }
}

export function makeCheck (id: string, kind: Check['Kind'], passesOn: string[], name = `Check ${id.slice(0, 4)}`): Check {
  return { ID: id, Name: name, Severity: 'High', Kind: kind, PassesOn: passesOn }
}

export function makeStandard (checks: Check[], platform = 'Unix'): Standard {
  return {
    ID: '6b020d29-5fe8-47d0-bd89-ccd3339a5ebe',
    DisplayName: 'CCS Security Essentials for Red Hat Enterprise Linux',
    Type: 'symc-csm-Standard',
    Path: 'Standards\\Predefined\\Unix',
    Version: '2.3',
    IsPredefined: true,
    Platform: platform,
    Description: '',
    Checks: checks
  }
}

/** A stored evaluation whose checks have the given outcomes, IDs `<i as 8 digits>-0000-4000-8000-<i as 12 digits>`. */
export function makeResult (outcomes: CheckOutcome[], score = 50): EvaluationResult {
  const checks: CheckResult[] = outcomes.map((outcome, i) => ({
    CheckID: `${String(i).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
    Name: `Check ${i}`,
    Severity: i % 2 === 0 ? 'High' : 'Low',
    Outcome: outcome
  }))
  return {
    JobRunID: 'cae05ae3-8454-43a9-9139-f678b66decf7',
    JobID: 'a282d163-2248-4904-8135-0eaf08be8e55',
    AssetID: '11111111-2222-4333-8444-555555555555',
    StandardID: '6b020d29-5fe8-47d0-bd89-ccd3339a5ebe',
    StandardName: 'CCS Security Essentials for Red Hat Enterprise Linux',
    StandardVersion: '2.3',
    EvaluationDate: '2026-11-28T06:01:44.1230000Z',
    Score: score,
    Checks: checks
  }
}
