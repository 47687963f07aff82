import { matchesAttributeQuery, type AttributeQuery } from './attribute-query.js'

const RECENT_RESULTS = 256

export type AttributeValues = ReadonlyMap<string, readonly string[]>

/**
 * Records searchable with the `Attributes` query language. Each record's attributes
 * are looked up by lower-case name; `=` terms without a wildcard are answered from an
 * equality index, so a selective query does not scan every record. Results keep the
 * records' order.
 */
export class AttributeIndex<T> {
  private readonly records: T[]
  private readonly values: AttributeValues[]
  /** attribute -> lower-case value -> record positions, ascending. */
  private readonly equality = new Map<string, Map<string, number[]>>()
  /** Recent results by the caller's key; the records never change, so entries never go stale. */
  private readonly recent = new Map<string, T[]>()

  constructor (records: readonly T[], attributesOf: (record: T) => AttributeValues) {
    this.records = [...records]
    this.values = this.records.map(attributesOf)
    this.values.forEach((attributes, position) => {
      for (const [name, values] of attributes) {
        const byValue = this.equality.get(name) ?? new Map<string, number[]>()
        this.equality.set(name, byValue)
        for (const value of new Set(values.map((v) => v.toLowerCase()))) {
          const positions = byValue.get(value)
          if (positions === undefined) byValue.set(value, [position])
          else positions.push(position)
        }
      }
    })
  }

  get size (): number {
    return this.records.length
  }

  /** Every record that matches `query` and `keep`, in order. */
  search (query: AttributeQuery, keep: (record: T) => boolean = () => true): T[] {
    const candidates = this.candidates(query)
    const found: T[] = []
    const visit = (position: number): void => {
      const record = this.records[position] as T
      const attributes = this.values[position] as AttributeValues
      if (keep(record) && matchesAttributeQuery(query, (name) => attributes.get(name.toLowerCase()))) found.push(record)
    }
    if (candidates === undefined) for (let i = 0; i < this.records.length; i++) visit(i)
    else for (const position of candidates) visit(position)
    return found
  }

  /**
   * `search`, remembering the last RECENT_RESULTS answers by `key`: dashboards and CI
   * suites poll the same query, and a `Contains` term over every record is a scan.
   * `key` must identify the query and everything `keep` depends on.
   */
  searchCached (key: string, query: AttributeQuery, keep?: (record: T) => boolean): T[] {
    const hit = this.recent.get(key)
    if (hit !== undefined) {
      this.recent.delete(key)
      this.recent.set(key, hit)
      return hit
    }
    const found = this.search(query, keep)
    this.recent.set(key, found)
    if (this.recent.size > RECENT_RESULTS) this.recent.delete(this.recent.keys().next().value as string)
    return found
  }

  /** Positions that may match (a superset, ascending), or undefined for "scan everything". */
  private candidates (query: AttributeQuery): number[] | undefined {
    switch (query.kind) {
      case 'all':
        return undefined
      case 'term':
        if (query.operator !== '=' || query.value.includes('*')) return undefined
        return this.equality.get(query.attribute.toLowerCase())?.get(query.value.toLowerCase()) ?? []
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

/** A record's attribute map from named scalar fields plus name/value(s) pairs. */
export function attributeValues (fields: Record<string, string>, extra: Iterable<readonly [string, readonly string[]]> = []): AttributeValues {
  const map = new Map<string, readonly string[]>()
  for (const [name, value] of Object.entries(fields)) map.set(name.toLowerCase(), [value])
  for (const [name, values] of extra) map.set(name.toLowerCase(), values)
  return map
}
