import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { FaultRuleListSchema, FaultRuleParamsSchema, FaultRuleSchema, FaultRuleViewSchema } from '../../schemas/fault.js'
import { AdminErrorSchema, faultRuleNotFound, invalidAdminRequest, protectedErrors } from '../admin-error.js'

const noContent = Type.Null({ description: 'No content' })
const ruleErrors = { 400: AdminErrorSchema, ...protectedErrors, 404: AdminErrorSchema }

/** The fault rules (see plugins/faults.ts for what they do to CCS requests). */
const faults: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/faults', {
    schema: {
      tags: ['Faults'],
      operationId: 'createFaultRule',
      summary: 'Add a fault rule',
      description: 'Matching requests (method, path glob, user; with count and seeded probability) get the fault instead of, or on top of, their normal handling. A rule that has fired `count` times disappears. 400 names every bad field, in the message and in `details`.',
      body: FaultRuleSchema,
      response: { 201: FaultRuleViewSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request, reply) => {
    const outcome = app.faults.add(request.body)
    if (!outcome.ok) throw invalidAdminRequest(outcome.errors)
    return await reply.code(201).header('location', `${app.prefix}/faults/${outcome.rule.id}`).send(outcome.rule)
  })

  app.get('/faults', {
    schema: {
      tags: ['Faults'],
      operationId: 'listFaultRules',
      summary: 'The fault rules in force, in matching order',
      response: { 200: FaultRuleListSchema, ...protectedErrors }
    }
  }, async () => app.faults.list())

  app.get('/faults/:id', {
    schema: {
      tags: ['Faults'],
      operationId: 'getFaultRule',
      summary: 'One fault rule (404 once spent or deleted)',
      params: FaultRuleParamsSchema,
      response: { 200: FaultRuleViewSchema, ...ruleErrors }
    }
  }, async (request) => {
    const rule = app.faults.get(request.params.id)
    if (rule === undefined) throw faultRuleNotFound(request.params.id)
    return rule
  })

  app.delete('/faults/:id', {
    schema: {
      tags: ['Faults'],
      operationId: 'deleteFaultRule',
      summary: 'Delete one fault rule',
      params: FaultRuleParamsSchema,
      response: { 204: noContent, ...ruleErrors }
    }
  }, async (request, reply) => {
    if (!app.faults.remove(request.params.id)) throw faultRuleNotFound(request.params.id)
    return await reply.code(204).send(null)
  })

  app.delete('/faults', {
    schema: {
      tags: ['Faults'],
      operationId: 'deleteFaultRules',
      summary: 'Delete every fault rule',
      response: { 204: noContent, ...protectedErrors }
    }
  }, async (_request, reply) => {
    app.faults.clear()
    return await reply.code(204).send(null)
  })
}

export default faults
