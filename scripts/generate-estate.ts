import { parseArgs } from 'node:util'
import { fixturesWithEstate } from './estate.js'

const USAGE = `Usage: npm run estate -- --out <dir> --assets <total> [--seed <text>] [--fixtures <dir>]

Writes a fixture set to <dir>: the fixtures (the default ones unless --fixtures),
with generated assets and their agents up to <total> assets. The same seed gives
the same estate. Start ccs-mock on it with --fixtures <dir>.`

const { values } = parseArgs({ options: { out: { type: 'string' }, assets: { type: 'string' }, seed: { type: 'string' }, fixtures: { type: 'string' }, help: { type: 'boolean' } } })
const total = Number(values.assets)
if (values.help === true || values.out === undefined || !Number.isInteger(total) || total < 0) {
  console.error(USAGE)
  process.exit(values.help === true ? 0 : 2)
}
const written = await fixturesWithEstate(values.out, total, values.seed, values.fixtures)
console.log(`wrote ${values.out}: ${written.assets} assets, ${written.agents} agents`)
