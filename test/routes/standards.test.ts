// GET /ccs/api/v1/Standards (spec §6), with the vendor's sample forms and the rights it needs (spec §4).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'
import type { Standard } from '../../src/schemas/catalog.js'
import { ADMIN, AUDITOR, build, login, RHEL_STANDARD, SCANNER } from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { customFixtures, DENIED, expectInvalidParam, expectOk, fixture, FORBIDDEN, get, UNIX_ADMIN, searchUrl } from '../helpers/read-api.js'

const STANDARDS = fixture<Standard[]>('standards.json')
const NO_VIEW_STANDARDS = { username: 'domain1\\assetsonly', password: 'assets@123' }
const VIEW_KEYS = ['Id', 'DisplayName', 'Type', 'Path', 'Version', 'IsPredefined', 'Platform', 'Description', 'CheckCount', 'Attributes']
const UNIX_MACHINE_TYPE_ID = '97546792-56b0-4020-9d88-f8786371f2d9'
const UNIX = 'Standards\\Predefined\\Unix'

interface StandardView { Id: string, DisplayName: string, Type: string, Path: string, Version: string, IsPredefined: boolean, Platform: string, Description: string, CheckCount: number, Attributes: unknown[] }
interface SearchBody { standardDataList: StandardView[], TotalPages: number }

const lower = (s: string): string => s.toLowerCase()
const ids = (items: readonly Standard[]): string[] => items.map((s) => s.ID)
const view = (s: Standard): StandardView => ({
  Id: s.ID,
  DisplayName: s.DisplayName,
  Type: s.Type,
  Path: s.Path,
  Version: s.Version,
  IsPredefined: s.IsPredefined,
  Platform: s.Platform,
  Description: s.Description,
  CheckCount: s.Checks.length,
  Attributes: [
    { Name: 'Symc-Standard-Author', Value: s.Author ?? '', Values: [], IsMultiValued: false },
    { Name: 'symc-Standard-TargetTypeIDs', Value: '', Values: s.TargetTypeIDs ?? [], IsMultiValued: true }
  ]
})
const byAuthor = (author: string) => (s: Standard): boolean => lower(s.Author ?? '') === lower(author)
const targeting = (typeId: string) => (s: Standard): boolean => (s.TargetTypeIDs ?? []).includes(typeId)
const where = (test: (s: Standard) => boolean): Standard[] => STANDARDS.filter(test)
const named = (word: string) => (s: Standard): boolean => lower(s.DisplayName).includes(lower(word))
const exactlyIn = (folder: string) => (s: Standard): boolean => lower(s.Path) === lower(folder)
const under = (folder: string) => (s: Standard): boolean => exactlyIn(folder)(s) || lower(s.Path).startsWith(`${lower(folder)}\\`)
const both = (a: (s: Standard) => boolean, b: (s: Standard) => boolean) => (s: Standard): boolean => a(s) && b(s)
const enc = encodeURIComponent



const search = async (app: FastifyInstance, token: string | undefined, query: string): Promise<LightMyRequestResponse> =>
  await get(app, token, searchUrl('/ccs/api/v1/Standards', query))



t.test('the fixtures hold what these tests need', async (t) => {
  // Guards against a fixture edit silently making the rows below vacuous.
  t.ok(STANDARDS.some((s) => s.ID === RHEL_STANDARD), 'the vendor sample standard exists')
  for (const word of ['red hat', 'cis', 'apache']) t.ok(where(both(named(word), exactlyIn(UNIX))).length > 0, `"${word}" directly under ${UNIX}`)
  t.ok(where(both(named('apache'), under(`${UNIX}\\Web Servers`))).length > 0, 'an "apache" standard in the Web Servers sub-folder, so SearchSubTree matters')
  t.ok(where(both(named('cis'), under(UNIX))).length > where(both(named('cis'), exactlyIn(UNIX))).length, 'SearchSubTree changes the "cis" result')
  t.ok(where(named('red hat')).length >= 2, 'more than one "red hat" standard')
  t.ok(where((s) => !s.IsPredefined).length > 0 && where((s) => s.IsPredefined).length > 0, 'predefined and user-defined standards')
  t.ok(where((s) => s.Platform === 'Windows').length > 0 && where((s) => s.Platform !== 'Windows').length > 0, 'Windows and other platforms')
  t.ok(STANDARDS.length > 2 && STANDARDS.every((s) => s.Checks.length > 0), 'several standards, each with checks')
  t.ok(where(both(both(named('cis'), byAuthor('symantec')), under(UNIX))).length > 0, '"cis" by Symantec under Unix')
  t.ok(where(both(both(named('apache'), targeting(UNIX_MACHINE_TYPE_ID)), under(UNIX))).length > 0, '"apache" targeting UNIX Machine under Unix')
  t.ok(where((s) => !byAuthor('symantec')(s)).length > 0, 'standards by other authors')
  t.ok(STANDARDS.every((s) => /^\d+\.\d+\.\d+$/.test(s.Version)), 'versions n1.n2.n3, as the raw-results page writes them')
})

