import { fastifySSE } from '@fastify/sse'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { contentDisposition, evaluationReport, XLSX_CONTENT_TYPE } from '../../domain/runs/report-workbook.js'
import { AdminError, AdminErrorSchema, protectedErrors } from '../admin-error.js'
import { loadConsoleAssets, type ConsoleAsset } from '../console/console-assets.js'
import type { ConsoleFeed } from '../console/console-feed.js'
import {
  ConsoleJobPageSchema, ConsoleJobParamsSchema, ConsoleReportQuerySchema, ConsoleRunPageSchema, ConsoleRunParamsSchema, ConsoleStateSchema
} from '../console/console-schemas.js'
import { SessionQuerySchema } from '../control-schemas.js'
import { dataSetKeyOf, noSession } from '../data-sets.js'

export interface ConsoleRoutesOptions {
  feed: ConsoleFeed
  /** Where the built console is read from (default: the package's dist/console/). */
  assetsDir?: string
}

/** A body the OpenAPI document lists under its own media type (openapi-document.ts). */
const media = (contentMediaType: string, description: string) => Type.Unsafe<Buffer>({ type: 'string', contentMediaType, description })
const readErrors = { 400: AdminErrorSchema, 404: AdminErrorSchema, ...protectedErrors }
// The audience's view: with an admin key set, these read-only routes answer without it (admin-api.ts).
const audience = { adminAudience: true }

/**
 * The live console: the page and its assets, its data (whole pages as JSON, changes as
 * server-sent events) and the Excel reports. Its controls use the other control-plane
 * routes (clock, faults, reset, state), behind the admin key when one is set.
 */
