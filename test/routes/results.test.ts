// POST /ccs/api/v1/results (raw results) and GET /ccs/api/v1/reports (Excel report), spec §6, over the fixture run and runs made through the API.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type ExcelJS from 'exceljs'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import type { Asset, Standard, User } from '../../src/schemas/catalog.js'
import {
  build, FIXTURE_RUN, jobPayload, login, postJob, RHEL_STANDARD, RUN_MS, SCANNER, UNIX_ASSET, UNIX_ASSET_2, UNKNOWN_ID, WINDOWS_ASSET
} from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { customFixtures, DENIED, expectInvalidParam, expectOk, fixture, FORBIDDEN, get, INVALID, UNIX_ADMIN, expectNoAction } from '../helpers/read-api.js'
import { readWorkbook, rowValues, sheet } from '../helpers/workbook.js'

const RESULTS = '/ccs/api/v1/results'
const REPORTS = '/ccs/api/v1/reports'
/** The fixture run: queued 2026-01-04 02:00 UTC, 2 s queued, 5 s collection, 3 s evaluation. */
const FIXTURE_EVALUATION_DATE = '2026-01-04T02:00:10.0000000Z'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Every task but View evaluation results. */
/** View evaluation results and no folder at all (fixtures/users.json). */
const RESULTS_VIEWER = { username: 'domain1\\resultsviewer', password: 'pass@123' }
const NO_RESULTS = { username: 'domain1\\noresults', password: 'nores@123' }

const ASSETS = fixture<Asset[]>('assets.json')
const STANDARDS = fixture<Standard[]>('standards.json')

type Outcome = 'Passed' | 'Failed' | 'Exempted' | 'NotApplicable' | 'ManualReview'
interface Item {
  CheckID: string
  'Check name': string
  'Check status': string
  Risk: string
  AccessVector: string
  AccessComplexity: string
  Authentication: string
  Confidentiality: string
  Integrity: string
  Availability: string
}
type ListName = 'Passed Checks' | 'Failed Checks' | 'Exempted Checks' | 'NotApplicable Checks' | 'Checks to be manually reviewed'
type Lists = Record<ListName, Item[]>
interface Raw extends Lists {
  'Asset Name': string
  'Standard Name': string
  'Standard Version': string
  'Job Run ID': string
  'Compliance Statistics': { 'Data collected on date': string, 'Evaluation date': string, 'Compliance score': number }
}
/** The shape a public client reads from a real server (docs/decisions.md, "Results and reports"). */
interface ResultsBody { RawEvaluationResult: Raw }
const LIST_OF: Record<Outcome, ListName> = { Passed: 'Passed Checks', Failed: 'Failed Checks', Exempted: 'Exempted Checks', NotApplicable: 'NotApplicable Checks', ManualReview: 'Checks to be manually reviewed' }
const STATUS_OF: Record<Outcome, string> = { Passed: 'Passed', Failed: 'Failed', Exempted: 'Exempted', NotApplicable: 'Not Applicable', ManualReview: 'Manual Review' }
/** CVSS v2 base metrics by severity (docs/decisions.md). */
const CVSS: Record<string, Pick<Item, 'AccessVector' | 'AccessComplexity' | 'Authentication' | 'Confidentiality' | 'Integrity' | 'Availability'>> = {
  High: { AccessVector: 'Network', AccessComplexity: 'Low', Authentication: 'None', Confidentiality: 'Complete', Integrity: 'Complete', Availability: 'Complete' },
  Medium: { AccessVector: 'Network', AccessComplexity: 'Medium', Authentication: 'Single', Confidentiality: 'Partial', Integrity: 'Partial', Availability: 'Partial' },
  Low: { AccessVector: 'Local', AccessComplexity: 'High', Authentication: 'Multiple', Confidentiality: 'Partial', Integrity: 'None', Availability: 'None' }
}
const runOf = (body: ResultsBody): string => body.RawEvaluationResult['Job Run ID']

function find<T extends { ID: string }> (list: T[], id: string): T {
  const found = list.find((x) => x.ID === id)
  if (found === undefined) throw new Error(`no ${id} in the fixtures`)
  return found
}

/**
 * The outcome of each check, worked out here from the fixture data by the documented
 * rules (docs/decisions.md, "Results and reports"), not by src/: another platform →
 * NotApplicable; an exemption of the asset → Exempted; a manual check →
 * ManualReview; the asset's profile in PassesOn → Passed; else Failed.
 */
