import type { ModelState } from '../../errors.js'
import type { User } from '../../schemas/catalog.js'
import type { Catalog } from './catalog.js'
import { ModelStateBuilder } from '../dotnet/model-state.js'
import { canSeePath } from '../auth/permissions.js'

export type DeleteAssetsOutcome = { ok: true, ids: string[] } | { ok: false, modelState: ModelState }

/**
 * The assets `DELETE assets` names, each once. Every ID must be an asset the caller
 * may see (one outside its folder rights is reported like an unknown one, as reads
 * do); otherwise nothing is deleted.
 */
export function resolveAssetsToDelete (ids: readonly string[], catalog: Catalog, user: User): DeleteAssetsOutcome {
  const errors = new ModelStateBuilder()
  if (ids.length === 0) errors.addBody('', 'At least one asset ID is required.')
  ids.forEach((id, i) => {
    const asset = catalog.asset(id)
    if (asset === undefined || !canSeePath(user, asset.Path)) errors.addBody(`[${i}]`, `No asset with ID '${id}' exists.`)
  })
  if (!errors.isEmpty) return { ok: false, modelState: errors.entries }
  return { ok: true, ids: [...new Set(ids.map((id) => id.toLowerCase()))] }
}
