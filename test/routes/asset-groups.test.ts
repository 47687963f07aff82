// GET /ccs/api/v1/AssetGroup, AssetGroup/{id} and AssetGroup/{id}/Assets (spec §6), through folder rights (spec §4).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import type { Asset, AssetGroup, User } from '../../src/schemas/catalog.js'
import { ADMIN, AUDITOR, build, DB2_GROUP, login, SCANNER, UNIX_ASSET } from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { customFixtures as copyFixtures, DENIED, expectInvalidParam, expectOk, fixture, FORBIDDEN, get, UNIX_ADMIN, searchUrl } from '../helpers/read-api.js'

const customFixtures = (t: Test, extraUsers: User[], extraGroups: AssetGroup[] = []): { fixtures: string, data: string } =>
  copyFixtures(t, extraUsers, { 'asset-groups.json': [...GROUPS, ...extraGroups] })

const ASSETS = fixture<Asset[]>('assets.json')
const GROUPS = fixture<AssetGroup[]>('asset-groups.json')
const NO_ASSETS = { username: 'domain1\\standardsonly', password: 'std@123' }
const UNKNOWN = '00000000-0000-4000-8000-000000000001'
const GROUP_KEYS = ['Id', 'DisplayName', 'Type', 'Path', 'Description', 'MemberCount']

interface GroupView { Id: string, DisplayName: string, Type: string, Path: string, Description: string, MemberCount: number }
interface GroupSearchBody { assetGroupDataList: GroupView[], TotalPages: number }
interface AssetListBody {
  assetDataList: Array<{ Id: string, DisplayName: string, Type: string, Path: string, Attributes: Asset['Attributes'] }>
  TotalPages: number
}

const lower = (s: string): string => s.toLowerCase()
const ids = (items: ReadonlyArray<{ ID: string }>): string[] => items.map((i) => i.ID)
const view = (g: AssetGroup): GroupView => ({ Id: g.ID, DisplayName: g.DisplayName, Type: g.Type, Path: g.Path, Description: g.Description, MemberCount: g.Members.length })
const assetItem = (a: Asset): AssetListBody['assetDataList'][number] => ({ Id: a.ID, DisplayName: a.DisplayName, Type: a.Type, Path: a.Path, Attributes: a.Attributes })
const assetById = (id: string): Asset => {
  const asset = ASSETS.find((a) => lower(a.ID) === lower(id))
  if (asset === undefined) throw new Error(`fixture asset ${id} missing`)
  return asset
}
/** A group's members, in its Members order, as fixture assets. */
const members = (g: AssetGroup): Asset[] => g.Members.map(assetById)
const groupById = (id: string): AssetGroup => GROUPS.find((g) => g.ID === id) as AssetGroup
const enc = encodeURIComponent





const search = async (app: FastifyInstance, token: string, query: string): Promise<LightMyRequestResponse> =>
  await get(app, token, searchUrl('/ccs/api/v1/AssetGroup', query))

t.test('the fixtures hold what these tests need', async (t) => {
  t.ok(GROUPS.length > 2, 'more than two groups, so paging has pages')
  t.ok(GROUPS.some((g) => g.ID === DB2_GROUP && /^All DB2 /.test(g.DisplayName)), 'the vendor sample group exists with a name matching "All DB2 *"')
  t.ok(GROUPS.every((g) => g.Members.every((m) => ASSETS.some((a) => lower(a.ID) === lower(m)))), 'every member is a fixture asset')
  t.ok(GROUPS.every((g) => lower(g.Path).startsWith('asset system\\asset groups')), 'every group sits under Asset System\\Asset Groups')
  const big = GROUPS.find((g) => g.Members.length >= 5)
  t.ok(big, 'a group with at least 5 members, for member paging')
})

t.test('search response shape: every group, in fixture order', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const res = await search(app, token, 'pagesize=1000')
  const body = expectOk<GroupSearchBody>(t, res)
  t.strictSame(Object.keys(body).sort(), ['TotalPages', 'assetGroupDataList'])
  t.equal(body.TotalPages, 1)
  t.strictSame(body.assetGroupDataList, GROUPS.map(view))
  for (const item of body.assetGroupDataList) t.strictSame(Object.keys(item), GROUP_KEYS, `${item.DisplayName}: exactly these keys`)
  t.notMatch(res.body, /"Members"/, 'the member list never leaks')
})

