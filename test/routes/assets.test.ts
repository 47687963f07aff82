// GET /ccs/api/v1/Assets (search) and GET /ccs/api/v1/Assets/{id} (spec §6), through folder rights (spec §4).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'
import type { Asset } from '../../src/schemas/catalog.js'
import type { JobRun } from '../../src/schemas/run.js'
import { ADMIN, AUDITOR, build, jobPayload, login, postJob, RHEL_STANDARD, SAMPLE_RESULTS_ASSET, SCANNER, UNIX_ASSET, UNIX_ASSET_2, UNIX_TYPE, WINDOWS_ASSET, WINDOWS_TYPE as WNT_TYPE } from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { customFixtures, DENIED, expectInvalidParam, expectOk, fixture, FORBIDDEN, get, UNIX_ADMIN, searchUrl } from '../helpers/read-api.js'

const ASSETS = fixture<Asset[]>('assets.json')
const NO_ASSETS = { username: 'domain1\\jobsonly', password: 'jobs@123' }

interface SearchBody {
  assetDataList: Array<{ Id: string, DisplayName: string, Type: string, Path: string, Attributes: Asset['Attributes'] }>
  TotalPages: number
}

/** The fixture assets whose attribute `name` (case-insensitive) has a value satisfying `test`. */
function withAttribute (name: string, test: (value: string) => boolean): Asset[] {
  return ASSETS.filter((a) => a.Attributes.some((attr) =>
    attr.Name.toLowerCase() === name.toLowerCase() && (attr.IsMultiValued ? attr.Values : [attr.Value]).some(test)))
}

const ids = (assets: readonly Asset[]): string[] => assets.map((a) => a.ID)
const lower = (s: string): string => s.toLowerCase()
const under = (prefix: string) => (a: Asset): boolean => lower(a.Path) === lower(prefix) || lower(a.Path).startsWith(`${lower(prefix)}\\`)



/** GET Assets with a raw query string (already URL-encoded where needed). */
async function search (app: FastifyInstance, token: string, query: string): Promise<LightMyRequestResponse> {
  return await get(app, token, searchUrl('/ccs/api/v1/Assets', query))
}



const enc = encodeURIComponent
const SCORES = ['EvaluatedComplianceScores', 'EvaluatedRiskScores', 'MaxRiskScores'].map((s) => `symc-csm-AssetSystem-Asset-AssetBase-${s}`) as [string, string, string]
/** Each fixture asset type as `GET Assets/{id}` shows it. */
const TYPE_VIEWS: Record<string, { ID: string, Name: string, DisplayName: string }> = Object.fromEntries(([
  [UNIX_TYPE, 'UNIX Machine', '97546792-56b0-4020-9d88-f8786371f2d9'],
  [WNT_TYPE, 'Windows Machine', '766bad07-34c2-4a80-83cc-0f2793fdcab8'],
  ['symc-csm-AssetSystem-Asset-Dbif-server', 'SQL Server', '470b9805-d2d6-4877-bdc5-9a3ad035d259'],
  ['symc-csm-AssetSystem-Asset-Unix-MySQL-Servers', 'MySQL Servers', '137a9777-53e8-4b43-bd76-3fb9854a9657'],
  ['symc-csm-AssetSystem-Asset-Cisco-Router', 'Cisco Router', '08ceac39-2904-4def-8f84-b683a749f9c5']
] as const).map(([Name, DisplayName, ID]) => [Name, { ID, Name, DisplayName }]))
type Scores = [number, number, number]
const RISK: Record<string, number> = { High: 7, Medium: 4, Low: 1 }
/** win-app-02: the checkidlist sample's asset, evaluated by the Windows fixture run. */
const CHECKLIST_ASSET = 'df8ce907-7c21-46d7-9372-79a5f5736088'
const CORP_LINUX = 'c0b5a644-1aa1-4972-8f53-6c77cb3153a3'

/** `GET Assets/{id}` of a fixture asset with these scores (its Type as the API shows it). */
function viewOf (asset: Asset, scores: Scores): Record<string, unknown> {
  return {
    DisplayName: asset.DisplayName,
    ID: asset.ID,
    Type: TYPE_VIEWS[asset.Type],
    Path: asset.Path,
    Attributes: [...asset.Attributes, ...SCORES.map((Name, i) => ({ Name, Value: String(scores[i]), Values: [], IsMultiValued: false }))],
    [SCORES[0] as string]: scores[0],
    [SCORES[1] as string]: scores[1],
    [SCORES[2] as string]: scores[2]
  }
}

