import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { JournalEntry } from '../../src/admin/schemas.js'
import type { FaultRuleView } from '../../src/schemas/fault.js'

export interface RequestList {
  total: number
  requests: JournalEntry[]
}

/** GET /__admin/requests with a query string; throws unless 200. */
export async function journal (app: FastifyInstance, query = ''): Promise<RequestList> {
  const res = await app.inject({ method: 'GET', url: `/__admin/requests${query}` })
  if (res.statusCode !== 200) throw new Error(`journal: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** POST /__admin/requests/count; throws unless 200. */
export async function countRequests (app: FastifyInstance, matcher: Record<string, unknown>): Promise<number> {
  const res = await app.inject({ method: 'POST', url: '/__admin/requests/count', payload: matcher })
  if (res.statusCode !== 200) throw new Error(`count: ${res.statusCode} ${res.body}`)
  return (res.json() as { count: number }).count
}

export const FAULTS = '/__admin/faults'

/** POST /__admin/faults, whatever the answer. */
export async function createRule (app: FastifyInstance, rule: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({ method: 'POST', url: FAULTS, payload: rule as Record<string, unknown> })
}

/** POST /__admin/faults; throws unless 201. */
export async function addFault (app: FastifyInstance, rule: unknown): Promise<FaultRuleView> {
  const res = await createRule(app, rule)
  if (res.statusCode !== 201) throw new Error(`fault rule refused: ${res.statusCode} ${res.body}`)
  return res.json<FaultRuleView>()
}

/** GET /__admin/faults. */
export async function faultRules (app: FastifyInstance): Promise<FaultRuleView[]> {
  return (await app.inject({ method: 'GET', url: FAULTS })).json<FaultRuleView[]>()
}
