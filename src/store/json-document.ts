import { readFileSync } from 'node:fs'
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

interface Group {
  promise: Promise<void>
  resolve: () => void
  reject: (err: Error) => void
}

function group (): Group {
  let resolve!: () => void
  let reject!: (err: Error) => void
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej })
  // A group nobody waits for (a flush after a failure) must not be an unhandled rejection.
  promise.catch(() => {})
  return { promise, resolve, reject }
}

export interface DocumentOptions<T> {
  /** The file's text for the data (default: compact JSON). */
  stringify?: (data: T) => string
  fence?: WriteFence
}

/**
 * One lowdb file with group commit: every change requested in one turn of the event
 * loop joins one group, written by one write; each returned promise resolves once a
 * write holding its change is on disk. At most one write per file is in flight.
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
  private inFlight = false
  private next: Group | undefined
  /** flush() callers waiting for the last write to end. */
  private readonly drained: Array<() => void> = []

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
    if (this.next === undefined) {
      this.next = group()
      if (!this.inFlight) setImmediate(() => { this.startNext() })
    }
    return this.next.promise
  }

  /** Waits for every requested write. */
  async flush (): Promise<void> {
    while (this.next !== undefined || this.inFlight) {
      await (this.next?.promise ?? new Promise<void>((resolve) => { this.drained.push(resolve) })).catch(() => {})
    }
  }

  private startNext (): void {
    const current = this.next
    if (current === undefined || this.inFlight) return
    this.next = undefined
    this.inFlight = true
    const written = (async () => {
      this.fence.check(this.path)
      this.db.write()
    })()
    written.then(current.resolve, current.reject).finally(() => {
      this.inFlight = false
      // The group that gathered while this write was in flight goes at once.
      if (this.next !== undefined) this.startNext()
      else for (const resolve of this.drained.splice(0)) resolve()
    }).catch(() => {})
  }
}

function unreadable (path: string, err: Error): StoreError {
  return new StoreError(`cannot read data file ${path}: ${err.message}. The file was left untouched; repair or move it, then start again.`)
}
