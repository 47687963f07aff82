import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { buildJob } from '../domain/create-job.js'
import { canSeeJob, jobAttributes, jobView } from '../domain/job-view.js'
import { matchesAttributeQuery } from '../domain/attribute-query.js'
import { CREATE_JOB_PERMISSION, READ_JOBS_PERMISSION } from '../domain/permissions.js'
import { attributeQueryParam, pageOf } from '../domain/search.js'
import { invalidRequest, notFound } from '../errors.js'
import { authenticatedErrorResponses, Guid, HttpErrorSchema } from '../schemas/common.js'
import { CreateJobRequestSchema, CreateJobResponseSchema, JobSearchQuerySchema, JobSearchResultSchema, JobViewSchema } from '../schemas/job.js'
import { caller } from './caller.js'

const jobs: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/jobs', {
    config: { permission: CREATE_JOB_PERMISSION },
    schema: {
      tags: ['Jobs'],
      operationId: 'createJob',
      summary: 'Create a collection, evaluation or collection-evaluation job',
      description: 'Needs the tasks View standards, View assets, Manage jobs, Collect data, Evaluate standards, View evaluation results and the folders Asset System and Standards.',
      security: [{ bearerAuth: [] }],
      body: CreateJobRequestSchema,
      response: { 200: CreateJobResponseSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { store } = request
    // No await between the name check in buildJob and insert: concurrent creates
    // with one name cannot both pass.
    const outcome = buildJob(request.body, {
      catalog: store.catalog,
      isNameTaken: (name) => store.jobs.findByName(name) !== undefined,
      now: app.clock.now(),
      userName: request.user?.UserName ?? ''
    })
    if (!outcome.ok) throw invalidRequest(outcome.modelState)
    await store.jobs.insert(outcome.job)
    request.log.info({ jobId: outcome.job.JobID, jobType: outcome.job.JobType }, 'job created')
    return { JobID: outcome.job.JobID }
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
  }, async (request) => {
    const user = caller(request.user)
    const job = request.store.jobs.get(request.params.jobId)
    if (job === undefined || !canSeeJob(user, job)) throw notFound(`No job with ID '${request.params.jobId}' exists.`)
    return jobView(job)
  })

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
      return jobView(job)
    }
    const query = attributeQueryParam(Attributes)
    const matching = []
    for (const job of request.store.jobs.all()) {
      if (!canSeeJob(user, job)) continue
      const view = jobView(job)
      const attributes = jobAttributes(view)
      if (matchesAttributeQuery(query, (name) => attributes.get(name.toLowerCase()))) matching.push(view)
    }
    const { items, totalPages } = pageOf(matching, page, pagesize)
    return { jobDataList: items, TotalPages: totalPages }
  })
}

export default jobs
