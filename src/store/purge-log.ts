import { join } from 'node:path'
import { JsonDocument, type WriteFence } from './json-document.js'

export const PURGE_FILE = 'purged.json'

/** Keys of jobs and runs whose deletion is committed. */
export interface Purge {
  jobs: string[]
  runs: string[]
}

const isKeys = (value: unknown): boolean => Array.isArray(value) && value.every((key) => typeof key === 'string')
const isPurge = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && isKeys((data as Purge).jobs) && isKeys((data as Purge).runs)

/** Nothing to delete. */
export const isEmptyPurge = ({ jobs, runs }: Purge): boolean => jobs.length + runs.length === 0

const without = (keys: string[], gone: string[]): string[] => {
  const leaving = new Set(gone)
  return keys.filter((key) => !leaving.has(key))
}

/**
 * Deletions that touch several segment files (a job and its runs, which sit in other
 * segments) made all or nothing. The keys are written here in one atomic write (lowdb:
 * temp file + rename) before any segment is touched: that write is the commit. They
 * leave once every segment has recorded its part; a start finds the keys of a deletion
 * whose segment writes failed or were cut short, and deletes them again.
 */
export class PurgeLog {
  private constructor (private readonly document: JsonDocument<Purge>) {}

  static open (dataDir: string, fence: WriteFence): PurgeLog {
    return new PurgeLog(JsonDocument.open<Purge>(join(dataDir, PURGE_FILE), { jobs: [], runs: [] }, isPurge, { fence }))
  }

  /** What was committed and not yet recorded by every segment. */
  get pending (): Purge {
    const { jobs, runs } = this.document.data
    return { jobs: [...jobs], runs: [...runs] }
  }

  get isEmpty (): boolean {
    return isEmptyPurge(this.document.data)
  }

  /** Resolves once the deletion is on disk; when the write fails it throws and the log is as before. */
  async commit (purge: Purge): Promise<void> {
    const { data } = this.document
    // A loop, not push(...keys): a job's history may outgrow the call stack's argument limit.
    for (const key of purge.jobs) data.jobs.push(key)
    for (const key of purge.runs) data.runs.push(key)
    try {
      await this.document.write()
    } catch (err) {
      this.forget(purge)
      throw err
    }
  }

  /** Lets go of a deletion every segment has recorded. */
  async settle (purge: Purge): Promise<void> {
    this.forget(purge)
    await this.document.write()
  }

  async flush (): Promise<void> {
    await this.document.flush()
  }

  private forget (purge: Purge): void {
    const { data } = this.document
    data.jobs = without(data.jobs, purge.jobs)
    data.runs = without(data.runs, purge.runs)
  }
}
