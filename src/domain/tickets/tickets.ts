import type { RemediationTicket } from '../../schemas/tickets.js'
import type { Catalog } from '../catalog/catalog.js'
import type { User } from '../../schemas/catalog.js'
import { canSeePath } from '../auth/permissions.js'

/** What the ticket rules read and write; the store implements it. */
export interface TicketsStore {
  /** Every ticket, in ticket-number order. */
  all: () => readonly RemediationTicket[]
  /** By display number, in any case. */
  get: (ticketNumber: string) => RemediationTicket | undefined
  /** Stores a changed ticket; resolves once it is on disk. */
  replace: (ticket: RemediationTicket) => Promise<void>
}

/**
 * The pages: "You must have permission on the standard and the assets that are
 * mentioned in the ticket". A standard or asset deleted since is no longer a
 * condition.
 */
export function canSeeTicket (ticket: RemediationTicket, catalog: Catalog, user: User): boolean {
  const asset = catalog.asset(ticket.AssetID)
  const standard = catalog.standard(ticket.StandardID)
  return (asset === undefined || canSeePath(user, asset.Path)) && (standard === undefined || canSeePath(user, standard.Path))
}