/**
 * The scores an asset's latest results give, worked out from the stored evaluations that
 * the control plane's snapshot shows (`POST Results` answers in a shape of its own).
 */
async function scoresFromResults (app: FastifyInstance, _token: string, assetId: string, standards: string[]): Promise<Scores> {
  const snapshot = (await app.inject({ url: '/__admin/state' })).json() as { data: { runs: JobRun[] } }
  const results = snapshot.data.runs.flatMap((run) => run.results).filter((r) => r.AssetID === assetId)
  let compliance = 0
  let risk = 0
  let maxRisk = 0
  for (const standardId of standards) {
    const latest = results.filter((r) => r.StandardID === standardId).sort((a, b) => a.EvaluationDate.localeCompare(b.EvaluationDate)).at(-1)
    if (latest === undefined) throw new Error(`no evaluation of ${standardId} on ${assetId}`)
    compliance += latest.Score / standards.length
    for (const check of latest.Checks) {
      if (check.Outcome === 'Failed') risk += RISK[check.Severity] ?? 0
      if (check.Outcome === 'Failed' || check.Outcome === 'Passed') maxRisk += RISK[check.Severity] ?? 0
    }
  }
  return [Math.round(compliance * 10) / 10, risk, maxRisk]
}
const BASE = 'symc-csm-AssetSystem-Asset-AssetBase'
/** The Database Administration department's assets: on Unix, Windows and database servers. */
const DBA_QUERY = `(${BASE}-Department = Database Administration)`
const DBA = (): Asset[] => withAttribute(`${BASE}-Department`, (v) => v === 'Database Administration')

t.test('the fixtures hold what these tests need', async (t) => {
  // Guards against a fixture edit silently making the rows below vacuous.
  t.ok(ASSETS.length > 2, 'more than two assets, so paging has pages')
  t.ok(ASSETS.some(under('Asset System\\Windows')), 'Windows assets exist')
  t.ok(ASSETS.some(under('Asset System\\Unix')), 'Unix assets exist')
  t.ok(ASSETS.every((a) => !ASSETS.some((b) => b !== a && lower(b.ID) === lower(a.ID))), 'IDs are unique')
})

t.test('search response shape: every asset, in fixture order, as {Id, DisplayName, Type, Path, Attributes}', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const res = await search(app, token, 'pagesize=1000')
  const body = expectOk<SearchBody>(t, res)
  t.strictSame(Object.keys(body).sort(), ['TotalPages', 'assetDataList'])
  t.equal(body.TotalPages, 1)
  t.strictSame(body.assetDataList, ASSETS.map((a) => ({ Id: a.ID, DisplayName: a.DisplayName, Type: a.Type, Path: a.Path, Attributes: a.Attributes })))
  for (const item of body.assetDataList) {
    t.strictSame(Object.keys(item), ['Id', 'DisplayName', 'Type', 'Path', 'Attributes'], `${item.DisplayName}: exactly these keys`)
    for (const attr of item.Attributes) t.strictSame(Object.keys(attr).sort(), ['IsMultiValued', 'Name', 'Value', 'Values'])
  }
  t.notMatch(res.body, /Simulation|AgentBased|Reachable|Profile/, 'the simulation settings never leak')
})

