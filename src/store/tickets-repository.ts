import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Type } from 'typebox'
import type { TicketsStore } from '../domain/tickets/tickets.js'
import { firstSchemaError } from '../schema-check.js'
import { RemediationTicketSchema, type RemediationTicket } from '../schemas/tickets.js'
import { JsonDocument, type WriteFence } from './json-document.js'

interface TicketsData { tickets: RemediationTicket[] }

const TicketsDataSchema = Type.Object({ tickets: Type.Array(RemediationTicketSchema) })
const isTicketsData = (data: unknown): boolean => firstSchemaError(TicketsDataSchema, data) === undefined

export const TICKETS_FILE = 'tickets.json'

/**
 * Remediation tickets in one lowdb file (`<data-dir>/tickets.json`), seeded from the
 * fixtures when the file does not exist yet. A change is in memory and on disk
 * before it is answered; a failed write puts the old ticket back.
 */
export class TicketsRepository implements TicketsStore {
  private readonly byNumber = new Map<string, number>()

  private constructor (private readonly document: JsonDocument<TicketsData>) {
    document.data.tickets.forEach((ticket, i) => this.byNumber.set(ticket.TicketNumber.toLowerCase(), i))
  }

  static async open (dataDir: string, fixtures: readonly RemediationTicket[], fence?: WriteFence): Promise<TicketsRepository> {
    const path = join(dataDir, TICKETS_FILE)
    const seeded = existsSync(path)
    const sorted = [...fixtures].sort((a, b) => a.TicketNumber.localeCompare(b.TicketNumber, 'en', { numeric: true }))
    const document = JsonDocument.open<TicketsData>(path, structuredClone({ tickets: sorted }), isTicketsData, { fence })
    if (!seeded) await document.write()
    return new TicketsRepository(document)
  }

  all (): readonly RemediationTicket[] {
    return this.document.data.tickets
  }

  get (ticketNumber: string): RemediationTicket | undefined {
    const at = this.byNumber.get(ticketNumber.trim().toLowerCase())
    return at === undefined ? undefined : this.document.data.tickets[at]
  }

  async replace (ticket: RemediationTicket): Promise<void> {
    const at = this.byNumber.get(ticket.TicketNumber.toLowerCase())
    if (at === undefined) throw new Error(`no ticket ${ticket.TicketNumber}`)
    const tickets = this.document.data.tickets
    const old = tickets[at] as RemediationTicket
    tickets[at] = ticket
    try {
      await this.document.write()
    } catch (err) {
      tickets[at] = old
      throw err
    }
  }

  async flush (): Promise<void> {
    await this.document.flush()
  }
}
