import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { Clock } from '../domain/clock.js'
import { isAdminPath } from './access.js'
import { Coverage, type Operation } from './coverage.js'
import { Journals } from './journal.js'
import { queryOf, redactBody, redactEcho, redactHeaders, redactUrl } from './redact.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The last --journal-size requests of each data set (control plane). */
    journal: Journals
    /** Answers per CCS operation and status, per data set (control plane). */
    coverage: Coverage
  }
  interface FastifyRequest {
    /** What the journal gathers of this request while it runs (null: not journaled). */
    journalDraft: JournalDraft | null
  }
}

/** Bytes of each request body, characters of each response body, the journal keeps. */
export const BODY_LIMIT = 8192

export interface RecorderOptions {
  journalSize: number
  /** Routes under this prefix are the CCS operations coverage counts. */
  apiPrefix: string
  /** Told each time a request joins a data set's journal (the live console reads it then). */
  onRecorded?: (session: string | null) => void
}

export interface JournalDraft {
  time: number
  chunks: Buffer[]
  bytes: number
  response: string | null
  responseCut: boolean
}

/** Whether each route is the control plane's, worked out once per route (requests no route took are checked each time). */
const adminRoutes = new Map<string, boolean>()
function isAdminRoute (request: FastifyRequest): boolean {
  const route = request.routeOptions.url
  if (route === undefined) return isAdminPath(request.url)
  let admin = adminRoutes.get(route)
  if (admin === undefined) {
    admin = isAdminPath(route)
    adminRoutes.set(route, admin)
  }
  return admin
}

const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0

function operationsOf (route: RouteOptions, apiPrefix: string): Operation[] {
  const schema = route.schema as { hide?: boolean, operationId?: string, response?: Record<string, unknown> } | undefined
  if (!route.url.toLowerCase().startsWith(apiPrefix.toLowerCase()) || schema?.hide === true) return []
  const methods = Array.isArray(route.method) ? route.method : [route.method]
  return methods.filter((method) => method !== 'HEAD').map((method) => ({
    method,
    route: route.url,
    operationId: schema?.operationId ?? null,
    documentedStatuses: Object.keys(schema?.response ?? {})
  }))
}

/** The first BODY_LIMIT characters, secrets masked; `cutBefore`: bytes were already dropped. */
function kept (text: string | null, cutBefore = false): { text: string | null, truncated: boolean } {
  if (text === null || text === '') return { text: null, truncated: false }
  return { text: redactBody(text.slice(0, BODY_LIMIT)), truncated: cutBefore || text.length > BODY_LIMIT }
}

function responseText (payload: unknown, contentType: unknown): string | null {
  if (typeof payload === 'string') return payload
  if (Buffer.isBuffer(payload) && /json|text|xml/i.test(String(contentType ?? ''))) return payload.toString('utf8')
  return null
}

/**
 * Records every request outside the control plane: the journal (bounded, secrets
 * masked) and the coverage counters (unbounded counts). Registered before the routes,
 * so its onRoute hook sees every CCS operation.
 */
