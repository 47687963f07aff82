import fp from 'fastify-plugin'
import { redactUrl } from '../admin/redact.js'

const INFO_OR_LOWER = new Set(['info', 'debug', 'trace'])

/** One structured line per request, written when the response is sent. */
export default fp(async function requestLog (app) {
  app.addHook('onResponse', async (request, reply) => {
    if (!INFO_OR_LOWER.has(request.log.level)) return
    request.log.info({
      method: request.method,
      url: redactUrl(request.url),
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 100) / 100,
      user: request.user?.UserName,
      remoteAddress: request.ip
    }, 'request completed')
  })
}, { name: 'request-log' })
