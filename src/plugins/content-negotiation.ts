import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { negotiate } from '../domain/dotnet/content-negotiation.js'
import { toDataContractXml, type SchemaNode } from '../domain/dotnet/data-contract-xml.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: always JSON (OWIN's token endpoint; ccs-mock's own documents). */
    contentNegotiation?: boolean
  }
}

const inScope = (url: string, prefix: string): boolean => {
  const path = (url.split('?')[0] ?? '').replace(/\/{2,}/g, '/').toLowerCase()
  return path === prefix || path.startsWith(`${prefix}/`)
}

function responseSchema (routeSchema: unknown, status: number): SchemaNode | undefined {
  const responses = (routeSchema as { response?: Record<string, SchemaNode> } | undefined)?.response
  return responses?.[status] ?? responses?.[`${Math.floor(status / 100)}xx`] ?? responses?.default
}

/** The JSON body as the client asked for it: as it is, relabelled (text/json) or as XML. */
function negotiated (request: FastifyRequest, reply: FastifyReply, payload: string, routeSchema: unknown): string {
  // A response stub answers exactly what its rule says.
  if (request.faultAction?.type === 'stub') return payload
  if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload
  const { format, mediaType } = negotiate(request.headers.accept, request.headers['content-type'])
  if (format === 'json') {
    if (mediaType !== 'application/json') reply.header('content-type', `${mediaType}; charset=utf-8`)
    return payload
  }
  let body: unknown
  try {
    body = JSON.parse(payload)
  } catch {
    return payload
  }
  reply.header('content-type', `${mediaType}; charset=utf-8`)
  return toDataContractXml(body, responseSchema(routeSchema, reply.statusCode))
}

/**
 * Web API's content negotiation for every answer under the CCS prefix, errors too:
 * the body leaves as JSON or, when Accept (else the request's Content-Type) asks for
 * application/xml or text/xml, as the DataContract serializer writes it. Registered
 * before the journal, so it records what the client received.
 */
export default fp<{ prefix: string }>(async function contentNegotiation (app, { prefix }) {
  const scope = prefix.toLowerCase()
  // Whether a route is in scope, worked out once per route (requests no route took are checked each time).
  const routesInScope = new Map<string, boolean>()
  const isInScope = (route: string | undefined, url: string): boolean => {
    if (route === undefined) return inScope(url, scope)
    let answer = routesInScope.get(route)
    if (answer === undefined) {
      answer = inScope(route, scope)
      routesInScope.set(route, answer)
    }
    return answer
  }
  app.addHook('onSend', function negotiateContent (request, reply, payload, done) {
    // Read once: each read of routeOptions builds a new object.
    const route = request.routeOptions
    const negotiable = typeof payload === 'string' && route.config?.contentNegotiation !== false && isInScope(route.url, request.url)
    done(null, negotiable ? negotiated(request, reply, payload, route.schema) : payload)
  })
}, { name: 'content-negotiation' })