function expectedOutcomes (assetId: string, standardId: string): Array<{ check: Standard['Checks'][number], outcome: Outcome }> {
  const asset = find(ASSETS, assetId)
  const standard = find(STANDARDS, standardId)
  const platform = /^symc-csm-AssetSystem-Asset-([^-]+)-/i.exec(asset.Type)?.[1]?.toLowerCase()
  const exemptions = new Set((asset.Simulation.Exemptions ?? []).map((id) => id.toLowerCase()))
  return standard.Checks.map((check) => {
    let outcome: Outcome
    if (platform !== standard.Platform.toLowerCase()) outcome = 'NotApplicable'
    else if (exemptions.has(check.ID.toLowerCase())) outcome = 'Exempted'
    else if (check.Kind === 'manual') outcome = 'ManualReview'
    else if (check.PassesOn.includes(asset.Simulation.Profile)) outcome = 'Passed'
    else outcome = 'Failed'
    return { check, outcome }
  })
}

/** The five lists the API should answer, in the standard's order. */
function expectedLists (assetId: string, standardId: string, only?: string[]): Lists {
  const lists: Lists = { 'Passed Checks': [], 'Failed Checks': [], 'Exempted Checks': [], 'NotApplicable Checks': [], 'Checks to be manually reviewed': [] }
  for (const { check, outcome } of expectedOutcomes(assetId, standardId)) {
    if (only !== undefined && !only.includes(check.ID)) continue
    lists[LIST_OF[outcome]].push({ CheckID: check.ID, 'Check name': check.Name, 'Check status': STATUS_OF[outcome], Risk: check.Severity, ...(CVSS[check.Severity] ?? CVSS.Medium as Item) })
  }
  return lists
}

const counts = (lists: Lists | ResultsBody): number[] => {
  const raw = 'RawEvaluationResult' in lists ? lists.RawEvaluationResult : lists
  return Object.values(LIST_OF).map((name) => raw[name].length)
}

/** A run's collection ends when its 3-second evaluation starts (default durations). */
const collectedBefore = (evaluationDate: string): string => `${new Date(Date.parse(evaluationDate) - 3_000).toISOString().slice(0, -1)}0000Z`

function expected (assetId: string, jobRunId: string, evaluationDate: string, score: number, only?: string[]): ResultsBody {
  const standard = find(STANDARDS, RHEL_STANDARD)
  return {
    RawEvaluationResult: {
      'Asset Name': find(ASSETS, assetId).DisplayName,
      'Standard Name': standard.DisplayName,
      'Standard Version': standard.Version,
      'Job Run ID': jobRunId,
      'Compliance Statistics': { 'Data collected on date': collectedBefore(evaluationDate), 'Evaluation date': evaluationDate, 'Compliance score': score },
      ...expectedLists(assetId, RHEL_STANDARD, only)
    }
  }
}

async function results (app: FastifyInstance, token: string | undefined, body: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'POST',
    url: RESULTS,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body)
  })
}

function expectMessage (t: Test, res: LightMyRequestResponse, status: number, message: string): void {
  t.equal(res.statusCode, status, `status ${status}`)
  t.equal(res.headers['content-type'], JSON_UTF8)
  t.strictSame(res.json(), { Message: message })
}

const noResults = (asset: string, scope = ''): string => `No evaluation results exist for asset '${asset}' and standard 'CCS Security Essentials for Red Hat Enterprise Linux'${scope}.`

function withUsers (t: Test, replaced: Record<string, unknown> = {}): { fixtures: string, data: string } {
  const noResults: User = {
    UserName: NO_RESULTS.username,
    Password: NO_RESULTS.password,
    Tasks: ['View standards', 'View assets', 'Manage jobs', 'Collect data', 'Evaluate standards', 'View all jobs', 'Manage Agents'],
    Folders: ['Asset System', 'Standards']
  }
  return customFixtures(t, [noResults], replaced)
}

