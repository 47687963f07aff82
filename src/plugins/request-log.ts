import fp from 'fastify-plugin'
import { redactUrl } from '../admin/redact.js'

// pino's numbers: a line is written when its level is at least the logger's.
const LEVEL_VALUES: Record<string, number> & Record<'info' | 'debug', number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The level of this route's "request completed" line (default info). */
    requestLogLevel?: 'info' | 'debug'
  }
}

/** One structured line per request, written when the response is sent. */
export default fp(async function requestLog (app) {
  app.addHook('onResponse', function logRequest (request, reply, done) {
    const level = request.routeOptions.config.requestLogLevel ?? 'info'
    if ((LEVEL_VALUES[request.log.level] ?? Infinity) <= LEVEL_VALUES[level]) {
      request.log[level]({
        method: request.method,
        url: redactUrl(request.url),
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 100) / 100,
        user: request.user?.UserName,
        remoteAddress: request.ip
      }, 'request completed')
    }
    done()
  })
}, { name: 'request-log' })
