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

/**
 * How often each CCS operation answered each status. Counted apart from the journal,
 * so coverage is not bounded by --journal-size.
 */
export class Coverage {
  private readonly operations = new Map<string, Operation>()
  private readonly hits = new Map<string, Map<string, number>>()

  add (operation: Operation): void {
    this.operations.set(keyOf(operation.method, operation.route), operation)
  }

  list (): Operation[] {
    return [...this.operations.values()]
  }

  /** Counts one answer; false when the route is not a CCS operation. */
  hit (method: string, route: string, status: number): boolean {
    const key = keyOf(method, route)
    if (!this.operations.has(key)) return false
    const counts = this.hits.get(key) ?? new Map<string, number>()
    counts.set(String(status), (counts.get(String(status)) ?? 0) + 1)
    this.hits.set(key, counts)
    return true
  }

  reset (): void {
    this.hits.clear()
  }

  report (): CoverageReport {
    const operations = this.list().map((operation) => {
      const counts = this.hits.get(keyOf(operation.method, operation.route)) ?? new Map<string, number>()
      const documented = new Set(operation.documentedStatuses)
      const statuses = [...new Set([...documented, ...counts.keys()])].sort(byStatus).map((status) => ({
        status,
        documented: documented.has(status),
        count: counts.get(status) ?? 0
      }))
      return { operationId: operation.operationId, method: operation.method, route: operation.route, exercised: counts.size > 0, statuses }
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
