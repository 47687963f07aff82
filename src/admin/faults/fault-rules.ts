import { randomInt, randomUUID } from 'node:crypto'
import type { FaultInput, FaultRuleRequest, FaultRuleView, FaultType } from '../../schemas/fault.js'
import { ModelStateBuilder } from '../../domain/dotnet/model-state.js'
import { globMatches, pathSegments } from '../path-glob.js'
import { seededRandom } from './seeded-random.js'

export type Fault =
  | { type: 'delay', ms: number }
  | { type: 'delay', minMs: number, maxMs: number }
  | { type: 'status', status: number, body?: unknown, headers?: Record<string, string> }
  | { type: 'drop' }
  | { type: 'empty' }
  | { type: 'truncate', bytes?: number }
  | { type: 'expiredToken' }
  | { type: 'stub', status: number, body?: unknown, headers?: Record<string, string> }

/** What happens to one request: the rule's fault with its random parts drawn. */
export type FaultAction = Exclude<Fault, { type: 'delay' }> | { type: 'delay', ms: number }

export interface FaultRequestInfo {
  method: string
  /** The request URL; the query is ignored. */
  path: string
  /** The CCS user once known; undefined on arrival. */
  user?: string
  /** The session the request names (null or absent: the default data set). */
  session?: string | null
}

export interface FiredFault {
  ruleId: string
  action: FaultAction
}

/** A refused rule: field path (`fault.status`; `''` for the rule as a whole) → what is wrong with it. */
export type AddOutcome = { ok: true, rule: FaultRuleView } | { ok: false, errors: Record<string, string[]> }

export const MAX_FAULT_RULES = 1000

const FIELDS: Record<FaultType, ReadonlyArray<keyof FaultInput>> = {
  delay: ['ms', 'minMs', 'maxMs'],
  status: ['status', 'body', 'headers'],
  drop: [],
  empty: [],
  truncate: ['bytes'],
  expiredToken: [],
  stub: ['status', 'body', 'headers']
}
const ALL_FIELDS = ['ms', 'minMs', 'maxMs', 'status', 'body', 'headers', 'bytes'] as const

const METHOD = /^(\*|[A-Za-z]+)$/
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// eslint-disable-next-line no-control-regex
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
// The server frames the response itself; a rule overriding these would corrupt it.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection'])

function checkHeaders (headers: Record<string, string>, errors: ModelStateBuilder): void {
  for (const [name, value] of Object.entries(headers)) {
    const key = `fault.headers.${name}`
    if (!HEADER_NAME.test(name)) errors.add(key, 'is not a valid header name')
    else if (FRAMING_HEADERS.has(name.toLowerCase())) errors.add(key, 'is set by the server')
    else if (!HEADER_VALUE.test(value)) errors.add(key, 'has a value that is not valid in a header')
  }
}

/** The rules a JSON schema cannot say: which fields each fault type takes, and how they combine. */
function checkFault (input: FaultInput, errors: ModelStateBuilder): Fault | undefined {
  const allowed = FIELDS[input.type]
  for (const field of ALL_FIELDS) {
    if (input[field] !== undefined && !allowed.includes(field)) errors.add(`fault.${field}`, `does not apply to a '${input.type}' fault`)
  }
  switch (input.type) {
    case 'delay': {
      const { ms, minMs, maxMs } = input
      if (ms !== undefined && (minMs !== undefined || maxMs !== undefined)) errors.add('fault.ms', 'give either ms, or minMs and maxMs')
      else if (ms !== undefined) return { type: 'delay', ms }
      else if (minMs === undefined || maxMs === undefined) errors.add(minMs === undefined ? 'fault.minMs' : 'fault.maxMs', 'a delay needs ms, or minMs and maxMs')
      else if (minMs > maxMs) errors.add('fault.minMs', 'must not be greater than maxMs')
      else return { type: 'delay', minMs, maxMs }
      return undefined
    }
    case 'status':
    case 'stub': {
      const [low, what] = input.type === 'status' ? [400, 'an error status'] : [200, 'a status']
      if (input.status === undefined) {
        errors.add('fault.status', `is required for a '${input.type}' fault`)
        return undefined
      }
      if (input.status < low) {
        errors.add('fault.status', `must be between ${low} and 599 for a '${input.type}' fault (${what})`)
        return undefined
      }
      if (input.headers !== undefined) checkHeaders(input.headers, errors)
      return {
        type: input.type,
        status: input.status,
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.headers !== undefined ? { headers: input.headers } : {})
      }
    }
    case 'truncate':
      return input.bytes === undefined ? { type: 'truncate' } : { type: 'truncate', bytes: input.bytes }
    default:
      return { type: input.type }
  }
}