t.test('Attributes queries against the fixtures', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const db2 = withAttribute('displayName', (v) => lower(v).startsWith('db2'))
  t.ok(db2.length >= 2, 'there are DB2 assets')
  const rows: Array<{ name: string, attributes: string, expected: Asset[], queryName?: string }> = [
    { name: 'StartsWith: exactly the DB2 assets', attributes: '(displayName StartsWith db2)', expected: db2 },
    { name: 'values compare case-insensitively', attributes: '(displayName StartsWith DB2)', expected: db2 },
    { name: 'attribute names compare case-insensitively', attributes: '(DISPLAYNAME StartsWith db2)', expected: db2 },
    { name: 'without parentheses', attributes: 'displayName StartsWith db2', expected: db2 },
    { name: '= is exact, not a prefix', attributes: '(displayName = db2-prod)', expected: [] },
    { name: '= exact match of one asset', attributes: '(displayName = db2-prod-01)', expected: ASSETS.filter((a) => a.ID === UNIX_ASSET) },
    {
      name: '= with a * wildcard',
      attributes: '(displayName = rhel-*-01)',
      expected: withAttribute('displayName', (v) => /^rhel-.*-01$/i.test(v))
    },
    {
      name: '= with a leading * wildcard',
      attributes: `(${UNIX_TYPE}-KERNELVERSION = *.x86_64)`,
      expected: withAttribute(`${UNIX_TYPE}-KERNELVERSION`, (v) => lower(v).endsWith('.x86_64'))
    },
    {
      name: 'Contains',
      attributes: '(displayName Contains web)',
      expected: withAttribute('displayName', (v) => lower(v).includes('web'))
    },
    {
      name: 'Contains a value with spaces',
      attributes: `(${UNIX_TYPE}-OSDistributionField Contains red hat)`,
      expected: withAttribute(`${UNIX_TYPE}-OSDistributionField`, (v) => lower(v).includes('red hat'))
    },
    {
      name: 'attribute names match in any case (a vendor sample writes `unix-Machine`)',
      attributes: '(symc-csm-AssetSystem-Asset-unix-Machine-OSSystem Contains linux)',
      expected: withAttribute(`${UNIX_TYPE}-OSSystem`, (v) => lower(v).includes('linux'))
    },
    {
      name: '| is OR',
      attributes: '(displayName StartsWith win-dc) | (displayName StartsWith sol)',
      expected: withAttribute('displayName', (v) => lower(v).startsWith('win-dc') || lower(v).startsWith('sol'))
    },
    {
      name: ', is AND',
      attributes: `(displayName StartsWith db2), (${UNIX_TYPE}-OSSystem = aix)`,
      expected: db2.filter((a) => withAttribute(`${UNIX_TYPE}-OSSystem`, (v) => lower(v) === 'aix').includes(a))
    },
    {
      name: 'AND binds tighter than OR',
      attributes: `displayName StartsWith win-sql, ${BASE}-Department = Database Administration | displayName = sol-ora-01`,
      expected: withAttribute('displayName', (v) => lower(v).startsWith('win-sql') || lower(v) === 'sol-ora-01')
    },
    {
      name: 'multi-valued: a term matches any one of the values',
      attributes: `(${WNT_TYPE}-TCPIPAddresses = 172.16.*)`,
      expected: withAttribute(`${WNT_TYPE}-TCPIPAddresses`, (v) => v.startsWith('172.16.'))
    },
    {
      name: 'multi-valued, case-insensitive value',
      attributes: `(${WNT_TYPE}-TCPIPAddresses = FE80::*)`,
      expected: withAttribute(`${WNT_TYPE}-TCPIPAddresses`, (v) => lower(v).startsWith('fe80::'))
    },
    { name: 'an attribute no asset has matches nothing', attributes: '(noSuchAttribute = x)', expected: [] },
    { name: 'the parameter name is case-insensitive', queryName: 'attributes', attributes: '(displayName StartsWith db2)', expected: db2 },
    { name: 'the parameter name in upper case', queryName: 'ATTRIBUTES', attributes: '(displayName StartsWith db2)', expected: db2 },
    { name: 'an empty query matches everything', attributes: '', expected: ASSETS }
  ]
  // The multi-valued rows must match on a value other than the first, or they prove nothing.
  const secondOnly = withAttribute(`${WNT_TYPE}-TCPIPAddresses`, (v) => v.startsWith('172.16.'))
  t.ok(secondOnly.length > 0 && secondOnly.every((a) => !a.Attributes.some((attr) => attr.Values[0]?.startsWith('172.16.') === true)), '172.16.* is never a first value')
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const body = expectOk<SearchBody>(t, await search(app, token, `${row.queryName ?? 'Attributes'}=${enc(row.attributes)}&pagesize=1000`))
      t.strictSame(body.assetDataList.map((a) => a.Id), ids(row.expected), `${row.expected.length} assets`)
      t.equal(body.TotalPages, row.expected.length === 0 ? 0 : 1)
    })
  }
})