t.test('Attributes queries against the fixtures', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const by = (test: (g: AssetGroup) => boolean): AssetGroup[] => GROUPS.filter(test)
  const allStar = by((g) => /^all db2 .*$/i.test(g.DisplayName))
  t.strictSame(ids(allStar), [DB2_GROUP], 'the vendor sample matches exactly the DB2 group')
  const rows: Array<{ name: string, query: string, expected: AssetGroup[] }> = [
    { name: 'the vendor sample: displayName = All DB2 * (spaces as %20)', query: `Attributes=${enc('displayName = All DB2 *')}`, expected: allStar },
    { name: 'the vendor sample with + for spaces', query: 'Attributes=displayName+=+All+DB2+*', expected: allStar },
    { name: 'the vendor sample in parentheses, lower-case value', query: `Attributes=${enc('(displayName = all db2 *)')}`, expected: allStar },
    { name: '= without a wildcard is exact', query: `Attributes=${enc('(displayName = All DB2)')}`, expected: [] },
    { name: 'StartsWith All', query: `Attributes=${enc('(displayName StartsWith All)')}`, expected: by((g) => lower(g.DisplayName).startsWith('all')) },
    { name: 'Contains servers', query: `Attributes=${enc('(displayName Contains servers)')}`, expected: by((g) => lower(g.DisplayName).includes('servers')) },
    { name: 'description Contains web', query: `Attributes=${enc('(description Contains web)')}`, expected: by((g) => lower(g.Description).includes('web')) },
    { name: 'id = <DB2 group, upper case>', query: `Attributes=${enc(`(id = ${DB2_GROUP.toUpperCase()})`)}`, expected: by((g) => g.ID === DB2_GROUP) },
    {
      name: '| is OR',
      query: `Attributes=${enc('(displayName = Web Tier) | (displayName = PCI Scope)')}`,
      expected: by((g) => ['web tier', 'pci scope'].includes(lower(g.DisplayName)))
    },
    {
      name: ', is AND',
      query: `Attributes=${enc('(displayName StartsWith All), (displayName Contains Unix)')}`,
      expected: by((g) => lower(g.DisplayName).startsWith('all') && lower(g.DisplayName).includes('unix'))
    },
    { name: 'a member attribute is not a group attribute', query: `Attributes=${enc('(symc-csm-AssetSystem-Asset-Unix-Machine-OSSystem = Linux)')}`, expected: [] },
    { name: 'the parameter name is case-insensitive', query: `attributes=${enc('displayName = All DB2 *')}`, expected: allStar },
    { name: 'ContainerPath of the groups folder', query: `ContainerPath=${enc('asset system\\asset groups')}&SearchSubTree=false`, expected: GROUPS },
    { name: 'ContainerPath elsewhere', query: `ContainerPath=${enc('Asset System\\Unix')}`, expected: [] },
    { name: 'an empty query matches everything', query: 'Attributes=', expected: GROUPS }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const body = expectOk<GroupSearchBody>(t, await search(app, token, `${row.query}&pagesize=1000`))
      t.strictSame(body.assetGroupDataList.map((g) => g.Id), ids(row.expected), `${row.expected.length} groups`)
      t.equal(body.TotalPages, row.expected.length === 0 ? 0 : 1)
    })
  }
  await t.test('the OR and AND rows are not trivial', async (t) => {
    t.equal(by((g) => ['web tier', 'pci scope'].includes(lower(g.DisplayName))).length, 2)
    t.equal(by((g) => lower(g.DisplayName).startsWith('all') && lower(g.DisplayName).includes('unix')).length, 1)
  })
})

