import { Type, type Static } from 'typebox'
import { Guid } from './common.js'

/** A job run's overall state (docs/decisions.md, "Job runs"). */
export const RUN_STATUSES = ['Queued', 'Running', 'Completed', 'CompletedWithErrors', 'Failed', 'Aborted'] as const
export type RunStatus = typeof RUN_STATUSES[number]

/** One asset's state in one phase (collection or evaluation) of a run. */
export const PHASE_STATUSES = ['Pending', 'Running', 'Succeeded', 'Skipped', 'TimedOut', 'Failed', 'Aborted'] as const
export type PhaseStatus = typeof PHASE_STATUSES[number]

/** What evaluating one check on one asset gave. */
export const CHECK_OUTCOMES = ['Passed', 'Failed', 'Exempted', 'NotApplicable', 'ManualReview'] as const
export type CheckOutcome = typeof CHECK_OUTCOMES[number]

export const CheckResultSchema = Type.Object({
  CheckID: Guid(),
  Name: Type.String(),
  Severity: Type.String(),
  Outcome: Type.Enum([...CHECK_OUTCOMES])
}, { title: 'CheckResult' })

/** The evaluation of one standard on one asset by one job run, as stored. */
export const EvaluationResultSchema = Type.Object({
  JobRunID: Guid(),
  JobID: Guid(),
  AssetID: Guid(),
  StandardID: Guid(),
  StandardName: Type.String(),
  StandardVersion: Type.String(),
  /** .NET round-trip UTC text. */
  EvaluationDate: Type.String(),
  /** Percentage of passed checks among passed and failed ones, 0–100, one decimal. */
  Score: Type.Number(),
  Checks: Type.Array(CheckResultSchema)
}, { title: 'EvaluationResult' })

export type CheckResult = Static<typeof CheckResultSchema>
export type EvaluationResult = Static<typeof EvaluationResultSchema>
