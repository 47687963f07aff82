// DELETE /ccs/api/v1/Standards (vendor Delete Standards page and sample).
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import type { Standard, User } from '../../src/schemas/catalog.js'
import { AUDITOR, build, login, RHEL_STANDARD, SCANNER } from '../helpers/build.js'
import { deleteStandards, MANAGE_TASKS, storedCatalog } from '../helpers/catalog-writes.js'
import { customFixtures, DENIED, expectInvalidParam, expectOk, fixture, FORBIDDEN, get } from '../helpers/read-api.js'

const STANDARDS = fixture<Standard[]>('standards.json')
const CORP_LINUX = 'c0b5a644-1aa1-4972-8f53-6c77cb3153a3'
const PCI_WINDOWS = 'ff564dd0-edcb-47af-a705-c593e6e69e8c'
const WINDOWS_ONLY = { username: 'domain1\\windowsstandards', password: 'Win#2026' }
const EXTRA_USERS: User[] = [{ UserName: WINDOWS_ONLY.username, Password: WINDOWS_ONLY.password, Tasks: MANAGE_TASKS, Folders: ['Standards\\Predefined\\Windows'] }]

const byName = (...names: string[]) => ({ StandardList: [{ Type: 'Name', Standards: names }] })
const byId = (...ids: string[]) => ({ StandardList: [{ Type: 'ID', Standards: ids }] })

async function standardIds (app: FastifyInstance, token: string): Promise<string[]> {
  const res = await get(app, token, '/ccs/api/v1/Standards?Attributes=&pagesize=1000')
  return (res.json() as { standardDataList: Array<{ Id: string }> }).standardDataList.map((s) => s.Id)
}

t.test('the fixtures hold what these tests need', async (t) => {
  t.equal(STANDARDS.find((s) => s.ID === CORP_LINUX)?.Path, 'Standards\\User Defined')
  t.equal(STANDARDS.find((s) => s.ID === CORP_LINUX)?.IsPredefined, false)
  t.equal(STANDARDS.find((s) => s.ID === RHEL_STANDARD)?.IsPredefined, true)
})

t.test('by name (any case) and by ID (any GUID form): 200 with the deleted GUIDs, gone from searches and from disk', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  t.ok((await standardIds(app, token)).includes(CORP_LINUX))
  const res = await deleteStandards(app, token, {
    StandardList: [{ Type: 'name', Standards: ['corp linux BASELINE 2026'] }, { Type: 'Id', Standards: [`{${PCI_WINDOWS.toUpperCase()}}`, CORP_LINUX] }]
  })
  t.strictSame(expectOk<string[]>(t, res), [CORP_LINUX, PCI_WINDOWS], 'each once, in the order named')
  const left = await standardIds(app, token)
  t.equal(left.length, STANDARDS.length - 2)
  t.notOk(left.includes(CORP_LINUX) || left.includes(PCI_WINDOWS))
  const stored = await storedCatalog(dataDir)
  t.strictSame(stored.standards.map((s) => s.ID), STANDARDS.filter((s) => s.ID !== CORP_LINUX && s.ID !== PCI_WINDOWS).map((s) => s.ID))
  const search = await get(app, token, `/ccs/api/v1/Standards?Attributes=${encodeURIComponent('displayName Contains corp linux')}`)
  t.strictSame(expectOk<{ standardDataList: unknown[] }>(t, search).standardDataList, [])
})

t.test('predefined standards need DeletePredefinedStandard (string booleans bind); jobs keep naming deleted standards', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  for (const flag of [undefined, false, 'false', 'False']) {
    const res = await deleteStandards(app, token, { ...byId(RHEL_STANDARD, CORP_LINUX), ...(flag === undefined ? {} : { DeletePredefinedStandard: flag }) })
    expectInvalidParam(t, res, 'request.DeletePredefinedStandard',
      "The standard 'CCS Security Essentials for Red Hat Enterprise Linux' is predefined; set DeletePredefinedStandard to true to delete it.")
  }
  t.equal((await storedCatalog(dataDir)).standards.length, STANDARDS.length, 'nothing deleted, not even the user-defined one')

  t.strictSame(expectOk<string[]>(t, await deleteStandards(app, token, { ...byId(RHEL_STANDARD), deletepredefinedstandard: 'True' })), [RHEL_STANDARD])
  t.notOk((await standardIds(app, token)).includes(RHEL_STANDARD))
  const job = expectOk<{ Standards: string[] }>(t, await get(app, token, '/ccs/api/v1/Jobs/a282d163-2248-4904-8135-0eaf08be8e55'))
  t.strictSame(job.Standards, [RHEL_STANDARD], 'the job is left as it was')
})

t.test('ContainerPath and DeleteFromSubfolder decide where names and IDs are looked up', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const rows: Array<{ name: string, body: Record<string, unknown>, status: number }> = [
    { name: 'another folder: 404', body: { ...byName('Corp Linux Baseline 2026'), ContainerPath: 'Standards\\Predefined' }, status: 404 },
    { name: 'sub-folders excluded: 404', body: { ...byId(CORP_LINUX), ContainerPath: 'standards', DeleteFromSubfolder: 'false' }, status: 404 },
    { name: 'the folder itself, / separators, no sub-folders: 200', body: { ...byId(CORP_LINUX), ContainerPath: 'standards/user defined/', DeleteFromSubfolder: false }, status: 200 }
  ]
  for (const row of rows) {
    const res = await deleteStandards(app, token, row.body)
    t.equal(res.statusCode, row.status, `${row.name} (${res.body})`)
  }
})

