import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../store/open-store.js'
import { SESSION_NAME } from '../../store/store-registry.js'
import { AdminError, AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { SessionListSchema, SessionParamsSchema, SessionSchema } from '../control-schemas.js'

function validName (name: string): string {
  if (!SESSION_NAME.test(name)) throw new AdminError(400, `'${name}' is not a session name: 1 to 64 letters, digits, '.', '_' or '-'.`)
  return name
}

/** The session's name, once it is valid and has data; 400 or 404 otherwise. */
async function existingSession (app: FastifyInstance, name: string): Promise<string> {
  if (!await app.stores.hasSession(validName(name))) throw new AdminError(404, `No session '${name}' exists.`)
  return name
}

/** The data set a `?session=` parameter names: the default one without it, 400/404 for a bad or unknown session. */
export async function dataSetOf (app: FastifyInstance, session: string | undefined): Promise<Store> {
  return session === undefined ? app.stores.default : await app.stores.session(await existingSession(app, session))
}

/** Isolated sessions (X-CCS-Mock-Session): list, reset, remove. */
const sessions: FastifyPluginAsyncTypebox = async (app) => {
  const describe = async (name: string) => {
    const store = await app.stores.session(name)
    return { name, open: true, jobs: store.jobs.count }
  }

  app.get('/sessions', {
    schema: {
      tags: ['Sessions'],
      operationId: 'listSessions',
      summary: 'The isolated sessions that have data',
      description: 'A request with the header `X-CCS-Mock-Session: <name>` reads and changes its own copy of the data, created from the fixtures on first use.',
      response: { 200: SessionListSchema, ...protectedErrors }
    }
  }, async () => ({ sessions: await Promise.all((await app.stores.sessionNames()).map(describe)) }))

  app.post('/sessions/:name/reset', {
    schema: {
      tags: ['Sessions'],
      operationId: 'resetSession',
      summary: 'Reset a session to the fixtures (creating it when new)',
      params: SessionParamsSchema,
      response: { 200: SessionSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const name = validName(request.params.name)
    await app.stores.reset(name)
    return await describe(name.toLowerCase())
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
    await app.stores.remove(await existingSession(app, request.params.name))
    return await reply.code(204).send(null)
  })
}

export default sessions