t.test('search paging', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const all = ids(GROUPS)
  for (const pagesize of [1, 2, 4, all.length]) {
    await t.test(`pagesize ${pagesize}`, async (t) => {
      const pages = Math.ceil(all.length / pagesize)
      const seen: string[] = []
      for (let page = 0; page <= pages; page++) {
        const body = expectOk<GroupSearchBody>(t, await search(app, token, `page=${page}&pagesize=${pagesize}`))
        t.equal(body.TotalPages, pages, `page ${page}: TotalPages`)
        t.strictSame(body.assetGroupDataList.map((g) => g.Id), all.slice(page * pagesize, (page + 1) * pagesize), `page ${page}`)
        seen.push(...body.assetGroupDataList.map((g) => g.Id))
      }
      t.strictSame(seen, all, 'every group exactly once; the page past the end is empty')
    })
  }
  await t.test('Page / PAGESIZE in any case', async (t) => {
    const body = expectOk<GroupSearchBody>(t, await search(app, token, 'Page=1&PAGESIZE=2'))
    t.strictSame(body.assetGroupDataList.map((g) => g.Id), all.slice(2, 4))
    t.equal(body.TotalPages, Math.ceil(all.length / 2))
  })
  await t.test('defaults: page 0, 100 per page', async (t) => {
    const body = expectOk<GroupSearchBody>(t, await search(app, token, ''))
    t.strictSame(body.assetGroupDataList.map((g) => g.Id), all.slice(0, 100))
    t.equal(body.TotalPages, Math.ceil(all.length / 100))
  })
  await t.test('pagesize 0: 400 naming pagesize', async (t) => {
    expectInvalidParam(t, await search(app, token, 'pagesize=0'), 'pagesize', 'The field pagesize must be between 1 and 1000.')
  })
})

t.test('malformed Attributes: 400 naming Attributes', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const rows: Array<[string, string, string | RegExp]> = [
    ['unbalanced parenthesis', '(displayName = All DB2 *', 'Unbalanced parenthesis at position 0.'],
    ['operator in lower case', '(displayName contains DB2)', "Unknown operator 'contains' at position 13; operators are case-sensitive: =, Contains, StartsWith."],
    ['no value', '(displayName =)', /at position 14\b/]
  ]
  for (const [name, attributes, reason] of rows) {
    await t.test(name, async (t) => { expectInvalidParam(t, await search(app, token, `Attributes=${enc(attributes)}`), 'Attributes', reason) })
  }
  await t.test('lower-case parameter name still reports under Attributes', async (t) => {
    expectInvalidParam(t, await search(app, token, `attributes=${enc('(displayName')}`), 'Attributes', /position/)
  })
})

t.test('GET AssetGroup/{id}', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const db2 = view(groupById(DB2_GROUP))
  const found: Array<[string, string]> = [
    ['lower case', DB2_GROUP],
    ['upper case', DB2_GROUP.toUpperCase()],
    ['braces', `{${DB2_GROUP}}`],
    ['32 hex digits', DB2_GROUP.replace(/-/g, '')]
  ]
  for (const [name, id] of found) {
    await t.test(`by ID in ${name}`, async (t) => {
      const body = expectOk<GroupView>(t, await get(app, token, `/ccs/api/v1/AssetGroup/${enc(id)}`))
      t.strictSame(body, db2)
      t.strictSame(Object.keys(body), GROUP_KEYS)
    })
  }
  await t.test('route case: /CCS/API/V1/assetgroup/{ID}', async (t) => {
    const body = expectOk<GroupView>(t, await get(app, token, `/CCS/API/V1/assetgroup/${DB2_GROUP.toUpperCase()}`))
    t.equal(body.Id, DB2_GROUP)
  })
  await t.test('every fixture group reads back with its MemberCount', async (t) => {
    for (const group of GROUPS) {
      t.strictSame((await get(app, token, `/ccs/api/v1/AssetGroup/${group.ID}`)).json(), view(group), group.DisplayName)
    }
  })
  await t.test('unknown GUID: 404 with the ID', async (t) => {
    const res = await get(app, token, `/ccs/api/v1/AssetGroup/${UNKNOWN}`)
    t.equal(res.statusCode, 404)
    t.equal(res.headers['content-type'], JSON_UTF8)
    t.strictSame(res.json(), { Message: `No asset group with ID '${UNKNOWN}' exists.` })
  })
  await t.test('an asset GUID is not an asset group', async (t) => {
    const res = await get(app, token, `/ccs/api/v1/AssetGroup/${UNIX_ASSET}`)
    t.equal(res.statusCode, 404)
    t.strictSame(res.json(), { Message: `No asset group with ID '${UNIX_ASSET}' exists.` })
  })
  for (const bad of ['not-a-guid', '12345', `${DB2_GROUP}0`, DB2_GROUP.slice(0, -1)]) {
    await t.test(`non-GUID ${bad}: 400 naming id`, async (t) => {
      expectInvalidParam(t, await get(app, token, `/ccs/api/v1/AssetGroup/${bad}`), 'id', `Error converting value "${bad}" to type 'System.Guid'. Path 'id'.`)
    })
  }
})

