import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { contentDisposition, evaluationReport, isSupportedReportFileType, ReportsQuerySchema, UNSUPPORTED_REPORT_FILE_TYPE, XLSX_CONTENT_TYPE } from '../domain/runs/report-workbook.js'
import { ResultsRequestSchema, ResultsResponseSchema, resultsView } from '../domain/runs/results-view.js'
import { invalidRequest, notFound } from '../errors.js'
import type { Asset, Standard } from '../schemas/catalog.js'
import { authenticatedErrorResponses, HttpErrorSchema } from '../schemas/common.js'
import type { EvaluationResult } from '../schemas/run.js'
import { operationRoute, RESPONSE_MEDIA_TYPES } from './operation.js'

interface ResultWanted {
  AssetID: string
  StandardID: string
  JobRunID?: string | undefined
  StandardVersion?: string | undefined
}

/**
 * The stored evaluation a results or report request names: of one job run, of one
 * standard version, or else the latest. Unknown asset, standard or run: 404. No
 * folder rights are checked: both pages say "You do not require permission on any
 * Control Compliance Suite folder to use this API."
 */
function findResult (request: FastifyRequest, wanted: ResultWanted): { asset: Asset, standard: Standard, result: EvaluationResult } {
  const { catalog, runs } = request.store
  const asset = catalog.asset(wanted.AssetID)
  if (asset === undefined) throw notFound(`No asset with ID '${wanted.AssetID}' exists.`)
  const standard = catalog.standard(wanted.StandardID)
  if (standard === undefined) throw notFound(`No standard with ID '${wanted.StandardID}' exists.`)
  if (wanted.JobRunID !== undefined && runs.get(wanted.JobRunID) === undefined) throw notFound(`No job run with ID '${wanted.JobRunID}' exists.`)
  const matching = runs.resultsFor(asset.ID, standard.ID).filter((r) =>
    (wanted.JobRunID === undefined || r.JobRunID === wanted.JobRunID.toLowerCase()) &&
    (wanted.StandardVersion === undefined || r.StandardVersion === wanted.StandardVersion.trim()))
  const result = matching.at(-1)
  if (result === undefined) {
    const scope = wanted.JobRunID !== undefined ? ` in job run '${wanted.JobRunID}'` : wanted.StandardVersion !== undefined ? ` for version '${wanted.StandardVersion}'` : ''
    throw notFound(`No evaluation results exist for asset '${asset.DisplayName}' and standard '${standard.DisplayName}'${scope}.`)
  }
  return { asset, standard, result }
}

/** Evaluation results and reports (spec §6): what finished job runs found. */
const results: FastifyPluginAsyncTypebox = async (app) => {
  const getResults = operationRoute(['getResults'], {
    tags: ['Results'],
    operationId: 'getResults',
    summary: 'The raw results of a standard on an asset: checks grouped by outcome',
    notes: 'Of the job run JobRunID, else of the latest evaluation of StandardVersion, else of the latest evaluation.'
  })
  app.post('/results', {
    config: getResults.config,
    schema: {
      ...getResults.schema,
      body: ResultsRequestSchema,
      response: { 200: ResultsResponseSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { asset, result } = findResult(request, request.body)
    return resultsView(result, asset.DisplayName, request.body.CheckIDList)
  })

  const getReport = operationRoute(['getReport'], {
    tags: ['Results'],
    operationId: 'getReport',
    summary: 'An evaluation report of a standard on an asset, as an Excel (.xlsx) workbook',
    notes: 'Of the job run JobRunID, else of the latest evaluation. ReportFileType: only `excel`. Errors come as JSON or XML like every other answer.'
  })
  app.get('/reports', {
    config: getReport.config,
    schema: {
      ...getReport.schema,
      querystring: ReportsQuerySchema,
      produces: [XLSX_CONTENT_TYPE, ...RESPONSE_MEDIA_TYPES],
      response: {
        200: { description: 'The workbook', content: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
        404: HttpErrorSchema,
        ...authenticatedErrorResponses
      }
    }
  }, async (request, reply) => {
    if (!isSupportedReportFileType(request.query.ReportFileType)) {
      // A query parameter: keyed by its own name, like the schema's query errors (no `request.` prefix).
      throw invalidRequest({ ReportFileType: [UNSUPPORTED_REPORT_FILE_TYPE] })
    }
    const report = await evaluationReport(findResult(request, request.query), { jobs: request.store.jobs, now: request.store.clock.now() })
    return await reply
      .type(XLSX_CONTENT_TYPE)
      .header('content-disposition', contentDisposition(report.name))
      .send(report.workbook as never)
  })
}

export default results
