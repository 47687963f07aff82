import { operationRule, type OperationId } from '../domain/operation-rules.js'
import { describeOperations } from '../domain/operation-text.js'

/** Media types Web API's default formatters write (docs/decisions.md, "JSON and XML"). */
export const RESPONSE_MEDIA_TYPES = ['application/json', 'text/json', 'application/xml', 'text/xml']

export interface OperationDoc {
  tags: string[]
  operationId: string
  summary: string
  /** ccs-mock's own notes, after what the pages say. */
  notes?: string
}

/** The route options a CCS operation takes from the table: its config and its OpenAPI text. */
export function operationRoute (ids: readonly OperationId[], doc: OperationDoc) {
  const rules = ids.map(operationRule)
  const authenticated = rules.some((rule) => rule.authenticated)
  return {
    // An operation no token guards (the token endpoint) skips authentication.
    config: { operations: ids, auth: authenticated },
    schema: {
      tags: doc.tags,
      operationId: doc.operationId,
      summary: doc.summary,
      description: describeOperations(rules, doc.notes),
      ...(authenticated ? { security: [{ bearerAuth: [] }] } : {}),
      produces: RESPONSE_MEDIA_TYPES
    }
  }
}
