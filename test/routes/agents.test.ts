// API v2 Agents (vendor pages "Get Agents For Asset", "Get Assets For Agent", "Get Agents Without Assets"): GET with a JSON body.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'
import type { Agent, Asset } from '../../src/schemas/catalog.js'
import { AUDITOR, build, login, SCANNER } from '../helpers/build.js'
import { journal } from '../helpers/admin.js'
import { deleteAssets, storedCatalog } from '../helpers/catalog-writes.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { customFixtures, DENIED, expectInvalidParam, expectOk, fixture, FORBIDDEN } from '../helpers/read-api.js'

const AGENTS = fixture<Agent[]>('agents.json')
const ASSETS = fixture<Asset[]>('assets.json')
const V2 = '/ccs/api/v2/Agents'
/** The agent and assets of the "Get Assets For Agent" page's sample. */
const PAGE_AGENT = '55b48eb3-f0d3-444d-81ec-f5d8b538f68c'
const PAGE_ASSETS = ['49865b64-a095-4b1b-9f69-1eeba0747d02', '180c310e-eb1e-4db6-b3e2-5878458dce21']

async function v2 (app: FastifyInstance, token: string | undefined, operation: string, body?: string, contentType = 'application/json'): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'GET',
    url: `${V2}/${operation}`,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { payload: body })
  })
}

t.test('the fixtures: every agent-based asset has one agent, agentless ones none; the pages\' agents exist', async (t) => {
  for (const asset of ASSETS) {
    const agents = AGENTS.filter((a) => a.AssetIDs.includes(asset.ID))
    t.equal(agents.length, asset.Simulation.AgentBased ? 1 : 0, asset.DisplayName)
  }
  const ids = new Set(ASSETS.map((a) => a.ID))
  t.ok(AGENTS.every((a) => a.AssetIDs.every((id) => ids.has(id))), 'agents name only existing assets')
  t.strictSame(AGENTS.find((a) => a.ID === PAGE_AGENT)?.AssetIDs, PAGE_ASSETS)
  t.ok(AGENTS.some((a) => a.ID === '6YESf7Dk-5FKG-sncy-cgBx-XjlWJzSmZzrw' && a.AssetIDs.length === 0), 'the "without assets" page\'s agent')
})

t.test('the vendor pages\' sample requests', async (t) => {
  const { app } = await build(t)
  const token = await login(app)

  await t.test('GetAssetsForAgent: the page\'s sample answers as on the page', async (t) => {
    const res = await v2(app, token, 'GetAssetsForAgent', '{ "AgentIDs": ["55b48eb3-f0d3-444d-81ec-f5d8b538f68c","2rz6dolW-LZZz-Fnvc-YpGZ-Ri4ubdyPR1ky"] }')
    t.strictSame(expectOk(t, res), { TotalRecords: 2, assets: PAGE_ASSETS.map((AssetId) => ({ AgentId: PAGE_AGENT, AssetId })) })
    t.strictSame(Object.keys(res.json() as object), ['TotalRecords', 'assets'])
  })

  await t.test('GetAgentsForAsset: the page\'s sample IDs name no fixture asset; a fixture asset answers its agent', async (t) => {
    t.strictSame(expectOk(t, await v2(app, token, 'GetAgentsForAsset', '{ "AssetIDs": ["5b20c1ec1-4f74-4133-bb31-76cd8737d08d","R5b4Teb3-E2b6-444d-81ec-f5d8b538f68c"] }')), { TotalCount: 0, agents: [] })
    const body = `{ "AssetIDs": ["${PAGE_ASSETS[0] ?? ''}","00000000-0000-4000-8000-000000000001","${(PAGE_ASSETS[1] ?? '').toUpperCase()}","${PAGE_ASSETS[0] ?? ''}"] }`
    t.strictSame(expectOk(t, await v2(app, token, 'GetAgentsForAsset', body)), {
      TotalCount: 2,
      agents: PAGE_ASSETS.map((AssetId) => ({ AssetId, AgentId: PAGE_AGENT }))
    }, 'in the order asked, unknown IDs left out, each asset once, GUIDs in any case')
  })

  await t.test('GetAgentsWithOutAssets: the page\'s fields; Offset and numberOfRecords page them', async (t) => {
    const without = AGENTS.filter((a) => a.AssetIDs.length === 0).map(({ AssetIDs: _ids, ...agent }) => agent)
    t.ok(without.length >= 2)
    t.strictSame(expectOk(t, await v2(app, token, 'GetAgentsWithOutAssets')), { TotalAgentsWithOutAssets: without.length, agents: without }, 'no body: all')
    t.strictSame(expectOk(t, await v2(app, token, 'GetAgentsWithOutAssets', '{ "Offset" : 1, "numberOfRecords":1 }')), { TotalAgentsWithOutAssets: without.length, agents: without.slice(1, 2) })
    t.strictSame(expectOk(t, await v2(app, token, 'GetAgentsWithOutAssets', '{"offset":"0","NUMBEROFRECORDS":1}')), { TotalAgentsWithOutAssets: without.length, agents: without.slice(0, 1) }, 'names in any case, numbers as text')
    t.match(without[0], { ID: '6YESf7Dk-5FKG-sncy-cgBx-XjlWJzSmZzrw', Name: '10.105.154.62', FQDN: 'rhel7x64', IPAddressList: '10.105.154.62' })
  })

  await t.test('agent IDs compare in any case', async (t) => {
    t.equal(expectOk<{ TotalRecords: number }>(t, await v2(app, token, 'GetAssetsForAgent', `{"AgentIDs":["${PAGE_AGENT.toUpperCase()}"]}`)).TotalRecords, 2)
  })

  await t.test('the route in any case, and the journal keeps the GET body', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/CCS/API/V2/agents/getassetsforagent', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: `{"AgentIDs":["${PAGE_AGENT}"]}` })
    t.equal(res.statusCode, 200)
    const [entry] = (await journal(app, '?limit=1')).requests
    t.match(entry, { method: 'GET', operationId: 'getAssetsForAgent', status: 200, requestBody: `{"AgentIDs":["${PAGE_AGENT}"]}` })
  })
})

