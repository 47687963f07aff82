// scripts/estate.ts and `npm run estate`: large estates in the vendor's asset model.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { ASSET_TYPES } from '../../src/domain/catalog/asset-types.js'
import { loadFixtures } from '../../src/store/fixtures.js'
import { fixturesWithEstate, generateEstate } from '../../scripts/estate.js'
import { build, login } from '../helpers/build.js'
import { expectOk, get } from '../helpers/read-api.js'

t.test('deterministic, unique GUIDs, every CCS asset type, one agent per agent-based asset', async (t) => {
  const a = generateEstate('seed-1', 400)
  t.strictSame(generateEstate('seed-1', 400), a, 'the same seed gives the same estate')
  t.notSame(generateEstate('seed-2', 1).assets[0]?.ID, a.assets[0]?.ID, 'another seed, other GUIDs')
  t.strictSame(generateEstate('seed-1', 10, 390).assets, a.assets.slice(390), 'an asset depends on its index only')
  const ids = [...a.assets.map((x) => x.ID), ...a.agents.map((x) => x.ID)]
  t.equal(new Set(ids).size, ids.length, 'GUIDs are unique')
  t.ok(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)), 'GUIDs are well-formed')
  t.strictSame(new Set(a.assets.map((x) => x.Type)), new Set(ASSET_TYPES.map((type) => type.Name)), 'every type')
  for (const asset of a.assets) {
    t.equal(a.agents.filter((agent) => agent.AssetIDs.includes(asset.ID)).length, asset.Simulation.AgentBased ? 1 : 0)
    t.ok(asset.Attributes.every((attr) => attr.Name === 'displayName' || attr.Name.startsWith('when') || attr.Name.startsWith('symc-csm-AssetSystem-Asset-')), `${asset.DisplayName}: CCS attribute names`)
  }
})

t.test('npm run estate writes a fixture set ccs-mock loads and serves', async (t) => {
  const root = t.testdir({ data: {} })
  const dir = join(root, 'estate')
  const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', 'scripts/generate-estate.ts', '--out', dir, '--assets', '300', '--seed', 'demo'])
  t.match(stdout, /wrote .*: 300 assets, \d+ agents/)
  const fixtures = await loadFixtures(dir)
  t.equal(fixtures.assets.length, 300)
  t.ok(fixtures.jobs.length > 0 && fixtures.tickets.length > 0, 'the rest of the default fixtures comes along')
  const { app } = await build(t, { fixtures: dir }, join(root, 'data'))
  const token = await login(app)
  const res = expectOk<{ TotalPages: number }>(t, await get(app, token, `/ccs/api/v1/Assets?Attributes=${encodeURIComponent('(symc-csm-AssetSystem-Asset-unix-Machine-OSSystem = AIX)')}&pagesize=10`))
  t.ok(res.TotalPages > 1, 'generated assets are searchable by their CCS attributes')
  await t.rejects(fixturesWithEstate(join(root, 'none'), 10, 'x', join(dir, 'missing')), 'a fixture set that does not exist')
})