t.test('the vendor sample: what exists is deleted (each once), a name or ID that matches nothing is skipped', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  // Byte for byte the vendor's DeleteStandards payload: two names, a malformed ID and the same two standards by ID.
  const sample = '{"StandardList":[{"Type":"Name","Standards":["Test Standard for AIX","Test Windows 2012"]},{"Type":"ID","Standards":["77fd3e2e4e7e1800-3775-4ba8-9b9d-37d16cccd5a7","3a9abc89-ae28-46ec-ab6f-0885e40e90e1","78d3c003-5f02-4d39-82b8-a90a8613167c"]}],"ContainerPath":"standards","DeletePredefinedStandard":"false"}'
  t.strictSame(expectOk<string[]>(t, await deleteStandards(app, token, sample)), ['3a9abc89-ae28-46ec-ab6f-0885e40e90e1', '78d3c003-5f02-4d39-82b8-a90a8613167c'])
  t.equal((await storedCatalog(dataDir)).standards.length, STANDARDS.length - 2, 'both gone from disk')
})

t.test('nothing matches: 404 naming every name and ID; nothing is deleted', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const res = await deleteStandards(app, token, { StandardList: [{ Type: 'Name', Standards: ['No such standard'] }, { Type: 'ID', Standards: ['77fd3e2e4e7e1800-3775-4ba8-9b9d-37d16cccd5a7', '00000000-0000-4000-8000-000000000001'] }] })
  t.equal(res.statusCode, 404)
  t.strictSame(res.json(), { Message: "No standard with the name 'No such standard' exists. No standard with ID '77fd3e2e4e7e1800-3775-4ba8-9b9d-37d16cccd5a7' exists. No standard with ID '00000000-0000-4000-8000-000000000001' exists." })
  t.equal((await storedCatalog(dataDir)).standards.length, STANDARDS.length)
})

t.test('validation: 400 in the Web API shape, one row per rule', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const eleven = STANDARDS.slice(0, 11).map((s) => s.ID)
  const rows: Array<{ name: string, payload: unknown, key: string, reason: string | RegExp }> = [
    { name: 'no body', payload: '\r\n', key: 'request', reason: 'The request body is required.' },
    { name: 'no StandardList', payload: { ContainerPath: 'Standards' }, key: 'request.StandardList', reason: 'The StandardList field is required.' },
    { name: 'an empty StandardList', payload: { StandardList: [] }, key: 'request.StandardList', reason: "The field StandardList must be a string or array type with a minimum length of '1'." },
    { name: 'an empty Standards', payload: { StandardList: [{ Type: 'ID', Standards: [] }] }, key: 'request.StandardList[0].Standards', reason: "The field Standards must be a string or array type with a minimum length of '1'." },
    { name: 'no Type', payload: { StandardList: [{ Standards: [CORP_LINUX] }] }, key: 'request.StandardList[0].Type', reason: 'The Type field is required.' },
    { name: 'an unknown Type', payload: { StandardList: [{ Type: 'Path', Standards: [CORP_LINUX] }] }, key: 'request.StandardList[0].Type', reason: "The Type field must be 'ID' or 'Name', not 'Path'." },
    { name: 'more than 10 standards', payload: { StandardList: [{ Type: 'ID', Standards: eleven.slice(0, 6) }, { Type: 'ID', Standards: eleven.slice(6) }], DeletePredefinedStandard: true }, key: 'request.StandardList', reason: 'At most 10 standards can be deleted per request; 11 were named.' },
    { name: 'a flag that is not a boolean', payload: { ...byId(CORP_LINUX), DeletePredefinedStandard: 'yes' }, key: 'request.DeletePredefinedStandard', reason: "Could not convert string to boolean: yes. Path 'DeletePredefinedStandard'." }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      expectInvalidParam(t, await deleteStandards(app, token, row.payload), row.key, row.reason)
    })
  }
  t.equal((await storedCatalog(dataDir)).standards.length, STANDARDS.length, 'nothing deleted')
  const ten = expectOk<string[]>(t, await deleteStandards(app, token, { ...byId(...eleven.slice(0, 10)), DeletePredefinedStandard: true }))
  t.equal(ten.length, 10, 'ten is allowed')
})

t.test('rights: 401, 403 without Manage Standards or any Standards folder; standards outside the caller\'s folders are unknown to it', async (t) => {
  const dirs = customFixtures(t, EXTRA_USERS)
  const { app } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const unauthenticated = await deleteStandards(app, undefined, byId(CORP_LINUX))
  t.equal(unauthenticated.statusCode, 401)
  t.strictSame(unauthenticated.json(), DENIED)
  for (const user of [AUDITOR, SCANNER]) {
    const res = await deleteStandards(app, await login(app, user), 'not JSON')
    t.equal(res.statusCode, 403, `${user.username}: 403 before the body is read`)
    t.strictSame(res.json(), FORBIDDEN)
  }
  const windows = await login(app, WINDOWS_ONLY)
  const outside = await deleteStandards(app, windows, byId(CORP_LINUX))
  t.equal(outside.statusCode, 404)
  t.strictSame(outside.json(), { Message: `No standard with ID '${CORP_LINUX}' exists.` })
  const inside = await deleteStandards(app, windows, { ...byName('CIS Microsoft Windows 11 Enterprise Benchmark v3.0.0'), DeletePredefinedStandard: true })
  t.equal(inside.statusCode, 200, 'a sub-folder of Standards is enough')
})

t.test('a deletion survives a restart on the same data dir', async (t) => {
  const first = await build(t)
  expectOk(t, await deleteStandards(first.app, await login(first.app), byName('Corp Linux Baseline 2026')))
  await first.app.close()
  const second = await build(t, {}, first.dataDir)
  const ids = await standardIds(second.app, await login(second.app))
  t.equal(ids.length, STANDARDS.length - 1)
  t.notOk(ids.includes(CORP_LINUX))
})
