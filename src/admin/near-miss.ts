import type { NearMiss } from './schemas.js'

export interface RouteCandidate {
  method: string
  route: string
  operationId: string | null
}

// Longer paths are cut: the distance is a hint, and its cost grows with length².
const MAX_COMPARED = 300
const MAX_HINTS = 3

/** Edit distance (insert, delete, substitute), two rows at a time. */
export function editDistance (a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitute = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitute))
    }
    previous = current
  }
  return previous[b.length] as number
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
  return candidates
    .map((candidate) => {
      const distance = editDistance(sent, normalize(instantiate(candidate.route, segments)))
      return { candidate, distance }
    })
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(candidate.route.length / 4)) && !(distance === 0 && candidate.method === method))
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
