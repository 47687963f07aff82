/** The one source of time. Tests and the admin API swap in a ManualClock. */
export interface Clock {
  now: () => number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number

  constructor (start: number | Date = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = typeof start === 'number' ? start : start.getTime()
  }

  now (): number {
    return this.current
  }

  advance (ms: number): void {
    this.current += ms
  }

  set (at: number | Date): void {
    this.current = typeof at === 'number' ? at : at.getTime()
  }
}
