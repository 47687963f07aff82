import type { Job, JobDetails, NotificationData, UpdateJobRequest } from '../../schemas/job.js'
import { buildJob, type CreateJobContext, type CreateJobOutcome } from './create-job.js'

/** The stored job in the shape of a Create Job request. */
function detailsOf (job: Job): JobDetails {
  return {
    AssetsResolutionInfo: job.AssetsResolutionInfo,
    JobName: job.JobName,
    JobDescription: job.JobDescription,
    Standards: job.Standards,
    AssetTimeOut: job.AssetTimeOut,
    IsIncremental: job.IsIncremental,
    IncrementalPeriod: job.IncrementalPeriod,
    CollectionOnlyTimeOutHours: job.CollectionOnlyTimeOutHours,
    CollectionOnlyTimeOutMins: job.CollectionOnlyTimeOutMins,
    ...(job.SuccessNotification === null ? {} : { SuccessNotification: job.SuccessNotification }),
    ...(job.FailureNotification === null ? {} : { FailureNotification: job.FailureNotification }),
    ShouldSendSuccessNotification: job.ShouldSendSuccessNotification,
    ShouldSendFailureNotification: job.ShouldSendFailureNotification,
    ShouldSynchronizeResults: job.ShouldSynchronizeResults,
    ...(job.Schedule === null ? {} : { Schedule: job.Schedule })
  }
}

/** A notification changed field by field, so sending only a Subject keeps the recipient. */
function mergedNotification (current: NotificationData | undefined, patch: NotificationData | undefined): NotificationData | undefined {
  return patch === undefined ? current : { ...current, ...patch }
}

/**
 * `PATCH Jobs`: the fields sent replace the stored ones (Schedule and notifications field by field),
 * and the job as changed must pass every Create Job rule. Identity, creator and
 * creation time stay.
 */
export function updateJob (job: Job, request: UpdateJobRequest, ctx: CreateJobContext): CreateJobOutcome {
  const patch = request.JobDetails
  const current = detailsOf(job)
  const merged: JobDetails = {
    ...current,
    ...patch,
    // The Create Job rule, applied to the change: a new IncrementalPeriod turns IsIncremental on unless it says otherwise.
    IsIncremental: patch.IsIncremental ?? (patch.IncrementalPeriod !== undefined ? true : job.IsIncremental),
    Schedule: patch.Schedule === undefined ? current.Schedule : { ...current.Schedule, ...patch.Schedule, RunNow: patch.Schedule.RunNow ?? false },
    SuccessNotification: mergedNotification(current.SuccessNotification, patch.SuccessNotification),
    FailureNotification: mergedNotification(current.FailureNotification, patch.FailureNotification)
  }
  const outcome = buildJob({ JobDetails: merged, JobType: job.JobType }, ctx)
  if (!outcome.ok) return outcome
  return {
    ok: true,
    job: { ...outcome.job, JobID: job.JobID, CreatedBy: job.CreatedBy, JobCreationTime: job.JobCreationTime }
  }
}
