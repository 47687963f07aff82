import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreError } from './store-error.js'
import { JsonDocument, WriteFence, type DocumentOptions } from './json-document.js'

type SegmentData<T> = Record<string, T[]>

const SEGMENT_FILE = /^segment-(\d{6})\.json$/
const segmentName = (n: number): string => `segment-${String(n).padStart(6, '0')}.json`

/**
 * Items in bounded lowdb files ("segments"), so a write rewrites one segment, never
 * the whole collection; reads go through an in-memory index by key. New items fill
 * the last segment; a full segment is never appended to again. Every change resolves
 * once it is on disk, and is taken back in memory when the write fails, so what is
 * served always matches what is stored.
 */
export class SegmentedCollection<T extends object> {
  private readonly segments: Array<JsonDocument<SegmentData<T>>> = []
  private readonly byKey = new Map<string, { item: T, segment: JsonDocument<SegmentData<T>> }>()
  /**
   * Each record's JSON, made once, while its segment is still filling: a segment's
   * write joins its records' texts, so a group commit serializes only the records that
   * are new since the last one.
   */
  private readonly texts = new WeakMap<T, string>()
  private readonly documentOptions: DocumentOptions<SegmentData<T>>

  private constructor (
    private readonly dir: string,
    private readonly segmentSize: number,
    /** The property of each file that holds the array (`jobs`, `runs`). */
    private readonly field: string,
    private readonly keyOf: (item: T) => string,
    fence: WriteFence
  ) {
    const head = `{${JSON.stringify(field)}:[`
    this.documentOptions = {
      fence,
      stringify: (data) => {
        let text = head
        const items = data[field] as T[]
        // A full segment is not appended to again: its texts are let go (memory stays
        // what the records take), and a later change to it serializes it whole.
        const textOf = items.length >= segmentSize ? (item: T) => this.takeText(item) : (item: T) => this.textOf(item)
        for (let i = 0; i < items.length; i++) text += i === 0 ? textOf(items[i] as T) : `,${textOf(items[i] as T)}`
        return `${text}]}`
      }
    }
  }

  /**
   * Reads every segment in `dir`. `problemOf` checks each stored record (undefined:
   * fine); a bad one stops the open with an error naming its file and place.
   */
  static async open<T extends object> (options: { dir: string, segmentSize: number, field: string, keyOf: (item: T) => string, problemOf: (item: unknown) => string | undefined, fence?: WriteFence }): Promise<SegmentedCollection<T>> {
    const { dir, field, keyOf } = options
    const collection = new SegmentedCollection<T>(dir, options.segmentSize, field, keyOf, options.fence ?? new WriteFence())
    await mkdir(dir, { recursive: true })
    const isSegment = (data: unknown): boolean =>
      typeof data === 'object' && data !== null && Array.isArray((data as SegmentData<T>)[field])
    const files = (await readdir(dir)).filter((f) => SEGMENT_FILE.test(f)).sort()
    for (const file of files) {
      const path = join(dir, file)
      const segment = JsonDocument.open<SegmentData<T>>(path, { [field]: [] }, isSegment, collection.documentOptions)
      collection.segments.push(segment)
      collection.itemsOf(segment).forEach((item, at) => {
        const problem = options.problemOf(item)
        if (problem !== undefined) {
          throw new StoreError(`data file ${path}: ${field}[${at}] is not a stored record (${problem}). The file was left untouched; repair or move it, then start again.`)
        }
        collection.byKey.set(keyOf(item), { item, segment })
      })
    }
    return collection
  }

  get count (): number {
    return this.byKey.size
  }

  get (key: string): T | undefined {
    return this.byKey.get(key)?.item
  }

  * all (): IterableIterator<T> {
    for (const entry of this.byKey.values()) yield entry.item
  }

  async insert (...items: T[]): Promise<void> {
    const touched = new Set<JsonDocument<SegmentData<T>>>()
    for (const item of items) {
      const segment = this.openSegment()
      this.itemsOf(segment).push(item)
      this.byKey.set(this.keyOf(item), { item, segment })
      touched.add(segment)
    }
    await this.persist(touched, () => { for (const item of items) this.forget(item) })
  }

  /** Replaces the stored item with the same key. */
  async replace (item: T): Promise<void> {
    const entry = this.byKey.get(this.keyOf(item))
    if (entry === undefined) throw new Error(`no item ${this.keyOf(item)}`)
    const items = this.itemsOf(entry.segment)
    const old = entry.item
    items[items.indexOf(old)] = item
    // The same object may come back changed: its text is made anew.
    this.texts.delete(item)
    this.byKey.set(this.keyOf(item), { item, segment: entry.segment })
    await this.persist(new Set([entry.segment]), () => {
      const at = items.indexOf(item)
      if (at !== -1) items[at] = old
      if (this.byKey.get(this.keyOf(item))?.item === item) this.byKey.set(this.keyOf(old), entry)
    })
  }

  async remove (...keys: string[]): Promise<void> {
    const removed = keys.flatMap((key) => {
      const entry = this.byKey.get(key)
      if (entry === undefined) return []
      const items = this.itemsOf(entry.segment)
      const at = items.indexOf(entry.item)
      items.splice(at, 1)
      this.byKey.delete(key)
      return [{ key, entry, at }]
    })
    await this.persist(new Set(removed.map((r) => r.entry.segment)), () => {
      for (const { key, entry, at } of removed.reverse()) {
        this.itemsOf(entry.segment).splice(at, 0, entry.item)
        this.byKey.set(key, entry)
      }
    })
  }

  async flush (): Promise<void> {
    await Promise.all(this.segments.map((segment) => segment.flush()))
  }

  private async persist (touched: Set<JsonDocument<SegmentData<T>>>, rollback: () => void): Promise<void> {
    try {
      await Promise.all([...touched].map((segment) => segment.write()))
    } catch (err) {
      rollback()
      throw err
    }
  }

  private textOf (item: T): string {
    let text = this.texts.get(item)
    if (text === undefined) {
      text = JSON.stringify(item)
      this.texts.set(item, text)
    }
    return text
  }

  private takeText (item: T): string {
    const text = this.texts.get(item)
    if (text === undefined) return JSON.stringify(item)
    this.texts.delete(item)
    return text
  }

  private itemsOf (segment: JsonDocument<SegmentData<T>>): T[] {
    return segment.data[this.field] as T[]
  }

  private openSegment (): JsonDocument<SegmentData<T>> {
    const last = this.segments.at(-1)
    if (last !== undefined && this.itemsOf(last).length < this.segmentSize) return last
    const segment = JsonDocument.create<SegmentData<T>>(join(this.dir, segmentName(this.segments.length + 1)), { [this.field]: [] }, this.documentOptions)
    this.segments.push(segment)
    return segment
  }

  private forget (item: T): void {
    const entry = this.byKey.get(this.keyOf(item))
    if (entry === undefined || entry.item !== item) return
    const items = this.itemsOf(entry.segment)
    const at = items.indexOf(item)
    if (at !== -1) items.splice(at, 1)
    this.byKey.delete(this.keyOf(item))
  }
}
