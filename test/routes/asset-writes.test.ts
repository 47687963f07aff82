// POST /ccs/api/v1/assets and DELETE /ccs/api/v1/assets (spec §6; vendor Create Asset and Delete Asset pages).
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { formatDotNetDate } from '../../src/domain/dotnet/dotnet-time.js'
import type { Asset, AssetGroup, User } from '../../src/schemas/catalog.js'
import { ADMIN, AUDITOR, build, DB2_GROUP, login, SAMPLE_RESULTS_ASSET, UNIX_ASSET, UNIX_ASSET_2, UNIX_TYPE, WINDOWS_ASSET } from '../helpers/build.js'
import { deleteAssets, MANAGE_TASKS, postAssets, SAMPLE_WINDOWS_ASSET, storedCatalog, WNT_TYPE } from '../helpers/catalog-writes.js'
import { LOWER_GUID } from '../helpers/create-job.js'
import { customFixtures, DENIED, expectInvalidParam, expectOk, fixture, FORBIDDEN, get } from '../helpers/read-api.js'

const UNIX_MANAGER = { username: 'domain1\\unixmanager', password: 'Unix#2026' }
const NO_FOLDERS = { username: 'domain1\\nofolders', password: 'none@123' }
const EXTRA_USERS: User[] = [
  { UserName: UNIX_MANAGER.username, Password: UNIX_MANAGER.password, Tasks: MANAGE_TASKS, Folders: ['Asset System\\Unix'] },
  { UserName: NO_FOLDERS.username, Password: NO_FOLDERS.password, Tasks: MANAGE_TASKS, Folders: ['Standards'] }
]
const ASSETS = fixture<Asset[]>('assets.json')
const GROUPS = fixture<AssetGroup[]>('asset-groups.json')

interface SearchBody { assetDataList: Array<{ Id: string, DisplayName: string }>, TotalPages: number }
interface GroupBody { Id: string, MemberCount: number }

async function searchIds (app: FastifyInstance, token: string, attributes: string): Promise<string[]> {
  const res = await get(app, token, `/ccs/api/v1/Assets?pagesize=1000&Attributes=${encodeURIComponent(attributes)}`)
  return (res.json() as SearchBody).assetDataList.map((a) => a.Id)
}

t.test('the vendor sample creates one Windows asset: 200 with its new GUID, on disk, readable and searchable', async (t) => {
  const { app, dataDir, clock } = await build(t)
  const created = formatDotNetDate(clock.now())
  const token = await login(app)
  t.strictSame(await searchIds(app, token, 'displayName = MyWinAsset'), [], 'no such asset before (and the empty answer is cached)')

  const ids = expectOk<string[]>(t, await postAssets(app, token, [SAMPLE_WINDOWS_ASSET]))
  t.equal(ids.length, 1)
  t.match(ids[0], LOWER_GUID)
  const id = ids[0] as string

  const stored = (await storedCatalog(dataDir)).assets.find((a) => a.ID === id)
  t.strictSame(stored, {
    ID: id,
    DisplayName: 'MyWinAsset',
    Type: WNT_TYPE,
    Path: 'Asset System',
    Attributes: [
      { Name: 'displayName', Value: 'MyWinAsset', Values: [], IsMultiValued: false },
      { Name: 'whenCreated', Value: created, Values: [], IsMultiValued: false },
      { Name: 'whenChanged', Value: created, Values: [], IsMultiValued: false },
      { Name: `${WNT_TYPE}-HostName`, Value: 'MyWinAsset', Values: [], IsMultiValued: false },
      { Name: `${WNT_TYPE}-DomainWorkgroupName`, Value: 'NewDomain', Values: [], IsMultiValued: false }
    ],
    Simulation: { AgentBased: false, Reachable: true, Profile: 'baseline' }
  }, 'on disk: named after its host, created now, in Asset System, agentless, reachable, baseline')

  const byId = expectOk<Record<string, unknown>>(t, await get(app, token, `/ccs/api/v1/Assets/${id}`))
  const scores = ['EvaluatedComplianceScores', 'EvaluatedRiskScores', 'MaxRiskScores'].map((name) => `symc-csm-AssetSystem-Asset-AssetBase-${name}`)
  t.strictSame(byId, {
    DisplayName: 'MyWinAsset',
    ID: id,
    Type: { ID: '766bad07-34c2-4a80-83cc-0f2793fdcab8', Name: WNT_TYPE, DisplayName: 'Windows Machine' },
    Path: 'Asset System',
    Attributes: [...stored?.Attributes ?? [], ...scores.map((Name) => ({ Name, Value: '0', Values: [], IsMultiValued: false }))],
    ...Object.fromEntries(scores.map((name) => [name, 0]))
  }, 'by ID: Type as an object, not evaluated yet')
  t.strictSame(await searchIds(app, token, 'displayName = MyWinAsset'), [id], 'the cached search sees the new asset')
  t.strictSame(await searchIds(app, token, `${WNT_TYPE}-DomainWorkgroupName = newdomain`), [id], 'its attributes are searchable')
  const all = expectOk<SearchBody>(t, await get(app, token, '/ccs/api/v1/Assets?Attributes=&pagesize=1000'))
  t.equal(all.assetDataList.at(-1)?.Id, id, 'new assets come after the fixture assets')
  t.equal(all.assetDataList.length, ASSETS.length + 1)
})

