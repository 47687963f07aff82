import type { NearMiss } from './schemas.js'

export interface RouteCandidate {
  method: string
  route: string
  operationId: string | null
}

// Longer paths are cut: the distance is a hint, and its cost grows with length².
const MAX_COMPARED = 300
const MAX_HINTS = 3

/**
 * Edit distance (insert, delete, substitute), two rows at a time; with `limit`, only
 * the band of cells within `limit` of the diagonal is worked out and anything farther
 * answers `limit + 1`, so a hint costs length × limit, not length².
 */
export function editDistance (a: string, b: string, limit = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const far = limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= limit ? j : far))
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(far)
    current[0] = i <= limit ? i : far
    let best = current[0]
    for (let j = Math.max(1, i - limit); j <= Math.min(b.length, i + limit); j++) {
      const substitute = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      const cell = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitute, far)
      current[j] = cell
      if (cell < best) best = cell
    }
    if (best > limit) return far
    previous = current
  }
  return Math.min(previous[b.length] as number, far)
}

/** What the router compares: case, duplicate and trailing slashes do not count. */
function normalize (path: string): string {
  return path.toLowerCase().replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')
}

/** The route with each `:param` segment replaced by the request's segment at that place. */
function instantiate (route: string, requestSegments: string[]): string {
  return route.split('/').map((segment, i) => segment.startsWith(':') ? requestSegments[i] ?? segment : segment).join('/')
}

function reasonFor (sentMethod: string, candidate: RouteCandidate, distance: number): string {
  const reasons: string[] = []
  if (candidate.method !== sentMethod) reasons.push(`method differs: sent ${sentMethod}, the route takes ${candidate.method}`)
  if (distance > 0) reasons.push(`path differs by ${distance} character${distance === 1 ? '' : 's'}`)
  return reasons.join('; ')
}

/**
 * The CCS routes closest to a request that matched none: path edit distance first
 * (route parameters match any segment), a matching method breaks ties. Routes more
 * than a quarter of their length away (at least 2 characters) are no hint.
 */
export function nearMisses (method: string, path: string, candidates: readonly RouteCandidate[]): NearMiss[] {
  const sent = normalize(path).slice(0, MAX_COMPARED)
  const segments = sent.split('/')
  const limitOf = (candidate: RouteCandidate): number => Math.max(2, Math.floor(candidate.route.length / 4))
  return candidates
    .map((candidate) => {
      const distance = editDistance(sent, normalize(instantiate(candidate.route, segments)), limitOf(candidate))
      return { candidate, distance }
    })
    .filter(({ candidate, distance }) => distance <= limitOf(candidate) && !(distance === 0 && candidate.method === method))
    .sort((x, y) => x.distance - y.distance || Number(y.candidate.method === method) - Number(x.candidate.method === method) ||
      x.candidate.route.localeCompare(y.candidate.route) || x.candidate.method.localeCompare(y.candidate.method))
    .slice(0, MAX_HINTS)
    .map(({ candidate, distance }) => ({
      method: candidate.method,
      route: candidate.route,
      operationId: candidate.operationId,
      pathDistance: distance,
      reason: reasonFor(method, candidate, distance)
    }))
}

/** Near misses per method and path, kept for the paths clients repeat (a journal holds many alike). */
export class NearMissCache {
  private readonly answers = new Map<string, NearMiss[]>()

  constructor (private readonly candidates: () => readonly RouteCandidate[], private readonly capacity = 2000) {}

  of (method: string, path: string): NearMiss[] {
    const key = `${method} ${path}`
    let answer = this.answers.get(key)
    if (answer === undefined) {
      if (this.answers.size >= this.capacity) this.answers.clear()
      answer = nearMisses(method, path, this.candidates())
      this.answers.set(key, answer)
    }
    return answer
  }
}
