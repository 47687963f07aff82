import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { pageOf } from '../domain/catalog/search.js'
import { parseTicketFields, searchTickets, TicketFieldsError } from '../domain/tickets/ticket-search.js'
import { canSeeTicket } from '../domain/tickets/tickets.js'
import { updateTicket } from '../domain/tickets/update-ticket.js'
import { invalidRequest, notFound } from '../errors.js'
import { authenticatedErrorResponses, HttpErrorSchema } from '../schemas/common.js'
import { RemediationTicketSchema, TicketSearchResultSchema, TicketsQuerySchema, UpdateTicketRequestSchema } from '../schemas/tickets.js'
import { caller } from './caller.js'
import { operationRoute } from './operation.js'

const RIGHTS = 'A ticket counts only when the caller has rights on the folders of its standard and asset.'
const noTicket = (number: string) => notFound(`No remediation ticket with the number '${number}' exists.`)

/** Remediation tickets (vendor pages: search, details by ticket number, update). */
const remediationTickets: FastifyPluginAsyncTypebox = async (app) => {
  // One route serves two pages, told apart by their mandatory query values, as Web API's action selector does.
  const getOrSearch = operationRoute(['getRemediationTicket', 'searchRemediationTickets'], {
    tags: ['Remediation'],
    operationId: 'searchRemediationTickets',
    summary: 'A remediation ticket by its number, or a Fields search',
    notes: `With TicketNumber: that ticket (Get Remediation Ticket Details by Ticket Number). Otherwise Fields: \`{"ticketDataList":[…],"TotalPages":n}\`, paged like the other searches (page 0-based). ${RIGHTS}`
  })
  app.get('/RemediationTickets', {
    config: getOrSearch.config,
    schema: {
      ...getOrSearch.schema,
      querystring: TicketsQuerySchema,
      response: { 200: { anyOf: [RemediationTicketSchema, TicketSearchResultSchema] }, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { store } = request
    const user = caller(request.user)
    const { TicketNumber, Fields, page, pagesize } = request.query
    if (TicketNumber !== undefined) {
      const ticket = store.tickets.get(TicketNumber)
      if (ticket === undefined || !canSeeTicket(ticket, store.catalog, user)) throw noTicket(TicketNumber)
      return ticket
    }
    let query
    try {
      query = parseTicketFields(Fields ?? '')
    } catch (err) {
      if (err instanceof TicketFieldsError) throw invalidRequest({ Fields: [err.message] })
      throw err
    }
    const visible = store.tickets.all().filter((ticket) => canSeeTicket(ticket, store.catalog, user))
    const { items, totalPages } = pageOf(searchTickets(visible, query), page, pagesize)
    return { ticketDataList: items, TotalPages: totalPages }
  })

  const update = operationRoute(['updateRemediationTicket'], {
    tags: ['Remediation'],
    operationId: 'updateRemediationTicket',
    summary: 'Update one ticket\'s state, description, priority or assignee',
    notes: `Sends the TicketNumber and any of or all of TicketState (1 to 5), TicketDescription, Priority and AssignedTo; answers the ticket as stored. ${RIGHTS}`
  })
  app.patch('/RemediationTickets', {
    config: update.config,
    schema: {
      ...update.schema,
      body: UpdateTicketRequestSchema,
      response: { 200: RemediationTicketSchema, 404: HttpErrorSchema, ...authenticatedErrorResponses }
    }
  }, async (request) => {
    const { store, body } = request
    const user = caller(request.user)
    const ticket = store.tickets.get(body.TicketNumber)
    if (ticket === undefined || !canSeeTicket(ticket, store.catalog, user)) throw noTicket(body.TicketNumber)
    const outcome = updateTicket(ticket, body, store.clock.now())
    if (!outcome.ok) throw invalidRequest(outcome.modelState)
    await store.tickets.replace(outcome.ticket)
    request.log.info({ ticketNumber: ticket.TicketNumber }, 'remediation ticket updated')
    return outcome.ticket
  })
}

export default remediationTickets