t.test('GET AssetGroup/{id}/Assets', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const assetsOf = async (t: Test, id: string, query = ''): Promise<AssetListBody> =>
    expectOk<AssetListBody>(t, await get(app, token, `/ccs/api/v1/AssetGroup/${id}/Assets${query === '' ? '' : `?${query}`}`))

  for (const group of GROUPS) {
    await t.test(`${group.DisplayName}: every member, in the group's order`, async (t) => {
      const body = await assetsOf(t, group.ID, 'Pagesize=1000')
      t.strictSame(Object.keys(body).sort(), ['TotalPages', 'assetDataList'])
      t.strictSame(body.assetDataList, members(group).map(assetItem))
      t.equal(body.TotalPages, group.Members.length === 0 ? 0 : 1)
      for (const item of body.assetDataList) t.strictSame(Object.keys(item), ['Id', 'DisplayName', 'Type', 'Path', 'Attributes'])
      t.notMatch(JSON.stringify(body), /Simulation/)
    })
  }

  const big = GROUPS.reduce((a, b) => (b.Members.length > a.Members.length ? b : a))
  const all = big.Members.map((m) => assetById(m).ID)
  for (const pagesize of [1, 3, 5, all.length]) {
    await t.test(`${big.DisplayName}, Page/Pagesize ${pagesize}: the pages partition the members`, async (t) => {
      const pages = Math.ceil(all.length / pagesize)
      const seen: string[] = []
      for (let page = 0; page <= pages; page++) {
        const body = await assetsOf(t, big.ID, `Page=${page}&Pagesize=${pagesize}`)
        t.equal(body.TotalPages, pages, `page ${page}: TotalPages`)
        t.strictSame(body.assetDataList.map((a) => a.Id), all.slice(page * pagesize, (page + 1) * pagesize), `page ${page}`)
        seen.push(...body.assetDataList.map((a) => a.Id))
      }
      t.strictSame(seen, all, 'every member exactly once; the page past the end is empty')
    })
  }

  const casings: Array<[string, string]> = [['page/pagesize', 'page=1&pagesize=3'], ['PAGE/PAGESIZE', 'PAGE=1&PAGESIZE=3'], ['Page/PageSize', 'Page=1&PageSize=3']]
  for (const [name, query] of casings) {
    await t.test(`parameter names in any case: ${name}`, async (t) => {
      const body = await assetsOf(t, big.ID, query)
      t.strictSame(body.assetDataList.map((a) => a.Id), all.slice(3, 6))
      t.equal(body.TotalPages, Math.ceil(all.length / 3))
    })
  }

  await t.test('default page size is 100', async (t) => {
    const body = await assetsOf(t, big.ID)
    t.strictSame(body.assetDataList.map((a) => a.Id), all.slice(0, 100))
    t.equal(body.TotalPages, Math.ceil(all.length / 100))
  })

  await t.test('upper-case GUID and route', async (t) => {
    const body = expectOk<AssetListBody>(t, await get(app, token, `/CCS/API/V1/ASSETGROUP/${DB2_GROUP.toUpperCase()}/ASSETS`))
    t.strictSame(body.assetDataList.map((a) => a.Id), groupById(DB2_GROUP).Members)
  })

  await t.test('unknown group: 404 with the ID', async (t) => {
    const res = await get(app, token, `/ccs/api/v1/AssetGroup/${UNKNOWN}/Assets`)
    t.equal(res.statusCode, 404)
    t.strictSame(res.json(), { Message: `No asset group with ID '${UNKNOWN}' exists.` })
  })

  await t.test('non-GUID: 400 naming id', async (t) => {
    expectInvalidParam(t, await get(app, token, '/ccs/api/v1/AssetGroup/not-a-guid/Assets'), 'id', 'Error converting value "not-a-guid" to type \'System.Guid\'. Path \'id\'.')
  })

  const invalid: Array<[string, string, string, string]> = [
    ['Pagesize 0', 'Pagesize=0', 'pagesize', 'The field pagesize must be between 1 and 1000.'],
    ['pagesize 1001', 'pagesize=1001', 'pagesize', 'The field pagesize must be between 1 and 1000.'],
    ['Page -1', 'Page=-1', 'page', 'The field page must be greater than or equal to 0.'],
    ['Page not a number', 'Page=x', 'page', "Could not convert string to integer: x. Path 'page'."]
  ]
  for (const [name, query, key, reason] of invalid) {
    await t.test(`${name}: 400 naming ${key}`, async (t) => {
      expectInvalidParam(t, await get(app, token, `/ccs/api/v1/AssetGroup/${DB2_GROUP}/Assets?${query}`), key, reason)
    })
  }
})

