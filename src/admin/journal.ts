import type { JournalEntry } from './schemas.js'

type Draft = Omit<JournalEntry, 'id'>
type Slot = { id: number, entry: JournalEntry | undefined, build: (() => Draft) | undefined }

/**
 * The last `capacity` requests, oldest overwritten first. Memory stays bounded
 * whatever the traffic; capacity 0 keeps nothing. An entry may be recorded as a
 * function: it runs (once) only when the entry is read, so the masking of secrets in
 * bodies costs nothing for requests nobody looks at.
 */
export class Journal {
  readonly capacity: number
  private readonly slots: Array<Slot | undefined>
  /** Entries recorded since the last clear (the next slot is recorded % capacity). */
  private recorded = 0
  private lastId = 0

  constructor (capacity: number) {
    this.capacity = capacity
    this.slots = new Array<Slot | undefined>(capacity)
  }

  get enabled (): boolean {
    return this.capacity > 0
  }

  get size (): number {
    return Math.min(this.recorded, this.capacity)
  }

  record (entry: Draft | (() => Draft)): void {
    if (!this.enabled) return
    this.lastId += 1
    this.slots[this.recorded % this.capacity] = typeof entry === 'function'
      ? { id: this.lastId, entry: undefined, build: entry }
      : { id: this.lastId, entry: { id: this.lastId, ...entry }, build: undefined }
    this.recorded += 1
  }

  /** Newest first. */
  * newestFirst (): Generator<JournalEntry> {
    for (let back = 1; back <= this.size; back++) {
      const slot = this.slots[(this.recorded - back) % this.capacity] as Slot
      if (slot.entry === undefined && slot.build !== undefined) {
        slot.entry = { id: slot.id, ...slot.build() }
        slot.build = undefined
      }
      yield slot.entry as JournalEntry
    }
  }

  /** Forgets every entry; ids keep counting, so an id never names two requests. */
  clear (): void {
    this.slots.fill(undefined)
    this.recorded = 0
  }
}
