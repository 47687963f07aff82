import type { CoverageReport } from './schemas.js'

export interface Operation {
  method: string
  route: string
  operationId: string | null
  /** The response keys of the route schema (`200`, `400`, …). */
  documentedStatuses: string[]
}

const keyOf = (method: string, route: string): string => `${method} ${route}`
const byStatus = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true })

type Counts = Map<string, Map<string, number>>

/**
 * How often each CCS operation answered each status, per data set (null: the default
 * one; else a session). Counted apart from the journal, so coverage is not bounded by
 * --journal-size.
 */
export class Coverage {
  private readonly operations = new Map<string, Operation>()
  private readonly hits = new Map<string | null, Counts>()

  add (operation: Operation): void {
    this.operations.set(keyOf(operation.method, operation.route), operation)
  }

  list (): Operation[] {
    return [...this.operations.values()]
  }

  /**
   * Counts one answer in a data set; false when the route is not a CCS operation. A
   * stubbed answer (a response stub's) is counted apart: it exercised no real code.
   */
  hit (method: string, route: string, status: number, session: string | null = null, stubbed = false): boolean {
    const key = keyOf(method, route)
    if (!this.operations.has(key)) return false
    if (stubbed) status = -status
    let ofSession = this.hits.get(session)
    if (ofSession === undefined) {
      ofSession = new Map()
      this.hits.set(session, ofSession)
    }
    const counts = ofSession.get(key) ?? new Map<string, number>()
    counts.set(String(status), (counts.get(String(status)) ?? 0) + 1)
    ofSession.set(key, counts)
    return true
  }

  /** Sets one data set's counts to 0, or every count. */
  reset (session?: string | null): void {
    if (session === undefined) this.hits.clear()
    else this.hits.delete(session)
  }

  /** One data set's counts (null: the default one), or every data set's summed. */
  private countsOf (key: string, session: string | null | undefined): Map<string, number> {
    if (session !== undefined) return this.hits.get(session)?.get(key) ?? new Map<string, number>()
    const sum = new Map<string, number>()
    for (const ofSession of this.hits.values()) {
      for (const [status, count] of ofSession.get(key) ?? []) sum.set(status, (sum.get(status) ?? 0) + count)
    }
    return sum
  }

  report (session?: string | null): CoverageReport {
    const operations = this.list().map((operation) => {
      const all = this.countsOf(keyOf(operation.method, operation.route), session)
      // Stubbed answers are kept under the negated status.
      const real = [...all.keys()].filter((status) => !status.startsWith('-'))
      const stubbedOnly = [...all.keys()].filter((status) => status.startsWith('-')).map((status) => status.slice(1))
      const documented = new Set(operation.documentedStatuses)
      const statuses = [...new Set([...documented, ...real, ...stubbedOnly])].sort(byStatus).map((status) => ({
        status,
        documented: documented.has(status),
        count: all.get(status) ?? 0,
        stubbed: all.get(`-${status}`) ?? 0
      }))
      return { operationId: operation.operationId, method: operation.method, route: operation.route, exercised: real.length > 0, statuses }
    })
    const all = operations.flatMap((operation) => operation.statuses)
    return {
      summary: {
        operations: operations.length,
        operationsExercised: operations.filter((operation) => operation.exercised).length,
        documentedStatuses: all.filter((s) => s.documented).length,
        documentedStatusesExercised: all.filter((s) => s.documented && s.count > 0).length,
        undocumentedStatusesSeen: all.filter((s) => !s.documented).length
      },
      operations
    }
  }
}
