import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { NotificationListSchema, SessionQuerySchema } from '../control-schemas.js'
import { dataSetKeyOf, readDataSet } from '../data-sets.js'

/** The notifications finished job runs recorded (and, with --smtp-url, sent). */
const notifications: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/notifications', {
    schema: {
      tags: ['Notifications'],
      operationId: 'listNotifications',
      summary: 'Every run-end notification recorded, newest first',
      description: 'Of the default data set, or of `session`. Delivery says whether it was sent (Sent, Failed, Pending) or only recorded (NotConfigured: no --smtp-url).',
      querystring: SessionQuerySchema,
      response: { 200: NotificationListSchema, 400: AdminErrorSchema, 404: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const records = await readDataSet(app, dataSetKeyOf(request, request.query.session), (store) =>
      [...store.runs.all()].flatMap((run) => run.notification === null ? [] : [run.notification]))
    return { notifications: records.sort((a, b) => b.CreatedAt.localeCompare(a.CreatedAt)) }
  })
}

export default notifications
