import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { bindJsonNet, bindQuery } from '../domain/dotnet/json-net-binding.js'
import { invalidRequest, MODEL_PREFIX } from '../errors.js'
import type { SchemaNode } from '../schemas/schema-node.js'


declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the body is plain JSON, without Json.NET leniencies (ccs-mock's own control plane); query strings still bind. */
    jsonNetBinding?: boolean
  }
}

function bindRequest (request: FastifyRequest): void {
  // Read once: each read of routeOptions builds a new object.
  const route = request.routeOptions
  const schema = route.schema as { body?: SchemaNode, querystring?: SchemaNode, params?: SchemaNode } | undefined
  if (schema === undefined) return
  if (schema.querystring !== undefined) request.query = bindQuery(request.query, schema.querystring)
  if (schema.params !== undefined) request.params = bindQuery(request.params, schema.params)
  if (schema.body !== undefined && route.config.jsonNetBinding !== false) {
    if (request.body === undefined || request.body === null) {
      // A list parameter binds to null without a body, like an object with required members.
      if ((schema.body.required ?? []).length > 0 || schema.body.type === 'array') throw invalidRequest({ [MODEL_PREFIX]: ['The request body is required.'] })
      request.body = {}
    }
    request.body = bindJsonNet(request.body, schema.body)
  }
}

/** Binds bodies and query strings the way Json.NET and Web API would, before validation. */
export default fp(async function jsonNetBinding (app) {
  // Callback style, as nothing here waits: no promise per request. What bindRequest
  // throws, Fastify's hook runner hands to the error handler, as it did a rejection.
  app.addHook('preValidation', function bindJsonNetRequest (request, _reply, done) {
    bindRequest(request)
    done()
  })
}, { name: 'json-net-binding' })
