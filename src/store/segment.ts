import { closeSync, constants, ftruncateSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { JsonDocument, type DocumentOptions, type WriteFence } from './json-document.js'
import { StoreError } from './store-error.js'
import { GroupCommit } from './group-commit.js'

/**
 * A segment's lowdb file: its records, and which generation of its tail is live
 * (absent: 0). Tails of older generations are already folded into the records.
 */
export type SegmentData<T> = Record<string, T[] | number | undefined> & { tail?: number }

/** A line of a tail: a record stored (added or replaced, by key) or a key removed. */
type Change<T> = { put: T } | { del: string }

export interface SegmentFormat<T> {
  dir: string
  /** The property of each file that holds the array (`jobs`, `runs`). */
  field: string
  segmentSize: number
  keyOf: (item: T) => string
  /** Checks a stored record (undefined: fine). */
  problemOf: (item: unknown) => string | undefined
  /** The record's compact JSON (kept while its segment fills). */
  textOf: (item: T) => string
  documentOptions: DocumentOptions<SegmentData<T>>
  fence: WriteFence
}

export const BASE_FILE = /^segment-(\d{6})\.json$/
export const TAIL_FILE = /^segment-(\d{6})\.tail-(\d+)\.jsonl$/
export const baseName = (n: number): string => `segment-${String(n).padStart(6, '0')}.json`
export const tailName = (n: number, generation: number): string => `segment-${String(n).padStart(6, '0')}.tail-${generation}.jsonl`

/**
 * One segment of a collection: a lowdb file (the base) and an append-only tail of the
 * changes made since the base was last written, one JSON line per change, so a write
 * costs what its changes cost. Changes made in one turn of the event loop are one
 * group, written by one append; each change's promise resolves once that append is
 * on disk. When the segment is full, or its tail holds as many changes as the segment
 * holds records, the group is folded instead: the base is rewritten whole (lowdb: temp
 * file + rename) naming the next tail generation, which makes the old tail obsolete in
 * that same rename, and the old tail is deleted.
 *
 * So a start replays only the tail its base names; a tail of an older generation is
 * left over from a fold the process did not live to finish, and is deleted once the
 * whole collection has loaded. Text after the live tail's last newline is a change
 * that was never acknowledged (the process died mid-append): it is ignored and cut
 * off before the next append.
 */
export class Segment<T> {
  private readonly document: JsonDocument<SegmentData<T>>
  private generation: number
  /** Bytes of the live tail that hold whole changes. */
  private tailBytes: number
  private tailChanges: number
  /** The tail file may hold more than its whole changes (a cut-off or failed append). */
  private cutTail: boolean
  private pending: Array<Change<T>> = []
  /** Tail files of older generations found by `load`. */
  private obsoleteTails: string[] = []
  private readonly commits = new GroupCommit(() => { this.writePending() })

  private constructor (readonly number: number, private readonly format: SegmentFormat<T>, document: JsonDocument<SegmentData<T>>, tail: { bytes: number, changes: number, cut: boolean }) {
    this.document = document
    this.generation = document.data.tail ?? 0
    this.tailBytes = tail.bytes
    this.tailChanges = tail.changes
    this.cutTail = tail.cut
  }

  /** A segment with no files yet. */
  static create<T> (number: number, format: SegmentFormat<T>): Segment<T> {
    const document = JsonDocument.create<SegmentData<T>>(join(format.dir, baseName(number)), { [format.field]: [] }, format.documentOptions)
    return new Segment(number, format, document, { bytes: 0, changes: 0, cut: false })
  }

  /**
   * Reads the base (if any) and replays its live tail (if any); `tails` are the
   * generations of this segment's tail files found in the directory.
   */
  static load<T> (number: number, format: SegmentFormat<T>, tails: number[]): Segment<T> {
    const { field } = format
    const isSegment = (data: unknown): boolean =>
      typeof data === 'object' && data !== null && Array.isArray((data as SegmentData<T>)[field]) &&
      ((data as SegmentData<T>).tail === undefined || Number.isSafeInteger((data as SegmentData<T>).tail))
    const basePath = join(format.dir, baseName(number))
    const document = JsonDocument.open<SegmentData<T>>(basePath, { [field]: [] }, isSegment, format.documentOptions)
    const items = document.data[field] as T[]
    items.forEach((item, at) => { checkRecord(format, item, `data file ${basePath}: ${field}[${at}]`) })
    const generation = document.data.tail ?? 0
    const newer = tails.find((g) => g > generation)
    if (newer !== undefined) {
      throw new StoreError(`data file ${join(format.dir, tailName(number, newer))} is newer than its segment ${basePath}. The files were left untouched; repair or move them, then start again.`)
    }
    const tail = tails.includes(generation) ? replay(format, join(format.dir, tailName(number, generation)), items) : { bytes: 0, changes: 0, cut: false }
    const segment = new Segment(number, format, document, tail)
    segment.obsoleteTails = tails.filter((g) => g < generation).map((g) => join(format.dir, tailName(number, g)))
    return segment
  }

  /** Deletes the tails `load` found already folded (called once every segment has loaded, so a refused start deletes nothing). */
  removeObsoleteTails (): void {
    for (const path of this.obsoleteTails) removeQuietly(path)
    this.obsoleteTails = []
  }

  get items (): T[] {
    return this.document.data[this.format.field] as T[]
  }

  get full (): boolean {
    return this.items.length >= this.format.segmentSize
  }

  /** Records a change already made to `items`; resolves once it is on disk. */
  record (change: Change<T>): Promise<void> {
    this.pending.push(change)
    return this.commits.join()
  }

  /** Waits for every recorded change. */
  async flush (): Promise<void> {
    await this.commits.flush()
  }

  private writePending (): void {
    const changes = this.pending
    this.pending = []
    if (this.full || this.tailChanges + changes.length > this.format.segmentSize) this.fold()
    else this.append(changes)
  }

  private append (changes: Array<Change<T>>): void {
    const path = join(this.format.dir, tailName(this.number, this.generation))
    this.format.fence.check(path)
    let text = ''
    for (const change of changes) {
      text += 'put' in change ? `{"put":${this.format.textOf(change.put)}}\n` : `{"del":${JSON.stringify(change.del)}}\n`
    }
    const bytes = Buffer.from(text)
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT)
    try {
      if (this.cutTail) {
        // What follows the last whole change was never acknowledged.
        ftruncateSync(fd, this.tailBytes)
        this.cutTail = false
      }
      for (let written = 0; written < bytes.length;) {
        written += writeSync(fd, bytes, written, bytes.length - written, this.tailBytes + written)
      }
    } catch (err) {
      this.cutTail = true
      throw err
    } finally {
      closeSync(fd)
    }
    this.tailBytes += bytes.length
    this.tailChanges += changes.length
  }

  private fold (): void {
    const hadTail = this.tailBytes > 0 || this.cutTail
    const oldTail = join(this.format.dir, tailName(this.number, this.generation))
    const named = this.document.data.tail
    if (hadTail) this.document.data.tail = this.generation + 1
    try {
      this.document.writeNow()
    } catch (err) {
      this.document.data.tail = named
      throw err
    }
    if (!hadTail) return
    // The base now names the next generation: the old tail is obsolete even if it stays.
    removeQuietly(oldTail)
    this.generation += 1
    this.tailBytes = 0
    this.tailChanges = 0
    this.cutTail = false
  }
}

