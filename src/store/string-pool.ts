/** Longer values are not pooled: a pooled value outlives every record holding it. */
const MAX_POOLED_LENGTH = 256

/**
 * One copy of each string many records repeat: JSON.parse, and every request body,
 * make a new copy per record. Values join the pool until it holds `capacity`, so
 * values that never repeat cannot grow it without bound; after that only values
 * already in it are shared. Values over MAX_POOLED_LENGTH characters never join.
 */
export class StringPool {
  private readonly pool = new Map<string, string>()

  constructor (private readonly capacity: number) {}

  /** Distinct values held. */
  get size (): number {
    return this.pool.size
  }

  readonly share = (value: string): string => {
    const known = this.pool.get(value)
    if (known !== undefined) return known
    if (this.pool.size < this.capacity && value.length <= MAX_POOLED_LENGTH) this.pool.set(value, value)
    return value
  }
}
