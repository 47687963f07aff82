import type { FastifyRequest, preParsingHookHandler, preValidationAsyncHookHandler } from 'fastify'
import type { TSchema } from 'typebox'
import { bindJsonNet } from '../domain/dotnet/json-net-binding.js'
import { modelStateFromSchemaErrors, type SchemaError } from '../domain/dotnet/model-state.js'
import { invalidRequest, payloadTooLarge, unsupportedMediaType } from '../errors.js'
import { JSON_MEDIA_TYPES, parseJsonBody } from '../plugins/json-body-parser.js'
import type { SchemaNode } from '../schemas/schema-node.js'

const pending = new WeakMap<FastifyRequest, Promise<string>>()

/**
 * Hooks for a GET route that takes a JSON body, as the v2 Agents pages document
 * ("create a GET request" with a JSON request body). Fastify reads no body for GET,
 * so the route reads it: collected in preParsing (callback style, in the same tick
 * as the request journal's reader, so neither misses a chunk), then parsed, bound
 * like a Json.NET body and validated against `schema` in preValidation (by the
 * app's validator compiler, as a body schema would be). An empty
 * body binds to `{}`. The schema is described in the route's OpenAPI description,
 * since OpenAPI 3.0 has no request body for GET.
 */
export function getBody (schema: TSchema): { preParsing: preParsingHookHandler, preValidation: preValidationAsyncHookHandler } {
  return {
    preParsing: (request, _reply, payload, done) => {
      const body = collect(payload, request.routeOptions.bodyLimit)
      // Read in preValidation; a failure before then is not an unhandled rejection.
      body.catch(() => {})
      pending.set(request, body)
      done(null, payload)
    },
    preValidation: async (request) => {
      const text = await (pending.get(request) ?? Promise.resolve(''))
      if (text.trim() !== '') {
        const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
        if (mediaType === undefined || !JSON_MEDIA_TYPES.has(mediaType)) throw unsupportedMediaType(mediaType ?? 'application/octet-stream')
      }
      const bound = bindJsonNet(parseJsonBody(text) ?? {}, schema as SchemaNode)
      // The app's own validator compiler (its formats and options), compiled once per route.
      const validate = request.compileValidationSchema(schema)
      if (!validate(bound)) throw invalidRequest(modelStateFromSchemaErrors(validate.errors as unknown as SchemaError[], 'body'))
      request.body = bound
    }
  }
}

function collect (payload: NodeJS.ReadableStream, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    payload.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += bytes.length
      if (size <= limit) chunks.push(bytes)
    })
    payload.on('end', () => { size > limit ? reject(payloadTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8')) })
    payload.on('error', reject)
  })
}