t.test('searches compare names as the matcher does, not as toLowerCase does: ſ is s, a final ς is σ (index and scan agree)', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const names = ['ΣΑΣ-db', 'ſrv-first', 'plain-srv']
  const ids = expectOk<string[]>(t, await postAssets(app, token, names.map((name) => ({ ...SAMPLE_WINDOWS_ASSET, [`${WNT_TYPE}-HostName`]: name }))))
  const [greek, longS] = ids
  const cases: Array<[string, Array<string | undefined>]> = [
    ['displayName = σασ-db', [greek]],
    ['displayName StartsWith σας', [greek]],
    ['displayName Contains ασ-d', [greek]],
    ['displayName Contains σ-', [greek]],
    ['displayName = SRV-FIRST', [longS]],
    ['displayName StartsWith srv', [longS]],
    ['displayName Contains srv-f', [longS]],
    ['displayName Contains fi*s', [longS]]
  ]
  for (const [query, expected] of cases) t.strictSame(await searchIds(app, token, query), expected, query)
})

t.test('the vendor sample with six assets: names from HostName, IPAddress, HOSTMACHINE, HostMachine, hostName; container picks the folder', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const mysql = 'symc-csm-AssetSystem-Asset-Unix-MySQL-Servers'
  const payload = [
    { Type: WNT_TYPE, [`${WNT_TYPE}-HostName`]: 'MytestWinAsset7', [`${WNT_TYPE}-DomainWorkgroupName`]: 'MyDomain' },
    { Type: 'symc-csm-AssetSystem-Asset-Cisco-Router', 'symc-csm-AssetSystem-Asset-Cisco-Router-IPAddress': '10.211.886.888' },
    { Type: mysql, [`${mysql}-HOSTMACHINE`]: 'testredhatx86123', [`${mysql}-IPAddress`]: '10.211.88.111', [`${mysql}-InstancePortNumber`]: '5704' },
    { Type: UNIX_TYPE, [`${UNIX_TYPE}-IPAddress`]: '10.211.66.119', [`${UNIX_TYPE}-HostMachine`]: 'rhelx86789' },
    { Type: 'symc-csm-AssetSystem-Asset-Dbif-server', 'symc-csm-AssetSystem-Asset-Dbif-server-SQLServerDomainName': 'MyDomain', 'symc-csm-AssetSystem-Asset-Dbif-server-hostName': 'MySQLHost1', 'symc-csm-AssetSystem-Asset-Dbif-server-serverName': 'SQLServerAsset' },
    { Type: mysql, container: 'Assets', [`${mysql}-HOSTMACHINE`]: 'AKwin2012r2', [`${mysql}-IPAddress`]: '10.211.98.98', [`${mysql}-InstancePortNumber`]: '5701' }
  ]
  // As the sample sends it: one line, the header says JSON.
  const ids = expectOk<string[]>(t, await postAssets(app, token, JSON.stringify(payload)))
  t.equal(new Set(ids).size, 6, 'six new GUIDs')
  const views = await Promise.all(ids.map(async (id) => (await get(app, token, `/ccs/api/v1/Assets/${id}`)).json() as { DisplayName: string, Type: unknown, Path: string }))
  t.strictSame(views.map((v) => v.DisplayName), ['MytestWinAsset7', '10.211.886.888', 'testredhatx86123', 'rhelx86789', 'MySQLHost1', 'AKwin2012r2'], 'in the order sent')
  t.strictSame(views.map((v) => v.Type), [
    { ID: '766bad07-34c2-4a80-83cc-0f2793fdcab8', Name: WNT_TYPE, DisplayName: 'Windows Machine' },
    { ID: '08ceac39-2904-4def-8f84-b683a749f9c5', Name: 'symc-csm-AssetSystem-Asset-Cisco-Router', DisplayName: 'Cisco Router' },
    { ID: '137a9777-53e8-4b43-bd76-3fb9854a9657', Name: mysql, DisplayName: 'MySQL Servers' },
    { ID: '97546792-56b0-4020-9d88-f8786371f2d9', Name: UNIX_TYPE, DisplayName: 'UNIX Machine' },
    { ID: '470b9805-d2d6-4877-bdc5-9a3ad035d259', Name: 'symc-csm-AssetSystem-Asset-Dbif-server', DisplayName: 'SQL Server' },
    { ID: '137a9777-53e8-4b43-bd76-3fb9854a9657', Name: mysql, DisplayName: 'MySQL Servers' }
  ], 'each a type CCS knows')
  const custom = expectOk<string[]>(t, await postAssets(app, token, [{ Type: 'symc-csm-AssetSystem-Asset-Oracle-Configured-Database', displayName: 'orcl-01' }]))
  t.strictSame((await get(app, token, `/ccs/api/v1/Assets/${custom[0] ?? ''}`)).json().Type, { ID: null, Name: 'symc-csm-AssetSystem-Asset-Oracle-Configured-Database', DisplayName: 'Oracle Configured Database' }, 'a type CCS does not know: its suffix')
  t.strictSame(views.map((v) => v.Path), ['Asset System', 'Asset System', 'Asset System', 'Asset System', 'Asset System', 'Asset System\\Assets'])
})