interface Entry {
  view: FaultRuleView
  segments: string[]
  method: string
  user: string | undefined
  fault: Fault
  random: () => number
}

const userKey = (name: string): string => name.trim().toLowerCase()

/**
 * The fault rules of one server. A request is matched twice: on arrival, where only
 * rules without a `user` take part, and once its user is known, where only rules
 * naming that user do; so no rule fires twice for one request. The first rule that
 * matches (in creation order) and wins its dice fires; a rule whose count is spent
 * is gone. Matching is synchronous, so counts are consumed atomically.
 */
export class FaultRules {
  private readonly entries = new Map<string, Entry>()

  constructor (private readonly limit = MAX_FAULT_RULES) {}

  get size (): number {
    return this.entries.size
  }

  /** A rule for every request, or (`session`) only for that session's requests. */
  add (input: FaultRuleRequest, session: string | null = null): AddOutcome {
    const errors = new ModelStateBuilder()
    const method = (input.method ?? '*').toUpperCase()
    if (!METHOD.test(method)) errors.add('method', "must be an HTTP method such as GET, or '*'")
    if (!/^[/*]/.test(input.path)) errors.add('path', "must start with '/' or '*'")
    const fault = checkFault(input.fault, errors)
    if (this.entries.size >= this.limit) errors.add('', `At most ${this.limit} fault rules can exist; delete some first.`)
    if (fault === undefined || !errors.isEmpty) return { ok: false, errors: errors.entries }

    const seed = input.seed ?? randomInt(0, 2 ** 32)
    const view: FaultRuleView = {
      id: randomUUID(),
      session,
      method,
      path: input.path,
      ...(input.user !== undefined ? { user: input.user } : {}),
      ...(input.count !== undefined ? { count: input.count, remaining: input.count } : {}),
      probability: input.probability ?? 1,
      seed,
      fired: 0,
      fault: { ...fault }
    }
    this.entries.set(view.id, {
      view,
      segments: pathSegments(input.path),
      method,
      user: input.user === undefined ? undefined : userKey(input.user),
      fault,
      random: seededRandom(seed)
    })
    return { ok: true, rule: { ...view } }
  }

  /** Every rule; or, for a data set (null: the default one), the rules that apply to its requests: its own and those for every request. */
  list (scope?: string | null): FaultRuleView[] {
    return [...this.entries.values()]
      .filter((entry) => scope === undefined || entry.view.session === null || entry.view.session === scope)
      .map((entry) => ({ ...entry.view }))
  }

  /** The rules created with this session (null: those created without one, which apply to every request). */
  ownedBy (session: string | null): FaultRuleView[] {
    return [...this.entries.values()].filter((entry) => entry.view.session === session).map((entry) => ({ ...entry.view }))
  }

  /** Removes the rules created with this session (null: those for every request); returns how many. */
  clearOwnedBy (session: string | null): number {
    let removed = 0
    for (const [id, entry] of this.entries) {
      if (entry.view.session !== session) continue
      this.entries.delete(id)
      removed += 1
    }
    return removed
  }

  get (id: string): FaultRuleView | undefined {
    const entry = this.entries.get(id)
    return entry === undefined ? undefined : { ...entry.view }
  }

  remove (id: string): boolean {
    return this.entries.delete(id)
  }

  /** Removes every rule; returns how many there were. */
  clear (): number {
    const count = this.entries.size
    this.entries.clear()
    return count
  }

  /** The fault to apply to this request, if a rule fires; fires it (counts, dice). */
  match (request: FaultRequestInfo): FiredFault | undefined {
    if (this.entries.size === 0) return undefined
    const method = request.method.toUpperCase()
    const path = pathSegments(request.path)
    const user = request.user === undefined ? undefined : userKey(request.user)
    for (const [id, entry] of this.entries) {
      if (entry.view.session !== null && entry.view.session !== (request.session ?? null)) continue
      if (entry.user !== user) continue
      if (entry.method !== '*' && entry.method !== method) continue
      if (!globMatches(entry.segments, path)) continue
      if (entry.view.probability < 1 && entry.random() >= entry.view.probability) continue
      this.fire(id, entry)
      return { ruleId: id, action: this.draw(entry) }
    }
    return undefined
  }

  private fire (id: string, entry: Entry): void {
    entry.view.fired++
    if (entry.view.remaining === undefined) return
    entry.view.remaining--
    if (entry.view.remaining === 0) this.entries.delete(id)
  }

  private draw (entry: Entry): FaultAction {
    const { fault } = entry
    if (fault.type !== 'delay') return fault
    if ('ms' in fault) return fault
    return { type: 'delay', ms: fault.minMs + Math.floor(entry.random() * (fault.maxMs - fault.minMs + 1)) }
  }
}
