import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AdminErrorSchema, journalDisabled, protectedErrors } from '../admin-error.js'
import type { Journal } from '../journal.js'
import { NearMissCache } from '../near-miss.js'
import { compileMatcher } from '../request-filter.js'
import { RequestCountSchema, RequestListSchema, RequestMatcherSchema, RequestQuerySchema, UnmatchedListSchema, type JournalEntry, type RequestQuery } from '../schemas.js'

const queryErrors = { 400: AdminErrorSchema, ...protectedErrors, 409: AdminErrorSchema }

function enabled (journal: Journal): Journal {
  if (!journal.enabled) throw journalDisabled()
  return journal
}

/** Newest first: every match, then at most `limit` of them. */
function select (journal: Journal, query: RequestQuery, extra: (entry: JournalEntry) => boolean = () => true): { total: number, requests: JournalEntry[] } {
  const { limit, ...matcher } = query
  const matches = compileMatcher(matcher)
  const found = [...enabled(journal).newestFirst()].filter((entry) => extra(entry) && matches(entry))
  return { total: found.length, requests: found.slice(0, limit ?? found.length) }
}

/** The request journal: what the client sent and what it got, secrets masked. */
const requests: FastifyPluginAsyncTypebox = async (app) => {
  const nearMisses = new NearMissCache(() => app.coverage.list())

  app.get('/requests', {
    schema: {
      tags: ['Journal'],
      operationId: 'listRequests',
      summary: 'Requests received (outside /__admin), newest first',
      description: 'Filters combine (all must match). 409 when the journal is off (--journal-size 0).',
      querystring: RequestQuerySchema,
      response: { 200: RequestListSchema, ...queryErrors }
    }
  }, async (request) => select(app.journal, request.query))

  app.delete('/requests', {
    schema: {
      tags: ['Journal'],
      operationId: 'clearRequests',
      summary: 'Forget every journal entry (coverage counts stay)',
      response: { 204: Type.Null(), ...protectedErrors }
    }
  }, async (_request, reply) => {
    app.journal.clear()
    return reply.code(204).send(null)
  })

  app.post('/requests/count', {
    schema: {
      tags: ['Journal'],
      operationId: 'countRequests',
      summary: 'How many journal entries match: verify that a call was made (or not)',
      description: 'Counts within the journal only: with more traffic than --journal-size, older requests are gone. 409 when the journal is off, so "never called" cannot pass by accident.',
      body: RequestMatcherSchema,
      response: { 200: RequestCountSchema, ...queryErrors }
    }
  }, async (request) => {
    const matches = compileMatcher(request.body)
    let count = 0
    for (const entry of enabled(app.journal).newestFirst()) if (matches(entry)) count += 1
    return { count }
  })

  app.get('/requests/unmatched', {
    schema: {
      tags: ['Journal'],
      operationId: 'listUnmatchedRequests',
      summary: 'Requests no route matched (404, 405), each with the closest CCS operations',
      querystring: RequestQuerySchema,
      response: { 200: UnmatchedListSchema, ...queryErrors }
    }
  }, async (request) => {
    const { requests: unmatched } = select(app.journal, request.query, (entry) => entry.route === null)
    return {
      requests: unmatched.map((entry) => ({ request: entry, nearMisses: nearMisses.of(entry.method, entry.path) }))
    }
  })
}

export default requests
