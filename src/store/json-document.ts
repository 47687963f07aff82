import { LowSync } from 'lowdb'
import { DataFileSync } from 'lowdb/node'
import { StoreError } from './store-error.js'

/**
 * Shared by every file of one data set: once the data set is closed (reset, import,
 * removal, shutdown), a late write fails instead of landing in files that now belong
 * to a new data set.
 */
export class WriteFence {
  private closed = false

  close (): void {
    this.closed = true
  }

  check (path: string): void {
    if (this.closed) throw new StoreError(`data set closed: not writing ${path}`)
  }
}

/**
 * One lowdb file, written compactly, with group commit: every change requested in
 * one turn of the event loop is persisted by a single write at the end of that turn
 * (setImmediate), and each returned promise resolves once that write is on disk.
 *
 * The write itself is lowdb's synchronous adapter (temp file + rename, so a reader
 * never sees half a file). Synchronous on purpose: for the small files of a
 * segmented store it costs less than the thread-pool round trips of the async one,
 * and it keeps a burst of N changes to one serialization.
 */
export class JsonDocument<T> {
  private readonly db: LowSync<T>
  private pending: Promise<void> | undefined

  private constructor (readonly path: string, db: LowSync<T>, private readonly fence: WriteFence) {
    this.db = db
  }

  /** A document for a file that does not exist yet; nothing is written until `write()`. */
  static create<T> (path: string, initial: T, fence: WriteFence = new WriteFence()): JsonDocument<T> {
    return new JsonDocument(path, new LowSync<T>(new DataFileSync<T>(path, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }), initial), fence)
  }

  /** Reads the file (or starts from `initial` when there is none); fails on anything unreadable. */
  static open<T> (path: string, initial: T, isValid: (data: unknown) => boolean, fence?: WriteFence): JsonDocument<T> {
    const document = JsonDocument.create(path, initial, fence)
    try {
      document.db.read()
    } catch (err) {
      throw new StoreError(`cannot read data file ${path}: ${(err as Error).message}. The file was left untouched; repair or move it, then start again.`)
    }
    if (!isValid(document.db.data)) {
      throw new StoreError(`data file ${path} does not hold ccs-mock data. The file was left untouched; repair or move it, then start again.`)
    }
    return document
  }

  get data (): T {
    return this.db.data
  }

  /** Persists the current data; resolves when a write covering every change made so far is on disk. */
  write (): Promise<void> {
    this.pending ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.pending = undefined
        try {
          this.fence.check(this.path)
          this.db.write()
          resolve()
        } catch (err) {
          reject(err as Error)
        }
      })
    })
    return this.pending
  }

  /** Waits for every requested write. */
  async flush (): Promise<void> {
    while (this.pending !== undefined) await this.pending.catch(() => {})
  }
}
