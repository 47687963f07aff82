import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { SessionListSchema, SessionParamsSchema, SessionSchema } from '../control-schemas.js'
import { noSession, sessionKeyFrom } from '../data-sets.js'

/** Isolated sessions (X-CCS-Mock-Session): list, reset, remove. */
const sessions: FastifyPluginAsyncTypebox = async (app) => {
  const describe = (name: string) => {
    const store = app.stores.openStoreOf(name)
    return { name, open: store !== undefined, jobs: store?.jobs.count ?? null }
  }

  app.get('/sessions', {
    schema: {
      tags: ['Sessions'],
      operationId: 'listSessions',
      summary: 'The isolated sessions that have data',
      description: 'A request with the header `X-CCS-Mock-Session: <name>` reads and changes its own copy of the data, created from the fixtures for its first authenticated request. Listing opens no session: `jobs` is shown for open ones.',
      response: { 200: SessionListSchema, ...protectedErrors }
    }
  }, async () => ({ sessions: (await app.stores.sessionNames()).map(describe) }))

  app.post('/sessions/:name/reset', {
    schema: {
      tags: ['Sessions'],
      operationId: 'resetSession',
      summary: 'Reset a session to the fixtures (creating it when new)',
      params: SessionParamsSchema,
      response: { 200: SessionSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const key = sessionKeyFrom(request.params.name, 'name')
    await app.stores.reset(key)
    return describe(key)
  })

  app.delete('/sessions/:name', {
    schema: {
      tags: ['Sessions'],
      operationId: 'deleteSession',
      summary: 'Remove a session and its data',
      params: SessionParamsSchema,
      response: { 204: { type: 'null', description: 'Removed' }, 400: AdminErrorSchema, 404: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request, reply) => {
    const key = sessionKeyFrom(request.params.name, 'name')
    if (!await app.stores.remove(key)) throw noSession(key)
    return await reply.code(204).send(null)
  })
}

export default sessions
