import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Job } from '../schemas/job.js'
import { JsonDocument } from './json-document.js'

interface SegmentData { jobs: Job[] }

const SEGMENT_FILE = /^segment-(\d{6})\.json$/
const segmentName = (n: number): string => `segment-${String(n).padStart(6, '0')}.json`
const isSegmentData = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && Array.isArray((data as SegmentData).jobs)

/**
 * Jobs in bounded lowdb files ("segments"), so a write rewrites one segment, never
 * the whole collection; reads go through in-memory indexes. New jobs fill the last
 * segment; a full segment is never appended to again.
 */
export class JobsRepository {
  private readonly segments: Array<JsonDocument<SegmentData>> = []
  private readonly byId = new Map<string, { job: Job, segment: JsonDocument<SegmentData> }>()
  private readonly idByName = new Map<string, string>()

  private constructor (private readonly dir: string, private readonly segmentSize: number) {}

  static async open (dir: string, segmentSize: number): Promise<JobsRepository> {
    const repo = new JobsRepository(dir, segmentSize)
    await mkdir(dir, { recursive: true })
    const files = (await readdir(dir)).filter((f) => SEGMENT_FILE.test(f)).sort()
    for (const file of files) {
      const segment = JsonDocument.open<SegmentData>(join(dir, file), { jobs: [] }, isSegmentData)
      repo.segments.push(segment)
      for (const job of segment.data.jobs) repo.index(job, segment)
    }
    return repo
  }

  get count (): number {
    return this.byId.size
  }

  get (id: string): Job | undefined {
    return this.byId.get(id)?.job
  }

  findByName (name: string): Job | undefined {
    const id = this.idByName.get(name.toLowerCase())
    return id === undefined ? undefined : this.get(id)
  }

  * all (): IterableIterator<Job> {
    for (const entry of this.byId.values()) yield entry.job
  }

  /**
   * Adds jobs and resolves once they are on disk. Name uniqueness must be checked by
   * the caller in the same synchronous step as this call. On a failed write the jobs
   * are taken out of memory again, so what is served always matches what is stored.
   */
  async insert (...jobs: Job[]): Promise<void> {
    const touched = new Set<JsonDocument<SegmentData>>()
    for (const job of jobs) {
      const segment = this.openSegment()
      segment.data.jobs.push(job)
      this.index(job, segment)
      touched.add(segment)
    }
    try {
      await Promise.all([...touched].map((segment) => segment.write()))
    } catch (err) {
      for (const job of jobs) this.forget(job)
      throw err
    }
  }

  async flush (): Promise<void> {
    await Promise.all(this.segments.map((segment) => segment.flush()))
  }

  private openSegment (): JsonDocument<SegmentData> {
    const last = this.segments.at(-1)
    if (last !== undefined && last.data.jobs.length < this.segmentSize) return last
    const segment = JsonDocument.create<SegmentData>(join(this.dir, segmentName(this.segments.length + 1)), { jobs: [] })
    this.segments.push(segment)
    return segment
  }

  private index (job: Job, segment: JsonDocument<SegmentData>): void {
    this.byId.set(job.JobID, { job, segment })
    this.idByName.set(job.JobName.toLowerCase(), job.JobID)
  }

  private forget (job: Job): void {
    const entry = this.byId.get(job.JobID)
    if (entry === undefined) return
    const jobs = entry.segment.data.jobs
    const at = jobs.indexOf(job)
    if (at !== -1) jobs.splice(at, 1)
    this.byId.delete(job.JobID)
    if (this.idByName.get(job.JobName.toLowerCase()) === job.JobID) this.idByName.delete(job.JobName.toLowerCase())
  }
}
