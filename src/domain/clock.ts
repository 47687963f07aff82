/** The one source of time. Tests and the admin API control it. */
export interface Clock {
  now: () => number
}

export const systemClock: Clock = { now: () => Date.now() }

/**
 * The instants the clock may show: dates are written in .NET round-trip form, whose
 * years have four digits, and nothing before the Unix epoch is needed.
 */
export const CLOCK_MIN_MS = Date.UTC(1970, 0, 1)
export const CLOCK_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
/** The longest single advance (100 years of 365.25 days). */
export const MAX_ADVANCE_MS = 100 * 365.25 * 86_400_000

export function withinClockRange (ms: number): boolean {
  return ms >= CLOCK_MIN_MS && ms <= CLOCK_MAX_MS
}

/** What the admin API can do with the server's clock. */
export interface ClockState {
  now: number
  frozen: boolean
}

/** How a controlled clock stands, as stored: frozen at an instant, or running at an offset from real time. */
export interface ClockSetting {
  frozenAt: number | null
  offsetMs: number
}

/**
 * A clock that follows real time at an offset, or stands still when frozen. Set and
 * advance move it in both modes; resuming lets it run on from where it stood.
 */
export class ControlledClock implements Clock {
  private offset = 0
  private frozenAt: number | undefined

  constructor (private readonly realNow: () => number = () => Date.now()) {}

  /** A clock standing where `other` stands now (frozen if it is), moving on its own from then on. */
  static copyOf (other: ControlledClock): ControlledClock {
    const clock = new ControlledClock(other.realNow)
    clock.adopt(other)
    return clock
  }

  static fromSetting (setting: ClockSetting, realNow: () => number = () => Date.now()): ControlledClock {
    const clock = new ControlledClock(realNow)
    clock.offset = setting.offsetMs
    clock.frozenAt = setting.frozenAt ?? undefined
    return clock
  }

  get setting (): ClockSetting {
    return { frozenAt: this.frozenAt ?? null, offsetMs: this.offset }
  }

  /** Stands where `other` stands now, frozen if it is. */
  adopt (other: ControlledClock): void {
    this.offset = other.now() - this.realNow()
    this.frozenAt = other.frozen ? other.now() : undefined
  }

  now (): number {
    return this.frozenAt ?? this.realNow() + this.offset
  }

  get frozen (): boolean {
    return this.frozenAt !== undefined
  }

  get state (): ClockState {
    return { now: this.now(), frozen: this.frozen }
  }

  freeze (): void {
    this.frozenAt ??= this.now()
  }

  resume (): void {
    if (this.frozenAt === undefined) return
    this.offset = this.frozenAt - this.realNow()
    this.frozenAt = undefined
  }

  set (at: number | Date): void {
    const target = typeof at === 'number' ? at : at.getTime()
    if (this.frozenAt !== undefined) this.frozenAt = target
    else this.offset = target - this.realNow()
  }

  advance (ms: number): void {
    this.set(this.now() + ms)
  }

  /** Back to real time, running. */
  reset (): void {
    this.offset = 0
    this.frozenAt = undefined
  }
}

/** A clock that only moves when told to (frozen from the start). */
export class ManualClock extends ControlledClock {
  constructor (start: number | Date = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    super()
    this.freeze()
    this.set(start)
  }
}
