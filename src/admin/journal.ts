import type { JournalEntry } from './schemas.js'

/**
 * The last `capacity` requests, oldest overwritten first. Memory stays bounded
 * whatever the traffic; capacity 0 keeps nothing.
 */
export class Journal {
  readonly capacity: number
  private readonly slots: Array<JournalEntry | undefined>
  /** Entries recorded since the last clear (the next slot is recorded % capacity). */
  private recorded = 0
  private lastId = 0

  constructor (capacity: number) {
    this.capacity = capacity
    this.slots = new Array<JournalEntry | undefined>(capacity)
  }

  get enabled (): boolean {
    return this.capacity > 0
  }

  get size (): number {
    return Math.min(this.recorded, this.capacity)
  }

  record (entry: Omit<JournalEntry, 'id'>): void {
    if (!this.enabled) return
    this.lastId += 1
    this.slots[this.recorded % this.capacity] = { id: this.lastId, ...entry }
    this.recorded += 1
  }

  /** Newest first. */
  * newestFirst (): Generator<JournalEntry> {
    for (let back = 1; back <= this.size; back++) {
      yield this.slots[(this.recorded - back) % this.capacity] as JournalEntry
    }
  }

  /** Forgets every entry; ids keep counting, so an id never names two requests. */
  clear (): void {
    this.slots.fill(undefined)
    this.recorded = 0
  }
}