t.test('response shape: every standard, in fixture order, without its checks', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const res = await search(app, token, 'pagesize=1000')
  const body = expectOk<SearchBody>(t, res)
  t.strictSame(Object.keys(body).sort(), ['TotalPages', 'standardDataList'])
  t.equal(body.TotalPages, 1)
  t.strictSame(body.standardDataList, STANDARDS.map(view))
  for (const item of body.standardDataList) {
    t.strictSame(Object.keys(item), VIEW_KEYS, `${item.DisplayName}: exactly these keys`)
    t.type(item.IsPredefined, 'boolean')
  }
  t.notMatch(res.body, /"Checks"|"PassesOn"|"Severity"/, 'the checks never leak')
  for (const s of STANDARDS) t.notOk(res.body.includes(s.Checks[0]?.ID as string), `no check ID of ${s.DisplayName} leaks`)
})

t.test('the vendor sample forms', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const path = 'standards\\predefined\\unix'
  const rows: Array<{ name: string, query: string, expected: Standard[] }> = [
    {
      name: 'displayName Contains red hat, lower-case ContainerPath, SearchSubTree default (true)',
      query: `Attributes=${enc('displayName Contains red hat')}&ContainerPath=${enc(path)}`,
      expected: where(both(named('red hat'), under(UNIX)))
    },
    {
      name: 'the same with + for spaces, as a form encoder sends it',
      query: `Attributes=displayName+Contains+red+hat&ContainerPath=${enc(path)}`,
      expected: where(both(named('red hat'), under(UNIX)))
    },
    {
      name: 'the same with SearchSubTree=false',
      query: `Attributes=${enc('displayName Contains red hat')}&ContainerPath=${enc(path)}&SearchSubTree=false`,
      expected: where(both(named('red hat'), exactlyIn(UNIX)))
    },
    {
      name: '(displayName Contains apache), SearchSubTree true: includes ...\\Unix\\Web Servers',
      query: `Attributes=${enc('(displayName Contains apache)')}&ContainerPath=${enc(path)}&SearchSubTree=true`,
      expected: where(both(named('apache'), under(UNIX)))
    },
    {
      name: '(displayName Contains apache), SearchSubTree default',
      query: `Attributes=${enc('(displayName Contains apache)')}&ContainerPath=${enc(path)}`,
      expected: where(both(named('apache'), under(UNIX)))
    },
    {
      name: '(displayName Contains apache), SearchSubTree false: only the folder itself',
      query: `Attributes=${enc('(displayName Contains apache)')}&ContainerPath=${enc(path)}&SearchSubTree=false`,
      expected: where(both(named('apache'), exactlyIn(UNIX)))
    },
    {
      name: '(displayName Contains cis), SearchSubTree true',
      query: `Attributes=${enc('(displayName Contains cis)')}&ContainerPath=${enc(path)}`,
      expected: where(both(named('cis'), under(UNIX)))
    },
    {
      name: '(displayName Contains cis), SearchSubTree=False (any case, lower-case names)',
      query: `attributes=${enc('(displayName Contains cis)')}&containerpath=${enc(path)}&searchsubtree=False`,
      expected: where(both(named('cis'), exactlyIn(UNIX)))
    },
    {
      name: 'ContainerPath with / separators and a trailing separator',
      query: `Attributes=${enc('(displayName Contains apache)')}&ContainerPath=${enc('Standards/Predefined/Unix/')}`,
      expected: where(both(named('apache'), under(UNIX)))
    },
    {
      name: 'ContainerPath of the Web Servers sub-folder',
      query: `ContainerPath=${enc(`${path}\\web servers`)}&SearchSubTree=false`,
      expected: where(exactlyIn(`${UNIX}\\Web Servers`))
    },
    {
      name: 'ContainerPath without Attributes, sub-tree',
      query: `ContainerPath=${enc(path)}`,
      expected: where(under(UNIX))
    },
    {
      name: 'the sample\'s author search: Symc-Standard-Author (attribute names in any case)',
      query: `attributes=${enc('displayName Contains cis,Symc-Standard-Author=symantec')}&ContainerPath=${enc(path)}&Searchsubtree=true`,
      expected: where(both(both(named('cis'), byAuthor('symantec')), under(UNIX)))
    },
    {
      name: 'the sample\'s target type search: one of symc-Standard-TargetTypeIDs',
      query: `attributes=${enc(`displayName Contains apache,symc-Standard-TargetTypeIDs=${UNIX_MACHINE_TYPE_ID}`)}&ContainerPath=${enc(path)}&Searchsubtree=true`,
      expected: where(both(both(named('apache'), targeting(UNIX_MACHINE_TYPE_ID)), under(UNIX)))
    },
    {
      name: 'an author nobody is',
      query: `Attributes=${enc('symc-standard-author = nobody')}`,
      expected: []
    },
    {
      name: 'a path prefix that is not a folder boundary',
      query: `ContainerPath=${enc('standards\\predefined\\uni')}`,
      expected: []
    }
  ]
  // The SearchSubTree rows must differ, or they prove nothing.
  t.not(ids(rows[3]?.expected ?? []).join(), ids(rows[5]?.expected ?? []).join(), 'apache: sub-tree and folder-only differ')
  t.ok(where(both(named('red hat'), under(UNIX))).some((s) => s.ID === RHEL_STANDARD), 'the red hat row finds the vendor sample standard')
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const body = expectOk<SearchBody>(t, await search(app, token, `${row.query}&pagesize=1000`))
      t.strictSame(body.standardDataList, row.expected.map(view), `${row.expected.length} standards`)
      t.equal(body.TotalPages, row.expected.length === 0 ? 0 : 1)
    })
  }
})

