import fp from 'fastify-plugin'
import secureJson from 'secure-json-parse'
import { invalidRequest, MODEL_PREFIX } from '../errors.js'

/** The media types Web API's JSON formatter reads. */
export const JSON_MEDIA_TYPES: ReadonlySet<string> = new Set(['application/json', 'text/json'])

/**
 * Web API's JSON formatter: `application/json` and `text/json`, CRLF and trailing
 * whitespace allowed, an empty (or lone "\r") body binds to nothing, and
 * `__proto__`/`constructor` keys are dropped like any other unknown property.
 */
export function parseJsonBody (text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' })
  } catch (err) {
    throw invalidRequest({ [MODEL_PREFIX]: [`The request body is not valid JSON: ${(err as Error).message}`] })
  }
}

export default fp(async function jsonBodyParser (app) {
  // Fastify's default text/plain parser would hand a string to the schema; Web API
  // has no formatter for it, so text/plain must be a 415 like any other media type.
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser([...JSON_MEDIA_TYPES], { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string))
    } catch (err) {
      done(err as Error, undefined)
    }
  })
}, { name: 'json-body-parser' })
