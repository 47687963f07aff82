import { LRUCache } from 'lru-cache'
import { foldCase } from '../glob.js'
import { matchesAttributeQuery, type AttributeQuery } from './attribute-query.js'

const RECENT_RESULTS = 256
/** Characters of remembered answer texts (serialized pages) and their keys an index keeps, at most: ~7 pages of 50 full assets. */
const RECENT_TEXT_CHARS = 1_000_000
/** Length of the pieces a column's values are indexed by; a shorter needle is searched in the column's text. */
const GRAM = 3

export type AttributeValues = ReadonlyMap<string, readonly string[]>

/**
 * Records searchable with the `Attributes` query language. Each record's attributes
 * are looked up by lower-case name and each value by its `foldCase` key; `=` terms
 * without a wildcard are answered from an equality index, other terms narrowed by the
 * attribute's column (see `termCandidates`), so a selective query does not scan every
 * record. Results keep the records' order; added records come last.
 *
 * Removal leaves a hole at the record's position (skipped by searches) so that
 * `restore` can put it back in its place; holes are compacted by the next `add`.
 */
export class AttributeIndex<T> {
  private records: Array<T | undefined> = []
  private values: AttributeValues[] = []
  private readonly positions = new Map<T, number>()
  private holes = 0
  /** attribute -> folded value (`foldCase`) -> record positions, ascending. */
  private readonly equality = new Map<string, Map<string, number[]>>()
  /** attribute -> every value, folded: one string for short needles, GRAM-long pieces for the rest. */
  private readonly columns = new Map<string, Column>()
  /** Recent results by the caller's key; emptied by every change. */
  private readonly recent = new LRUCache<string, T[]>({ max: RECENT_RESULTS })
  /** Texts made from recent results (serialized pages) by the caller's key; emptied with `recent`. */
  private readonly recentTexts = new LRUCache<string, string>({ max: RECENT_RESULTS, maxSize: RECENT_TEXT_CHARS, sizeCalculation: (text, key) => key.length + text.length })

  constructor (records: readonly T[], private readonly attributesOf: (record: T) => AttributeValues) {
    this.append(records)
  }

  get size (): number {
    return this.records.length - this.holes
  }

  /** Adds records after every other one. */
  add (records: readonly T[]): void {
    if (this.holes > 0) {
      this.compact()
      // Positions moved: columns are rebuilt on their next use.
      this.columns.clear()
    }
    const from = this.records.length
    this.append(records)
    // Columns already built take the new values at their end (their owners stay ascending).
    for (const [attribute, column] of this.columns) this.fillColumn(column, attribute, from)
    this.forgetRecent()
  }

  /** Takes records out of every search; unknown records are ignored. */
  remove (records: Iterable<T>): void {
    for (const record of records) {
      const position = this.positions.get(record)
      if (position === undefined || this.records[position] === undefined) continue
      this.records[position] = undefined
      this.holes++
    }
    this.forgetRecent()
  }

  /** Undoes `remove` for these records, in their old places (no `add` may have run since). */
  restore (records: Iterable<T>): void {
    for (const record of records) {
      const position = this.positions.get(record)
      if (position === undefined || this.records[position] !== undefined) continue
      this.records[position] = record
      this.holes--
    }
    this.forgetRecent()
  }

  private forgetRecent (): void {
    this.recent.clear()
    this.recentTexts.clear()
  }

  private append (records: readonly T[]): void {
    for (const record of records) {
      const position = this.records.length
      const attributes = this.attributesOf(record)
      this.records.push(record)
      this.values.push(attributes)
      this.positions.set(record, position)
      for (const [name, values] of attributes) {
        const byValue = this.equality.get(name) ?? new Map<string, number[]>()
        this.equality.set(name, byValue)
        for (const value of new Set(values.map(foldCase))) {
          const positions = byValue.get(value)
          if (positions === undefined) byValue.set(value, [position])
          else positions.push(position)
        }
      }
    }
  }

  private compact (): void {
    const live = this.records.filter((r): r is T => r !== undefined)
    this.records = []
    this.values = []
    this.positions.clear()
    this.equality.clear()
    this.holes = 0
    this.append(live)
  }

