interface WriteGroup {
  promise: Promise<void>
  resolve: () => void
  reject: (err: Error) => void
}

function newWriteGroup (): WriteGroup {
  let resolve!: () => void
  let reject!: (err: Error) => void
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej })
  // A group nobody waits for (a flush after a failure) must not be an unhandled rejection.
  promise.catch(() => {})
  return { promise, resolve, reject }
}

/**
 * Group commit: every change joined in one turn of the event loop is written by one
 * call of `write`, on the next turn; each join resolves once that write succeeded and
 * rejects with its error.
 */
export class GroupCommit {
  /** The group gathering for the next write. */
  private next: WriteGroup | undefined

  constructor (private readonly write: () => void) {}

  join (): Promise<void> {
    if (this.next === undefined) {
      this.next = newWriteGroup()
      setImmediate(() => { this.settle() })
    }
    return this.next.promise
  }

  /** Waits for every joined change's write. */
  async flush (): Promise<void> {
    while (this.next !== undefined) await this.next.promise.catch(() => {})
  }

  private settle (): void {
    const current = this.next
    if (current === undefined) return
    this.next = undefined
    try {
      this.write()
      current.resolve()
    } catch (err) {
      current.reject(err as Error)
    }
  }
}
