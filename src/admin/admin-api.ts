import type { FastifyPluginAsync, FastifyRequest, RouteOptions } from 'fastify'
import { checkSessionHeader } from '../plugins/store.js'
import { ADMIN_KEY_HEADER, adminAccess, keyMatches } from './access.js'
import { adminClosed, AdminError, noAdminRoute, toAdminError, wrongAdminKey } from './admin-error.js'
import { ConsoleFeed } from './console/console-feed.js'
import type { LiveEvents } from './console/live-events.js'
import { dataSetKeyOf } from './data-sets.js'
import { NearMissCache } from './near-miss.js'
import type { AdminRoute, RouteSchema } from './openapi-document.js'
import consoleRoutes from './routes/console.js'
import clock from './routes/clock.js'
import coverage from './routes/coverage.js'
import faults from './routes/faults.js'
import health from './routes/health.js'
import openapiDocument from './routes/openapi-document.js'
import notifications from './routes/notifications.js'
import requests from './routes/requests.js'
import sessions from './routes/sessions.js'
import state from './routes/state.js'
import { VERSION } from './version.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Control plane: answers without the admin key (health only). */
    adminPublic?: boolean
    /** Control plane: a read-only route of the live console, which answers without the admin key when one is set (not when the control plane is closed). */
    adminAudience?: boolean
  }
}

export interface AdminApiOptions {
  /** The address the server listens on: loopback opens the control plane when no key is set. */
  listenHost: string
  adminKey?: string
  /** The zone schedules recur in, shown with the clock. */
  timeZone: string
  /** Told of every change made through the control plane (the live console listens). */
  live: LiveEvents
}

/** The data set a control-plane change named (`?session=` or the header), or null. */
function changedDataSet (request: FastifyRequest): string | null {
  const session = (request.query as { session?: unknown } | undefined)?.session
  try {
    return dataSetKeyOf(request, typeof session === 'string' ? session : undefined)
  } catch {
    return null
  }
}

function adminRoutes (route: RouteOptions): AdminRoute[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method]
  return methods.filter((method) => method !== 'HEAD').map((method) => ({
    method,
    url: route.url,
    schema: (route.schema ?? {}) as RouteSchema,
    public: route.config?.adminPublic === true,
    audience: route.config?.adminAudience === true
  }))
}

/**
 * The control plane under /__admin: its own access rule, error shape and OpenAPI
 * document. Route groups register here (each with tags, operationId and a response
 * schema per status); the access hook, error handler and document cover them all.
 */
const adminApi: FastifyPluginAsync<AdminApiOptions> = async (admin, options) => {
  const access = adminAccess(options.listenHost, options.adminKey)
  const nearMisses = new NearMissCache(() => admin.coverage.list())
  const documented: AdminRoute[] = []
  if (access === 'closed') admin.log.warn({ host: options.listenHost }, 'control plane closed: not a loopback address and no --admin-key; only /__admin/health answers')
  else admin.log.info({ access }, access === 'key' ? 'control plane needs the admin key' : 'control plane open on loopback')

  admin.addHook('onRoute', (route) => {
    documented.push(...adminRoutes(route))
    // The CCS document (@fastify/swagger) must not list the control plane.
    route.schema = { ...route.schema, hide: true }
  })

  admin.addHook('onRequest', async (request) => {
    const { config } = request.routeOptions
    if (access !== 'open' && config.adminPublic !== true) {
      if (access === 'closed') throw adminClosed(options.listenHost)
      const audience = config.adminAudience === true
      if (!audience && !keyMatches(request.headers[ADMIN_KEY_HEADER.toLowerCase()], options.adminKey ?? '')) throw wrongAdminKey()
    }
    checkSessionHeader(request)
  })

  admin.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 300) return
    options.live.adminChanged({ method: request.method, route: request.routeOptions.url ?? request.url, session: changedDataSet(request) })
  })

  admin.setErrorHandler((error, request, reply) => {
    const known = toAdminError(error)
    if (known === undefined) request.log.error({ err: error }, 'unhandled error')
    const answer = known ?? new AdminError(500, 'An internal error occurred.')
    return reply.code(answer.statusCode).send(answer.body)
  })

  admin.setNotFoundHandler(async (request) => {
    throw noAdminRoute(request.method, request.url.split('?')[0] ?? request.url)
  })

  await admin.register(health)
  await admin.register(requests, { nearMisses })
  await admin.register(coverage)
  await admin.register(faults)
  await admin.register(clock, { timeZone: options.timeZone })
  await admin.register(state)
  await admin.register(sessions)
  await admin.register(notifications)
  const feed = new ConsoleFeed({
    stores: admin.stores,
    journal: admin.journal,
    faults: admin.faults,
    live: options.live,
    access: access === 'open' ? 'open' : 'key',
    version: VERSION,
    timeZone: options.timeZone,
    prefix: admin.prefix,
    nearMisses: (method, path) => nearMisses.of(method, path),
    log: admin.log
  })
  await admin.register(consoleRoutes, { feed })
  await admin.register(openapiDocument, { routes: documented })
}

export default adminApi
