import { globMatcher } from '../domain/glob.js'

/**
 * URL-path globs for fault rules: case-insensitive like the routes, `*` matches
 * within one segment (the search language's globMatcher), a `**` segment matches any
 * number of segments. Matching is dynamic programming over segments, never one
 * backtracking RegExp, so no pattern can make a request backtrack for long.
 */

function safeDecode (segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** A URL path (query dropped) or pattern as routing sees it: percent-decoded, duplicate and trailing slashes ignored, case folded. */
export function pathSegments (path: string): string[] {
  const withoutQuery = path.split('?', 1)[0] ?? ''
  const collapsed = withoutQuery.replace(/\/{2,}/g, '/')
  const trimmed = collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed
  return trimmed.split('/').map((s) => safeDecode(s).toLowerCase())
}

// Pattern segments come from fault rules (few), so their compiled matchers are kept.
const segmentMatchers = new Map<string, (text: string) => boolean>()
function segmentMatcher (segment: string): (text: string) => boolean {
  let matcher = segmentMatchers.get(segment)
  if (matcher === undefined) {
    if (segmentMatchers.size > 1000) segmentMatchers.clear()
    matcher = globMatcher(segment)
    segmentMatchers.set(segment, matcher)
  }
  return matcher
}

/** Whether the path segments match the pattern segments (both from pathSegments). */
export function globMatches (pattern: readonly string[], path: readonly string[]): boolean {
  // next[j]: pattern[i + 1..] matches path[j..]; filled from the last pattern segment back.
  let next = path.map(() => false).concat(true)
  for (let i = pattern.length - 1; i >= 0; i--) {
    const segment = pattern[i] ?? ''
    const current = new Array<boolean>(path.length + 1).fill(false)
    if (segment === '**') {
      current[path.length] = next[path.length] ?? false
      for (let j = path.length - 1; j >= 0; j--) current[j] = (next[j] ?? false) || (current[j + 1] ?? false)
    } else {
      const segmentMatches = segmentMatcher(segment)
      for (let j = 0; j < path.length; j++) current[j] = (next[j + 1] ?? false) && segmentMatches(path[j] ?? '')
    }
    next = current
  }
  return next[0] ?? false
}