t.test('Json.NET binding: member names in any case, numbers and booleans as text, displayName and container forms', async (t) => {
  const { app, dataDir, clock } = await build(t)
  const token = await login(app)
  const ids = expectOk<string[]>(t, await postAssets(app, token, [
    { type: UNIX_TYPE, DisplayName: ' lab-new-01 ', CONTAINER: 'asset system/Unix//Linux/', rack: 42, monitored: true, 'note.x_y-z': null, WhenCreated: '2001-01-01' }
  ]))
  const created = formatDotNetDate(clock.now())
  const asset = (await storedCatalog(dataDir)).assets.find((a) => a.ID === ids[0])
  t.equal(asset?.DisplayName, 'lab-new-01', 'displayName trimmed')
  t.equal(asset?.Path, 'Asset System\\Unix\\Linux', 'container: either separator, the root optional, no empty segments')
  t.strictSame(asset?.Attributes.map((a) => [a.Name, a.Value]), [['displayName', 'lab-new-01'], ['whenCreated', created], ['whenChanged', created], ['rack', '42'], ['monitored', 'True']], 'null members dropped; whenCreated is the server\'s')
})

const VALIDATION: Array<{ name: string, payload: unknown, key: string, reason: string | RegExp }> = [
  { name: 'an object instead of a list', payload: SAMPLE_WINDOWS_ASSET, key: 'request', reason: /^Cannot deserialize the current JSON object .* Path ''\.$/ },
  { name: 'an empty list', payload: [], key: 'request', reason: 'At least one asset is required.' },
  { name: 'no body', payload: '', key: 'request', reason: 'The request body is required.' },
  { name: 'malformed JSON', payload: '[{"Type": }]', key: 'request', reason: /^The request body is not valid JSON: / },
  { name: 'no Type', payload: [{ [`${WNT_TYPE}-HostName`]: 'x' }], key: 'request[0].Type', reason: 'The Type field is required.' },
  { name: 'a blank Type', payload: [{ Type: '', [`${WNT_TYPE}-HostName`]: 'x' }], key: 'request[0].Type', reason: 'The Type field is required.' },
  { name: 'not an asset type', payload: [{ Type: 'symc-csm-AssetSystem-AssetGroup', displayName: 'x' }], key: 'request[0].Type', reason: "'symc-csm-AssetSystem-AssetGroup' is not an asset type; asset types start with 'symc-csm-AssetSystem-Asset-'." },
  { name: 'a list as an attribute value', payload: [SAMPLE_WINDOWS_ASSET, { Type: WNT_TYPE, displayName: 'y', roles: ['a'] }], key: 'request[1].roles', reason: /^Cannot deserialize the current JSON array .* Path '\[1\]\.roles'\.$/ },
  { name: 'no name for the asset', payload: [{ Type: WNT_TYPE, [`${WNT_TYPE}-DomainWorkgroupName`]: 'NewDomain', [`${WNT_TYPE}-HostName`]: ' ' }], key: 'request[0]', reason: 'The asset needs a displayName, or a HostName, HostMachine, ServerName or IPAddress attribute of its type.' },
  { name: 'another type\'s host name does not name it', payload: [{ Type: WNT_TYPE, [`${UNIX_TYPE}-HostMachine`]: 'h' }], key: 'request[0]', reason: /^The asset needs a displayName/ },
  { name: 'an attribute name the search language cannot name', payload: [{ Type: WNT_TYPE, displayName: 'z', 'cost centre': '7' }], key: 'request[0]', reason: "The attribute name 'cost centre' may contain only letters, digits, '_', '.' and '-'." },
  { name: 'an asset of that type and name exists (case-insensitive)', payload: [{ Type: UNIX_TYPE.toLowerCase(), displayName: 'DB2-PROD-01' }], key: 'request[0]', reason: "An asset of type 'symc-csm-assetsystem-asset-unix-machine' named 'DB2-PROD-01' already exists." },
  { name: 'the same asset twice in one request', payload: [SAMPLE_WINDOWS_ASSET, SAMPLE_WINDOWS_ASSET], key: 'request[1]', reason: `An asset of type '${WNT_TYPE}' named 'MyWinAsset' already exists.` }
]