t.test('malformed Attributes queries: 400 naming Attributes and the position', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const rows: Array<[string, string, string | RegExp]> = [
    ['unbalanced parenthesis', '(displayName StartsWith db2', 'Unbalanced parenthesis at position 0.'],
    ['operator in lower case', '(displayName startswith db2)', "Unknown operator 'startswith' at position 13; operators are case-sensitive: =, Contains, StartsWith."],
    ['contains in lower case', '(displayName contains db2)', "Unknown operator 'contains' at position 13; operators are case-sensitive: =, Contains, StartsWith."],
    ['no operator', '(displayName)', /at position 12\b/],
    ['no value', '(displayName =)', /at position 14\b/],
    ['trailing junk', '(displayName = a) x', /at position 18\b/],
    ['unterminated quote', '(displayName = "db2)', 'Unterminated quoted value starting at position 15.']
  ]
  for (const [name, attributes, reason] of rows) {
    await t.test(name, async (t) => {
      expectInvalidParam(t, await search(app, token, `Attributes=${enc(attributes)}`), 'Attributes', reason)
    })
  }
  await t.test('the lower-case parameter name reports under Attributes', async (t) => {
    expectInvalidParam(t, await search(app, token, `attributes=${enc('(displayName StartsWith db2')}`), 'Attributes', /position/)
  })
})

t.test('ContainerPath and SearchSubTree', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const linuxDb = 'Asset System\\Unix\\Linux\\Database Servers'
  const exactlyIn = (folder: string) => (a: Asset): boolean => lower(a.Path) === lower(folder)
  t.ok(ASSETS.filter(under('Asset System\\Unix\\Linux')).length > ASSETS.filter(exactlyIn(linuxDb)).length, 'the sub-tree is bigger than one folder')
  const rows: Array<{ name: string, query: string, expected: Asset[] }> = [
    { name: 'SearchSubTree defaults to true', query: `ContainerPath=${enc('Asset System\\Unix')}`, expected: ASSETS.filter(under('Asset System\\Unix')) },
    { name: 'SearchSubTree=true', query: `ContainerPath=${enc('Asset System\\Unix')}&SearchSubTree=true`, expected: ASSETS.filter(under('Asset System\\Unix')) },
    { name: 'SearchSubTree=false: no asset sits directly in Asset System\\Unix', query: `ContainerPath=${enc('Asset System\\Unix')}&SearchSubTree=false`, expected: [] },
    { name: 'SearchSubTree=false on a leaf folder', query: `ContainerPath=${enc(linuxDb)}&SearchSubTree=false`, expected: ASSETS.filter(exactlyIn(linuxDb)) },
    { name: 'SearchSubTree=False (any case) and a lower-case parameter name', query: `containerpath=${enc(linuxDb)}&searchsubtree=False`, expected: ASSETS.filter(exactlyIn(linuxDb)) },
    { name: '/ separators', query: `ContainerPath=${enc('Asset System/Unix/Linux')}`, expected: ASSETS.filter(under('Asset System\\Unix\\Linux')) },
    { name: 'a trailing backslash', query: `ContainerPath=${enc('Asset System\\Unix\\Linux\\')}`, expected: ASSETS.filter(under('Asset System\\Unix\\Linux')) },
    { name: 'case-insensitive path', query: `ContainerPath=${enc('asset system\\WINDOWS')}`, expected: ASSETS.filter(under('Asset System\\Windows')) },
    { name: 'a path prefix that is not a folder boundary', query: `ContainerPath=${enc('Asset System\\Uni')}`, expected: [] },
    { name: 'an unknown folder', query: `ContainerPath=${enc('Asset System\\Mainframe')}`, expected: [] },
    {
      name: 'combined with Attributes',
      query: `ContainerPath=${enc('Asset System\\Windows')}&Attributes=${enc(DBA_QUERY)}`,
      expected: DBA().filter(under('Asset System\\Windows'))
    }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const body = expectOk<SearchBody>(t, await search(app, token, `${row.query}&pagesize=1000`))
      t.strictSame(body.assetDataList.map((a) => a.Id), ids(row.expected), `${row.expected.length} assets`)
    })
  }
  t.ok(ASSETS.filter(under('Asset System\\Windows')).some((a) => DBA().includes(a)), 'the combined row is not empty')
})

