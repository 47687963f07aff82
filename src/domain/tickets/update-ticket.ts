import type { ModelState } from '../../errors.js'
import type { RemediationTicket, UpdateTicketRequest } from '../../schemas/tickets.js'
import { formatDotNetDate } from '../dotnet/dotnet-time.js'
import { ModelStateBuilder } from '../dotnet/model-state.js'

export type UpdateTicketOutcome = { ok: true, ticket: RemediationTicket } | { ok: false, modelState: ModelState }

const DETAILS = ['TicketState', 'TicketDescription', 'Priority', 'AssignedTo'] as const

/**
 * The ticket after `PATCH RemediationTickets/`: the details sent replace the stored
 * ones ("any of or all": at least one must be sent), ModifiedDate becomes `now`.
 */
export function updateTicket (ticket: RemediationTicket, request: UpdateTicketRequest, now: number): UpdateTicketOutcome {
  if (DETAILS.every((detail) => request[detail] === undefined)) {
    const errors = new ModelStateBuilder()
    errors.addBody('', `Send at least one of ${DETAILS.join(', ')} with the TicketNumber.`)
    return { ok: false, modelState: errors.entries }
  }
  return {
    ok: true,
    ticket: {
      ...ticket,
      TicketState: request.TicketState ?? ticket.TicketState,
      TicketDescription: request.TicketDescription ?? ticket.TicketDescription,
      Priority: request.Priority ?? ticket.Priority,
      AssignedTo: request.AssignedTo ?? ticket.AssignedTo,
      ModifiedDate: formatDotNetDate(now)
    }
  }
}
