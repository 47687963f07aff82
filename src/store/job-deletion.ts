import type { JobsRepository } from './jobs-repository.js'
import type { Purge, PurgeLog } from './purge-log.js'
import type { RunsRepository } from './runs-repository.js'

export interface DeletableRecords {
  jobs: JobsRepository
  runs: RunsRepository
  purges: PurgeLog
}

/**
 * Deletes a job's run history and, with `withJob`, the job: all or nothing, though the
 * job and its runs sit in several segment files. The deletion is committed in the
 * purge log first (a failed commit throws and changes nothing), then taken out of
 * memory and of each segment. `segmentsDone`: false when a segment's write failed (the
 * next start finishes the deletion).
 */
export async function deleteJobRecords (records: DeletableRecords, jobId: string, withJob: boolean): Promise<{ runsDeleted: number, segmentsDone: boolean }> {
  const job = withJob ? records.jobs.get(jobId) : undefined
  const purge = { jobs: job === undefined ? [] : [job.JobID], runs: records.runs.ofJob(jobId).map((run) => run.runId) }
  if (purge.jobs.length + purge.runs.length === 0) return { runsDeleted: 0, segmentsDone: true }
  await records.purges.commit(purge)
  return { runsDeleted: purge.runs.length, segmentsDone: await finishPurge(records, purge) }
}

/**
 * Takes a committed deletion out of memory and out of its segments; the log lets go of
 * it once every segment has it on disk. Until then each start deletes its keys again.
 */
export async function finishPurge ({ jobs, runs, purges }: DeletableRecords, purge: Purge): Promise<boolean> {
  const recorded = await Promise.all([jobs.discard(purge.jobs), runs.discard(purge.runs)])
  if (!recorded.every(Boolean)) return false
  try {
    await purges.settle(purge)
    return true
  } catch {
    // The keys stay in the file: the next start looks for them, finds none, and lets go.
    return false
  }
}