t.test('paging: 0-based page, pagesize, TotalPages = ceil(n / pagesize)', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const all = ids(ASSETS)
  const defaultPages = Math.ceil(all.length / 100)

  await t.test('defaults: page 0, 100 per page', async (t) => {
    const body = expectOk<SearchBody>(t, await search(app, token, ''))
    t.strictSame(body.assetDataList.map((a) => a.Id), all.slice(0, 100))
    t.equal(body.TotalPages, defaultPages)
  })

  for (const pagesize of [1, 3, 7, all.length, all.length + 1, 1000]) {
    await t.test(`pagesize ${pagesize}: the pages partition the result`, async (t) => {
      const pages = Math.ceil(all.length / pagesize)
      const seen: string[] = []
      for (let page = 0; page < pages; page++) {
        const body = expectOk<SearchBody>(t, await search(app, token, `page=${page}&pagesize=${pagesize}`))
        t.equal(body.TotalPages, pages, `page ${page}: TotalPages`)
        t.strictSame(body.assetDataList.map((a) => a.Id), all.slice(page * pagesize, (page + 1) * pagesize), `page ${page}`)
        seen.push(...body.assetDataList.map((a) => a.Id))
      }
      t.strictSame(seen, all, 'every asset exactly once')
      const past = expectOk<SearchBody>(t, await search(app, token, `page=${pages}&pagesize=${pagesize}`))
      t.strictSame(past.assetDataList, [], 'the page past the end is empty')
      t.equal(past.TotalPages, pages, 'and still tells the page count')
    })
  }

  await t.test('paging applies to the filtered result', async (t) => {
    const db2 = ids(DBA())
    const body = expectOk<SearchBody>(t, await search(app, token, `Attributes=${enc(DBA_QUERY)}&page=1&pagesize=2`))
    t.strictSame(body.assetDataList.map((a) => a.Id), db2.slice(2, 4))
    t.equal(body.TotalPages, Math.ceil(db2.length / 2))
  })

  await t.test('parameter names are case-insensitive (PAGESIZE, Page)', async (t) => {
    const body = expectOk<SearchBody>(t, await search(app, token, 'Page=1&PAGESIZE=5'))
    t.strictSame(body.assetDataList.map((a) => a.Id), all.slice(5, 10))
    t.equal(body.TotalPages, Math.ceil(all.length / 5))
  })

  await t.test('a far page is empty', async (t) => {
    const body = expectOk<SearchBody>(t, await search(app, token, 'page=2147483647&pagesize=1000'))
    t.strictSame(body.assetDataList, [])
    t.equal(body.TotalPages, 1)
  })

  const between = (name: string): string => `The field ${name} must be between 1 and 1000.`
  const invalid: Array<[string, string, string, string]> = [
    ['pagesize 0', 'pagesize=0', 'pagesize', between('pagesize')],
    ['pagesize 1001', 'pagesize=1001', 'pagesize', between('pagesize')],
    ['PAGESIZE 0 (upper-case name)', 'PAGESIZE=0', 'pagesize', between('pagesize')],
    ['pagesize -1', 'pagesize=-1', 'pagesize', between('pagesize')],
    ['pagesize not a number', 'pagesize=ten', 'pagesize', "Could not convert string to integer: ten. Path 'pagesize'."],
    ['page -1', 'page=-1', 'page', 'The field page must be greater than or equal to 0.'],
    ['page not a number', 'page=x', 'page', "Could not convert string to integer: x. Path 'page'."],
    ['page beyond Int32', 'page=2147483648', 'page', "JSON integer 2147483648 is too large or small for an Int32. Path 'page'."],
    ['SearchSubTree not a boolean', 'SearchSubTree=maybe', 'SearchSubTree', "Could not convert string to boolean: maybe. Path 'SearchSubTree'."]
  ]
  for (const [name, query, key, reason] of invalid) {
    await t.test(`${name}: 400 naming ${key}`, async (t) => { expectInvalidParam(t, await search(app, token, query), key, reason) })
  }
})

