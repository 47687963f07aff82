import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { buildJob, type CreateJobContext } from '../domain/jobs/create-job.js'
import { canSeeJob, jobAttributes, jobView } from '../domain/jobs/job-view.js'
import { matchesAttributeQuery } from '../domain/catalog/attribute-query.js'
import { CREATE_JOB_PERMISSION, MANAGE_JOBS_PERMISSION, READ_JOBS_PERMISSION } from '../domain/auth/permissions.js'
import { attributeQueryParam, pageOf } from '../domain/catalog/search.js'
import { updateJob } from '../domain/jobs/update-job.js'
import { badRequest, forbidden, invalidRequest, notFound } from '../errors.js'
import { authenticatedErrorResponses, Guid, HttpErrorSchema } from '../schemas/common.js'
import {
  CreateJobRequestSchema, CreateJobResponseSchema, DeleteJobQuerySchema, DeleteJobResponseSchema, JobSearchQuerySchema,
  JobSearchResultSchema, JobViewSchema, UpdateJobRequestSchema, type Job, type JobView
} from '../schemas/job.js'
import { caller } from './caller.js'

/** The job if the caller may see it; otherwise the same 404 as for a job that does not exist. */
export function visibleJob (request: FastifyRequest, jobId: string): Job {
  const job = request.store.jobs.get(jobId)
  if (job === undefined || !canSeeJob(caller(request.user), job)) throw notFound(`No job with ID '${jobId}' exists.`)
  return job
}

const viewOf = (request: FastifyRequest, job: Job): JobView => jobView(job, {
  latest: request.store.runs.latestOf(job.JobID),
  nextRun: request.store.engine.nextRunTime(job.JobID),
  now: request.store.clock.now()
})

const jobContext = (request: FastifyRequest, except?: Job): CreateJobContext => ({
  catalog: request.store.catalog,
  isNameTaken: (name) => {
    const other = request.store.jobs.findByName(name)
    return other !== undefined && other.JobID !== except?.JobID
  },
  now: request.store.clock.now(),
  userName: request.user?.UserName ?? ''
})

const jobs: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/jobs', {
    config: { permission: CREATE_JOB_PERMISSION },
    schema: {
      tags: ['Jobs'],
      operationId: 'createJob',
      summary: 'Create a collection, evaluation or collection-evaluation job',
      description: 'Needs the tasks View standards, View assets, Manage jobs, Collect data, Evaluate standards, View evaluation results and the folders Asset System and Standards. With a Schedule whose RunNow is true (the default) a run is queued at once.',
      security: [{ bearerAuth: [] }],
      body: CreateJobRequestSchema,
      response: { 200: CreateJobResponseSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { store } = request
    // No await between the name check in buildJob and insert: concurrent creates
    // with one name cannot both pass.
    const outcome = buildJob(request.body, jobContext(request))
    if (!outcome.ok) throw invalidRequest(outcome.modelState)
    await store.jobs.insert(outcome.job)
    const run = await store.engine.jobCreated(outcome.job, outcome.job.CreatedBy)
    request.log.info({ jobId: outcome.job.JobID, jobType: outcome.job.JobType, jobRunId: run?.runId }, 'job created')
    return { JobID: outcome.job.JobID }
  })

  app.patch('/jobs', {
    config: { permission: CREATE_JOB_PERMISSION },
    schema: {
      tags: ['Jobs'],
      operationId: 'updateJob',
      summary: 'Change some fields of a job',
      description: 'Only the fields sent change (Schedule field by field); the changed job must pass every Create Job rule. `Schedule.RunNow: true` queues a run. Needs the Create Job permissions and a job the caller can see.',
      security: [{ bearerAuth: [] }],
      body: UpdateJobRequestSchema,
      response: { 200: CreateJobResponseSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const job = visibleJob(request, request.body.JobID)
    const outcome = updateJob(job, request.body, jobContext(request, job))
    if (!outcome.ok) throw invalidRequest(outcome.modelState)
    await request.store.jobs.update(outcome.job)
    await request.store.engine.jobChanged(outcome.job, request.body.JobDetails.Schedule?.RunNow === true, caller(request.user).UserName)
    request.log.info({ jobId: job.JobID }, 'job updated')
    return { JobID: job.JobID }
  })

  app.delete('/jobs', {
    config: { permission: MANAGE_JOBS_PERMISSION },
    schema: {
      tags: ['Jobs'],
      operationId: 'deleteJob',
      summary: 'Delete a job and its run history, or only its run history',
      description: 'Only the user who created the job may delete it (403 for others). A job with a queued or running run cannot be deleted (400): abort the run first.',
      security: [{ bearerAuth: [] }],
      querystring: DeleteJobQuerySchema,
      response: { 200: DeleteJobResponseSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { store } = request
    const user = caller(request.user)
    const job = visibleJob(request, request.query.jobid)
    if (job.CreatedBy.toLowerCase() !== user.UserName.toLowerCase()) {
      throw forbidden(`Only the user who created the job '${job.JobName}' (${job.CreatedBy}) can delete it.`)
    }
    const outcome = await store.engine.deleteJob(job.JobID, request.query.DeleteJob ? async () => { await store.jobs.remove(job) } : undefined)
    if (!outcome.ok) throw badRequest(`The job '${job.JobName}' has a queued or running job run. Abort it before deleting.`)
    const runsDeleted = outcome.runsDeleted
    request.log.info({ jobId: job.JobID, jobDeleted: request.query.DeleteJob, runsDeleted }, 'job deleted')
    return { JobID: job.JobID, JobDeleted: request.query.DeleteJob, JobRunsDeleted: runsDeleted }
  })

  app.get('/jobs/:jobId', {
    config: { permission: READ_JOBS_PERMISSION },
    schema: {
      tags: ['Jobs'],
      operationId: 'getJob',
      summary: 'A job by its GUID: properties and configuration',
      description: 'Needs Manage jobs (own jobs) or View all jobs.',
      security: [{ bearerAuth: [] }],
      params: Type.Object({ jobId: Guid() }),
      response: { 200: JobViewSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => viewOf(request, visibleJob(request, request.params.jobId)))

  app.get('/jobs', {
    config: { permission: READ_JOBS_PERMISSION },
    schema: {
      tags: ['Jobs'],
      operationId: 'searchJobs',
      summary: 'Find a job by name (jobname) or search jobs (Attributes, page, pagesize)',
      description: 'With `jobname`: the job of that exact name, or 404. Otherwise a page of the jobs matching `Attributes` (all jobs when absent). Needs Manage jobs (own jobs) or View all jobs.',
      security: [{ bearerAuth: [] }],
      querystring: JobSearchQuerySchema,
      response: { 200: Type.Union([JobViewSchema, JobSearchResultSchema]), 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const user = caller(request.user)
    const { jobname, Attributes, page, pagesize } = request.query
    if (jobname !== undefined) {
      const job = request.store.jobs.findByName(jobname)
      if (job === undefined || !canSeeJob(user, job)) throw notFound(`No job with the name '${jobname}' exists.`)
      return viewOf(request, job)
    }
    const query = attributeQueryParam(Attributes)
    const matching = []
    for (const job of request.store.jobs.all()) {
      if (!canSeeJob(user, job)) continue
      const view = viewOf(request, job)
      const attributes = jobAttributes(view)
      if (matchesAttributeQuery(query, (name) => attributes.get(name.toLowerCase()))) matching.push(view)
    }
    const { items, totalPages } = pageOf(matching, page, pagesize)
    return { jobDataList: items, TotalPages: totalPages }
  })
}

export default jobs
