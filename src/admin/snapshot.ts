import type { Catalog } from '../domain/catalog/catalog.js'
import { parseAttributeQuery } from '../domain/catalog/attribute-query.js'
import type { ClockState } from '../domain/clock.js'
import type { FaultRuleRequest, FaultRuleView } from '../schemas/fault.js'
import type { User } from '../schemas/catalog.js'
import type { Store, StoreSeed } from '../store/open-store.js'
import type { UserDirectory } from '../store/store-registry.js'
import { FaultRules } from './faults/fault-rules.js'
import type { Snapshot } from './control-schemas.js'
import type { FieldErrors } from './validation.js'

const EVERYTHING = parseAttributeQuery('')

export interface ExportOptions {
  clock: ClockState
  faults: FaultRuleView[]
  /** The session exported, null for the default data set. */
  session: string | null
  includePasswords: boolean
}

/** A rule as it would be created again: what is left of its count, without its id and tally. */
function ruleToRecreate ({ id: _id, fired: _fired, remaining, count, ...rule }: FaultRuleView): FaultRuleRequest {
  return { ...rule, ...(count !== undefined ? { count: remaining ?? count } : {}) }
}

function usersOf (catalog: Catalog, includePasswords: boolean): Snapshot['data']['users'] {
  return catalog.users().map(({ Password, ...user }) => includePasswords ? { ...user, Password } : user)
}

export function exportSnapshot (store: Store, options: ExportOptions): Snapshot {
  const { catalog } = store
  const now = new Date(options.clock.now).toISOString()
  return {
    formatVersion: 1,
    exportedAt: now,
    session: options.session,
    clock: { now, frozen: options.clock.frozen },
    faults: options.faults.map(ruleToRecreate),
    data: {
      users: usersOf(catalog, options.includePasswords),
      assets: catalog.assets.search(EVERYTHING),
      assetGroups: catalog.assetGroups.search(EVERYTHING),
      standards: catalog.standards.search(EVERYTHING),
      agents: [...catalog.agents.all()],
      tickets: [...store.tickets.all()],
      jobs: [...store.jobs.all()],
      runs: [...store.runs.all()]
    }
  }
}

export type SnapshotCheck = { ok: true, seed: StoreSeed, faults: FaultRuleRequest[] } | { ok: false, errors: FieldErrors }

/** Every record whose key repeats an earlier one's, as `<list>[i].<field>` errors. */
function duplicates<T> (errors: FieldErrors, list: string, items: readonly T[], field: string, keyOf: (item: T) => string, what: string): void {
  const first = new Map<string, number>()
  items.forEach((item, i) => {
    const key = keyOf(item)
    const earlier = first.get(key)
    if (earlier === undefined) first.set(key, i)
    else (errors[`${list}[${i}].${field}`] ??= []).push(`repeats the ${what} of ${list}[${earlier}]`)
  })
}

/**
 * What the snapshot's schema cannot say, checked before anything changes: no two
 * records share an ID (no two jobs a name), every fault rule is one POST
 * /__admin/faults would accept, and every user can log in (a user without a password
 * takes the fixture user's of that name).
 */
export function checkSnapshot (snapshot: Snapshot, fixtureUsers: UserDirectory): SnapshotCheck {
  const errors: FieldErrors = {}
  const { data } = snapshot
  const lower = (text: string): string => text.toLowerCase()
  duplicates(errors, 'data.users', data.users, 'UserName', (u) => lower(u.UserName), 'UserName')
  duplicates(errors, 'data.assets', data.assets, 'ID', (a) => lower(a.ID), 'ID')
  duplicates(errors, 'data.assetGroups', data.assetGroups, 'ID', (g) => lower(g.ID), 'ID')
  duplicates(errors, 'data.standards', data.standards, 'ID', (s) => lower(s.ID), 'ID')
  duplicates(errors, 'data.agents', data.agents ?? [], 'ID', (a) => lower(a.ID), 'ID')
  duplicates(errors, 'data.tickets', data.tickets ?? [], 'TicketNumber', (ticket) => lower(ticket.TicketNumber), 'TicketNumber')
  duplicates(errors, 'data.jobs', data.jobs, 'JobID', (j) => lower(j.JobID), 'JobID')
  duplicates(errors, 'data.jobs', data.jobs, 'JobName', (j) => lower(j.JobName), 'JobName (names are unique, case-insensitively)')
  duplicates(errors, 'data.runs', data.runs, 'runId', (r) => lower(r.runId), 'runId')

  const users: User[] = data.users.map((user, i) => {
    const Password = user.Password ?? fixtureUsers.user(user.UserName)?.Password
    if (Password === undefined) (errors[`data.users[${i}].Password`] ??= []).push('is required: no fixture user of that name to take it from')
    return { ...user, Password: Password ?? '' }
  })

  const trial = new FaultRules()
  snapshot.faults.forEach((rule, i) => {
    const outcome = trial.add(rule)
    if (outcome.ok) return
    for (const [field, reasons] of Object.entries(outcome.errors)) (errors[field === '' ? `faults[${i}]` : `faults[${i}].${field}`] ??= []).push(...reasons)
  })

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    faults: snapshot.faults,
    seed: { users, assets: data.assets, assetGroups: data.assetGroups, standards: data.standards, agents: data.agents ?? [], tickets: data.tickets ?? [], jobs: data.jobs, runs: [], runRecords: data.runs }
  }
}
