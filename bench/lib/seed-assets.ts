import { fixturesWithEstate } from '../../scripts/estate.js'

/** A copy of the default fixtures with `total` assets (the defaults plus a generated estate). */
export async function fixturesWithAssets (dir: string, total: number): Promise<void> {
  await fixturesWithEstate(dir, total, 'bench')
}