export default fp<RecorderOptions>(async function recorder (app, options) {
  const journal = new Journals(options.journalSize)
  const coverage = new Coverage()
  app.decorate('journal', journal)
  app.decorate('coverage', coverage)
  // A session that starts over, or goes, starts with an empty journal and coverage.
  app.stores.onSessionEnd((key) => {
    journal.clear(key)
    coverage.reset(key)
  })
  // A request property, not a WeakMap: set and read on every request.
  app.decorateRequest('journalDraft', null)

  app.addHook('onRoute', (route) => {
    for (const operation of operationsOf(route, options.apiPrefix)) coverage.add(operation)
  })

  if (journal.enabled) {
    const draft = (request: FastifyRequest, clock: Clock): void => {
      request.journalDraft = { time: clock.now(), chunks: [], bytes: 0, response: null, responseCut: false }
    }
    // Synchronous when the data set's clock is at hand (always, but for a session's first request).
    app.addHook('onRequest', function recordRequest (request, _reply, done) {
      if (isAdminRoute(request)) {
        done()
        return
      }
      // Timed by its data set's clock: a session's own, or the server clock for the default one and for a session not made yet.
      const known = app.stores.knownSession(request.sessionKey)
      if (known !== undefined) {
        draft(request, known.clock)
        done()
        return
      }
      app.stores.session(request.sessionKey, false).then((session) => {
        draft(request, session?.clock ?? app.clock)
        done()
      }, done)
    })

    // Callback style on purpose: our 'data' listener must be attached in the same tick
    // as Fastify's body reader, so neither misses a chunk. The stream is not replaced,
    // so body limits and errors behave exactly as without the journal.
    app.addHook('preParsing', (request, _reply, payload, done) => {
      const draft = request.journalDraft
      if (draft !== null && hasBody(request)) {
        payload.on('data', (chunk: Buffer | string) => {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
          if (draft.bytes < BODY_LIMIT) draft.chunks.push(bytes.subarray(0, BODY_LIMIT - draft.bytes))
          draft.bytes += bytes.length
        })
      }
      done(null, payload)
    })

    app.addHook('onSend', function recordResponseBody (request, reply, payload, done) {
      const draft = request.journalDraft
      if (draft !== null) {
        const sent = responseText(payload, reply.getHeader('content-type'))
        // Before the cut, so no part of an echoed secret survives it (a 404 names the whole URL).
        const text = sent === null ? null : redactEcho(sent, request.url, redactUrl(request.url))
        draft.responseCut = text !== null && text.length > BODY_LIMIT
        // A copy of the kept part: a slice would hold the whole response in memory.
        draft.response = text === null || !draft.responseCut ? text : Buffer.from(text.slice(0, BODY_LIMIT)).toString()
      }
      done(null, payload)
    })
  }

  /** Adds the request to its data set's journal, its bodies from its draft. */
  function record (request: FastifyRequest, reply: FastifyReply, { url: route, schema }: FastifyRequest['routeOptions'], draft: JournalDraft): void {
    const { method, url: rawUrl, headers } = request
    const operationId = (schema as { operationId?: string } | undefined)?.operationId ?? null
    const status = reply.statusCode
    const durationMs = Math.round(reply.elapsedTime * 100) / 100
    const user = request.user?.UserName ?? null
    const fault = request.faultAction === null || request.faultRuleId === null ? null : { ruleId: request.faultRuleId, type: request.faultAction.type }
    const session = request.sessionKey
    // Masked when read (GET /__admin/requests), not on every request.
    journal.record(session, () => {
      const url = redactUrl(rawUrl)
      const requestBody = kept(draft.chunks.length === 0 ? null : Buffer.concat(draft.chunks).toString('utf8'), draft.bytes > BODY_LIMIT)
      const responseBody = kept(draft.response, draft.responseCut)
      return {
        session,
        time: new Date(draft.time).toISOString(),
        method,
        url,
        path: rawUrl.split('?')[0] ?? rawUrl,
        query: queryOf(url),
        route: route ?? null,
        operationId,
        status,
        durationMs,
        user,
        fault,
        requestHeaders: redactHeaders(headers),
        requestBody: requestBody.text,
        requestBodyTruncated: requestBody.truncated,
        responseBody: responseBody.text,
        responseBodyTruncated: responseBody.truncated
      }
    })
    options.onRecorded?.(session)
  }

  app.addHook('onResponse', function recordResponse (request, reply, done) {
    // Read once: each read of routeOptions builds a new object.
    const routeOptions = request.routeOptions
    if (routeOptions.url !== undefined) coverage.hit(request.method, routeOptions.url, reply.statusCode, request.sessionKey, request.faultAction?.type === 'stub')
    const draft = request.journalDraft
    if (draft !== null) record(request, reply, routeOptions, draft)
    done()
  })
}, { name: 'admin-recorder', dependencies: ['clock', 'store'] })
