import fp from 'fastify-plugin'

/** Names whose values are secrets wherever they appear: query strings, forms, JSON, headers. */
export const SECRET_NAME = /token|password|secret|key/i
const SECRET_QUERY = new RegExp(`([?&][^=&]*(?:${SECRET_NAME.source})[^=&]*=)[^&]*`, 'gi')

const INFO_OR_LOWER = new Set(['info', 'debug', 'trace'])

/** Strips secret-looking query values: URLs are logged, secrets never are. */
export const redactUrl = (url: string): string => url.replace(SECRET_QUERY, '$1[Redacted]')

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
