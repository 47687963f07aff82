import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { buildJob } from '../domain/create-job.js'
import { CREATE_JOB_PERMISSION } from '../domain/permissions.js'
import { invalidRequest } from '../errors.js'
import { authenticatedErrorResponses } from '../schemas/common.js'
import { CreateJobRequestSchema, CreateJobResponseSchema } from '../schemas/job.js'

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
    const { store } = app
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
}

export default jobs
