import type { JournalEntry } from './schemas.js'

type Draft = Omit<JournalEntry, 'id'>
type Slot = { id: number, entry: JournalEntry | undefined, build: (() => Draft) | undefined }

/**
 * The last `capacity` requests of one data set, oldest overwritten first. Memory
 * stays bounded whatever the traffic; capacity 0 keeps nothing. An entry may be
 * recorded as a function: it runs (once) only when the entry is read, so the masking
 * of secrets in bodies costs nothing for requests nobody looks at.
 */
export class Journal {
  private readonly slots: Array<Slot | undefined> = []
  /** Entries recorded since the last clear (the next slot is recorded % capacity). */
  private recorded = 0

  constructor (readonly capacity: number) {}

  get size (): number {
    return Math.min(this.recorded, this.capacity)
  }

  record (id: number, entry: Draft | (() => Draft)): void {
    if (this.capacity === 0) return
    this.slots[this.recorded % this.capacity] = typeof entry === 'function'
      ? { id, entry: undefined, build: entry }
      : { id, entry: { id, ...entry }, build: undefined }
    this.recorded += 1
  }

  /** The id of the `back`-th newest entry (1: the newest), or undefined past the oldest. */
  idAt (back: number): number | undefined {
    return back > this.size ? undefined : (this.slots[(this.recorded - back) % this.capacity] as Slot).id
  }

  /** The `back`-th newest entry, built (and masked) on its first read. */
  entryAt (back: number): JournalEntry {
    const slot = this.slots[(this.recorded - back) % this.capacity] as Slot
    if (slot.entry === undefined && slot.build !== undefined) {
      slot.entry = { id: slot.id, ...slot.build() }
      slot.build = undefined
    }
    return slot.entry as JournalEntry
  }

  * newestFirst (): Generator<JournalEntry> {
    for (let back = 1; back <= this.size; back++) yield this.entryAt(back)
  }

  clear (): void {
    this.slots.length = 0
    this.recorded = 0
  }
}

/**
 * The journals of every data set (the default one, key null, and each session), each
 * holding `capacity` entries, so one suite's traffic never pushes out another's.
 * Ids are one sequence across all of them and never reused, so the unfiltered view
 * is every journal merged newest first.
 */
export class Journals {
  private readonly journals = new Map<string | null, Journal>()
  private lastId = 0

  constructor (readonly capacity: number) {}

  get enabled (): boolean {
    return this.capacity > 0
  }

  /** Entries held, in one data set's journal or in all. */
  size (session?: string | null): number {
    if (session !== undefined) return this.journals.get(session)?.size ?? 0
    let size = 0
    for (const journal of this.journals.values()) size += journal.size
    return size
  }

  record (session: string | null, entry: Draft | (() => Draft)): void {
    if (!this.enabled) return
    let journal = this.journals.get(session)
    if (journal === undefined) {
      journal = new Journal(this.capacity)
      this.journals.set(session, journal)
    }
    journal.record(++this.lastId, entry)
  }

  /** One data set's entries (`session` given; null: the default data set), or every entry, newest first. */
  * newestFirst (session?: string | null): Generator<JournalEntry> {
    if (session !== undefined) {
      const journal = this.journals.get(session)
      if (journal !== undefined) yield * journal.newestFirst()
      return
    }
    const journals = [...this.journals.values()]
    const back = journals.map(() => 1)
    for (;;) {
      let newest = -1
      let newestId = 0
      journals.forEach((journal, i) => {
        const id = journal.idAt(back[i] as number)
        if (id !== undefined && id > newestId) {
          newest = i
          newestId = id
        }
      })
      if (newest < 0) return
      yield (journals[newest] as Journal).entryAt(back[newest] as number)
      back[newest] = (back[newest] as number) + 1
    }
  }

  /** Forgets one data set's entries, or every entry; ids keep counting, so an id never names two requests. */
  clear (session?: string | null): void {
    if (session === undefined) this.journals.clear()
    else this.journals.delete(session)
  }
}