  /** Every record that matches `query` and `keep`, in order. */
  search (query: AttributeQuery, keep: (record: T) => boolean = () => true): T[] {
    const candidates = this.candidates(query)
    const found: T[] = []
    let attributes: AttributeValues = new Map()
    const lookup = (name: string): readonly string[] | undefined => attributes.get(name.toLowerCase())
    // The query first: it rejects most records, and `keep` (rights, folders) costs more.
    const visit = (position: number): void => {
      const record = this.records[position]
      if (record === undefined) return
      attributes = this.values[position] as AttributeValues
      if (matchesAttributeQuery(query, lookup) && keep(record)) found.push(record)
    }
    if (candidates === undefined) for (let i = 0; i < this.records.length; i++) visit(i)
    else for (const position of candidates) visit(position)
    return found
  }

  /**
   * `search`, remembering the last RECENT_RESULTS answers by `key`: dashboards and CI
   * suites poll the same query, and a `Contains` term over every record is a scan.
   * `key` must identify the query and everything `keep` depends on. A change to the
   * records empties the memory, so an answer never outlives the data it came from.
   */
  searchCached (key: string, query: AttributeQuery, keep?: (record: T) => boolean): T[] {
    let found = this.recent.get(key)
    if (found === undefined) {
      found = this.search(query, keep)
      this.recent.set(key, found)
    }
    return found
  }

  /**
   * A text made from the records (a serialized page of an answer), remembered by `key`
   * like searchCached's answers: every change to the records empties the memory, and
   * the least recently used texts go first beyond RECENT_RESULTS texts or
   * RECENT_TEXT_CHARS characters (keys counted). `key` must identify everything the
   * text depends on. `make` throwing remembers nothing.
   */
  textCached (key: string, make: () => string): string {
    let text = this.recentTexts.get(key)
    if (text === undefined) {
      text = make()
      // Not kept (and nothing pushed out) when it alone is over the limit.
      this.recentTexts.set(key, text)
    }
    return text
  }

  /**
   * Candidates for one term: `=` without a wildcard from the equality index; otherwise
   * a literal piece of the pattern is looked up in the attribute's column (as a prefix
   * when the pattern starts with it). No usable literal: scan.
   */
  private termCandidates (attribute: string, operator: string, value: string): number[] | undefined {
    const pieces = value.split('*')
    if (operator === '=' && pieces.length === 1) return this.equality.get(attribute)?.get(value) ?? []
    const anchored = operator !== 'Contains' && pieces[0] !== ''
    const needle = anchored ? pieces[0] as string : pieces.reduce((a, b) => (b.length > a.length ? b : a), '')
    if (needle === '' || needle.includes(SEP)) return undefined
    const column = this.column(attribute)
    return needle.length < GRAM ? textCandidates(column, needle, anchored) : gramCandidates(column, needle, anchored)
  }

  /** Built on first use, so start-up does not pay for attributes nobody searches. */
  private column (attribute: string): Column {
    let column = this.columns.get(attribute)
    if (column === undefined) {
      column = new Column()
      this.fillColumn(column, attribute, 0)
      this.columns.set(attribute, column)
    }
    return column
  }

  /** Adds the attribute's values of the records from position `from` on to its column. */
  private fillColumn (column: Column, attribute: string, from: number): void {
    for (let position = from; position < this.values.length; position++) {
      for (const value of (this.values[position] as AttributeValues).get(attribute) ?? []) column.push(foldCase(value), position)
    }
  }

  /** Positions that may match (a superset, ascending), or undefined for "scan everything". */
  private candidates (query: AttributeQuery): number[] | undefined {
    switch (query.kind) {
      case 'all':
        return undefined
      case 'term':
        return this.termCandidates(query.attribute.toLowerCase(), query.operator, foldCase(query.value))
      case 'and': {
        const narrowed = query.operands.map((q) => this.candidates(q)).filter((c): c is number[] => c !== undefined)
        if (narrowed.length === 0) return undefined
        return narrowed.reduce((a, b) => (a.length <= b.length ? a : b))
      }
      case 'or': {
        const parts = query.operands.map((q) => this.candidates(q))
        if (parts.some((p) => p === undefined)) return undefined
        return [...new Set(parts.flat() as number[])].sort((a, b) => a - b)
      }
    }
  }
}