t.test('members come in the group\'s Members order, not the fixture order (custom group)', async (t) => {
  // Every default group happens to list its members in fixture order, so a group
  // with a shuffled member list is needed for the order assertion to bite.
  const shuffled = [ASSETS[5], ASSETS[0], ASSETS[ASSETS.length - 1], ASSETS[2], ASSETS[1]].map((a) => (a as Asset).ID)
  const group: AssetGroup = { ID: 'a0a0a0a0-1111-4222-8333-444455556666', DisplayName: 'Shuffled', Type: 'symc-csm-AssetSystem-AssetGroup', Path: 'Asset System\\Asset Groups', Description: 'test', Members: shuffled }
  t.not(shuffled.join(), ids(ASSETS.filter((a) => shuffled.includes(a.ID))).join(), 'the member order differs from the fixture order')
  const dirs = customFixtures(t, [], [group])
  const { app } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const token = await login(app)
  const body = expectOk<AssetListBody>(t, await get(app, token, `/ccs/api/v1/AssetGroup/${group.ID}/Assets`))
  t.strictSame(body.assetDataList.map((a) => a.Id), shuffled)
  t.equal(body.TotalPages, 1)
  const page = expectOk<AssetListBody>(t, await get(app, token, `/ccs/api/v1/AssetGroup/${group.ID}/Assets?Page=1&Pagesize=2`))
  t.strictSame(page.assetDataList.map((a) => a.Id), shuffled.slice(2, 4))
  t.equal(page.TotalPages, 3)
  const found = expectOk<GroupSearchBody>(t, await search(app, token, `Attributes=${enc('displayName = Shuffled')}`))
  t.strictSame(found.assetGroupDataList, [view(group)])
})

t.test('members outside the caller\'s folder rights are left out (custom group unixadmin can see)', async (t) => {
  const unixMembers = ASSETS.filter((a) => lower(a.Path).startsWith('asset system\\unix\\')).slice(0, 3)
  const windowsMembers = ASSETS.filter((a) => lower(a.Path).startsWith('asset system\\windows\\')).slice(0, 2)
  const mixed = [windowsMembers[0], unixMembers[0], unixMembers[1], windowsMembers[1], unixMembers[2]].map((a) => (a as Asset).ID)
  t.equal(mixed.length, 5)
  const group: AssetGroup = { ID: 'b1b1b1b1-1111-4222-8333-444455556666', DisplayName: 'Mixed', Type: 'symc-csm-AssetSystem-AssetGroup', Path: 'Asset System\\Unix\\Groups', Description: 'test', Members: mixed }
  const dirs = customFixtures(t, [], [group])
  const { app } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const unixToken = await login(app, UNIX_ADMIN)
  const visible = ids(unixMembers.slice(0, 2)).concat(ids(unixMembers.slice(2)))
  const found = expectOk<GroupSearchBody>(t, await search(app, unixToken, 'pagesize=1000'))
  t.strictSame(found.assetGroupDataList.map((g) => g.Id), [group.ID], 'unixadmin sees only the group inside its rights')
  t.equal(found.assetGroupDataList[0]?.MemberCount, visible.length, 'MemberCount counts only the members unixadmin may see')
  // Get Asset Group Details names the Asset System folder itself: a sub-folder is not enough (vendor page).
  t.strictSame((await get(app, unixToken, `/ccs/api/v1/AssetGroup/${group.ID}`)).json(), FORBIDDEN, 'by ID: 403')
  const body = expectOk<AssetListBody>(t, await get(app, unixToken, `/ccs/api/v1/AssetGroup/${group.ID}/Assets`))
  t.strictSame(body.assetDataList.map((a) => a.Id), visible, 'only the Unix members, in member order')
  t.equal(body.TotalPages, 1)
  const paged = expectOk<AssetListBody>(t, await get(app, unixToken, `/ccs/api/v1/AssetGroup/${group.ID}/Assets?Pagesize=2`))
  t.equal(paged.TotalPages, 2, 'TotalPages counts only the visible members')
  const adminToken = await login(app)
  const all = expectOk<AssetListBody>(t, await get(app, adminToken, `/ccs/api/v1/AssetGroup/${group.ID}/Assets`))
  t.strictSame(all.assetDataList.map((a) => a.Id), mixed, 'the administrator sees every member')
  t.equal(expectOk<GroupView>(t, await get(app, adminToken, `/ccs/api/v1/AssetGroup/${group.ID}`)).MemberCount, mixed.length, 'and counts every member')
})

