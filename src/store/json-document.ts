import { Low } from 'lowdb'
import { DataFile } from 'lowdb/node'
import { StoreError } from './store-error.js'

/**
 * One lowdb file, written compactly, with writes coalesced: callers that ask for a
 * write while one is in flight share the next one, so a burst of N changes costs
 * two serializations, not N. Each returned promise resolves only once a write that
 * started after the request has reached the disk (steno: temp file + rename).
 */
export class JsonDocument<T> {
  private readonly db: Low<T>
  private inFlight: Promise<void> | undefined
  private queued: Promise<void> | undefined

  private constructor (readonly path: string, db: Low<T>) {
    this.db = db
  }

  /** Reads the file (or starts from `initial` when there is none); fails on anything unreadable. */
  static async open<T> (path: string, initial: T, isValid: (data: unknown) => boolean): Promise<JsonDocument<T>> {
    const document = JsonDocument.create(path, initial)
    const db = document.db
    try {
      await db.read()
    } catch (err) {
      throw new StoreError(`cannot read data file ${path}: ${(err as Error).message}. The file was left untouched; repair or move it, then start again.`)
    }
    if (!isValid(db.data)) {
      throw new StoreError(`data file ${path} does not hold ccs-mock data. The file was left untouched; repair or move it, then start again.`)
    }
    return document
  }

  /** A document for a file that does not exist yet; nothing is written until `write()`. */
  static create<T> (path: string, initial: T): JsonDocument<T> {
    return new JsonDocument(path, new Low<T>(new DataFile<T>(path, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }), initial))
  }

  get data (): T {
    return this.db.data
  }

  /** Persists the current data; resolves when a write covering every change made so far is on disk. */
  write (): Promise<void> {
    if (this.inFlight === undefined) {
      this.inFlight = this.db.write().finally(() => { this.inFlight = undefined })
      return this.inFlight
    }
    this.queued ??= this.inFlight.catch(() => {}).then(() => {
      this.queued = undefined
      return this.write()
    })
    return this.queued
  }

  /** Waits for every requested write. */
  async flush (): Promise<void> {
    while (this.inFlight !== undefined || this.queued !== undefined) {
      await (this.queued ?? this.inFlight)?.catch(() => {})
    }
  }
}
