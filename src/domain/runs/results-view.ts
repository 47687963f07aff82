import { Type, type Static } from 'typebox'
import { Guid } from '../../schemas/common.js'
import type { CheckOutcome, CheckResult, EvaluationResult } from '../../schemas/run.js'
import { canonicalGuid } from '../dotnet/json-net-binding.js'
import { OUTCOME_LABEL } from './report-workbook.js'

/** `POST Results` body (spec §6; names as in the vendor's page, bound case-insensitively). */
export const ResultsRequestSchema = Type.Object({
  AssetID: Guid({ description: 'The evaluated asset.' }),
  StandardID: Guid({ description: 'The standard the asset was evaluated against.' }),
  StandardVersion: Type.Optional(Type.String({ description: 'Results of this version of the standard, e.g. `1.3.0`; JobRunID is then not needed.', examples: ['2.3'] })),
  JobRunID: Type.Optional(Guid({ description: 'Results of this job run. Without JobRunID and StandardVersion: the latest evaluation.' })),
  CheckIDList: Type.Optional(Type.Array(Guid(), { description: 'Only these checks of the standard; IDs the standard does not have are ignored. Absent or empty: every check.' }))
}, { title: 'ResultsRequest' })

export type ResultsRequest = Static<typeof ResultsRequestSchema>

/** The check fields a public client reads from a real server's raw results (docs/decisions.md). */
export const RawCheckSchema = Type.Object({
  CheckID: Guid(),
  'Check name': Type.String(),
  'Check status': Type.String({ examples: ['Passed', 'Failed', 'Exempted', 'Not Applicable', 'Manual Review'] }),
  Risk: Type.String({ description: 'The check\'s severity.', examples: ['High'] }),
  AccessVector: Type.String({ examples: ['Network'] }),
  AccessComplexity: Type.String({ examples: ['Low'] }),
  Authentication: Type.String({ examples: ['None'] }),
  Confidentiality: Type.String({ examples: ['Complete'] }),
  Integrity: Type.String({ examples: ['Complete'] }),
  Availability: Type.String({ examples: ['Complete'] })
}, { title: 'RawCheckResult' })

const checkList = (description: string) => Type.Array(RawCheckSchema, { description })

export const ComplianceStatisticsSchema = Type.Object({
  'Data collected on date': Type.String({ description: 'When the evaluated data was collected: .NET round-trip UTC text.', examples: ['2026-01-04T02:00:07.0000000Z'] }),
  'Evaluation date': Type.String({ description: 'When the evaluation finished.', examples: ['2026-01-04T02:00:10.0000000Z'] }),
  'Compliance score': Type.Number({ minimum: 0, maximum: 100, description: 'Passed among passed and failed checks of the whole standard, percent, one decimal.' })
}, { title: 'ComplianceStatistics' })

/** `POST Results` answer: the evaluation with its checks grouped by outcome, under `RawEvaluationResult`. */
export const ResultsResponseSchema = Type.Object({
  RawEvaluationResult: Type.Object({
    'Asset Name': Type.String(),
    'Standard Name': Type.String(),
    'Standard Version': Type.String(),
    'Job Run ID': Guid(),
    'Compliance Statistics': ComplianceStatisticsSchema,
    'Passed Checks': checkList('Checks the asset passed.'),
    'Failed Checks': checkList('Checks the asset failed.'),
    'Exempted Checks': checkList('Checks the asset holds an exception for.'),
    'NotApplicable Checks': checkList('Checks that do not apply to the asset (another platform).'),
    'Checks to be manually reviewed': checkList('Manual checks: they need a person to review them.')
  }, { title: 'RawEvaluationResult' })
}, { title: 'RawResults' })

export type ResultsResponse = Static<typeof ResultsResponseSchema>
export type RawEvaluationResult = ResultsResponse['RawEvaluationResult']
export type RawCheck = Static<typeof RawCheckSchema>

type CheckListName = 'Passed Checks' | 'Failed Checks' | 'Exempted Checks' | 'NotApplicable Checks' | 'Checks to be manually reviewed'

export const CHECK_LIST_OF: Record<CheckOutcome, CheckListName> = {
  Passed: 'Passed Checks',
  Failed: 'Failed Checks',
  Exempted: 'Exempted Checks',
  NotApplicable: 'NotApplicable Checks',
  ManualReview: 'Checks to be manually reviewed'
}

type Cvss = Pick<RawCheck, 'AccessVector' | 'AccessComplexity' | 'Authentication' | 'Confidentiality' | 'Integrity' | 'Availability'>

/** CVSS v2 base metrics by severity: the catalog keeps only a severity per check (docs/decisions.md). */
export const CVSS_OF_SEVERITY: Record<string, Cvss> = {
  High: { AccessVector: 'Network', AccessComplexity: 'Low', Authentication: 'None', Confidentiality: 'Complete', Integrity: 'Complete', Availability: 'Complete' },
  Medium: { AccessVector: 'Network', AccessComplexity: 'Medium', Authentication: 'Single', Confidentiality: 'Partial', Integrity: 'Partial', Availability: 'Partial' },
  Low: { AccessVector: 'Local', AccessComplexity: 'High', Authentication: 'Multiple', Confidentiality: 'Partial', Integrity: 'None', Availability: 'None' }
}

const canonical = (id: string) => canonicalGuid(id) ?? id.toLowerCase()

function selectChecks (checks: readonly CheckResult[], checkIdList: readonly string[] | undefined): readonly CheckResult[] {
  if (checkIdList === undefined || checkIdList.length === 0) return checks
  const wanted = new Set(checkIdList.map(canonical))
  return checks.filter((check) => wanted.has(canonical(check.CheckID)))
}

const rawCheck = (check: CheckResult): RawCheck => ({
  CheckID: check.CheckID,
  'Check name': check.Name,
  'Check status': OUTCOME_LABEL[check.Outcome],
  Risk: check.Severity,
  ...(CVSS_OF_SEVERITY[check.Severity] ?? CVSS_OF_SEVERITY.Medium as Cvss)
})

/**
 * The `POST Results` body for one stored evaluation of `assetName`: its checks in
 * the standard's order, grouped by outcome, limited to `checkIdList` when that
 * lists any IDs. Data stored before collection dates were kept shows the
 * evaluation date as its collection date.
 */
export function resultsView (result: EvaluationResult, assetName: string, checkIdList?: readonly string[]): ResultsResponse {
  const view: RawEvaluationResult = {
    'Asset Name': assetName,
    'Standard Name': result.StandardName,
    'Standard Version': result.StandardVersion,
    'Job Run ID': result.JobRunID,
    'Compliance Statistics': {
      'Data collected on date': result.DataCollectedDate ?? result.EvaluationDate,
      'Evaluation date': result.EvaluationDate,
      'Compliance score': result.Score
    },
    'Passed Checks': [],
    'Failed Checks': [],
    'Exempted Checks': [],
    'NotApplicable Checks': [],
    'Checks to be manually reviewed': []
  }
  for (const check of selectChecks(result.Checks, checkIdList)) view[CHECK_LIST_OF[check.Outcome]].push(rawCheck(check))
  return { RawEvaluationResult: view }
}
