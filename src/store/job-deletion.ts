import type { JobsRepository } from './jobs-repository.js'
import { isEmptyPurge, type Purge, type PurgeLog } from './purge-log.js'
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
 * memory and of each segment. `unfinished`: why a write after the commit failed (the
 * next open of the data set finishes the deletion).
 */
export async function deleteJobRecords (records: DeletableRecords, jobId: string, withJob: boolean): Promise<{ runsDeleted: number, unfinished?: Error }> {
  const job = withJob ? records.jobs.get(jobId) : undefined
  const purge = { jobs: job === undefined ? [] : [job.JobID], runs: records.runs.ofJob(jobId).map((run) => run.runId) }
  if (isEmptyPurge(purge)) return { runsDeleted: 0 }
  await records.purges.commit(purge)
  return { runsDeleted: purge.runs.length, unfinished: await finishPurge(records, purge) }
}

/**
 * Takes a committed deletion out of memory and out of its segments; the log lets go of
 * it once every segment has it on disk. Answers the first write that failed, if any:
 * until the log lets go, each open of the data set deletes its keys again.
 */
export async function finishPurge ({ jobs, runs, purges }: DeletableRecords, purge: Purge): Promise<Error | undefined> {
  const [jobsFailed, runsFailed] = await Promise.all([jobs.discard(purge.jobs), runs.discard(purge.runs)])
  const failed = jobsFailed ?? runsFailed
  if (failed !== undefined) return failed
  try {
    await purges.settle(purge)
    return undefined
  } catch (err) {
    // The keys stay in the file: the next open looks for them, finds none, and lets go.
    return err as Error
  }
}