t.test('validation: 400 in the Web API shape, 415 for another media type, 413 over the body limit', async (t) => {
  const { app } = await build(t, { bodyLimit: 1024 })
  const token = await login(app)
  const rows: Array<{ name: string, operation: string, body: string, key: string, reason: string | RegExp }> = [
    { name: 'no AssetIDs', operation: 'GetAgentsForAsset', body: '{}', key: 'request.AssetIDs', reason: 'The AssetIDs field is required.' },
    { name: 'no body at all', operation: 'GetAssetsForAgent', body: '', key: 'request.AgentIDs', reason: 'The AgentIDs field is required.' },
    { name: 'AgentIDs not a list', operation: 'GetAssetsForAgent', body: '{"AgentIDs":"55b48eb3"}', key: 'request.AgentIDs', reason: /^Error converting value "55b48eb3"/ },
    { name: 'a negative Offset', operation: 'GetAgentsWithOutAssets', body: '{"Offset":-1}', key: 'request.Offset', reason: /Offset/ },
    { name: 'numberOfRecords 0', operation: 'GetAgentsWithOutAssets', body: '{"numberOfRecords":0}', key: 'request.numberOfRecords', reason: /numberOfRecords/ },
    { name: 'not JSON', operation: 'GetAgentsWithOutAssets', body: '{"Offset":', key: 'request', reason: /^The request body is not valid JSON/ }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => { expectInvalidParam(t, await v2(app, token, row.operation, row.body), row.key, row.reason) })
  }
  const plain = await v2(app, token, 'GetAgentsForAsset', 'AssetIDs=x', 'text/plain')
  t.equal(plain.statusCode, 415)
  t.strictSame(plain.json(), { Message: "The request entity's media type 'text/plain' is not supported for this resource." })
  const big = await v2(app, token, 'GetAssetsForAgent', JSON.stringify({ AgentIDs: Array.from({ length: 100 }, (_, i) => `agent-${i}`) }))
  t.equal(big.statusCode, 413)
  t.equal(big.headers['content-type'], JSON_UTF8)
})

t.test('rights: a token, then Manage Agents, View Assets and the Asset System folder', async (t) => {
  const { fixtures, data } = customFixtures(t, [
    { UserName: 'domain1\\agentsub', Password: 'sub@123', Tasks: ['Manage Agents', 'View assets'], Folders: ['Asset System\\Unix'] }
  ])
  const { app } = await build(t, { fixtures }, data)
  const body = `{"AgentIDs":["${PAGE_AGENT}"]}`
  const denied = await v2(app, undefined, 'GetAssetsForAgent', body)
  t.equal(denied.statusCode, 401)
  t.strictSame(denied.json(), DENIED)
  for (const [who, credentials] of [['auditor (no Manage Agents)', AUDITOR], ['a sub-folder of Asset System only', { username: 'domain1\\agentsub', password: 'sub@123' }]] as const) {
    const res = await v2(app, await login(app, credentials), 'GetAssetsForAgent', '{not json')
    t.equal(res.statusCode, 403, `${who}: 403 before the body is read`)
    t.strictSame(res.json(), FORBIDDEN)
  }
  t.equal((await v2(app, await login(app, SCANNER), 'GetAssetsForAgent', body)).statusCode, 200, 'the scanner has the tasks and Asset System')
})

t.test('deleting an asset takes it off its agent; an agent left without assets is listed as such; on disk', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  expectOk(t, await deleteAssets(app, token, [PAGE_ASSETS[0]]))
  t.strictSame(expectOk(t, await v2(app, token, 'GetAssetsForAgent', `{"AgentIDs":["${PAGE_AGENT}"]}`)), { TotalRecords: 1, assets: [{ AgentId: PAGE_AGENT, AssetId: PAGE_ASSETS[1] }] })
  expectOk(t, await deleteAssets(app, token, [PAGE_ASSETS[1]]))
  const without = expectOk<{ agents: Array<{ ID: string }> }>(t, await v2(app, token, 'GetAgentsWithOutAssets'))
  t.ok(without.agents.some((a) => a.ID === PAGE_AGENT), 'the agent stays, without assets')
  t.strictSame((await storedCatalog(dataDir)).agents.find((a) => a.ID === PAGE_AGENT)?.AssetIDs, [])
})

t.test('snapshots carry the agents', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  expectOk(t, await deleteAssets(app, token, PAGE_ASSETS))
  const snapshot = (await app.inject({ url: '/__admin/state' })).json() as { data: { agents: Agent[] } }
  t.strictSame(snapshot.data.agents.find((a) => a.ID === PAGE_AGENT)?.AssetIDs, [])
  const other = await build(t)
  const imported = await other.app.inject({ method: 'PUT', url: '/__admin/state', payload: snapshot })
  t.equal(imported.statusCode, 200, imported.body)
  const answer = expectOk<{ agents: Array<{ ID: string }> }>(t, await v2(other.app, await login(other.app), 'GetAgentsWithOutAssets'))
  t.ok(answer.agents.some((a) => a.ID === PAGE_AGENT), 'the imported data set has the changed agent')
})