t.test('POST assets validation: 400 in the Web API shape, one row per rule, nothing created', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  for (const row of VALIDATION) {
    await t.test(row.name, async (t) => {
      expectInvalidParam(t, await postAssets(app, token, row.payload), row.key, row.reason)
    })
  }
  t.equal((await storedCatalog(dataDir)).assets.length, ASSETS.length, 'no asset was created')
})

t.test('every failing item is reported at once', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const res = await postAssets(app, token, [{ Type: 'x', displayName: 'a' }, SAMPLE_WINDOWS_ASSET, { Type: WNT_TYPE }])
  t.equal(res.statusCode, 400)
  t.strictSame(Object.keys((res.json() as { ModelState: object }).ModelState), ['request[0].Type', 'request[2]'])
})

t.test('POST assets rights: 401 without a token, 403 without the tasks, folder rights over the target folder', async (t) => {
  const dirs = customFixtures(t, EXTRA_USERS)
  const { app, dataDir } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const unauthenticated = await postAssets(app, undefined, [SAMPLE_WINDOWS_ASSET])
  t.equal(unauthenticated.statusCode, 401)
  t.strictSame(unauthenticated.json(), DENIED)

  const auditor = await login(app, AUDITOR)
  const denied = await postAssets(app, auditor, 'not even JSON')
  t.equal(denied.statusCode, 403, 'View assets without Manage assets and asset groups: 403, before the body is read')
  t.strictSame(denied.json(), FORBIDDEN)
  t.equal((await postAssets(app, await login(app, NO_FOLDERS), [SAMPLE_WINDOWS_ASSET])).statusCode, 403, 'no folder in Asset System: 403')

  const unix = await login(app, UNIX_MANAGER)
  const outside = await postAssets(app, unix, [{ ...SAMPLE_WINDOWS_ASSET, container: 'Unix' }, { ...SAMPLE_WINDOWS_ASSET, displayName: 'at the root' }])
  t.equal(outside.statusCode, 403, 'one asset outside the caller\'s folders: 403 for all')
  t.strictSame(outside.json(), FORBIDDEN)
  const inside = expectOk<string[]>(t, await postAssets(app, unix, [{ ...SAMPLE_WINDOWS_ASSET, container: 'unix\\new hosts' }]))
  t.equal((await storedCatalog(dataDir)).assets.length, ASSETS.length + 1, 'only the permitted create was stored')
  t.equal((await get(app, unix, `/ccs/api/v1/Assets/${inside[0] as string}`)).statusCode, 200, 'the caller sees what it created')
})