t.test('a repeated search is answered from memory: the same bytes, per page, per caller\'s folders, negotiated per request', async (t) => {
  const { app } = await build(t)
  const admin = await login(app)
  const unixAdmin = await login(app, UNIX_ADMIN)
  const query = `Attributes=${enc(DBA_QUERY)}&pagesize=2`
  const first = await search(app, admin, query)
  const page1 = await search(app, admin, `${query}&page=1`)
  const again = await search(app, admin, query)
  t.equal(again.body, first.body, 'byte for byte the first answer')
  t.equal(again.headers['content-type'], JSON_UTF8)
  t.strictSame((again.json() as SearchBody).assetDataList.map((a) => a.Id), ids(DBA()).slice(0, 2))
  t.strictSame((page1.json() as SearchBody).assetDataList.map((a) => a.Id), ids(DBA()).slice(2, 4), 'another page is another answer')

  const unixOnly = ids(DBA().filter(under('Asset System\\Unix')))
  t.ok(unixOnly.length < ids(DBA()).length)
  const narrowed = expectOk<SearchBody>(t, await search(app, unixAdmin, `Attributes=${enc(DBA_QUERY)}&pagesize=1000`))
  t.strictSame(narrowed.assetDataList.map((a) => a.Id), unixOnly, 'a caller with fewer folders is not answered from the administrator\'s memory')
  t.strictSame(expectOk<SearchBody>(t, await search(app, unixAdmin, `Attributes=${enc(DBA_QUERY)}&pagesize=1000`)).assetDataList.map((a) => a.Id), unixOnly)

  for (let i = 0; i < 2; i++) {
    const xml = await app.inject({ method: 'GET', url: searchUrl('/ccs/api/v1/Assets', query), headers: { authorization: `Bearer ${admin}`, accept: 'application/xml' } })
    t.equal(xml.statusCode, 200)
    t.match(xml.headers['content-type'], /^application\/xml; charset=utf-8$/, `XML when asked (${i === 0 ? 'first' : 'again'})`)
    t.match(xml.body, /^<AssetSearchResult[^>]*>.*<TotalPages>/s)
  }
  t.equal((await search(app, admin, query)).body, first.body, 'and JSON again for a JSON client')
})

t.test('folder rights decide which assets a user sees', async (t) => {
  const dirs = customFixtures(t, [{ UserName: NO_ASSETS.username, Password: NO_ASSETS.password, Tasks: ['View standards', 'Manage jobs', 'View all jobs'], Folders: ['Asset System', 'Standards'] }])
  const { app } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const unixOnly = ASSETS.filter(under('Asset System\\Unix'))
  t.ok(unixOnly.length > 0 && unixOnly.length < ASSETS.length, 'unixadmin sees some but not all assets')

  await t.test('unixadmin: search returns only assets under Asset System\\Unix', async (t) => {
    const token = await login(app, UNIX_ADMIN)
    const body = expectOk<SearchBody>(t, await search(app, token, 'pagesize=1000'))
    t.strictSame(body.assetDataList.map((a) => a.Id), ids(unixOnly))
    t.ok(body.assetDataList.every((a) => a.Path.startsWith('Asset System\\Unix')))
    t.equal(body.TotalPages, 1)
  })

  await t.test('unixadmin: TotalPages counts only the visible assets', async (t) => {
    const token = await login(app, UNIX_ADMIN)
    const body = expectOk<SearchBody>(t, await search(app, token, 'pagesize=5'))
    t.equal(body.TotalPages, Math.ceil(unixOnly.length / 5))
  })

  await t.test('unixadmin: a Windows search finds nothing', async (t) => {
    const token = await login(app, UNIX_ADMIN)
    const viaPath = expectOk<SearchBody>(t, await search(app, token, `ContainerPath=${enc('Asset System\\Windows')}`))
    t.strictSame(viaPath.assetDataList, [])
    t.equal(viaPath.TotalPages, 0)
    const viaQuery = expectOk<SearchBody>(t, await search(app, token, `Attributes=${enc(DBA_QUERY)}`))
    t.strictSame(viaQuery.assetDataList.map((a) => a.Id), ids(DBA().filter(under('Asset System\\Unix'))))
  })

  await t.test('unixadmin: GET Assets/{windows id} is 404, GET Assets/{unix id} is 200', async (t) => {
    const token = await login(app, UNIX_ADMIN)
    const hidden = await get(app, token, `/ccs/api/v1/Assets/${WINDOWS_ASSET}`)
    t.equal(hidden.statusCode, 404)
    t.strictSame(hidden.json(), { Message: `No asset with ID '${WINDOWS_ASSET}' exists.` }, 'indistinguishable from an unknown ID')
    t.equal((await get(app, token, `/ccs/api/v1/Assets/${UNIX_ASSET}`)).statusCode, 200)
  })

  for (const [name, credentials] of [['auditor (View assets, no Manage jobs)', AUDITOR], ['scanner (folder Asset System only)', SCANNER], ['administrator', ADMIN]] as const) {
    await t.test(`${name}: sees every asset`, async (t) => {
      const token = await login(app, credentials)
      const body = expectOk<SearchBody>(t, await search(app, token, 'pagesize=1000'))
      t.strictSame(body.assetDataList.map((a) => a.Id), ids(ASSETS))
      t.equal((await get(app, token, `/ccs/api/v1/Assets/${WINDOWS_ASSET}`)).statusCode, 200)
    })
  }

  await t.test('a user without View assets: 403 on both routes, even with a bad id', async (t) => {
    const token = await login(app, NO_ASSETS)
    for (const url of ['/ccs/api/v1/Assets?Attributes=', `/ccs/api/v1/Assets?Attributes=${enc(DBA_QUERY)}`, `/ccs/api/v1/Assets/${UNIX_ASSET}`, '/ccs/api/v1/Assets/not-a-guid']) {
      const res = await get(app, token, url)
      t.equal(res.statusCode, 403, url)
      t.strictSame(res.json(), FORBIDDEN, url)
    }
  })
})

