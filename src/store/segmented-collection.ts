import { mkdir, readdir } from 'node:fs/promises'
import { WriteFence } from './json-document.js'
import { BASE_FILE, Segment, TAIL_FILE, type SegmentData, type SegmentFormat } from './segment.js'

/**
 * Items in bounded segments (a lowdb file and an append-only tail each, see Segment),
 * so a write costs what its changes cost and never rewrites more than one segment;
 * reads go through an in-memory index by key. New items fill the last segment. Every
 * change resolves once it is on disk. An insert or replace is taken back in memory
 * when its write fails, so what is served always matches what is stored; a deletion
 * is committed first in a PurgeLog (replayed when the data set opens), so `discard`
 * keeps it in memory whatever its writes do.
 */
export class SegmentedCollection<T extends object> {
  private readonly segments: Array<Segment<T>> = []
  private readonly byKey = new Map<string, { item: T, segment: Segment<T> }>()
  /**
   * Each record's JSON, made once, while its segment is still filling: an append and
   * the segment's fold both use it, so a record is serialized once on its way in.
   */
  private readonly texts = new WeakMap<T, string>()
  private readonly format: SegmentFormat<T>

  private constructor (options: { dir: string, segmentSize: number, field: string, keyOf: (item: T) => string, problemOf: (item: unknown) => string | undefined, fence: WriteFence }) {
    const { field, segmentSize } = options
    const head = `{${JSON.stringify(field)}:[`
    this.format = {
      ...options,
      textOf: (item) => this.textOf(item),
      documentOptions: {
        fence: options.fence,
        stringify: (data: SegmentData<T>) => {
          let text = head
          const items = data[field] as T[]
          // A full segment is not appended to again: its texts are let go (memory stays
          // what the records take), and a later change to it serializes it whole.
          const textOf = items.length >= segmentSize ? (item: T) => this.takeText(item) : (item: T) => this.textOf(item)
          for (let i = 0; i < items.length; i++) text += i === 0 ? textOf(items[i] as T) : `,${textOf(items[i] as T)}`
          return data.tail === undefined ? `${text}]}` : `${text}],"tail":${data.tail}}`
        }
      }
    }
  }

  /**
   * Reads every segment in `dir`. `problemOf` checks each stored record (undefined:
   * fine); a bad one stops the open with an error naming its file and place.
   * `onLoad` sees each record in memory (tail changes applied) as its segment is read:
   * a record adjusted there (strings shared) lets what parsing made for the segment
   * die young.
   */
  static async open<T extends object> (options: { dir: string, segmentSize: number, field: string, keyOf: (item: T) => string, problemOf: (item: unknown) => string | undefined, fence?: WriteFence, onLoad?: (item: T) => void }): Promise<SegmentedCollection<T>> {
    const collection = new SegmentedCollection<T>({ ...options, fence: options.fence ?? new WriteFence() })
    await mkdir(options.dir, { recursive: true })
    // Each segment's number, with the generations of its tail files.
    const tailsBySegment = new Map<number, number[]>()
    for (const file of await readdir(options.dir)) {
      const base = BASE_FILE.exec(file)
      const tail = TAIL_FILE.exec(file)
      if (base !== null && !tailsBySegment.has(Number(base[1]))) tailsBySegment.set(Number(base[1]), [])
      if (tail !== null) tailsBySegment.set(Number(tail[1]), [...(tailsBySegment.get(Number(tail[1])) ?? []), Number(tail[2])])
    }
    for (const number of [...tailsBySegment.keys()].sort((a, b) => a - b)) {
      const segment = Segment.load(number, collection.format, tailsBySegment.get(number) ?? [])
      collection.segments.push(segment)
      for (const item of segment.items) {
        options.onLoad?.(item)
        collection.byKey.set(options.keyOf(item), { item, segment })
      }
    }
    for (const segment of collection.segments) segment.removeObsoleteTails()
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
    const writes = items.map((item) => {
      const segment = this.openSegment()
      segment.items.push(item)
      this.byKey.set(this.format.keyOf(item), { item, segment })
      return segment.record({ put: item })
    })
    await this.persist(writes, () => { for (const item of items) this.forget(item) })
  }

  /** Replaces the stored item with the same key. */
  async replace (item: T): Promise<void> {
    const key = this.format.keyOf(item)
    const entry = this.byKey.get(key)
    if (entry === undefined) throw new Error(`no item ${key}`)
    const { items } = entry.segment
    const old = entry.item
    items[items.indexOf(old)] = item
    // The same object may come back changed: its text is made anew.
    this.texts.delete(item)
    this.byKey.set(key, { item, segment: entry.segment })
    await this.persist([entry.segment.record({ put: item })], () => {
      const at = items.indexOf(item)
      if (at !== -1) items[at] = old
      if (this.byKey.get(key)?.item === item) this.byKey.set(key, entry)
    })
  }

  /**
   * Removes items whose deletion is already committed elsewhere (PurgeLog): memory
   * changes at once and stays changed when a write fails. Resolves once every touched
   * segment has written the removal, with the first write's error if one failed.
   */
  async discard (keys: string[]): Promise<Error | undefined> {
    const writes = this.take(keys).map(({ key, segment }) => segment.record({ del: key }))
    const failed = (await Promise.allSettled(writes)).find((write) => write.status === 'rejected')
    return failed === undefined ? undefined : failed.reason as Error
  }

  async flush (): Promise<void> {
    await Promise.all(this.segments.map(async (segment) => { await segment.flush() }))
  }

  private async persist (writes: Array<Promise<void>>, rollback: () => void): Promise<void> {
    try {
      await Promise.all(writes)
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

  private openSegment (): Segment<T> {
    const last = this.segments.at(-1)
    if (last !== undefined && !last.full) return last
    const segment = Segment.create(last === undefined ? 1 : last.number + 1, this.format)
    this.segments.push(segment)
    return segment
  }

  /** Takes the items out of memory (keys not held are skipped). */
  private take (keys: string[]): Array<{ key: string, segment: Segment<T> }> {
    return keys.flatMap((key) => {
      const entry = this.byKey.get(key)
      if (entry === undefined) return []
      this.forget(entry.item)
      return [{ key, segment: entry.segment }]
    })
  }

  private forget (item: T): void {
    const key = this.format.keyOf(item)
    const entry = this.byKey.get(key)
    if (entry === undefined || entry.item !== item) return
    const { items } = entry.segment
    const at = items.indexOf(item)
    if (at !== -1) items.splice(at, 1)
    this.byKey.delete(key)
  }
}