/** One attribute's folded values in record order, searchable by substring. */
class Column {
  /** The folded values; `owners[i]` is the record position of `values[i]` (ascending). */
  readonly values: string[] = []
  readonly owners: number[] = []
  private joinedMemo?: { text: string, starts: number[] }
  private gramsMemo?: Map<string, number[]>

  /** Adds a value of the record at `owner`, which is not before any other value's. */
  push (value: string, owner: number): void {
    const i = this.values.length
    this.values.push(value)
    this.owners.push(owner)
    if (this.joinedMemo !== undefined) appendJoined(this.joinedMemo, value)
    if (this.gramsMemo !== undefined) addGrams(this.gramsMemo, value, i)
  }

  /** Every value in one string, each after a SEP; `starts[i]`: where `values[i]` begins. Built on first use. */
  get joined (): { text: string, starts: number[] } {
    if (this.joinedMemo === undefined) {
      const joined = { text: '', starts: [] as number[] }
      for (const value of this.values) appendJoined(joined, value)
      this.joinedMemo = joined
    }
    return this.joinedMemo
  }

  /** GRAM-long piece -> indexes of the values holding it, ascending. Built on first use. */
  get grams (): Map<string, number[]> {
    if (this.gramsMemo === undefined) {
      const grams = new Map<string, number[]>()
      this.values.forEach((value, i) => { addGrams(grams, value, i) })
      this.gramsMemo = grams
    }
    return this.gramsMemo
  }
}

function appendJoined (joined: { text: string, starts: number[] }, value: string): void {
  joined.starts.push(joined.text.length + 1)
  joined.text += SEP + value
}

function addGrams (grams: Map<string, number[]>, value: string, i: number): void {
  for (let at = 0; at + GRAM <= value.length; at++) {
    const piece = value.slice(at, at + GRAM)
    const holders = grams.get(piece)
    if (holders === undefined) grams.set(piece, [i])
    else if (holders[holders.length - 1] !== i) holders.push(i)
  }
}

/** Separates values in a column's text; a needle containing it falls back to a scan. */
const SEP = '\u0001'

/** Record positions whose value holds `needle` (starts with it, when anchored), found in the column's text. */
function textCandidates (column: Column, needle: string, anchored: boolean): number[] {
  const { text, starts } = column.joined
  const pattern = anchored ? SEP + needle : needle
  const found = new Set<number>()
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    // A prefix pattern starts on the separator before its value.
    found.add(column.owners[floorIndex(starts, anchored ? at + 1 : at)] as number)
  }
  return [...found].sort((a, b) => a - b)
}

/** The same from the values holding the needle's rarest GRAM-long piece (needle.length >= GRAM). */
function gramCandidates (column: Column, needle: string, anchored: boolean): number[] {
  const { grams } = column
  let rarest: number[] | undefined
  for (let at = 0; at + GRAM <= needle.length; at++) {
    const holders = grams.get(needle.slice(at, at + GRAM))
    if (holders === undefined) return []
    if (rarest === undefined || holders.length < rarest.length) rarest = holders
  }
  const found: number[] = []
  for (const i of rarest ?? []) {
    const value = column.values[i] as string
    const owner = column.owners[i] as number
    // Owners ascend: a record with two matching values is met twice in a row.
    if ((anchored ? value.startsWith(needle) : value.includes(needle)) && found[found.length - 1] !== owner) found.push(owner)
  }
  return found
}

/** The largest i with sorted[i] <= value. */
function floorIndex (sorted: readonly number[], value: number): number {
  let low = 0
  let high = sorted.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((sorted[mid] as number) <= value) low = mid
    else high = mid - 1
  }
  return low
}

/** A record's attribute map from named scalar fields plus name/value(s) pairs. */
export function attributeValues (fields: Record<string, string>, extra: Iterable<readonly [string, readonly string[]]> = []): AttributeValues {
  const map = new Map<string, readonly string[]>()
  for (const [name, value] of Object.entries(fields)) map.set(name.toLowerCase(), [value])
  for (const [name, values] of extra) map.set(name.toLowerCase(), values)
  return map
}
