// Delete Assets and Agents (vendor page "Delete Assets and Agents": AssetIds, DelinkAgentsAndAssetsOnly, DeleteAgent).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'
import type { Agent, Asset } from '../../src/schemas/catalog.js'
import { AUDITOR, build, login, UNIX_ASSET } from '../helpers/build.js'
import { MANAGE_TASKS, storedCatalog } from '../helpers/catalog-writes.js'
import { customFixtures, expectInvalidParam, expectOk, fixture, FORBIDDEN, get } from '../helpers/read-api.js'

const ASSETS = fixture<Asset[]>('assets.json')
const AGENT = '55b48eb3-f0d3-444d-81ec-f5d8b538f68c'
/** The agent's two assets: a Unix machine and the MySQL server on it. */
const [HOST, MYSQL] = ['49865b64-a095-4b1b-9f69-1eeba0747d02', '180c310e-eb1e-4db6-b3e2-5878458dce21'] as const
const OLD = ['19cdaca5-ae26-422b-a07a-936599134768', '1e80bf4e-afaa-4b83-ae4b-a02b42be4045']

interface Answer { DeletedAssets: string[], DeletedAgents: string[], DelinkedAssets: string[] }

async function deleteBoth (app: FastifyInstance, token: string | undefined, payload: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'DELETE',
    url: '/ccs/api/v1/AssetsAndAgents',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload)
  })
}

async function agentsOf (app: FastifyInstance, token: string, assetIds: string[]): Promise<unknown[]> {
  const res = await app.inject({ method: 'GET', url: '/ccs/api/v2/Agents/GetAgentsForAsset', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ AssetIDs: assetIds }) })
  return (res.json() as { agents: unknown[] }).agents
}

t.test('default: the assets go, their agent stays with what is left', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  t.strictSame(expectOk<Answer>(t, await deleteBoth(app, token, { AssetIds: HOST })), { DeletedAssets: [HOST], DeletedAgents: [], DelinkedAssets: [] })
  t.equal((await get(app, token, `/ccs/api/v1/Assets/${HOST}`)).statusCode, 404)
  t.strictSame(await agentsOf(app, token, [MYSQL]), [{ AssetId: MYSQL, AgentId: AGENT }])
  const stored = await storedCatalog(dataDir)
  t.notOk(stored.assets.some((a) => a.ID === HOST), 'on disk')
  t.strictSame(stored.agents.find((a) => a.ID === AGENT)?.AssetIDs, [MYSQL])
})

t.test('AssetIds as one comma-separated text (any spacing, any GUID form) or as a list; each asset once', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  t.strictSame(expectOk<Answer>(t, await deleteBoth(app, token, `{"AssetIds":" ${OLD[0]?.toUpperCase() ?? ''} ,{${OLD[1] ?? ''}},${OLD[0] ?? ''}"}`)).DeletedAssets, OLD)
  t.strictSame(expectOk<Answer>(t, await deleteBoth(app, token, { assetids: [HOST], deleteagent: 'false' })).DeletedAssets, [HOST], 'names in any case, Booleans as text')
})

t.test('DeleteAgent: the agents go too; their other assets stay, agentless', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  t.strictSame(expectOk<Answer>(t, await deleteBoth(app, token, { AssetIds: [HOST], DeleteAgent: true })), { DeletedAssets: [HOST], DeletedAgents: [AGENT], DelinkedAssets: [] })
  t.equal((await get(app, token, `/ccs/api/v1/Assets/${MYSQL}`)).statusCode, 200, 'the MySQL server stays')
  t.strictSame(await agentsOf(app, token, [MYSQL]), [])
  const stored = await storedCatalog(dataDir)
  t.notOk(stored.agents.some((a) => a.ID === AGENT), 'the agent is gone from disk')
  t.equal(stored.assets.find((a) => a.ID === MYSQL)?.Simulation.AgentBased, false, 'collected without an agent from now on')
})

t.test('DeleteAgent: an asset another agent still collects for stays agent-based', async (t) => {
  const second: Agent = { ID: 'c0ffee00-0000-4000-8000-000000000001', Name: '10.10.99.1', FQDN: 'mysql-proxy.corp.example.com', IPAddressList: '10.10.99.1', DisplayVersion: '12.60.10100.1', AssetIDs: [MYSQL] }
  const { fixtures, data } = customFixtures(t, [], { 'agents.json': [...fixture<Agent[]>('agents.json'), second] })
  const { app, dataDir } = await build(t, { fixtures }, data)
  const token = await login(app)
  t.strictSame(expectOk<Answer>(t, await deleteBoth(app, token, { AssetIds: [HOST], DeleteAgent: true })).DeletedAgents, [AGENT])
  t.strictSame(await agentsOf(app, token, [MYSQL]), [{ AssetId: MYSQL, AgentId: second.ID }])
  const stored = await storedCatalog(dataDir)
  t.equal(stored.assets.find((a) => a.ID === MYSQL)?.Simulation.AgentBased, true, 'still collected through the other agent')
})