t.test('DELETE assets: CRLF body, any GUID form; gone from reads, searches and asset groups; jobs keep naming them', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const db2 = GROUPS.find((g) => g.ID === DB2_GROUP)
  t.ok(db2?.Members.includes(UNIX_ASSET) && db2.Members.includes(UNIX_ASSET_2), 'both assets are DB2 group members')
  const both = `id = ${UNIX_ASSET} | id = ${UNIX_ASSET_2.toUpperCase()}`
  t.strictSame(await searchIds(app, token, both), [UNIX_ASSET, UNIX_ASSET_2], 'found before (and cached)')

  const res = await deleteAssets(app, token, `[\r\n  "${UNIX_ASSET.toUpperCase()}",\r\n  "{${UNIX_ASSET_2}}",\r\n  "${UNIX_ASSET}"\r\n]\r\n`)
  t.strictSame(expectOk<string[]>(t, res), [UNIX_ASSET, UNIX_ASSET_2], 'the deleted GUIDs, each once, lower-case')

  t.equal((await get(app, token, `/ccs/api/v1/Assets/${UNIX_ASSET}`)).statusCode, 404)
  t.strictSame(await searchIds(app, token, both), [], 'the cached search no longer finds them')
  const all = await searchIds(app, token, '')
  t.equal(all.length, ASSETS.length - 2)
  const group = expectOk<GroupBody>(t, await get(app, token, `/ccs/api/v1/AssetGroup/${DB2_GROUP}`))
  t.equal(group.MemberCount, (db2?.Members.length ?? 0) - 2, 'the DB2 group counts two members fewer')
  const members = expectOk<SearchBody>(t, await get(app, token, `/ccs/api/v1/AssetGroup/${DB2_GROUP}/Assets`))
  t.notOk(members.assetDataList.some((a) => a.Id === UNIX_ASSET || a.Id === UNIX_ASSET_2))

  const stored = await storedCatalog(dataDir)
  t.notOk(stored.assets.some((a) => a.ID === UNIX_ASSET || a.ID === UNIX_ASSET_2), 'gone from disk')
  t.notOk(stored.assetGroups.some((g) => g.Members.includes(UNIX_ASSET) || g.Members.includes(UNIX_ASSET_2)), 'gone from every group\'s Members on disk')
  t.strictSame(stored.assets.map((a) => a.ID), ASSETS.filter((a) => a.ID !== UNIX_ASSET && a.ID !== UNIX_ASSET_2).map((a) => a.ID), 'the rest keep their order')

  const job = expectOk<{ AssetsResolutionInfo: Array<{ Id: string }> }>(t, await get(app, token, '/ccs/api/v1/Jobs/a282d163-2248-4904-8135-0eaf08be8e55'))
  t.strictSame(job.AssetsResolutionInfo.map((a) => a.Id), [UNIX_ASSET, UNIX_ASSET_2, SAMPLE_RESULTS_ASSET], 'a job naming them is left as it was')
})