t.test('rights', async (t) => {
  const dirs = customFixtures(t, [{ UserName: NO_ASSETS.username, Password: NO_ASSETS.password, Tasks: ['View standards', 'Manage jobs', 'View all jobs'], Folders: ['Asset System', 'Standards'] }])
  const { app } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const urls = ['/ccs/api/v1/AssetGroup?Attributes=', `/ccs/api/v1/AssetGroup?Attributes=${enc('displayName = All DB2 *')}`, `/ccs/api/v1/AssetGroup/${DB2_GROUP}`, `/ccs/api/v1/AssetGroup/${DB2_GROUP}/Assets`]

  await t.test('unixadmin (only Asset System\\Unix): the groups under Asset System\\Asset Groups are invisible', async (t) => {
    const token = await login(app, UNIX_ADMIN)
    const all = expectOk<GroupSearchBody>(t, await search(app, token, 'pagesize=1000'))
    t.strictSame(all, { assetGroupDataList: [], TotalPages: 0 })
    const sample = expectOk<GroupSearchBody>(t, await search(app, token, `Attributes=${enc('displayName = All DB2 *')}`))
    t.strictSame(sample, { assetGroupDataList: [], TotalPages: 0 })
    for (const group of GROUPS) {
      const url = `/ccs/api/v1/AssetGroup/${group.ID}/Assets`
      const res = await get(app, token, url)
      t.equal(res.statusCode, 404, url)
      t.strictSame(res.json(), { Message: `No asset group with ID '${group.ID}' exists.` }, `${url}: indistinguishable from an unknown ID`)
      t.strictSame((await get(app, token, `/ccs/api/v1/AssetGroup/${group.ID}`)).json(), FORBIDDEN, 'by ID: 403, the page names the whole Asset System folder')
    }
  })

  for (const [name, credentials] of [['administrator', ADMIN], ['auditor', AUDITOR], ['scanner', SCANNER]] as const) {
    await t.test(`${name}: sees every group and its members`, async (t) => {
      const token = await login(app, credentials)
      const body = expectOk<GroupSearchBody>(t, await search(app, token, 'pagesize=1000'))
      t.strictSame(body.assetGroupDataList.map((g) => g.Id), ids(GROUPS))
      const db2 = expectOk<AssetListBody>(t, await get(app, token, `/ccs/api/v1/AssetGroup/${DB2_GROUP}/Assets`))
      t.strictSame(db2.assetDataList.map((a) => a.Id), groupById(DB2_GROUP).Members)
    })
  }

  await t.test('a user without View assets: 403 on every route, even with a bad id', async (t) => {
    const token = await login(app, NO_ASSETS)
    for (const url of [...urls, '/ccs/api/v1/AssetGroup/not-a-guid', '/ccs/api/v1/AssetGroup/not-a-guid/Assets', `/ccs/api/v1/AssetGroup?Attributes=${enc('(')}`]) {
      const res = await get(app, token, url)
      t.equal(res.statusCode, 403, url)
      t.strictSame(res.json(), FORBIDDEN, url)
    }
  })

  await t.test('401 without a valid token, on every route', async (t) => {
    for (const url of [...urls, '/ccs/api/v1/AssetGroup/not-a-guid', `/ccs/api/v1/AssetGroup?Attributes=${enc('(')}`]) {
      for (const token of [undefined, 'not-a-token']) {
        const res = await get(app, token, url)
        t.equal(res.statusCode, 401, `${url} (${token ?? 'no token'})`)
        t.equal(res.headers['www-authenticate'], 'Bearer')
        t.strictSame(res.json(), DENIED)
      }
    }
  })
})
