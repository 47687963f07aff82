import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { AdminErrorSchema, journalDisabled, protectedErrors } from '../admin-error.js'
import { dataSetKeyOf } from '../data-sets.js'
import type { Journals } from '../journal.js'
import type { NearMissCache } from '../near-miss.js'
import { compileMatcher } from '../request-filter.js'
import { RequestCountSchema, RequestListSchema, RequestMatcherSchema, RequestQuerySchema, SessionFilterSchema, UnmatchedListSchema, type JournalEntry, type RequestQuery } from '../schemas.js'

const queryErrors = { 400: AdminErrorSchema, ...protectedErrors, 409: AdminErrorSchema }

function enabled (journal: Journals): Journals {
  if (!journal.enabled) throw journalDisabled()
  return journal
}

/** Newest first: every match in the data set's journal (or in all, `session` undefined), then at most `limit` of them. */
function select (journal: Journals, session: string | null | undefined, query: RequestQuery, extra: (entry: JournalEntry) => boolean = () => true): { total: number, requests: JournalEntry[] } {
  const { limit, session: _session, ...matcher } = query
  const matches = compileMatcher(matcher)
  const found = [...enabled(journal).newestFirst(session)].filter((entry) => extra(entry) && matches(entry))
  return { total: found.length, requests: found.slice(0, limit ?? found.length) }
}

/** A session's journal when the request names one (`?session=` or the header); every data set's otherwise. */
function scopeOf (request: FastifyRequest): string | undefined {
  return dataSetKeyOf(request, (request.query as { session?: string }).session) ?? undefined
}

/** The request journal: what the client sent and what it got, secrets masked. */
const requests: FastifyPluginAsyncTypebox<{ nearMisses: NearMissCache }> = async (app, { nearMisses }) => {

  app.get('/requests', {
    schema: {
      tags: ['Journal'],
      operationId: 'listRequests',
      summary: 'Requests received (outside /__admin), newest first',
      description: 'Filters combine (all must match). With a session (`?session=` or the X-CCS-Mock-Session header) only its requests; without, every data set\'s, each entry naming its `session`. 409 when the journal is off (--journal-size 0).',
      querystring: RequestQuerySchema,
      response: { 200: RequestListSchema, ...queryErrors }
    }
  }, async (request) => select(app.journal, scopeOf(request), request.query))

  app.delete('/requests', {
    schema: {
      tags: ['Journal'],
      operationId: 'clearRequests',
      summary: 'Forget every journal entry, or a session\'s (coverage counts stay)',
      querystring: SessionFilterSchema,
      response: { 204: Type.Null(), 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request, reply) => {
    app.journal.clear(scopeOf(request))
    return reply.code(204).send(null)
  })

  app.post('/requests/count', {
    schema: {
      tags: ['Journal'],
      operationId: 'countRequests',
      summary: 'How many journal entries match: verify that a call was made (or not)',
      description: 'Counts within the journal only: with more traffic than --journal-size, older requests are gone. With a session (`?session=` or the X-CCS-Mock-Session header) only its requests count, so parallel suites on one server never see each other\'s calls. 409 when the journal is off, so "never called" cannot pass by accident.',
      querystring: SessionFilterSchema,
      body: RequestMatcherSchema,
      response: { 200: RequestCountSchema, ...queryErrors }
    }
  }, async (request) => {
    const matches = compileMatcher(request.body)
    let count = 0
    for (const entry of enabled(app.journal).newestFirst(scopeOf(request))) if (matches(entry)) count += 1
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
    const { requests: unmatched } = select(app.journal, scopeOf(request), request.query, (entry) => entry.route === null)
    return {
      requests: unmatched.map((entry) => ({ request: entry, nearMisses: nearMisses.of(entry.method, entry.path) }))
    }
  })
}

export default requests
