import { Type, type Static } from 'typebox'
import { Guid, Int32 } from './common.js'
import { PagingQuerySchema } from './catalog.js'

/**
 * A remediation ticket. The vendor's pages name TicketNumber (the display number,
 * e.g. `INCA0000001`), TicketState ("from 1 to 5"), TicketProviderType,
 * TicketDescription, Priority and AssignedTo, and say a ticket mentions a standard
 * and assets; the other names and what each number means are ccs-mock's
 * (docs/decisions.md, "Remediation tickets").
 */
export const RemediationTicketSchema = Type.Object({
  TicketNumber: Type.String({ minLength: 1, examples: ['INCA0000001'] }),
  TicketState: Type.Integer({ minimum: 1, maximum: 5, description: 'From 1 to 5 (the vendor names no state).' }),
  TicketProviderType: Type.Integer({ minimum: 0, description: 'The ticketing system the ticket belongs to, by number (the vendor names none).' }),
  TicketDescription: Type.String(),
  Priority: Type.String({ examples: ['High'] }),
  AssignedTo: Type.String({ description: 'User ID, e-mail address or user name.' }),
  AssetID: Guid({ description: 'The asset whose failed check the ticket is about.' }),
  StandardID: Guid(),
  CheckID: Guid(),
  JobRunID: Type.Union([Guid(), Type.Null()], { description: 'The job run whose evaluation found the failure.' }),
  CreatedDate: Type.String({ description: '.NET round-trip UTC text.' }),
  ModifiedDate: Type.String({ description: '.NET round-trip UTC text.' })
}, { title: 'RemediationTicket' })

export type RemediationTicket = Static<typeof RemediationTicketSchema>

/** `GET RemediationTickets`: by `TicketNumber`, or a `Fields` search (vendor pages); names match in any case. */
export const TicketsQuerySchema = Type.Object({
  TicketNumber: Type.Optional(Type.String({ description: 'The display number of one ticket: answers that ticket.', examples: ['INCA0000001'] })),
  Fields: Type.Optional(Type.String({ description: 'Mandatory without TicketNumber: `(<field>=<value>, …)`, only `=`, a comma is AND, values in any case, `*` a wildcard. Fields: TicketNumber, TicketState, TicketProviderType, TicketDescription, Priority, AssignedTo, AssetID, StandardID, CheckID, JobRunID.', examples: ['(TicketState=1,TicketProviderType=2)'] })),
  ...PagingQuerySchema.properties
}, { title: 'TicketsQuery' })

export const TicketSearchResultSchema = Type.Object({
  ticketDataList: Type.Array(RemediationTicketSchema),
  TotalPages: Type.Integer({ minimum: 0 })
}, { title: 'TicketSearchResult' })

/** `PATCH RemediationTickets/` (vendor page: one ticket per request; any or all of the four details). */
export const UpdateTicketRequestSchema = Type.Object({
  TicketNumber: Type.String({ minLength: 1 }),
  TicketState: Type.Optional(Int32({ minimum: 1, maximum: 5, description: 'From 1 to 5; numbers as text bind too (the sample sends "4").' })),
  TicketDescription: Type.Optional(Type.String()),
  Priority: Type.Optional(Type.String({ minLength: 1 })),
  AssignedTo: Type.Optional(Type.String({ minLength: 1, description: 'User ID, e-mail address or user name.' }))
}, { title: 'UpdateTicketRequest', examples: [{ TicketNumber: 'INCA0000001', TicketDescription: 'Description updated', Priority: 'Low', AssignedTo: 'AzadRai', TicketState: 4 }] })

export type TicketsQuery = Static<typeof TicketsQuerySchema>
export type UpdateTicketRequest = Static<typeof UpdateTicketRequestSchema>
