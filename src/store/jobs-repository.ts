import { JobSchema, type Job } from '../schemas/job.js'
import type { WriteFence } from './json-document.js'
import { recordShape } from './record-shape.js'
import { SegmentedCollection } from './segmented-collection.js'
import { StringPool } from './string-pool.js'

/** Checked on every stored job as a segment loads. */
const jobShape = recordShape(JobSchema)

/** Distinct values a repository shares (asset IDs and types, standards, creators, addresses, intervals): far more than a real estate holds. */
const SHARED_STRINGS = 50_000

/**
 * Points the job's strings that repeat from job to job at one shared copy each: a
 * seeded job's heap goes from ~1 500 to ~1 100 bytes. Changes the job in place but
 * not its content. Names, descriptions, notification subjects and bodies, and times
 * are left alone: they rarely repeat, and a pooled value outlives its jobs.
 */
function shareRepeatedStrings (job: Job, share: (value: string) => string): void {
  job.CreatedBy = share(job.CreatedBy)
  for (const target of job.AssetsResolutionInfo) {
    target.Id = share(target.Id)
    target.Type = share(target.Type)
  }
  for (let i = 0; i < job.Standards.length; i++) job.Standards[i] = share(job.Standards[i] as string)
  for (const notification of [job.SuccessNotification, job.FailureNotification]) {
    if (notification === null) continue
    notification.ToEmailAddress = share(notification.ToEmailAddress)
    notification.FromEmailAddress = share(notification.FromEmailAddress)
  }
  if (job.Schedule !== null) job.Schedule.EndJobRunTimeInterval = share(job.Schedule.EndJobRunTimeInterval)
}

/** Jobs in segment files (`jobs/segment-NNNNNN.json`), found by ID and by name (case-insensitive). */
export class JobsRepository {
  private readonly idByName = new Map<string, string>()

  private constructor (private readonly jobs: SegmentedCollection<Job>, private readonly strings: StringPool) {
    for (const job of jobs.all()) this.idByName.set(job.JobName.toLowerCase(), job.JobID)
  }

  static async open (dir: string, segmentSize: number, fence?: WriteFence): Promise<JobsRepository> {
    const strings = new StringPool(SHARED_STRINGS)
    // Shared as each segment loads, so the copies parsing made die young instead of all at once.
    const onLoad = (job: Job): void => { shareRepeatedStrings(job, strings.share) }
    return new JobsRepository(await SegmentedCollection.open<Job>({
      dir, segmentSize, field: 'jobs', keyOf: (job) => job.JobID, problemOf: jobShape, onLoad, ...(fence === undefined ? {} : { fence })
    }), strings)
  }

  get count (): number {
    return this.jobs.count
  }

  get (id: string): Job | undefined {
    return this.jobs.get(id.toLowerCase()) ?? this.jobs.get(id)
  }

  findByName (name: string): Job | undefined {
    const id = this.idByName.get(name.toLowerCase())
    return id === undefined ? undefined : this.get(id)
  }

  all (): IterableIterator<Job> {
    return this.jobs.all()
  }

  /**
   * Adds jobs and resolves once they are on disk. Name uniqueness must be checked by
   * the caller in the same synchronous step as this call.
   */
  async insert (...jobs: Job[]): Promise<void> {
    for (const job of jobs) shareRepeatedStrings(job, this.strings.share)
    for (const job of jobs) this.idByName.set(job.JobName.toLowerCase(), job.JobID)
    try {
      await this.jobs.insert(...jobs)
    } catch (err) {
      for (const job of jobs) this.forgetName(job)
      throw err
    }
  }

  /** Stores a changed job (same JobID); its name may have changed. */
  async update (job: Job): Promise<void> {
    const old = this.get(job.JobID)
    if (old === undefined) throw new Error(`no job ${job.JobID}`)
    shareRepeatedStrings(job, this.strings.share)
    this.forgetName(old)
    this.idByName.set(job.JobName.toLowerCase(), job.JobID)
    try {
      await this.jobs.replace(job)
    } catch (err) {
      this.forgetName(job)
      this.idByName.set(old.JobName.toLowerCase(), old.JobID)
      throw err
    }
  }

  /**
   * Takes out jobs whose deletion is committed (PurgeLog), for good even when a write
   * fails; resolves with the first write's error, if any.
   */
  async discard (ids: string[]): Promise<Error | undefined> {
    const jobs = ids.flatMap((id) => this.get(id) ?? [])
    for (const job of jobs) this.forgetName(job)
    return await this.jobs.discard(jobs.map((job) => job.JobID))
  }

  async flush (): Promise<void> {
    await this.jobs.flush()
  }

  private forgetName (job: Job): void {
    if (this.idByName.get(job.JobName.toLowerCase()) === job.JobID) this.idByName.delete(job.JobName.toLowerCase())
  }
}
