/**
 * Many requests share a data set; a reset, an import or a removal has it alone. A
 * request holds a pass while it reads and writes; an exclusive change waits until
 * every pass is back and keeps new ones waiting until it is done, so no write in
 * flight can land in a data set being replaced, and no request sees half of it.
 */
export class DataSetGate {
  private passes = 0
  private drained: (() => void) | undefined
  private closedUntil: Promise<void> | undefined

  /** Waits for any exclusive change; the returned function gives the pass back (once). */
  async enter (): Promise<() => void> {
    while (this.closedUntil !== undefined) await this.closedUntil
    return this.pass()
  }

  /** A pass at once, or undefined while an exclusive change waits or runs (then `enter()`). */
  tryEnter (): (() => void) | undefined {
    return this.closedUntil === undefined ? this.pass() : undefined
  }

  private pass (): () => void {
    this.passes += 1
    let returned = false
    return () => {
      if (returned) return
      returned = true
      this.passes -= 1
      if (this.passes === 0) this.drained?.()
    }
  }

  /** No exclusive change waits or runs. */
  get isOpen (): boolean {
    return this.closedUntil === undefined
  }

  /** Runs `change` once no pass is out, with new passes held back until it settles. */
  async alone<T> (change: () => Promise<T>): Promise<T> {
    while (this.closedUntil !== undefined) await this.closedUntil
    let open!: () => void
    this.closedUntil = new Promise<void>((resolve) => { open = resolve })
    try {
      if (this.passes > 0) await new Promise<void>((resolve) => { this.drained = resolve })
      this.drained = undefined
      return await change()
    } finally {
      this.closedUntil = undefined
      open()
    }
  }
}
