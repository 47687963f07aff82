import { Type, type Static } from 'typebox'
import { Guid } from '../../schemas/common.js'
import type { CheckOutcome, CheckResult, EvaluationResult } from '../../schemas/run.js'
import { canonicalGuid } from '../dotnet/json-net-binding.js'

/** `POST Results` body (spec §6; names as in the vendor's page, bound case-insensitively). */
export const ResultsRequestSchema = Type.Object({
  AssetID: Guid({ description: 'The evaluated asset.' }),
  StandardID: Guid({ description: 'The standard the asset was evaluated against.' }),
  StandardVersion: Type.Optional(Type.String({ description: 'Results of this version of the standard, e.g. `1.3.0`; JobRunID is then not needed.', examples: ['2.3'] })),
  JobRunID: Type.Optional(Guid({ description: 'Results of this job run. Without JobRunID and StandardVersion: the latest evaluation.' })),
  CheckIDList: Type.Optional(Type.Array(Guid(), { description: 'Only these checks of the standard; IDs the standard does not have are ignored. Absent or empty: every check.' }))
}, { title: 'ResultsRequest' })

export type ResultsRequest = Static<typeof ResultsRequestSchema>

export const ResultCheckSchema = Type.Object({
  CheckID: Guid(),
  Name: Type.String(),
  Severity: Type.String({ examples: ['High'] })
}, { title: 'ResultCheck' })

const checkList = (description: string) => Type.Array(ResultCheckSchema, { description })

/** `POST Results` answer: the run's evaluation with its checks grouped by outcome. */
export const ResultsResponseSchema = Type.Object({
  AssetID: Guid(),
  StandardID: Guid(),
  StandardName: Type.String(),
  StandardVersion: Type.String(),
  JobRunID: Guid(),
  EvaluationDate: Type.String({ description: 'When the evaluation finished: .NET round-trip UTC text.', examples: ['2026-11-28T06:01:44.1230000Z'] }),
  Score: Type.Number({ minimum: 0, maximum: 100, description: 'Passed among passed and failed checks of the whole standard, percent, one decimal.' }),
  PassedChecks: checkList('Checks the asset passed.'),
  FailedChecks: checkList('Checks the asset failed.'),
  ExemptedChecks: checkList('Checks the asset holds an exception for.'),
  NotApplicableChecks: checkList('Checks that do not apply to the asset (another platform).'),
  ManualReviewChecks: checkList('Manual checks: they need a person to review them.')
}, { title: 'ResultsResponse' })

export type ResultsResponse = Static<typeof ResultsResponseSchema>
export type ResultCheck = Static<typeof ResultCheckSchema>

type CheckListName = 'PassedChecks' | 'FailedChecks' | 'ExemptedChecks' | 'NotApplicableChecks' | 'ManualReviewChecks'

export const CHECK_LIST_OF: Record<CheckOutcome, CheckListName> = {
  Passed: 'PassedChecks',
  Failed: 'FailedChecks',
  Exempted: 'ExemptedChecks',
  NotApplicable: 'NotApplicableChecks',
  ManualReview: 'ManualReviewChecks'
}

const canonical = (id: string) => canonicalGuid(id) ?? id.toLowerCase()

function selectChecks (checks: readonly CheckResult[], checkIdList: readonly string[] | undefined): readonly CheckResult[] {
  if (checkIdList === undefined || checkIdList.length === 0) return checks
  const wanted = new Set(checkIdList.map(canonical))
  return checks.filter((check) => wanted.has(canonical(check.CheckID)))
}

/**
 * The `POST Results` body for one stored evaluation: its checks in the standard's
 * order, grouped by outcome, limited to `checkIdList` when that lists any IDs.
 */
export function resultsView (result: EvaluationResult, checkIdList?: readonly string[]): ResultsResponse {
  const view: ResultsResponse = {
    AssetID: result.AssetID,
    StandardID: result.StandardID,
    StandardName: result.StandardName,
    StandardVersion: result.StandardVersion,
    JobRunID: result.JobRunID,
    EvaluationDate: result.EvaluationDate,
    Score: result.Score,
    PassedChecks: [],
    FailedChecks: [],
    ExemptedChecks: [],
    NotApplicableChecks: [],
    ManualReviewChecks: []
  }
  for (const check of selectChecks(result.Checks, checkIdList)) {
    view[CHECK_LIST_OF[check.Outcome]].push({ CheckID: check.CheckID, Name: check.Name, Severity: check.Severity })
  }
  return view
}
