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

/** How a data set holds its catalog: `shared` while it is the fixture set's unchanged. */
export interface CatalogSharing {
  /** The fixture set's catalog, shared read-only by every data set that has not changed its own. */
  shared?: Catalog
  /** The data set's catalog file is known to equal the fixture set's (it changed nothing since it was seeded). */
  pristine: boolean
  /** Records, before the first change is made, that the data set no longer shares the fixture set's catalog. */
  leaving: () => Promise<void>
}

/**
 * The catalog's assets, asset groups, standards and agents in one lowdb file
 * (`<data-dir>/catalog.json`), seeded from the fixtures when the file does not exist
 * yet; users stay in the fixtures. Until its first change, a data set seeded from the
 * fixtures serves the fixture set's catalog, shared with every other such data set,
 * and keeps nothing of its own in memory (a session costs little); the first change
 * reads its file into a catalog of its own. Changes run one at a time: each is applied
 * in memory, written, and undone if the write fails, so what is served matches what is
 * stored and every undo is exact.
 */
export class CatalogRepository {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor (
    private current: Catalog,
    private document: JsonDocument<CatalogData> | undefined,
    private readonly path: string,
    private readonly users: User[],
    private readonly fence: WriteFence | undefined,
    private readonly sharing: CatalogSharing | undefined
  ) {}

  static async open (dataDir: string, fixtures: CatalogData & { users: User[] }, fence?: WriteFence, sharing?: CatalogSharing): Promise<CatalogRepository> {
    const path = join(dataDir, CATALOG_FILE)
    const seeded = existsSync(path)
    const shared = sharing?.shared
    if (shared !== undefined && seeded && sharing?.pristine === true) return new CatalogRepository(shared, undefined, path, fixtures.users, fence, sharing)
    const seed: CatalogData = structuredClone({ assets: fixtures.assets, assetGroups: fixtures.assetGroups, standards: fixtures.standards, agents: fixtures.agents })
    const document = JsonDocument.open<CatalogData>(path, seed, isCatalogData, { fence })
    document.data.agents ??= []
    // One atomic write: a crash leaves either no file (seed again) or the whole seed.
    if (!seeded) await document.write()
    if (!seeded && shared !== undefined) return new CatalogRepository(shared, undefined, path, fixtures.users, fence, sharing)
    return new CatalogRepository(new Catalog({ users: fixtures.users, ...document.data }), document, path, fixtures.users, fence, sharing)
  }

  get catalog (): Catalog {
    return this.current
  }

  /** Whether this data set serves the fixture set's shared catalog. */
  get isShared (): boolean {
    return this.document === undefined
  }

  /**
   * Runs `apply` once every earlier change has settled (so it validates against the
   * latest data), then persists what it changed. Resolves with its result once the
   * change is on disk; a failed write undoes the change and rejects.
   */
  async change<R> (apply: (catalog: Catalog) => CatalogChange<R>): Promise<R> {
    const run = async (): Promise<R> => {
      const document = await this.own()
      const { result, undo } = apply(this.current)
      if (undo === undefined) return result
      try {
        await document.write()
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
    await this.document?.flush()
  }

  /** The data set's own document and catalog, read from its file when it still shares the fixture set's. */
  private async own (): Promise<JsonDocument<CatalogData>> {
    if (this.document !== undefined) return this.document
    // Recorded first: a crash after the file changes must not bring the shared catalog back.
    await this.sharing?.leaving()
    const document = JsonDocument.open<CatalogData>(this.path, { assets: [], assetGroups: [], standards: [], agents: [] }, isCatalogData, { fence: this.fence })
    document.data.agents ??= []
    this.current = new Catalog({ users: this.users, ...document.data })
    this.document = document
    return document
  }
}
