import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { formatDotNetDate } from '../../src/domain/dotnet/dotnet-time.js'
import { scheduleDefaults } from '../../src/domain/jobs/schedule.js'
import type { Job } from '../../src/schemas/job.js'
import { JobsRepository } from '../../src/store/jobs-repository.js'
import { DEFAULT_JOBS_PER_SEGMENT } from '../../src/store/open-store.js'

const UNIX_TYPE = 'symc-csm-AssetSystem-Asset-Unix-Machine'

/** A job shaped like one created through the API (with a schedule and notifications). */
export function syntheticJob (n: number, now: number): Job {
  const at = formatDotNetDate(now - n * 60_000)
  return {
    JobID: randomUUID(),
    JobName: `seeded-job-${n}`,
    JobType: n % 3 === 0 ? 'CollectionJob' : n % 3 === 1 ? 'EvaluationJob' : 'CollectionEvaluationJob',
    JobDescription: `Seeded job number ${n} for benchmarks`,
    AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8', Type: UNIX_TYPE }, { Id: '1169462b-e9bd-46f4-827a-7ac9b1a220d1', Type: UNIX_TYPE }],
    Standards: ['6b020d29-5fe8-47d0-bd89-ccd3339a5ebe'],
    AssetTimeOut: 60,
    IsIncremental: n % 2 === 0,
    IncrementalPeriod: 1 + (n % 30),
    CollectionOnlyTimeOutHours: 0,
    CollectionOnlyTimeOutMins: 0,
    ShouldSendSuccessNotification: false,
    ShouldSendFailureNotification: true,
    SuccessNotification: null,
    FailureNotification: { ToEmailAddress: 'team@corp.example.com', FromEmailAddress: 'ccs@corp.example.com', Subject: 'Job failed', Body: 'A job failed.' },
    ShouldSynchronizeResults: false,
    Schedule: { ...scheduleDefaults(now), RunNow: false, RunPeriodically: true, RunEveryNDays: true, RepeatDays: 7 },
    CreatedBy: 'domain1\\administrator',
    JobCreationTime: at,
    JobModifiedTime: at
  }
}

/** Writes `count` jobs straight into a data dir's segment files (not through the API); returns their IDs. */
export async function seedJobs (dataDir: string, count: number, jobsPerSegment = DEFAULT_JOBS_PER_SEGMENT): Promise<string[]> {
  const repo = await JobsRepository.open(join(dataDir, 'jobs'), jobsPerSegment)
  const now = Date.now()
  const batch = 1000
  const ids: string[] = []
  for (let start = 0; start < count; start += batch) {
    const jobs = Array.from({ length: Math.min(batch, count - start) }, (_, i) => syntheticJob(start + i, now))
    await repo.insert(...jobs)
    ids.push(...jobs.map((job) => job.JobID))
  }
  await repo.flush()
  return ids
}
