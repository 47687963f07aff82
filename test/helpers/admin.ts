import type { FastifyInstance } from 'fastify'
import type { JournalEntry } from '../../src/admin/schemas.js'

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
