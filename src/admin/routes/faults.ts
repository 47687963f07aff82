import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { FaultRuleListSchema, FaultRuleParamsSchema, FaultRuleSchema, FaultRuleViewSchema } from '../../schemas/fault.js'
import { AdminErrorSchema, faultRuleNotFound, invalidAdminRequest, protectedErrors } from '../admin-error.js'
import { SessionQuerySchema } from '../control-schemas.js'
import { dataSetKeyOf } from '../data-sets.js'

const noContent = Type.Null({ description: 'No content' })
const ruleErrors = { 400: AdminErrorSchema, ...protectedErrors, 404: AdminErrorSchema }

/** The fault rules (see plugins/faults.ts for what they do to CCS requests). */
const faults: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/faults', {
    schema: {
      tags: ['Faults'],
      operationId: 'createFaultRule',
      summary: 'Add a fault rule',
      description: 'Matching requests (method, path glob, user; with count and seeded probability) get the fault instead of, or on top of, their normal handling. A rule that has fired `count` times disappears. Created with a session (`?session=` or the X-CCS-Mock-Session header), the rule applies only to that session\'s requests and goes when the session is reset or removed; created without one, it applies to every request. 400 names every bad field, in the message and in `details`.',
      querystring: SessionQuerySchema,
      body: FaultRuleSchema,
      response: { 201: FaultRuleViewSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request, reply) => {
    const outcome = app.faults.add(request.body, dataSetKeyOf(request, request.query.session))
    if (!outcome.ok) throw invalidAdminRequest(outcome.errors)
    return await reply.code(201).header('location', `${app.prefix}/faults/${outcome.rule.id}`).send(outcome.rule)
  })

  app.get('/faults', {
    schema: {
      tags: ['Faults'],
      operationId: 'listFaultRules',
      summary: 'The fault rules in force, in matching order',
      description: 'Every rule; with a session (`?session=` or the header), the rules that apply to its requests: its own and those for every request (`session: null`).',
      querystring: SessionQuerySchema,
      response: { 200: FaultRuleListSchema, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request) => {
    const scope = dataSetKeyOf(request, request.query.session)
    return scope === null ? app.faults.list() : app.faults.list(scope)
  })

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
      summary: 'Delete every fault rule, or a session\'s own',
      description: 'With a session (`?session=` or the header), only the rules created with it.',
      querystring: SessionQuerySchema,
      response: { 204: noContent, 400: AdminErrorSchema, ...protectedErrors }
    }
  }, async (request, reply) => {
    const scope = dataSetKeyOf(request, request.query.session)
    if (scope === null) app.faults.clear()
    else app.faults.clearOwnedBy(scope)
    return await reply.code(204).send(null)
  })
}

export default faults