function checkRecord<T> (format: SegmentFormat<T>, item: unknown, where: string): void {
  const problem = format.problemOf(item)
  if (problem !== undefined) {
    throw new StoreError(`${where} is not a stored record (${problem}). The file was left untouched; repair or move it, then start again.`)
  }
}

/**
 * Applies a tail's changes to `items`; answers how many bytes its whole changes take,
 * how many there are, and whether text follows them.
 */
function replay<T> (format: SegmentFormat<T>, path: string, items: T[]): { bytes: number, changes: number, cut: boolean } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new StoreError(`cannot read data file ${path}: ${(err as Error).message}. The file was left untouched; repair or move it, then start again.`)
  }
  const end = text.lastIndexOf('\n') + 1
  const lines = text.slice(0, end).split('\n')
  lines.pop()
  // Removed records leave a hole until the end, so a replay stays linear.
  const slots: Array<T | undefined> = items.slice()
  const at = new Map<string, number>()
  slots.forEach((item, i) => at.set(format.keyOf(item as T), i))
  lines.forEach((line, i) => {
    const where = `data file ${path}: line ${i + 1}`
    let change: unknown
    try {
      change = JSON.parse(line)
    } catch (err) {
      throw new StoreError(`${where} is not JSON (${(err as Error).message}). The file was left untouched; repair or move it, then start again.`)
    }
    if (typeof change === 'object' && change !== null && 'put' in change) {
      const item = (change as { put: T }).put
      checkRecord(format, item, where)
      const key = format.keyOf(item)
      const index = at.get(key)
      if (index === undefined) at.set(key, slots.push(item) - 1)
      else slots[index] = item
    } else if (typeof change === 'object' && change !== null && typeof (change as { del?: unknown }).del === 'string') {
      const key = (change as { del: string }).del
      const index = at.get(key)
      if (index !== undefined) slots[index] = undefined
      at.delete(key)
    } else {
      throw new StoreError(`${where} is not a change ({"put":…} or {"del":…}). The file was left untouched; repair or move it, then start again.`)
    }
  })
  items.length = 0
  for (const item of slots) if (item !== undefined) items.push(item)
  return { bytes: Buffer.byteLength(text.slice(0, end)), changes: lines.length, cut: end < text.length }
}

function removeQuietly (path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Obsolete either way: a later start removes it.
  }
}