t.test('DELETE assets validation: all or nothing', async (t) => {
  const dirs = customFixtures(t, EXTRA_USERS)
  const { app, dataDir } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const token = await login(app)
  const unknown = 'd387d8b5-6278-4bcb-83c7-b55d2072d2a9'
  const rows: Array<{ name: string, payload: unknown, key: string, reason: string | RegExp, as?: typeof ADMIN }> = [
    { name: 'an unknown ID: 400 naming it', payload: [UNIX_ASSET, unknown], key: 'request[1]', reason: `No asset with ID '${unknown}' exists.` },
    { name: 'not a GUID', payload: [UNIX_ASSET, 'db2-prod-01'], key: 'request[1]', reason: 'Error converting value "db2-prod-01" to type \'System.Guid\'. Path \'[1]\'.' },
    { name: 'an empty list', payload: [], key: 'request', reason: 'At least one asset ID is required.' },
    { name: 'the body "\\r"', payload: '\r', key: 'request', reason: 'The request body is required.' },
    { name: 'an object', payload: { AssetIds: [UNIX_ASSET] }, key: 'request', reason: /^Cannot deserialize the current JSON object/ },
    { name: 'an asset outside the caller\'s folders is unknown to it', payload: [WINDOWS_ASSET], key: 'request[0]', reason: `No asset with ID '${WINDOWS_ASSET}' exists.`, as: UNIX_MANAGER }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const caller = row.as === undefined ? token : await login(app, row.as)
      expectInvalidParam(t, await deleteAssets(app, caller, row.payload), row.key, row.reason)
    })
  }
  t.equal((await storedCatalog(dataDir)).assets.length, ASSETS.length, 'nothing was deleted')
  t.equal((await get(app, token, `/ccs/api/v1/Assets/${UNIX_ASSET}`)).statusCode, 200)
})

t.test('DELETE assets rights: 401, 403 without the tasks', async (t) => {
  const { app } = await build(t)
  t.equal((await deleteAssets(app, undefined, [UNIX_ASSET])).statusCode, 401)
  const res = await deleteAssets(app, await login(app, AUDITOR), [UNIX_ASSET])
  t.equal(res.statusCode, 403)
  t.strictSame(res.json(), FORBIDDEN)
  t.equal((await get(app, await login(app), `/ccs/api/v1/Assets/${UNIX_ASSET}`)).statusCode, 200, 'still there')
})

t.test('creates and deletes survive a restart on the same data dir; the fixtures are not seeded again', async (t) => {
  const first = await build(t)
  let token = await login(first.app)
  const [created] = expectOk<string[]>(t, await postAssets(first.app, token, [SAMPLE_WINDOWS_ASSET]))
  expectOk(t, await deleteAssets(first.app, token, [UNIX_ASSET]))
  await first.app.close()

  const second = await build(t, {}, first.dataDir)
  token = await login(second.app)
  t.equal((await get(second.app, token, `/ccs/api/v1/Assets/${created as string}`)).statusCode, 200, 'the created asset is back')
  t.equal((await get(second.app, token, `/ccs/api/v1/Assets/${UNIX_ASSET}`)).statusCode, 404, 'the deleted one stays deleted')
  t.strictSame(await searchIds(second.app, token, 'displayName = MyWinAsset'), [created])
  const group = expectOk<GroupBody>(t, await get(second.app, token, `/ccs/api/v1/AssetGroup/${DB2_GROUP}`))
  t.equal(group.MemberCount, (GROUPS.find((g) => g.ID === DB2_GROUP)?.Members.length ?? 0) - 1)
  expectInvalidParam(t, await postAssets(second.app, token, [SAMPLE_WINDOWS_ASSET]), 'request[0]', /already exists/)
})

t.test('concurrent creates of one asset: exactly one wins', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const results = await Promise.all(Array.from({ length: 10 }, async () => await postAssets(app, token, [SAMPLE_WINDOWS_ASSET])))
  t.strictSame(results.map((r) => r.statusCode).sort(), [200, 400, 400, 400, 400, 400, 400, 400, 400, 400])
  t.equal((await storedCatalog(dataDir)).assets.filter((a) => a.DisplayName === 'MyWinAsset').length, 1)
})
