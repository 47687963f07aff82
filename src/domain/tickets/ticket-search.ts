import type { RemediationTicket } from '../../schemas/tickets.js'
import { attributeValues } from '../catalog/attribute-index.js'
import { AttributeQueryError, matchesAttributeQuery, parseAttributeQuery, type AttributeQuery } from '../catalog/attribute-query.js'

/** The fields a `Fields` search may name (their case does not matter). */
export const TICKET_FIELDS = ['TicketNumber', 'TicketState', 'TicketProviderType', 'TicketDescription', 'Priority', 'AssignedTo', 'AssetID', 'StandardID', 'CheckID', 'JobRunID'] as const
const KNOWN = new Set(TICKET_FIELDS.map((f) => f.toLowerCase()))

/** A `Fields` text the rules refuse; the message names what is wrong. */
export class TicketFieldsError extends Error {
  override readonly name = 'TicketFieldsError'
}

/** The terms of an AND of `=` terms, or a reason to refuse the query. */
function checkTerms (query: AttributeQuery): void {
  switch (query.kind) {
    case 'all':
      throw new TicketFieldsError('At least one field is required, as in (TicketState=1,TicketProviderType=2).')
    case 'or':
      throw new TicketFieldsError("Fields are joined with ',' (AND) only.")
    case 'and':
      query.operands.forEach(checkTerms)
      return
    case 'term':
      if (query.operator !== '=') throw new TicketFieldsError(`Only the '=' operator is supported in Fields, not '${query.operator}'.`)
      if (!KNOWN.has(query.attribute.toLowerCase())) throw new TicketFieldsError(`'${query.attribute}' is not a ticket field; the fields are ${TICKET_FIELDS.join(', ')}.`)
  }
}

/**
 * Parses a `Fields` search (vendor page: "the '=' query operator … Comma in the list
 * of field names is treated as 'AND'"), written like the Attributes language.
 * @throws TicketFieldsError when it is malformed or uses more than the page allows.
 */
export function parseTicketFields (text: string): AttributeQuery {
  let query: AttributeQuery
  try {
    query = parseAttributeQuery(text)
  } catch (err) {
    if (err instanceof AttributeQueryError) throw new TicketFieldsError(err.message)
    throw err
  }
  checkTerms(query)
  return query
}

const fieldValues = (ticket: RemediationTicket) => attributeValues(Object.fromEntries(
  TICKET_FIELDS.map((field) => [field, String(ticket[field] ?? '')])))

/** The tickets that match, in order. */
export function searchTickets (tickets: readonly RemediationTicket[], query: AttributeQuery): RemediationTicket[] {
  return tickets.filter((ticket) => {
    const values = fieldValues(ticket)
    return matchesAttributeQuery(query, (name) => values.get(name.toLowerCase()))
  })
}