const consoleRoutes: FastifyPluginAsyncTypebox<ConsoleRoutesOptions> = async (app, options) => {
  const { feed } = options
  const assets = await loadConsoleAssets(options.assetsDir)
  await app.register(fastifySSE, { heartbeatInterval: 15_000 })
  app.addHook('preClose', async () => { feed.close() })

  const notBuilt = (): AdminError => new AdminError(404, 'The console is not built: run `npm run build`.')

  app.get('/console', {
    config: { ...audience, requestLogLevel: 'debug' },
    schema: {
      tags: ['Console'],
      operationId: 'getConsole',
      summary: 'The live console (a web page)',
      description: 'Jobs, runs as they happen, results, the request journal, notifications and controls. Read-only without the admin key; its controls need it when one is set.',
      response: { 200: media('text/html', 'The page'), 304: Type.Null({ description: 'Not modified' }), ...readErrors }
    }
  }, async (request, reply) => {
    const page = assets?.get('index.html')
    if (page === undefined) throw notBuilt()
    // Everything the page loads comes from here: the demo room may be offline, and nothing else may run in it.
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    await sendAsset(request.headers, reply, page)
  })

  app.get('/console/assets/:file', {
    config: { ...audience, requestLogLevel: 'debug' },
    schema: {
      tags: ['Console'],
      operationId: 'getConsoleAsset',
      summary: 'A file of the console (script, style)',
      params: Type.Object({ file: Type.String({ maxLength: 100 }) }),
      response: { 200: media('text/javascript', 'The file'), 304: Type.Null({ description: 'Not modified' }), ...readErrors }
    }
  }, async (request, reply) => {
    const asset = request.params.file === 'index.html' ? undefined : assets?.get(request.params.file)
    if (asset === undefined) throw new AdminError(404, `The console has no file '${request.params.file}'.`)
    await sendAsset(request.headers, reply, asset)
  })

  app.get('/console/state', {
    config: audience,
    schema: {
      tags: ['Console'],
      operationId: 'getConsoleState',
      summary: 'Everything the console shows of a data set, at once',
      description: 'What the event stream sends first (`hello`): jobs, runs in flight and recent, the journal (every data set\'s), fault rules, notifications, the clock and the sessions.',
      querystring: SessionQuerySchema,
      response: { 200: ConsoleStateSchema, ...readErrors }
    }
  }, async (request) => {
    const key = dataSetKeyOf(request, request.query.session)
    const state = await feed.state(key)
    if (state === undefined) throw noSession(key ?? '')
    return state
  })

  app.get('/console/events', {
    sse: 'only',
    config: audience,
    schema: {
      tags: ['Console'],
      operationId: 'streamConsoleEvents',
      summary: 'What changes in a data set, as server-sent events',
      description: 'Events (data: JSON): `hello` (ConsoleState, first and again after a reset, import, clock change or session change), `job` ({id, job: ConsoleJob or null once deleted}), `run` (ConsoleRun, as it is queued, each phase and at its end), `request` (ConsoleRequest, every data set\'s), `faults` (the rules now), `notification` (NotificationRecord), `gone` (the session was removed).',
      querystring: SessionQuerySchema,
      response: { 200: media('text/event-stream', 'The event stream'), ...readErrors }
    }
  }, async (request, reply) => {
    const key = dataSetKeyOf(request, request.query.session)
    if (await app.stores.session(key, false) === undefined) throw noSession(key ?? '')
    reply.sse.keepAlive()
    reply.sse.sendHeaders()
    const stop = feed.watch(key, (event, data) => {
      if (reply.sse.isConnected) reply.sse.send({ event, data }).catch(() => {})
    }, () => { reply.sse.close() })
    reply.sse.onClose(stop)
  })

  app.get('/console/jobs/:jobId', {
    config: audience,
    schema: {
      tags: ['Console'],
      operationId: 'getConsoleJob',
      summary: 'A job and its runs, newest first',
      params: ConsoleJobParamsSchema,
      querystring: SessionQuerySchema,
      response: { 200: ConsoleJobPageSchema, ...readErrors }
    }
  }, async (request) => {
    const page = await feed.jobPage(dataSetKeyOf(request, request.query.session), request.params.jobId)
    if (page === undefined) throw new AdminError(404, `No job '${request.params.jobId}' exists in this data set.`)
    return page
  })

  app.get('/console/runs/:runId', {
    config: audience,
    schema: {
      tags: ['Console'],
      operationId: 'getConsoleRun',
      summary: 'A job run and its results per asset and standard',
      params: ConsoleRunParamsSchema,
      querystring: SessionQuerySchema,
      response: { 200: ConsoleRunPageSchema, ...readErrors }
    }
  }, async (request) => {
    const page = await feed.runPage(dataSetKeyOf(request, request.query.session), request.params.runId)
    if (page === undefined) throw new AdminError(404, `No job run '${request.params.runId}' exists in this data set.`)
    return page
  })

  app.get('/console/report', {
    config: audience,
    schema: {
      tags: ['Console'],
      operationId: 'getConsoleReport',
      summary: 'The Excel report of one result (as GET /ccs/api/v1/Reports makes it)',
      querystring: ConsoleReportQuerySchema,
      response: { 200: media(XLSX_CONTENT_TYPE, 'The workbook'), ...readErrors }
    }
  }, async (request, reply) => {
    const { jobRunId, assetId, standardId } = request.query
    const key = dataSetKeyOf(request, request.query.session)
    const report = await app.stores.withExisting(key, async (store) => {
      await store.engine.settle()
      const asset = store.catalog.asset(assetId)
      const standard = store.catalog.standard(standardId)
      if (asset === undefined || standard === undefined) return undefined
      const result = store.runs.resultsFor(asset.ID, standard.ID).find((r) => r.JobRunID === jobRunId.toLowerCase())
      return result === undefined ? undefined : await evaluationReport({ asset, standard, result }, { jobs: store.jobs, now: store.clock.now() })
    })
    if (report === undefined) throw new AdminError(404, 'No such result: the run, asset or standard is unknown, or the run did not evaluate that standard on that asset.')
    return await reply.type(XLSX_CONTENT_TYPE).header('content-disposition', contentDisposition(report.name)).send(report.workbook)
  })
}

type Headers = Record<string, string | string[] | undefined>

/** A console file: gzipped when the browser takes it, revalidated by ETag on every load (no-cache), so a new build shows at once. */
async function sendAsset (headers: Headers, reply: FastifyReply, asset: ConsoleAsset): Promise<void> {
  reply.header('cache-control', 'no-cache').header('etag', asset.etag).header('vary', 'accept-encoding').header('x-content-type-options', 'nosniff')
  if (headers['if-none-match'] === asset.etag) {
    await reply.code(304).send()
    return
  }
  const gzip = /\bgzip\b/.test(String(headers['accept-encoding'] ?? ''))
  if (gzip) reply.header('content-encoding', 'gzip')
  await reply.type(asset.type).send(gzip ? asset.gzip : asset.body)
}

export default consoleRoutes
