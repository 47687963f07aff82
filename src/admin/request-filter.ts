import { RE2JS } from 're2js'
import { globMatcher } from '../domain/glob.js'
import { AdminError } from './admin-error.js'
import type { JournalEntry, RequestMatcher } from './schemas.js'

type Test = (entry: JournalEntry) => boolean

function statusTest (status: number | string): Test {
  const text = String(status)
  if (text.endsWith('xx')) {
    const statusClass = Number(text[0])
    return (entry) => Math.floor(entry.status / 100) === statusClass
  }
  return (entry) => entry.status === Number(text)
}

/**
 * Patterns come from clients, so they run on RE2's linear-time engine: no pattern can
 * make a filter backtrack (RE2 syntax: no lookaround or backreferences).
 */
function regexTest (pattern: string): Test {
  let re: RE2JS
  try {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE)
  } catch (err) {
    throw new AdminError(400, `pathPattern is not a valid RE2 regular expression: ${(err as Error).message}`, { pathPattern: ['must be a valid RE2 regular expression'] })
  }
  return (entry) => re.matcher(entry.path).find()
}

/**
 * One predicate from a request matcher (query-string filter or count body): every
 * property given must hold. Throws a 400 AdminError for an unusable pattern.
 */
export function compileMatcher (matcher: RequestMatcher): Test {
  const tests: Test[] = []
  const { method, path, pathPattern, status, user, bodyContains, since, until } = matcher
  if (method !== undefined) {
    const upper = method.toUpperCase()
    tests.push((entry) => entry.method === upper)
  }
  if (path !== undefined) {
    const matches = globMatcher(path)
    tests.push((entry) => matches(entry.path))
  }
  if (pathPattern !== undefined) tests.push(regexTest(pathPattern))
  if (status !== undefined) tests.push(statusTest(status))
  if (user !== undefined) {
    const lower = user.toLowerCase()
    tests.push((entry) => entry.user?.toLowerCase() === lower)
  }
  if (bodyContains !== undefined) tests.push((entry) => entry.requestBody?.includes(bodyContains) === true)
  if (since !== undefined) {
    const from = Date.parse(since)
    tests.push((entry) => Date.parse(entry.time) >= from)
  }
  if (until !== undefined) {
    const to = Date.parse(until)
    tests.push((entry) => Date.parse(entry.time) < to)
  }
  return (entry) => tests.every((test) => test(entry))
}
