import type { ModelState } from '../../errors.js'
import type { Standard, User } from '../../schemas/catalog.js'
import type { DeleteStandardsRequest } from '../../schemas/catalog-writes.js'
import type { Catalog } from './catalog.js'
import { canonicalGuid } from '../dotnet/json-net-binding.js'
import { ModelStateBuilder } from '../dotnet/model-state.js'
import { canSeePath } from '../auth/permissions.js'
import { inContainer } from './search.js'

/** Vendor page: "You can delete up to 10 standards per request." */
export const MAX_STANDARDS_PER_DELETE = 10

export type DeleteStandardsOutcome =
  | { kind: 'found', ids: string[] }
  | { kind: 'invalid', modelState: ModelState }
  | { kind: 'missing', message: string }

const lower = (s: string): string => s.toLowerCase()

/**
 * The standards a `DELETE Standards` body names, each once: by ID or by name (every
 * standard of that name), inside ContainerPath (and its sub-folders unless
 * DeleteFromSubfolder is false) and the caller's folder rights. Names or IDs that
 * match nothing are skipped, unless nothing matches at all (a 404 naming each);
 * predefined standards need DeletePredefinedStandard.
 */
export function resolveStandardsToDelete (request: DeleteStandardsRequest, catalog: Catalog, user: User): DeleteStandardsOutcome {
  const errors = new ModelStateBuilder()
  request.StandardList.forEach((entry, i) => {
    if (!['id', 'name'].includes(lower(entry.Type))) errors.addBody(`StandardList[${i}].Type`, `The Type field must be 'ID' or 'Name', not '${entry.Type}'.`)
  })
  const named = request.StandardList.reduce((n, entry) => n + entry.Standards.length, 0)
  if (named > MAX_STANDARDS_PER_DELETE) errors.addBody('StandardList', `At most ${MAX_STANDARDS_PER_DELETE} standards can be deleted per request; ${named} were named.`)
  if (!errors.isEmpty) return { kind: 'invalid', modelState: errors.entries }

  const candidates = catalog.standards.search({ kind: 'all' }, (s) =>
    canSeePath(user, s.Path) && inContainer(s.Path, request.ContainerPath, request.DeleteFromSubfolder ?? true))
  const found = new Set<Standard>()
  const missing: string[] = []
  for (const entry of request.StandardList) {
    const byId = lower(entry.Type) === 'id'
    for (const value of entry.Standards) {
      const id = canonicalGuid(value) ?? lower(value)
      const matches = candidates.filter((s) => byId ? lower(s.ID) === id : lower(s.DisplayName) === lower(value))
      if (matches.length === 0) missing.push(byId ? `No standard with ID '${value}' exists.` : `No standard with the name '${value}' exists.`)
      for (const standard of matches) found.add(standard)
    }
  }
  // The vendor's sample names a malformed ID next to standards that exist, and means to delete those.
  if (found.size === 0) return { kind: 'missing', message: missing.join(' ') }

  if (request.DeletePredefinedStandard !== true) {
    for (const standard of found) {
      if (standard.IsPredefined) errors.addBody('DeletePredefinedStandard', `The standard '${standard.DisplayName}' is predefined; set DeletePredefinedStandard to true to delete it.`)
    }
    if (!errors.isEmpty) return { kind: 'invalid', modelState: errors.entries }
  }
  return { kind: 'found', ids: [...found].map((s) => s.ID) }
}
