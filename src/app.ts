import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ADMIN_PREFIX } from './admin/access.js'
import adminApi from './admin/admin-api.js'
import { LiveEvents } from './admin/console/live-events.js'
import adminRecorder from './admin/recorder.js'
import { clientErrorHandler } from './client-error-handler.js'
import type { Config } from './config.js'
import { ControlledClock } from './domain/clock.js'
import { parseDotNetDate, parseTimeSpan } from './domain/dotnet/dotnet-time.js'
import { lazySchemaCompilers } from './lazy-schema-compilers.js'
import { lazyChildLoggerFactory } from './logger.js'
import { Notifier } from './domain/runs/notifier.js'
import { resolveTimeZone } from './domain/jobs/schedule-times.js'
import auth from './plugins/auth.js'
import clock from './plugins/clock.js'
import contentNegotiation from './plugins/content-negotiation.js'
import errorHandler, { MAX_SEGMENT_LENGTH, routerErrorHandler } from './plugins/error-handler.js'
import faults from './plugins/faults.js'
import jsonBodyParser from './plugins/json-body-parser.js'
import jsonNetBinding from './plugins/json-net-binding.js'
import requestLog from './plugins/request-log.js'
import store from './plugins/store.js'
import swagger, { API_PREFIX } from './plugins/swagger.js'
import ccsApi from './routes/ccs-api.js'
import ccsApiV2, { API_V2_PREFIX } from './routes/ccs-api-v2.js'

/** v1 and v2: every CCS operation, as coverage counts them. */
const CCS_API_ROOT = '/ccs/api'

export interface AppOptions {
  config: Config
  /** Defaults to real time (which the admin API can still freeze, set and advance). */
  clock?: ControlledClock
  /** Defaults to no logging. */
  logger?: FastifyBaseLogger
  /** Key and certificate; omit for plain HTTP (and for app.inject in tests). */
  https?: { key: string | Buffer, cert: string | Buffer }
}

/** Builds the Fastify instance without listening. */
export async function buildApp (options: AppOptions): Promise<FastifyInstance> {
  const { config } = options
  const app = Fastify({
    ...(options.logger !== undefined ? { loggerInstance: options.logger, childLoggerFactory: lazyChildLoggerFactory as unknown as NonNullable<FastifyServerOptions['childLoggerFactory']> } : { logger: false }),
    // Node checks header/request timeouts only every connectionsCheckingInterval (30 s by default).
    ...(options.https !== undefined ? { https: { ...options.https, connectionsCheckingInterval: 1000, handshakeTimeout: config.requestTimeout * 1000 } } : { http: { connectionsCheckingInterval: 1000 } }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    requestTimeout: config.requestTimeout * 1000,
    clientErrorHandler,
    // Requests still arriving on open connections during close are served normally (and in the API's error shape).
    return503OnClosing: false,
    // Web API: routes and query names match case-insensitively (spec §1).
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: MAX_SEGMENT_LENGTH },
    frameworkErrors: routerErrorHandler,
    schemaController: { compilersFactory: lazySchemaCompilers() },
    ajv: {
      customOptions: {
        allErrors: true,
        verbose: true,
        coerceTypes: false,
        useDefaults: false,
        removeAdditional: false,
        formats: {
          'dotnet-datetime': (text: string) => parseDotNetDate(text) !== undefined,
          timespan: (text: string) => parseTimeSpan(text) !== undefined
        }
      }
    }
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Node's default lets a client trickle headers for 60 s; hold headers to the same limit.
  app.server.headersTimeout = config.requestTimeout * 1000
  await app.register(clock, { clock: options.clock ?? new ControlledClock() })
  await app.register(errorHandler)
  // Before the recorder: its onSend hook must see the body as the client receives it (JSON or XML).
  await app.register(contentNegotiation, { prefix: CCS_API_ROOT })
  await app.register(requestLog)
  const notifier = new Notifier({ smtpUrl: config.smtpUrl, logger: app.log })
  // Sends still waiting for a slow SMTP server end (recorded as Failed) instead of holding up shutdown.
  app.addHook('preClose', async () => { notifier.close() })
  // What changes, as it happens: the engines, the recorder and the control plane tell the live console.
  const live = new LiveEvents()
  await app.register(store, {
    dataDir: config.dataDir,
    fixturesDir: config.fixtures,
    jobsPerSegment: config.jobsPerSegment,
    durations: { queueMs: config.runQueueSeconds * 1000, collectionMs: config.collectionSeconds * 1000, evaluationMs: config.evaluationSeconds * 1000 },
    timeZone: resolveTimeZone(config.timeZone),
    notifier,
    engineListener: live,
    tokenLifetimes: { accessSeconds: config.accessTokenTtl, refreshSeconds: config.refreshTokenTtl },
    loginThrottle: { limit: config.loginFailureLimit, windowSeconds: config.loginFailureWindow },
    maxSessions: config.maxSessions,
    sessionIdleSeconds: config.sessionIdleSeconds
  })
  // After the store (it reads sessions), before the routes: its onRoute hook lists the CCS operations coverage counts.
  await app.register(adminRecorder, { journalSize: config.journalSize, apiPrefix: CCS_API_ROOT, onRecorded: live.requestRecorded })
  await app.register(auth)
  await app.register(jsonBodyParser)
  await app.register(jsonNetBinding)
  // After the Json.NET binding: user-specific rules read the bound token-request body.
  await app.register(faults)
  await app.register(swagger)
  await app.register(ccsApi, { prefix: API_PREFIX })
  await app.register(ccsApiV2, { prefix: API_V2_PREFIX })
  await app.register(adminApi, { prefix: ADMIN_PREFIX, listenHost: config.host, timeZone: resolveTimeZone(config.timeZone), live, ...(config.adminKey !== undefined ? { adminKey: config.adminKey } : {}) })
  return app
}