t.test('GET Assets/{id}', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const fixture = ASSETS.find((a) => a.ID === UNIX_ASSET) as Asset
  const view = viewOf(fixture, await scoresFromResults(app, token, UNIX_ASSET, [RHEL_STANDARD]))
  t.equal(fixture.Type, UNIX_TYPE)

  const found: Array<[string, string]> = [
    ['lower case', UNIX_ASSET],
    ['upper case', UNIX_ASSET.toUpperCase()],
    ['braces', `{${UNIX_ASSET}}`],
    ['32 hex digits', UNIX_ASSET.replace(/-/g, '')]
  ]
  for (const [name, id] of found) {
    await t.test(`by ID in ${name}`, async (t) => {
      const res = await get(app, token, `/ccs/api/v1/Assets/${enc(id)}`)
      t.equal(res.statusCode, 200, res.body)
      t.equal(res.headers['content-type'], JSON_UTF8)
      const body = res.json() as Record<string, unknown>
      t.strictSame(body, view)
      t.strictSame(Object.keys(body), ['DisplayName', 'ID', 'Type', 'Path', 'Attributes', ...SCORES])
      t.notMatch(res.body, /Simulation/)
    })
  }

  await t.test('route and ID case: /CCS/API/V1/assets/{ID}', async (t) => {
    const res = await get(app, token, `/CCS/API/V1/assets/${UNIX_ASSET_2.toUpperCase()}`)
    t.equal(res.statusCode, 200)
    t.equal((res.json() as { ID: string }).ID, UNIX_ASSET_2)
  })

  await t.test('every fixture asset reads back as stored; never evaluated: scores 0', async (t) => {
    const evaluated = new Set([UNIX_ASSET, UNIX_ASSET_2, SAMPLE_RESULTS_ASSET, WINDOWS_ASSET, CHECKLIST_ASSET])
    for (const asset of ASSETS) {
      const res = await get(app, token, `/ccs/api/v1/Assets/${asset.ID}`)
      const scores = evaluated.has(asset.ID) ? (res.json() as Record<string, number>) : { [SCORES[0]]: 0, [SCORES[1]]: 0, [SCORES[2]]: 0 }
      t.strictSame(res.json(), viewOf(asset, [scores[SCORES[0]], scores[SCORES[1]], scores[SCORES[2]]] as Scores), asset.DisplayName)
    }
  })

  await t.test('Type is an object with the type\'s GUID, name and console name; list items keep the name (Create Job needs it)', async (t) => {
    for (const view of Object.values(TYPE_VIEWS)) {
      const asset = ASSETS.find((a) => a.Type === view.Name)
      if (asset === undefined) throw new Error(`no fixture asset of type ${view.Name}`)
      t.strictSame((await get(app, token, `/ccs/api/v1/Assets/${asset.ID}`)).json().Type, view, view.DisplayName)
    }
    const listed = expectOk<SearchBody>(t, await search(app, token, `Attributes=${enc('displayName = db2-prod-01')}`))
    t.equal(listed.assetDataList[0]?.Type, UNIX_TYPE)
  })

  await t.test('scores follow the latest evaluations: the mean score, the risk of failed and of all counted checks', async (t) => {
    const scores = await scoresFromResults(app, token, UNIX_ASSET, [RHEL_STANDARD])
    t.ok(scores[0] > 0 && scores[0] < 100 && scores[1] > 0 && scores[2] > scores[1], `db2-prod-01 has passed and failed checks: ${scores.join(', ')}`)
    const body = expectOk<Record<string, unknown>>(t, await get(app, token, `/ccs/api/v1/Assets/${UNIX_ASSET}`))
    t.strictSame(SCORES.map((name) => body[name]), scores)
    t.strictSame(SCORES.map((name) => (body.Attributes as Asset['Attributes']).find((a) => a.Name === name)?.Value), scores.map(String), 'mirrored among the Attributes as text')
  })

  await t.test('a new evaluation of another standard changes the scores', async (t) => {
    const { app, clock } = await build(t)
    const token = await login(app)
    const before = await scoresFromResults(app, token, UNIX_ASSET, [RHEL_STANDARD])
    const created = await postJob(app, token, jobPayload({ Standards: [CORP_LINUX], Schedule: { RunNow: true } }, { JobType: 'EvaluationJob' }))
    t.equal(created.statusCode, 200, created.body)
    clock.advance(60_000)
    const after = await scoresFromResults(app, token, UNIX_ASSET, [RHEL_STANDARD, CORP_LINUX])
    t.notSame(after, before, 'Corp Linux Baseline counts now')
    const body = expectOk<Record<string, unknown>>(t, await get(app, token, `/ccs/api/v1/Assets/${UNIX_ASSET}`))
    t.strictSame(SCORES.map((name) => body[name]), after)
  })

  await t.test('unknown GUID: 404 with the ID', async (t) => {
    const unknown = '00000000-0000-4000-8000-000000000001'
    const res = await get(app, token, `/ccs/api/v1/Assets/${unknown}`)
    t.equal(res.statusCode, 404)
    t.equal(res.headers['content-type'], JSON_UTF8)
    t.strictSame(res.json(), { Message: `No asset with ID '${unknown}' exists.` })
  })

  await t.test('an asset-group GUID is not an asset', async (t) => {
    const res = await get(app, token, '/ccs/api/v1/Assets/817fd810-83e1-4a29-85ea-8aa6204421e3')
    t.equal(res.statusCode, 404)
  })

  for (const bad of ['not-a-guid', '12345', `${UNIX_ASSET}0`, UNIX_ASSET.slice(0, -1)]) {
    await t.test(`non-GUID ${bad}: 400 naming id`, async (t) => {
      expectInvalidParam(t, await get(app, token, `/ccs/api/v1/Assets/${bad}`), 'id', `Error converting value "${bad}" to type 'System.Guid'. Path 'id'.`)
    })
  }
})

t.test('401 without a valid token, on both routes', async (t) => {
  const { app } = await build(t)
  const rows: Array<[string, string | undefined]> = [['no token', undefined], ['unknown token', 'not-a-token']]
  for (const url of ['/ccs/api/v1/Assets?Attributes=', `/ccs/api/v1/Assets?Attributes=${enc('(')}`, `/ccs/api/v1/Assets/${UNIX_ASSET}`, '/ccs/api/v1/Assets/not-a-guid']) {
    for (const [name, token] of rows) {
      await t.test(`${name}: ${url}`, async (t) => {
        const res = await get(app, token, url)
        t.equal(res.statusCode, 401)
        t.equal(res.headers['www-authenticate'], 'Bearer')
        t.strictSame(res.json(), DENIED)
      })
    }
  }
})