async function createAndRun (t: Test, app: FastifyInstance, clock: { advance: (ms: number) => void }, token: string, assets: string[]): Promise<{ jobId: string, runId: string }> {
  const created = await postJob(app, token, jobPayload({
    AssetsResolutionInfo: assets.map((id) => ({ Id: id, Type: find(ASSETS, id).Type })),
    Standards: [RHEL_STANDARD],
    Schedule: { RunNow: true }
  }, { JobType: 'CollectionEvaluationJob' }))
  const jobId = expectOk<{ JobID: string }>(t, created).JobID
  clock.advance(RUN_MS + 1_000)
  const runs = expectOk<Array<{ JobRunID: string, Status: string }>>(t, await get(app, token, `/ccs/api/v1/jobs/${jobId}/jobruns`))
  t.equal(runs.length, 1, 'one run')
  t.equal(runs[0]?.Status, 'Completed', 'the run has completed')
  return { jobId, runId: runs[0]?.JobRunID ?? '' }
}

t.test('the fixtures give every outcome these tests rely on', async (t) => {
  // Spelled out once, so a changed fixture shows here first: [passed, failed, exempted, not applicable, manual].
  t.strictSame(counts(expectedLists(UNIX_ASSET, RHEL_STANDARD)), [12, 1, 1, 0, 1], 'db2-prod-01 (hardened, auditd exempted)')
  t.strictSame(counts(expectedLists(UNIX_ASSET_2, RHEL_STANDARD)), [7, 6, 1, 0, 1], 'db2-prod-02 (baseline, SELinux exempted)')
  t.strictSame(counts(expectedLists(WINDOWS_ASSET, RHEL_STANDARD)), [0, 0, 0, 15, 0], 'win-app-01: another platform')
  t.equal(find(STANDARDS, RHEL_STANDARD).Version, '1.3.0')
})