t.test('DelinkAgentsAndAssetsOnly: nothing is deleted; the assets leave their agents', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  t.strictSame(expectOk<Answer>(t, await deleteBoth(app, token, { AssetIds: `${HOST},${MYSQL}`, DelinkAgentsAndAssetsOnly: 'True' })), { DeletedAssets: [], DeletedAgents: [], DelinkedAssets: [HOST, MYSQL] })
  for (const id of [HOST, MYSQL]) t.equal((await get(app, token, `/ccs/api/v1/Assets/${id}`)).statusCode, 200)
  t.strictSame(await agentsOf(app, token, [HOST, MYSQL]), [])
  const without = await app.inject({ method: 'GET', url: '/ccs/api/v2/Agents/GetAgentsWithOutAssets', headers: { authorization: `Bearer ${token}` } })
  t.ok((without.json() as { agents: Array<{ ID: string }> }).agents.some((a) => a.ID === AGENT), 'the agent is now one without assets')
  const stored = await storedCatalog(dataDir)
  t.strictSame(stored.assets.filter((a) => a.ID === HOST || a.ID === MYSQL).map((a) => a.Simulation.AgentBased), [false, false])
})

t.test('validation: 400 in the Web API shape, nothing changes', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const rows: Array<{ name: string, payload: unknown, key: string, reason: string | RegExp }> = [
    { name: 'no body', payload: '\r', key: 'request', reason: 'The request body is required.' },
    { name: 'no AssetIds', payload: { DeleteAgent: true }, key: 'request.AssetIds', reason: 'The AssetIds field is required.' },
    { name: 'empty AssetIds', payload: { AssetIds: ' , ' }, key: 'request.AssetIds', reason: 'At least one asset ID is required.' },
    { name: 'a placeholder', payload: { AssetIds: [HOST, '<Asset GUID>'] }, key: 'request.AssetIds', reason: "'<Asset GUID>' is not a GUID." },
    { name: 'an unknown asset', payload: { AssetIds: `${HOST},00000000-0000-4000-8000-000000000001` }, key: 'request.AssetIds', reason: "No asset with ID '00000000-0000-4000-8000-000000000001' exists." },
    { name: 'delink and delete agents', payload: { AssetIds: HOST, DelinkAgentsAndAssetsOnly: true, DeleteAgent: true }, key: 'request.DeleteAgent', reason: /^DeleteAgent cannot be true with DelinkAgentsAndAssetsOnly/ },
    { name: 'a flag that is not a Boolean', payload: { AssetIds: HOST, DeleteAgent: 'yes' }, key: 'request.DeleteAgent', reason: "Could not convert string to boolean: yes. Path 'DeleteAgent'." }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => { expectInvalidParam(t, await deleteBoth(app, token, row.payload), row.key, row.reason) })
  }
  const stored = await storedCatalog(dataDir)
  t.equal(stored.assets.length, ASSETS.length, 'no asset deleted')
  t.strictSame(stored.agents.find((a) => a.ID === AGENT)?.AssetIDs, [HOST, MYSQL], 'no agent changed')
})

t.test('rights: View agents, View assets, Manage agents, Manage assets and asset groups; folder rights per asset', async (t) => {
  const { fixtures, data } = customFixtures(t, [
    { UserName: 'domain1\\noviewagents', Password: 'x@123', Tasks: [...MANAGE_TASKS, 'Manage Agents'], Folders: ['Asset System'] },
    { UserName: 'domain1\\windowsonly', Password: 'x@123', Tasks: [...MANAGE_TASKS, 'Manage Agents', 'View agents'], Folders: ['Asset System\\Windows'] }
  ])
  const { app } = await build(t, { fixtures }, data)
  t.equal((await deleteBoth(app, undefined, { AssetIds: HOST })).statusCode, 401)
  for (const credentials of [AUDITOR, { username: 'domain1\\noviewagents', password: 'x@123' }]) {
    const res = await deleteBoth(app, await login(app, credentials), '{broken')
    t.equal(res.statusCode, 403, `${credentials.username}: 403 before the body is read`)
    t.strictSame(res.json(), FORBIDDEN)
  }
  const windowsOnly = await login(app, { username: 'domain1\\windowsonly', password: 'x@123' })
  expectInvalidParam(t, await deleteBoth(app, windowsOnly, { AssetIds: UNIX_ASSET }), 'request.AssetIds', `No asset with ID '${UNIX_ASSET}' exists.`)
})