t.test('Attributes over the standard fields', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const rows: Array<{ name: string, attributes: string, expected: Standard[] }> = [
    { name: 'isPredefined = False', attributes: 'isPredefined = False', expected: where((s) => !s.IsPredefined) },
    { name: 'isPredefined = false (value case-insensitive)', attributes: '(isPredefined = false)', expected: where((s) => !s.IsPredefined) },
    { name: 'isPredefined = True', attributes: '(isPredefined = True)', expected: where((s) => s.IsPredefined) },
    { name: 'platform = Windows', attributes: 'platform = Windows', expected: where((s) => lower(s.Platform) === 'windows') },
    { name: 'PLATFORM = windows (name and value case-insensitive)', attributes: '(PLATFORM = windows)', expected: where((s) => lower(s.Platform) === 'windows') },
    { name: 'platform = Windows, isPredefined = False', attributes: 'platform = Windows, isPredefined = False', expected: where((s) => lower(s.Platform) === 'windows' && !s.IsPredefined) },
    { name: 'platform = Windows | isPredefined = False', attributes: 'platform = Windows | isPredefined = False', expected: where((s) => lower(s.Platform) === 'windows' || !s.IsPredefined) },
    { name: 'version = 2.1.0', attributes: '(version = 2.1.0)', expected: where((s) => s.Version === '2.1.0') },
    { name: 'version = 3.*', attributes: '(version = 3.*)', expected: where((s) => s.Version.startsWith('3.')) },
    { name: 'id = <vendor sample, upper case>', attributes: `(id = ${RHEL_STANDARD.toUpperCase()})`, expected: where((s) => s.ID === RHEL_STANDARD) },
    { name: 'path StartsWith Standards\\User Defined', attributes: '(path StartsWith "Standards\\User Defined")', expected: where(under('Standards\\User Defined')) },
    { name: 'description Contains ssh', attributes: '(description Contains ssh)', expected: where((s) => lower(s.Description).includes('ssh')) },
    { name: 'a check name is not a standard attribute', attributes: `(name = ${STANDARDS[0]?.Checks[0]?.Name ?? 'x'})`, expected: [] },
    { name: 'an empty query matches everything', attributes: '', expected: STANDARDS }
  ]
  t.ok(where((s) => lower(s.Platform) === 'windows' && !s.IsPredefined).length > 0, 'the AND row is not empty')
  t.ok(where((s) => s.Version === '2.1.0').length > 0, 'the version row is not empty')
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      const body = expectOk<SearchBody>(t, await search(app, token, `Attributes=${enc(row.attributes)}&pagesize=1000`))
      t.strictSame(body.standardDataList.map((s) => s.Id), ids(row.expected), `${row.expected.length} standards`)
      t.equal(body.TotalPages, row.expected.length === 0 ? 0 : 1)
    })
  }
})