t.test('POST Results: the fixture run, once the server has settled', async (t) => {
  const { app } = await build(t)
  const token = await login(app)

  await t.test('the latest results of each asset of the fixture run', async (t) => {
    // Score: passed / (passed + failed), one decimal: 12/13 and 7/13.
    t.strictSame(expectOk(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD })), expected(UNIX_ASSET, FIXTURE_RUN, FIXTURE_EVALUATION_DATE, 92.3))
    t.strictSame(expectOk(t, await results(app, token, { AssetID: UNIX_ASSET_2, StandardID: RHEL_STANDARD })), expected(UNIX_ASSET_2, FIXTURE_RUN, FIXTURE_EVALUATION_DATE, 53.8))
  })

  await t.test('the vendor sample\'s body: lower-case names, GUIDs in other forms, JobRunID', async (t) => {
    const body = { assetid: UNIX_ASSET.toUpperCase(), standardid: `{${RHEL_STANDARD}}`, jobrunid: FIXTURE_RUN.toUpperCase() }
    t.strictSame(expectOk(t, await results(app, token, body)), expected(UNIX_ASSET, FIXTURE_RUN, FIXTURE_EVALUATION_DATE, 92.3))
  })

  await t.test('StandardVersion of the stored evaluation', async (t) => {
    t.equal(runOf(expectOk<ResultsBody>(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, StandardVersion: '1.3.0' }))), FIXTURE_RUN)
  })

  await t.test('CheckIDList: only the listed checks, unknown IDs ignored, the score of the whole evaluation', async (t) => {
    const outcomes = expectedOutcomes(UNIX_ASSET, RHEL_STANDARD)
    const pick = (outcome: Outcome): string => outcomes.find((o) => o.outcome === outcome)?.check.ID ?? ''
    const wanted = [pick('Exempted'), pick('Passed'), pick('ManualReview')]
    const body = { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, checkidlist: [wanted[0]?.toUpperCase(), `{${wanted[1] ?? ''}}`, wanted[2], UNKNOWN_ID] }
    const answer = expectOk<ResultsBody>(t, await results(app, token, body))
    t.strictSame(answer, expected(UNIX_ASSET, FIXTURE_RUN, FIXTURE_EVALUATION_DATE, 92.3, wanted))
    t.strictSame(counts(answer), [1, 0, 1, 0, 1])
    t.strictSame(expectOk(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, CheckIDList: [] })), expected(UNIX_ASSET, FIXTURE_RUN, FIXTURE_EVALUATION_DATE, 92.3), '[] means every check')
    t.strictSame(counts(expectOk(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, CheckIDList: [UNKNOWN_ID] }))), [0, 0, 0, 0, 0], 'only unknown IDs: every list empty')
  })

  await t.test('404s', async (t) => {
    expectMessage(t, await results(app, token, { AssetID: UNKNOWN_ID, StandardID: RHEL_STANDARD }), 404, `No asset with ID '${UNKNOWN_ID}' exists.`)
    expectMessage(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: UNKNOWN_ID }), 404, `No standard with ID '${UNKNOWN_ID}' exists.`)
    expectMessage(t, await results(app, token, { AssetID: RHEL_STANDARD, StandardID: UNIX_ASSET }), 404, `No asset with ID '${RHEL_STANDARD}' exists.`)
    expectMessage(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, JobRunID: UNKNOWN_ID.toUpperCase() }), 404, `No job run with ID '${UNKNOWN_ID}' exists.`)
    expectMessage(t, await results(app, token, { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD }), 404, noResults('win-app-01'))
    expectMessage(t, await results(app, token, { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, JobRunID: FIXTURE_RUN }), 404, noResults('win-app-01', ` in job run '${FIXTURE_RUN}'`))
    expectMessage(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, StandardVersion: '9.9' }), 404, noResults('db2-prod-01', " for version '9.9'"))
  })

  await t.test('400s: the request is checked before anything is looked up', async (t) => {
    const rows: Array<[string, unknown, string, string | RegExp]> = [
      ['no AssetID', { StandardID: RHEL_STANDARD }, 'request.AssetID', 'The AssetID field is required.'],
      ['no StandardID', { AssetID: UNIX_ASSET }, 'request.StandardID', 'The StandardID field is required.'],
      ['AssetID not a GUID', { AssetID: 'db2-prod-01', StandardID: RHEL_STANDARD }, 'request.AssetID', "Error converting value \"db2-prod-01\" to type 'System.Guid'. Path 'AssetID'."],
      ['JobRunID not a GUID', { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, JobRunID: 'latest' }, 'request.JobRunID', "Error converting value \"latest\" to type 'System.Guid'. Path 'JobRunID'."],
      ['CheckIDList item not a GUID', { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, CheckIDList: ['x'] }, 'request.CheckIDList[0]', /System\.Guid/],
      ['CheckIDList not a list', { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, CheckIDList: 5 }, 'request.CheckIDList', /CheckIDList/],
      ['empty body', '', 'request', 'The request body is required.'],
      ['malformed JSON', '{"AssetID":', 'request', /^The request body is not valid JSON/]
    ]
    for (const [name, body, key, reason] of rows) {
      await t.test(name, async (t) => { expectInvalidParam(t, await results(app, token, body), key, reason) })
    }
    const both = await results(app, token, {})
    t.equal(both.statusCode, 400)
    t.strictSame(both.json(), { Message: INVALID, ModelState: { 'request.AssetID': ['The AssetID field is required.'], 'request.StandardID': ['The StandardID field is required.'] } }, 'every missing field at once')
  })
})

