import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Store } from '../../store/open-store.js'
import { AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { NotificationListSchema, SessionQuerySchema } from '../control-schemas.js'
import { dataSetKeyOf, readDataSet } from '../data-sets.js'

const recordsOf = (store: Store, session: string | null) =>
  [...store.runs.all()].flatMap((run) => run.notification === null ? [] : [{ session, ...run.notification }])

/** The notifications finished job runs recorded (and, with --smtp-url, sent). */
const notifications: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/notifications', {
    schema: {
      tags: ['Notifications'],
      operationId: 'listNotifications',
      summary: 'Every run-end notification recorded, newest first',
      description: 'Of one session (`?session=` or the X-CCS-Mock-Session header), or, without either, of every data set, each tagged with its `session` (null: the default data set). Delivery says whether it was sent (Sent, Failed, Pending) or only recorded (NotConfigured: no --smtp-url).',
      querystring: SessionQuerySchema,
      response: { 200: NotificationListSchema, 400: AdminErrorSchema, 404: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const key = dataSetKeyOf(request, request.query.session)
    const records = key !== null
      ? await readDataSet(app, key, (store) => recordsOf(store, key))
      : [
          ...await readDataSet(app, null, (store) => recordsOf(store, null)),
          ...(await Promise.all((await app.stores.sessionNames()).map(async (name) => await app.stores.withExisting(name, async (store) => { await store.engine.settle(); return recordsOf(store, name) }) ?? []))).flat()
        ]
    return { notifications: records.sort((a, b) => b.CreatedAt.localeCompare(a.CreatedAt)) }
  })
}

export default notifications
