import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { canSeeJob } from '../domain/jobs/job-view.js'
import { runView } from '../domain/runs/run-view.js'
import { badRequest, invalidRequest, MODEL_PREFIX, notFound } from '../errors.js'
import { authenticatedErrorResponses, Guid, HttpErrorSchema } from '../schemas/common.js'
import { JobOperationRequestSchema, JobOperationResponseSchema, JobRunsQuerySchema } from '../schemas/job.js'
import { JobRunViewSchema, type JobRun } from '../schemas/run.js'
import { caller } from './caller.js'
import { operationRoute } from './operation.js'
import { visibleJob } from './jobs.js'

const OPERATIONS = ['execute', 'abort'] as const

/** The run if the caller may see its job; otherwise the same 404 as for a run that does not exist. */
function visibleRun (request: FastifyRequest, runId: string): JobRun {
  const run = request.store.runs.get(runId)
  const job = run === undefined ? undefined : request.store.jobs.get(run.jobId)
  if (run === undefined || (job !== undefined && !canSeeJob(caller(request.user), job))) throw notFound(`No job run with ID '${runId}' exists.`)
  return run
}

/** Job operations (execute, abort) and the latest runs of a job (spec §6). */
const jobRuns: FastifyPluginAsyncTypebox = async (app) => {
  const jobOperation = operationRoute(['jobOperation'], {
    tags: ['Jobs'],
    operationId: 'jobOperation',
    summary: 'Run a job now (execute, with a JobID) or abort a job run (abort, with a JobRunID)',
    notes: 'execute queues a run (400 while the job has a queued or running run); abort stops a queued or running run at once (400 once it has ended).'
  })
  app.post('/jobs/:jobId', {
    config: jobOperation.config,
    schema: {
      ...jobOperation.schema,
      params: Type.Object({ jobId: Guid({ description: 'A JobID for execute, a JobRunID for abort.' }) }),
      body: JobOperationRequestSchema,
      response: { 200: JobOperationResponseSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const operation = OPERATIONS.find((op) => op === request.body.Operation.trim().toLowerCase())
    if (operation === undefined) {
      throw invalidRequest({ [`${MODEL_PREFIX}.Operation`]: [`The operation '${request.body.Operation}' is not supported. Use 'execute' (with a JobID) or 'abort' (with a JobRunID).`] })
    }
    const { engine } = request.store
    const user = caller(request.user).UserName
    const id = request.params.jobId
    if (operation === 'execute') {
      const job = visibleJob(request, id)
      const outcome = await engine.execute(job, user)
      if (!outcome.ok) throw badRequest(`The job '${job.JobName}' already has a queued or running job run ('${outcome.run.runId}').`)
      return { JobID: job.JobID, JobRunID: outcome.run.runId, Operation: operation, Status: 'Queued' }
    }
    const run = visibleRun(request, id)
    const outcome = await engine.abort(run.runId, user)
    if (!outcome.ok) {
      if (outcome.reason === 'notFound') throw notFound(`No job run with ID '${id}' exists.`)
      throw badRequest(`The job run '${run.runId}' has already ended; only a queued or running job run can be aborted.`)
    }
    return { JobID: run.jobId, JobRunID: run.runId, Operation: operation, Status: outcome.run.status }
  })

  const getJobRuns = operationRoute(['getJobRuns'], {
    tags: ['Jobs'],
    operationId: 'getJobRuns',
    summary: 'The latest runs of a job, newest first, as they stand now',
    notes: 'With showmessages=true each run carries `MessageCount` and `Messages` (date and time, severity, text) up to now.'
  })
  app.get('/jobs/:jobId/jobruns', {
    config: getJobRuns.config,
    schema: {
      ...getJobRuns.schema,
      params: Type.Object({ jobId: Guid() }),
      querystring: JobRunsQuerySchema,
      response: { 200: Type.Array(JobRunViewSchema), 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const job = visibleJob(request, request.params.jobId)
    const { count = 1, showmessages = false } = request.query
    const runs = [...request.store.runs.ofJob(job.JobID)].reverse()
    const now = request.store.clock.now()
    return (count === 0 ? runs : runs.slice(0, count)).map((run) => runView(run, now, showmessages))
  })
}

export default jobRuns
