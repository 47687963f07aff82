import type { User } from '../../schemas/catalog.js'
import type { Job, JobType, JobView } from '../../schemas/job.js'
import type { JobRun } from '../../schemas/run.js'
import { attributeValues, type AttributeValues } from '../catalog/attribute-index.js'
import { formatDotNetDate } from '../dotnet/dotnet-time.js'
import { runStatusAt } from '../runs/run-view.js'
import { TASKS } from '../auth/permissions.js'

/** How the console names each job type (docs/decisions.md). */
export const JOB_CATEGORY: Record<JobType, string> = {
  CollectionEvaluationJob: 'Collection and Evaluation',
  CollectionJob: 'Data Collection',
  EvaluationJob: 'Evaluation'
}

export interface JobRunState {
  latest: JobRun | undefined
  nextRun: number | undefined
  now: number
}

/** A stored job as the API shows it at `now`: `NotRun` and null dates until it has runs or occurrences. */
export function jobView (job: Job, { latest, nextRun, now }: JobRunState): JobView {
  // Not `{ ...job, JobCategory, … }`: V8 builds a spread followed by more properties
  // one property at a time (~6.5 µs for a job, against ~1.4 µs for Object.assign),
  // and an attribute search makes a view of every job.
  return Object.assign({}, job, {
    JobCategory: JOB_CATEGORY[job.JobType],
    LastRunStatus: latest === undefined ? 'NotRun' as const : runStatusAt(latest, now),
    LastRunDate: latest === undefined ? null : formatDotNetDate(now >= latest.start ? latest.start : latest.queuedAt),
    NextRunTime: nextRun === undefined ? null : formatDotNetDate(nextRun)
  })
}

/** The attributes `GET Jobs?Attributes=` searches (spec §6). */
export function jobAttributes (view: JobView): AttributeValues {
  return attributeValues({
    JobName: view.JobName,
    JobID: view.JobID,
    JobCategory: view.JobCategory,
    JobType: view.JobType,
    JobCreationTime: view.JobCreationTime,
    JobModifiedTime: view.JobModifiedTime,
    LastRunStatus: view.LastRunStatus,
    LastRunDate: view.LastRunDate ?? ''
  })
}

const hasTask = (user: User, task: string): boolean => user.Tasks.some((t) => t.toLowerCase() === task.toLowerCase())

/** View all jobs shows every job; otherwise a user sees the jobs they created. */
export function canSeeJob (user: User, job: Job): boolean {
  return hasTask(user, TASKS.viewAllJobs) || job.CreatedBy.toLowerCase() === user.UserName.toLowerCase()
}
