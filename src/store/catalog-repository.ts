import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Type } from 'typebox'
import { Catalog, type CatalogData, type Undo } from '../domain/catalog/catalog.js'
import { AgentSchema, AssetGroupSchema, AssetSchema, StandardSchema, type User } from '../schemas/catalog.js'
import { firstSchemaError } from '../schema-check.js'
import { JsonDocument, type WriteFence } from './json-document.js'

const CatalogDataSchema = Type.Object({
  assets: Type.Array(AssetSchema),
  assetGroups: Type.Array(AssetGroupSchema),
  standards: Type.Array(StandardSchema),
  // Data dirs written before agents were part of the catalog have none.
  agents: Type.Optional(Type.Array(AgentSchema))
})
const isCatalogData = (data: unknown): boolean => firstSchemaError(CatalogDataSchema, data) === undefined

/** What a catalog change did: its answer, and how to take it back (none: nothing changed). */
export interface CatalogChange<R> {
  result: R
  undo?: Undo
}

export const CATALOG_FILE = 'catalog.json'

/**
 * The catalog's assets, asset groups, standards and agents in one lowdb file
 * (`<data-dir>/catalog.json`), seeded from the fixtures when the file does not exist
 * yet; users stay in the fixtures. Changes run one at a time: each is applied in
 * memory, written, and undone if the write fails, so what is served matches what is
 * stored and every undo is exact.
 */
export class CatalogRepository {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor (readonly catalog: Catalog, private readonly document: JsonDocument<CatalogData>) {}

  static async open (dataDir: string, fixtures: CatalogData & { users: User[] }, fence?: WriteFence): Promise<CatalogRepository> {
    const path = join(dataDir, CATALOG_FILE)
    const seeded = existsSync(path)
    const seed: CatalogData = structuredClone({ assets: fixtures.assets, assetGroups: fixtures.assetGroups, standards: fixtures.standards, agents: fixtures.agents })
    const document = JsonDocument.open<CatalogData>(path, seed, isCatalogData, fence)
    document.data.agents ??= []
    // One atomic write: a crash leaves either no file (seed again) or the whole seed.
    if (!seeded) await document.write()
    return new CatalogRepository(new Catalog({ users: fixtures.users, ...document.data }), document)
  }

  /**
   * Runs `apply` once every earlier change has settled (so it validates against the
   * latest data), then persists what it changed. Resolves with its result once the
   * change is on disk; a failed write undoes the change and rejects.
   */
  async change<R> (apply: (catalog: Catalog) => CatalogChange<R>): Promise<R> {
    const run = async (): Promise<R> => {
      const { result, undo } = apply(this.catalog)
      if (undo === undefined) return result
      try {
        await this.document.write()
      } catch (err) {
        undo()
        throw err
      }
      return result
    }
    const next = this.queue.then(run)
    this.queue = next.catch(() => {})
    return await next
  }

  async flush (): Promise<void> {
    await this.queue
    await this.document.flush()
  }
}