t.test('paging', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const all = ids(STANDARDS)
  for (const pagesize of [1, 4, 7, all.length]) {
    await t.test(`pagesize ${pagesize}: the pages partition the result`, async (t) => {
      const pages = Math.ceil(all.length / pagesize)
      const seen: string[] = []
      for (let page = 0; page <= pages; page++) {
        const body = expectOk<SearchBody>(t, await search(app, token, `page=${page}&pagesize=${pagesize}`))
        t.equal(body.TotalPages, pages, `page ${page}: TotalPages`)
        t.strictSame(body.standardDataList.map((s) => s.Id), all.slice(page * pagesize, (page + 1) * pagesize), `page ${page}`)
        seen.push(...body.standardDataList.map((s) => s.Id))
      }
      t.strictSame(seen, all, 'every standard exactly once; the page past the end is empty')
    })
  }
  await t.test('paging applies to the filtered result; Page/PAGESIZE in any case', async (t) => {
    const unix = ids(where(under(UNIX)))
    const body = expectOk<SearchBody>(t, await search(app, token, `ContainerPath=${enc(UNIX)}&Page=1&PAGESIZE=3`))
    t.strictSame(body.standardDataList.map((s) => s.Id), unix.slice(3, 6))
    t.equal(body.TotalPages, Math.ceil(unix.length / 3))
  })
  await t.test('defaults: page 0, 100 per page', async (t) => {
    const body = expectOk<SearchBody>(t, await search(app, token, ''))
    t.strictSame(body.standardDataList.map((s) => s.Id), all.slice(0, 100))
    t.equal(body.TotalPages, Math.ceil(all.length / 100))
  })
})

t.test('malformed requests: 400 naming the parameter', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const rows: Array<[string, string, string, string | RegExp]> = [
    ['unbalanced parenthesis', `Attributes=${enc('(displayName Contains red hat')}`, 'Attributes', 'Unbalanced parenthesis at position 0.'],
    ['contains in lower case', `Attributes=${enc('displayName contains red hat')}`, 'Attributes', "Unknown operator 'contains' at position 12; operators are case-sensitive: =, Contains, StartsWith."],
    ['no value', `Attributes=${enc('(platform =)')}`, 'Attributes', /at position 11\b/],
    ['lower-case parameter name', `attributes=${enc('(platform')}`, 'Attributes', /position/],
    ['SearchSubTree not a boolean', `ContainerPath=${enc(UNIX)}&SearchSubTree=maybe`, 'SearchSubTree', "Could not convert string to boolean: maybe. Path 'SearchSubTree'."],
    ['pagesize 0', 'pagesize=0', 'pagesize', 'The field pagesize must be between 1 and 1000.'],
    ['page -1', 'page=-1', 'page', 'The field page must be greater than or equal to 0.']
  ]
  for (const [name, query, key, reason] of rows) {
    await t.test(name, async (t) => { expectInvalidParam(t, await search(app, token, query), key, reason) })
  }
})

t.test('rights: View standards and the Standards folder', async (t) => {
  const dirs = customFixtures(t, [{ UserName: NO_VIEW_STANDARDS.username, Password: NO_VIEW_STANDARDS.password, Tasks: ['View assets', 'Manage jobs', 'View all jobs'], Folders: ['Asset System', 'Standards'] }])
  const { app } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const urls = ['', `Attributes=${enc('displayName Contains red hat')}&ContainerPath=${enc('standards\\predefined\\unix')}`]

  for (const [name, credentials] of [['administrator', ADMIN], ['auditor (View standards, Standards folder)', AUDITOR], ['unixadmin (Standards folder)', UNIX_ADMIN]] as const) {
    await t.test(`${name}: 200 with every standard`, async (t) => {
      const token = await login(app, credentials)
      const body = expectOk<SearchBody>(t, await search(app, token, 'pagesize=1000'))
      t.strictSame(body.standardDataList.map((s) => s.Id), ids(STANDARDS))
    })
  }

  for (const [name, credentials] of [['scanner (View standards, no Standards folder)', SCANNER], ['a user without View standards', NO_VIEW_STANDARDS]] as const) {
    await t.test(`${name}: 403, also for a malformed query`, async (t) => {
      const token = await login(app, credentials)
      for (const query of [...urls, `Attributes=${enc('(')}`, 'SearchSubTree=maybe']) {
        const res = await search(app, token, query)
        t.equal(res.statusCode, 403, query)
        t.equal(res.headers['content-type'], JSON_UTF8)
        t.strictSame(res.json(), FORBIDDEN, query)
      }
    })
  }

  await t.test('401 without a valid token', async (t) => {
    for (const query of [...urls, `Attributes=${enc('(')}`]) {
      for (const token of [undefined, 'not-a-token']) {
        const res = await search(app, token, query)
        t.equal(res.statusCode, 401, `${query} (${token ?? 'no token'})`)
        t.equal(res.headers['www-authenticate'], 'Bearer')
        t.strictSame(res.json(), DENIED)
      }
    }
  })
})