t.test('POST Results: a complete run made through the API', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  // Queued at the clock's start (2026-01-05 09:00 UTC); evaluation ends 10 s later.
  const { jobId, runId } = await createAndRun(t, app, clock, token, [UNIX_ASSET, WINDOWS_ASSET])
  const evaluated = '2026-01-05T09:00:10.0000000Z'
  t.not(runId, FIXTURE_RUN)

  t.strictSame(expectOk(t, await results(app, token, { assetid: UNIX_ASSET, standardid: RHEL_STANDARD, jobrunid: runId })), expected(UNIX_ASSET, runId, evaluated, 92.3), 'db2-prod-01 in the new run')
  t.strictSame(expectOk(t, await results(app, token, { assetid: WINDOWS_ASSET, standardid: RHEL_STANDARD, jobrunid: runId })), expected(WINDOWS_ASSET, runId, evaluated, 100), 'win-app-01: every check not applicable, score 100')
  t.strictSame(expectOk(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD })), expected(UNIX_ASSET, runId, evaluated, 92.3), 'the latest is now the new run')
  t.strictSame(expectOk(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, JobRunID: FIXTURE_RUN })), expected(UNIX_ASSET, FIXTURE_RUN, FIXTURE_EVALUATION_DATE, 92.3), 'the fixture run still answers by its ID')
  t.strictSame(expectOk(t, await results(app, token, { AssetID: UNIX_ASSET_2, StandardID: RHEL_STANDARD })), expected(UNIX_ASSET_2, FIXTURE_RUN, FIXTURE_EVALUATION_DATE, 53.8), 'an asset outside the new run keeps its fixture results')
  expectMessage(t, await results(app, token, { AssetID: UNIX_ASSET_2, StandardID: RHEL_STANDARD, JobRunID: runId }), 404, noResults('db2-prod-02', ` in job run '${runId}'`))

  await t.test('a run still in progress has no results yet', async (t) => {
    const res = await app.inject({ method: 'POST', url: `/ccs/api/v1/jobs/${jobId}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"Operation":"execute"}' })
    const running = expectOk<{ JobRunID: string }>(t, res).JobRunID
    clock.advance(RUN_MS - 1)
    expectMessage(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, JobRunID: running }), 404, noResults('db2-prod-01', ` in job run '${running}'`))
    t.equal(runOf(expectOk<ResultsBody>(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD }))), runId, 'the latest is the last finished evaluation')
    clock.advance(1)
    t.equal(runOf(expectOk<ResultsBody>(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD }))), running, 'once it has ended, it is the latest')
  })

  await t.test('deleting the job\'s run history removes its results', async (t) => {
    const del = await app.inject({ method: 'DELETE', url: `/ccs/api/v1/jobs?jobid=${jobId}&DeleteJob=False`, headers: { authorization: `Bearer ${token}` } })
    t.match(expectOk(t, del), { JobRunsDeleted: 2 })
    expectMessage(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, JobRunID: runId }), 404, `No job run with ID '${runId}' exists.`)
    t.equal(runOf(expectOk<ResultsBody>(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD }))), FIXTURE_RUN, 'the latest is the fixture run again')
    expectMessage(t, await results(app, token, { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD }), 404, noResults('win-app-01'))
  })
})

t.test('POST Results: "Data collected on date" of an evaluation-only run is when an earlier run collected', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  await createAndRun(t, app, clock, token, [UNIX_ASSET])
  clock.advance(60_000)
  const created = await postJob(app, token, jobPayload({ AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: find(ASSETS, UNIX_ASSET).Type }], Schedule: { RunNow: true } }, { JobType: 'EvaluationJob' }))
  const jobId = expectOk<{ JobID: string }>(t, created).JobID
  clock.advance(RUN_MS)
  const runId = expectOk<Array<{ JobRunID: string }>>(t, await get(app, token, `/ccs/api/v1/jobs/${jobId}/jobruns`))[0]?.JobRunID
  const raw = expectOk<ResultsBody>(t, await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, JobRunID: runId })).RawEvaluationResult
  t.equal(raw['Compliance Statistics']['Data collected on date'], '2026-01-05T09:00:07.0000000Z', 'the collection of the run before')
  t.not(raw['Compliance Statistics']['Evaluation date'], raw['Compliance Statistics']['Data collected on date'])
})

t.test('POST Results: StandardVersion picks the latest evaluation of that version', async (t) => {
  // The fixture run is evaluated against version 2.2; then the standard becomes 2.3 and a new run evaluates it.
  const standards = STANDARDS.map((s) => s.ID === RHEL_STANDARD ? { ...s, Version: '2.2' } : s)
  const { fixtures, data } = withUsers(t, { 'standards.json': standards })
  const first = await build(t, { fixtures }, data)
  await login(first.app)
  await first.app.close()
  // The data dir keeps its own copy of the catalog (catalog.json): the new version goes there.
  const file = join(data, 'catalog.json')
  const catalog = JSON.parse(readFileSync(file, 'utf8')) as { standards: Array<{ ID: string, Version: string }> }
  for (const standard of catalog.standards) if (standard.ID === RHEL_STANDARD) standard.Version = '2.3'
  writeFileSync(file, JSON.stringify(catalog))

  const { app, clock } = await build(t, { fixtures }, data)
  const token = await login(app)
  const { runId } = await createAndRun(t, app, clock, token, [UNIX_ASSET])
  const ask = async (extra: Record<string, unknown>): Promise<LightMyRequestResponse> => await results(app, token, { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, ...extra })

  t.match(expectOk(t, await ask({})), { RawEvaluationResult: { 'Job Run ID': runId, 'Standard Version': '2.3' } }, 'latest: the new run')
  t.match(expectOk(t, await ask({ StandardVersion: '2.2' })), { RawEvaluationResult: { 'Job Run ID': FIXTURE_RUN, 'Standard Version': '2.2', 'Compliance Statistics': { 'Compliance score': 92.3 } } }, '2.2: the fixture run')
  t.match(expectOk(t, await ask({ standardversion: ' 2.3 ' })), { RawEvaluationResult: { 'Job Run ID': runId, 'Standard Version': '2.3' } }, '2.3: the new run (surrounding spaces ignored)')
  t.match(expectOk(t, await ask({ StandardVersion: '2.3', JobRunID: runId })), { RawEvaluationResult: { 'Job Run ID': runId } }, 'run and version that agree')
  expectMessage(t, await ask({ StandardVersion: '2.2', JobRunID: runId }), 404, noResults('db2-prod-01', ` in job run '${runId}'`))
  expectMessage(t, await ask({ StandardVersion: '2.4' }), 404, noResults('db2-prod-01', " for version '2.4'"))
})

t.test('POST Results and GET Reports: who may read results', async (t) => {
  const { fixtures, data } = withUsers(t)
  const { app } = await build(t, { fixtures }, data)
  const report = `${REPORTS}?assetid=${UNIX_ASSET}&standardid=${RHEL_STANDARD}`
  const body = { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD }

  await t.test('no token: 401', async (t) => {
    const res = await results(app, undefined, body)
    t.equal(res.statusCode, 401)
    t.strictSame(res.json(), DENIED)
    t.equal(res.headers['www-authenticate'], 'Bearer')
    const rep = await get(app, undefined, report)
    t.equal(rep.statusCode, 401)
    t.strictSame(rep.json(), DENIED)
  })
  await t.test('without View evaluation results: 403, before the body is checked', async (t) => {
    const token = await login(app, NO_RESULTS)
    expectMessage(t, await results(app, token, body), 403, FORBIDDEN.Message)
    expectMessage(t, await results(app, token, {}), 403, FORBIDDEN.Message)
    expectMessage(t, await get(app, token, report), 403, FORBIDDEN.Message)
  })
  await t.test('no folder right is needed (both pages: "You do not require permission on any Control Compliance Suite folder")', async (t) => {
    for (const credentials of [RESULTS_VIEWER, UNIX_ADMIN, SCANNER]) {
      const token = await login(app, credentials)
      t.equal(runOf(expectOk<ResultsBody>(t, await results(app, token, body))), FIXTURE_RUN, `${credentials.username}: results`)
      const rep = await get(app, token, report)
      t.equal(rep.statusCode, 200, `${credentials.username}: report`)
      t.equal(rep.headers['content-type'], XLSX)
    }
    const token = await login(app, RESULTS_VIEWER)
    // An asset under Asset System\Windows: found (it has no result in the fixture run), not hidden.
    expectMessage(t, await results(app, token, { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD }), 404, noResults('win-app-01'))
  })
})

/** Summary sheet: property → value. */
function summary (ws: ExcelJS.Worksheet): Map<string, unknown> {
  const map = new Map<string, unknown>()
  for (let row = 2; row <= ws.actualRowCount; row++) {
    const [property, value] = rowValues(ws, row)
    map.set(String(property), value)
  }
  return map
}

const OUTCOME_LABEL: Record<Outcome, string> = { Passed: 'Passed', Failed: 'Failed', Exempted: 'Exempted', NotApplicable: 'Not Applicable', ManualReview: 'Manual Review' }

t.test('GET Reports: an Excel workbook of the fixture run', async (t) => {
  const { app, clock } = await build(t)
  const token = await login(app)
  clock.advance(90_000)
  const res = await get(app, token, `${REPORTS}?assetid=${UNIX_ASSET}&standardid=${RHEL_STANDARD}&reportfiletype=excel`)
  t.equal(res.statusCode, 200, `status 200 (body: ${res.body.slice(0, 200)})`)
  t.equal(res.headers['content-type'], XLSX)
  t.equal(res.headers['content-disposition'], 'attachment; filename="EvaluationReport_db2-prod-01_CCS_Security_Essentials_for_Red_Hat_Enterprise_Linux_20260105090130.xlsx"')
  t.same([...res.rawPayload.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a ZIP file')

  const workbook = await readWorkbook(res.rawPayload)
  t.strictSame(workbook.worksheets.map((w) => w.name), ['Summary', 'Checks'])
  const checks = sheet(workbook, 'Checks')
  t.strictSame(rowValues(checks, 1), ['Check ID', 'Name', 'Severity', 'Outcome'])
  const outcomes = expectedOutcomes(UNIX_ASSET, RHEL_STANDARD)
  t.equal(checks.actualRowCount, outcomes.length + 1, 'a row per check of the standard')
  outcomes.forEach(({ check, outcome }, i) => {
    t.strictSame(rowValues(checks, i + 2), [check.ID, check.Name, check.Severity, OUTCOME_LABEL[outcome]], `row ${i + 2}: ${check.Name}`)
  })

  const props = summary(sheet(workbook, 'Summary'))
  t.match(Object.fromEntries(props), {
    Asset: 'db2-prod-01',
    'Asset ID': UNIX_ASSET,
    Standard: 'CCS Security Essentials for Red Hat Enterprise Linux',
    'Standard ID': RHEL_STANDARD,
    'Standard Version': '1.3.0',
    Job: 'Weekly RHEL CER',
    'Job Run ID': FIXTURE_RUN,
    Score: 92.3,
    Passed: 12,
    Failed: 1,
    Exempted: 1,
    'Not Applicable': 0,
    'Manual Review': 1,
    'Total Checks': 15
  })
  t.equal((props.get('Evaluation Date') as Date).toISOString(), '2026-01-04T02:00:10.000Z')
  t.equal((props.get('Report Generated') as Date).toISOString(), '2026-01-05T09:01:30.000Z')

  await t.test('ReportFileType: absent or excel in any case; anything else 400', async (t) => {
    for (const type of ['', '&reportfiletype=EXCEL', '&ReportFileType=Excel']) {
      const ok = await get(app, token, `${REPORTS}?assetid=${UNIX_ASSET}&standardid=${RHEL_STANDARD}${type}`)
      t.equal(ok.statusCode, 200, `'${type}'`)
      t.equal(ok.headers['content-type'], XLSX)
    }
    for (const type of ['pdf', 'csv', 'xlsx']) {
      expectInvalidParam(t, await get(app, token, `${REPORTS}?assetid=${UNIX_ASSET}&standardid=${RHEL_STANDARD}&reportfiletype=${type}`),
        'ReportFileType', "The report file type is not supported. Only 'excel' is supported.")
    }
  })

  await t.test('jobrunid selects the run; 404s and 400s as for results', async (t) => {
    const one = await get(app, token, `${REPORTS}?assetid=${UNIX_ASSET_2}&standardid=${RHEL_STANDARD}&reportfiletype=excel&jobrunid=${FIXTURE_RUN.toUpperCase()}`)
    t.equal(one.statusCode, 200)
    t.match(Object.fromEntries(summary(sheet(await readWorkbook(one.rawPayload), 'Summary'))), { Asset: 'db2-prod-02', 'Job Run ID': FIXTURE_RUN, Score: 53.8, Failed: 6 })
    const base = `${REPORTS}?standardid=${RHEL_STANDARD}`
    expectMessage(t, await get(app, token, `${base}&assetid=${UNKNOWN_ID}`), 404, `No asset with ID '${UNKNOWN_ID}' exists.`)
    expectMessage(t, await get(app, token, `${REPORTS}?assetid=${UNIX_ASSET}&standardid=${UNKNOWN_ID}`), 404, `No standard with ID '${UNKNOWN_ID}' exists.`)
    expectMessage(t, await get(app, token, `${base}&assetid=${UNIX_ASSET}&jobrunid=${UNKNOWN_ID}`), 404, `No job run with ID '${UNKNOWN_ID}' exists.`)
    expectMessage(t, await get(app, token, `${base}&assetid=${WINDOWS_ASSET}`), 404, noResults('win-app-01'))
    expectNoAction(t, await get(app, token, base), base, 'Reports')
    expectInvalidParam(t, await get(app, token, `${base}&assetid=db2-prod-01`), 'AssetID', "Error converting value \"db2-prod-01\" to type 'System.Guid'. Path 'AssetID'.")
    expectInvalidParam(t, await get(app, token, `${base}&assetid=${UNIX_ASSET}&jobrunid=latest`), 'JobRunID', /System\.Guid/)
  })
})
