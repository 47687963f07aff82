import type { Clock } from '../clock.js'

const MAX_TRACKED_KEYS = 10_000

/**
 * Counts failed logins per key (user name and client address) over a sliding window;
 * once `limit` failures fall inside the window, further attempts are refused until the
 * oldest one leaves it. A success forgets the key. `limit` 0 disables the throttle.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor (private readonly clock: Clock, private readonly limit: number, private readonly windowSeconds: number) {}

  /** Seconds until `key` may try again, or undefined when it may try now. */
  retryAfter (key: string): number | undefined {
    if (this.limit === 0) return undefined
    const recent = this.recent(key)
    if (recent.length < this.limit) return undefined
    const oldest = recent[recent.length - this.limit] ?? this.clock.now()
    return Math.max(1, Math.ceil((oldest + this.windowSeconds * 1000 - this.clock.now()) / 1000))
  }

  recordFailure (key: string): void {
    if (this.limit === 0) return
    if (this.failures.size >= MAX_TRACKED_KEYS && !this.failures.has(key)) this.prune()
    this.failures.set(key, [...this.recent(key), this.clock.now()])
  }

  recordSuccess (key: string): void {
    this.failures.delete(key)
  }

  private recent (key: string): number[] {
    const since = this.clock.now() - this.windowSeconds * 1000
    return (this.failures.get(key) ?? []).filter((at) => at > since)
  }

  private prune (): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key)
    }
    // Still full: drop the oldest keys rather than grow without bound.
    for (const key of this.failures.keys()) {
      if (this.failures.size < MAX_TRACKED_KEYS) break
      this.failures.delete(key)
    }
  }
}
