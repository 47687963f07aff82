import { readFileSync } from 'node:fs'
import { LowSync } from 'lowdb'
import { DataFileSync } from 'lowdb/node'
import { StoreError } from './store-error.js'
import { GroupCommit } from './group-commit.js'

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

export interface DocumentOptions<T> {
  /** The file's text for the data (default: compact JSON). */
  stringify?: (data: T) => string
  fence?: WriteFence
}

/**
 * One lowdb file with group commit: every change requested in one turn of the event
 * loop joins one group, written by one write; each returned promise resolves once a
 * write holding its change is on disk.
 *
 * The write is lowdb's synchronous adapter (temp file + rename): a reader — including
 * the next start after a SIGKILL — sees the old file or the new one, never half of one.
 * Synchronous on purpose: measured with each server on one core (docs/store.md,
 * "Writes"), the asynchronous adapter's four thread-pool round trips (open, write,
 * close, rename) each wait for the busy main thread's core, and halved creates at
 * 10 connections; the same write done inline costs a few hundred microseconds.
 */
export class JsonDocument<T> {
  private readonly db: LowSync<T>
  private readonly commits = new GroupCommit(() => { this.writeNow() })

  private constructor (readonly path: string, initial: T, options: DocumentOptions<T>, private readonly fence: WriteFence) {
    const stringify = options.stringify ?? ((data: T) => JSON.stringify(data))
    this.db = new LowSync<T>(new DataFileSync<T>(path, { parse: JSON.parse, stringify }), initial)
  }

  /** A document for a file that does not exist yet; nothing is written until `write()`. */
  static create<T> (path: string, initial: T, options: DocumentOptions<T> = {}): JsonDocument<T> {
    return new JsonDocument(path, initial, options, options.fence ?? new WriteFence())
  }

  /** Reads the file (or starts from `initial` when there is none); fails on anything unreadable. */
  static open<T> (path: string, initial: T, isValid: (data: unknown) => boolean, options: DocumentOptions<T> = {}): JsonDocument<T> {
    const document = JsonDocument.create(path, initial, options)
    let text: string | undefined
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(path, err as Error)
    }
    if (text !== undefined) {
      try {
        document.db.data = JSON.parse(text) as T
      } catch (err) {
        throw unreadable(path, err as Error)
      }
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
    return this.commits.join()
  }

  /** Persists the current data now, outside any group (a caller that groups its own writes). */
  writeNow (): void {
    this.fence.check(this.path)
    this.db.write()
  }

  /** Waits for every requested write. */
  async flush (): Promise<void> {
    await this.commits.flush()
  }
}

function unreadable (path: string, err: Error): StoreError {
  return new StoreError(`cannot read data file ${path}: ${err.message}. The file was left untouched; repair or move it, then start again.`)
}
