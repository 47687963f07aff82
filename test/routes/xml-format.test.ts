// JSON and XML (the guide: "The APIs return data in JSON and XML"): Web API's content
// negotiation by Accept, the DataContract serializer's XML for every operation and for
// errors; the token endpoint (OWIN) answers JSON whatever is asked.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import type { OperationId } from '../../src/domain/operation-rules.js'
import { build, DB2_GROUP, FIXTURE_RUN, jobPayload, login, RHEL_STANDARD, UNIX_ASSET, UNKNOWN_ID, WEEKLY_JOB } from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'
import { ARRAYS, DATA_CONTRACTS, expectSameData, INSTANCE, itemNames, parseXml, type Element } from '../helpers/xml.js'

const API = '/ccs/api/v1'
const API_V2 = '/ccs/api/v2'
const XML_UTF8 = 'application/xml; charset=utf-8'
const EXECUTABLE_JOBS = ['0b3b6ac7-acc9-42f1-9db9-bf89d7bd6e16', '2a221e47-f38a-4a6b-af20-43d650e6d56b']
const CUSTOM_STANDARDS = ['c0b5a644-1aa1-4972-8f53-6c77cb3153a3', 'ff564dd0-edcb-47af-a705-c593e6e69e8c']
const enc = encodeURIComponent

interface Call { method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown }

async function send (app: FastifyInstance, token: string, call: Call, accept?: string): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(accept === undefined ? {} : { accept }) }
  if (call.payload !== undefined) headers['content-type'] = 'application/json'
  return await app.inject({ method: call.method, url: call.url, headers, ...(call.payload === undefined ? {} : { payload: JSON.stringify(call.payload) }) })
}

function expectXml (t: Test, res: LightMyRequestResponse, root: string, namespace = DATA_CONTRACTS): Element {
  t.equal(res.headers['content-type'], XML_UTF8)
  const xml = parseXml(t, res.body)
  t.equal(xml.name, root, `root <${root}>`)
  t.strictSame(Object.keys(xml.attributes), ['xmlns:i', 'xmlns'], 'xmlns:i, then the default namespace')
  t.equal(xml.attributes['xmlns:i'], INSTANCE)
  t.equal(xml.attributes.xmlns, namespace)
  return xml
}

interface Pair { root: string, namespace?: string, json: Call, xml: Call, shapeOnly?: boolean }

/** Per operation: a JSON request and an XML request; reads ask the same thing twice, writes change two similar records. */
function pairs (jobs: { a: string, b: string, c: string, d: string }, assets: { a: string, b: string, c: string, d: string }): Record<Exclude<OperationId, 'createToken' | 'getReport'>, Pair> {
  const newAsset = (name: string): unknown => [{ Type: 'symc-csm-AssetSystem-Asset-Wnt-Machine', 'symc-csm-AssetSystem-Asset-Wnt-Machine-HostName': name, 'symc-csm-AssetSystem-Asset-Wnt-Machine-DomainWorkgroupName': 'NewDomain' }]
  const same = (call: Call): { json: Call, xml: Call } => ({ json: call, xml: call })
  return {
    createJob: { root: 'CreateJobResponse', json: { method: 'POST', url: `${API}/jobs`, payload: jobPayload() }, xml: { method: 'POST', url: `${API}/jobs`, payload: jobPayload() }, shapeOnly: true },
    updateJob: { root: 'CreateJobResponse', json: { method: 'PATCH', url: `${API}/Jobs`, payload: { JobID: jobs.a, JobDetails: { JobDescription: 'json' } } }, xml: { method: 'PATCH', url: `${API}/Jobs`, payload: { JobID: jobs.b, JobDetails: { JobDescription: 'xml' } } }, shapeOnly: true },
    deleteJob: { root: 'DeleteJobResponse', json: { method: 'DELETE', url: `${API}/Jobs?jobid=${jobs.c}` }, xml: { method: 'DELETE', url: `${API}/Jobs?jobid=${jobs.d}` }, shapeOnly: true },
    jobOperation: { root: 'JobOperationResponse', json: { method: 'POST', url: `${API}/jobs/${EXECUTABLE_JOBS[0] ?? ''}`, payload: { Operation: 'execute' } }, xml: { method: 'POST', url: `${API}/jobs/${EXECUTABLE_JOBS[1] ?? ''}`, payload: { Operation: 'execute' } }, shapeOnly: true },
    getJob: { root: 'JobView', ...same({ method: 'GET', url: `${API}/Jobs/${WEEKLY_JOB}` }) },
    searchJobByName: { root: 'JobView', ...same({ method: 'GET', url: `${API}/Jobs?jobname=${enc('Online-Normal std-AL')}` }) },
    searchJobs: { root: 'JobSearchResult', ...same({ method: 'GET', url: `${API}/Jobs?Attributes=${enc('(JobName Contains e)')}` }) },
    getJobRuns: { root: 'ArrayOfJobRun', ...same({ method: 'GET', url: `${API}/Jobs/${WEEKLY_JOB}/jobruns?count=0&showmessages=true` }) },
    searchAssets: { root: 'AssetSearchResult', ...same({ method: 'GET', url: `${API}/Assets?Attributes=&pagesize=3` }) },
    getAsset: { root: 'AssetView', ...same({ method: 'GET', url: `${API}/Assets/${UNIX_ASSET}` }) },
    createAssets: { root: 'ArrayOfguid', namespace: ARRAYS, json: { method: 'POST', url: `${API}/assets`, payload: newAsset('JsonAsset') }, xml: { method: 'POST', url: `${API}/assets`, payload: newAsset('XmlAsset') }, shapeOnly: true },
    deleteAssets: { root: 'ArrayOfguid', namespace: ARRAYS, json: { method: 'DELETE', url: `${API}/assets`, payload: [assets.a] }, xml: { method: 'DELETE', url: `${API}/assets`, payload: [assets.b] }, shapeOnly: true },
    searchAssetGroups: { root: 'AssetGroupSearchResult', ...same({ method: 'GET', url: `${API}/AssetGroup?Attributes=${enc('(displayName = All DB2 *)')}` }) },
    getAssetGroup: { root: 'AssetGroupView', ...same({ method: 'GET', url: `${API}/AssetGroup/${DB2_GROUP}` }) },
    getAssetGroupAssets: { root: 'AssetSearchResult', ...same({ method: 'GET', url: `${API}/AssetGroup/${DB2_GROUP}/Assets?Pagesize=2` }) },
    searchStandards: { root: 'StandardSearchResult', ...same({ method: 'GET', url: `${API}/Standards?Attributes=${enc('displayName Contains red hat')}` }) },
    deleteStandards: { root: 'ArrayOfguid', namespace: ARRAYS, json: { method: 'DELETE', url: `${API}/Standards`, payload: { StandardList: [{ Type: 'ID', Standards: [CUSTOM_STANDARDS[0]] }] } }, xml: { method: 'DELETE', url: `${API}/Standards`, payload: { StandardList: [{ Type: 'ID', Standards: [CUSTOM_STANDARDS[1]] }] } }, shapeOnly: true },
    getResults: { root: 'RawResults', ...same({ method: 'POST', url: `${API}/Results`, payload: { AssetID: UNIX_ASSET, StandardID: RHEL_STANDARD, JobRunID: FIXTURE_RUN } }) },
    deleteAssetsAndAgents: { root: 'DeleteAssetsAndAgentsResponse', json: { method: 'DELETE', url: `${API}/AssetsAndAgents`, payload: { AssetIds: [assets.c] } }, xml: { method: 'DELETE', url: `${API}/AssetsAndAgents`, payload: { AssetIds: [assets.d] } }, shapeOnly: true },
    getRemediationTicket: { root: 'RemediationTicket', ...same({ method: 'GET', url: `${API}/RemediationTickets?TicketNumber=INCA0000001` }) },
    searchRemediationTickets: { root: 'TicketSearchResult', ...same({ method: 'GET', url: `${API}/RemediationTickets?Fields=${enc('(TicketState=1)')}&page=0&pagesize=2` }) },
    updateRemediationTicket: { root: 'RemediationTicket', json: { method: 'PATCH', url: `${API}/RemediationTickets/`, payload: { TicketNumber: 'INCA0000002', Priority: 'Low' } }, xml: { method: 'PATCH', url: `${API}/RemediationTickets/`, payload: { TicketNumber: 'INCA0000003', Priority: 'Low' } }, shapeOnly: true },
    getAgentsForAsset: { root: 'GetAgentsForAssetResponse', ...same({ method: 'GET', url: `${API_V2}/Agents/GetAgentsForAsset`, payload: { AssetIDs: [UNIX_ASSET] } }) },
    getAssetsForAgent: { root: 'GetAssetsForAgentResponse', ...same({ method: 'GET', url: `${API_V2}/Agents/GetAssetsForAgent`, payload: { AgentIDs: ['31e875ba-224c-4601-bc53-d0e30109c207'] } }) },
    getAgentsWithoutAssets: { root: 'GetAgentsWithOutAssetsResponse', ...same({ method: 'GET', url: `${API_V2}/Agents/GetAgentsWithOutAssets`, payload: { Offset: 0, numberOfRecords: 5 } }) }
  }
}

t.test('every operation answers XML for Accept: application/xml, holding what its JSON holds', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const created: string[] = []
  for (let i = 0; i < 4; i++) {
    const res = await send(app, token, { method: 'POST', url: `${API}/jobs`, payload: jobPayload() })
    created.push((res.json() as { JobID: string }).JobID)
  }
  const assets: string[] = []
  for (const name of ['ToDeleteJson', 'ToDeleteXml', 'ToDeleteJson2', 'ToDeleteXml2']) {
    const res = await send(app, token, { method: 'POST', url: `${API}/assets`, payload: [{ Type: 'symc-csm-AssetSystem-Asset-Wnt-Machine', 'symc-csm-AssetSystem-Asset-Wnt-Machine-HostName': name }] })
    assets.push((res.json() as string[])[0] ?? '')
  }
  const [a = '', b = '', c = '', d = ''] = created
  const rows = pairs({ a, b, c, d }, { a: assets[0] ?? '', b: assets[1] ?? '', c: assets[2] ?? '', d: assets[3] ?? '' })
  for (const [id, pair] of Object.entries(rows)) {
    await t.test(`${id}: <${pair.root}>`, async (t) => {
      const json = await send(app, token, pair.json)
      t.equal(json.statusCode, 200, `JSON: 200 (${json.body.slice(0, 120)})`)
      t.equal(json.headers['content-type'], JSON_UTF8)
      const xml = await send(app, token, pair.xml, 'application/xml')
      t.equal(xml.statusCode, 200, `XML: 200 (${xml.body.slice(0, 120)})`)
      const root = expectXml(t, xml, pair.root, pair.namespace)
      expectSameData(t, root, json.json(), pair.root, pair.shapeOnly === true)
    })
  }

  await t.test('lists: objects as elements named after their type, scalars in the Arrays namespace under d<depth>p1', async (t) => {
    const job = expectXml(t, await send(app, token, { method: 'GET', url: `${API}/Jobs/${WEEKLY_JOB}` }, 'application/xml'), 'JobView')
    const standards = job.children.find((e) => e.name === 'Standards')
    t.equal(standards?.attributes['xmlns:d2p1'], ARRAYS)
    t.strictSame(standards?.children.map((e) => e.name), ['d2p1:guid'])
    const assetsList = job.children.find((e) => e.name === 'AssetsResolutionInfo')
    t.strictSame(assetsList === undefined ? [] : itemNames(assetsList), ['AssetResolutionInfo'])
    const schedule = job.children.find((e) => e.name === 'Schedule')
    t.strictSame(schedule?.children.slice(0, 2).map((e) => e.name), ['EndJobRunConfigured', 'EndJobRunTimeInterval'], 'a nested object, its members sorted')
    t.equal(job.children.find((e) => e.name === 'SuccessNotification')?.attributes['i:nil'], 'true', 'null: i:nil')
    const raw = expectXml(t, await send(app, token, rows.getResults.json, 'application/xml'), 'RawResults')
    t.strictSame(raw.children[0]?.children.map((e) => e.name).slice(0, 3), ['Asset_x0020_Name', 'Checks_x0020_to_x0020_be_x0020_manually_x0020_reviewed', 'Compliance_x0020_Statistics'],
      'names that are no XML names are encoded as XmlConvert does, then sorted')
  })
})

t.test('errors are XML too: Web API\'s HttpError is <Error>, without a namespace', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const asXml = { accept: 'application/xml' }
  const rows: Array<[string, () => Promise<LightMyRequestResponse>, number, Array<[string, string]>]> = [
    ['401', async () => await app.inject({ method: 'GET', url: `${API}/Jobs/${WEEKLY_JOB}`, headers: asXml }), 401, [['Message', 'Authorization has been denied for this request.']]],
    ['404 unknown job', async () => await send(app, token, { method: 'GET', url: `${API}/Jobs/${UNKNOWN_ID}` }, 'application/xml'), 404, [['Message', `No job with ID '${UNKNOWN_ID}' exists.`]]],
    ['404 no action', async () => await send(app, token, { method: 'GET', url: `${API}/Assets` }, 'application/xml'), 404, [
      ['Message', "No HTTP resource was found that matches the request URI 'http://localhost:80/ccs/api/v1/Assets'."],
      ['MessageDetail', "No action was found on the controller 'Assets' that matches the request."]
    ]],
    ['404 unknown route', async () => await send(app, token, { method: 'GET', url: `${API}/nowhere` }, 'application/xml'), 404, [['Message', "No HTTP resource was found that matches the request URI 'http://localhost:80/ccs/api/v1/nowhere'."]]],
    ['405', async () => await send(app, token, { method: 'PATCH', url: `${API}/Assets/${UNIX_ASSET}` }, 'application/xml'), 405, [['Message', "The requested resource does not support http method 'PATCH'."]]]
  ]
  for (const [name, request, status, elements] of rows) {
    await t.test(name, async (t) => {
      const res = await request()
      t.equal(res.statusCode, status)
      t.equal(res.headers['content-type'], XML_UTF8)
      const xml = parseXml(t, res.body)
      t.equal(xml.name, 'Error')
      t.strictSame(xml.attributes, {}, 'no namespace')
      t.strictSame(xml.children.map((e) => [e.name, e.text]), elements)
    })
  }

  await t.test('403', async (t) => {
    const viewer = await login(app, { username: 'domain1\\auditor', password: 'pass@123' })
    const res = await send(app, viewer, { method: 'POST', url: `${API}/jobs`, payload: {} }, 'text/xml')
    t.equal(res.statusCode, 403)
    t.equal(res.headers['content-type'], 'text/xml; charset=utf-8', 'text/xml asked, text/xml answered')
    t.strictSame(parseXml(t, res.body).children.map((e) => [e.name, e.text]), [['Message', 'You are not authorized to perform this task. Access is denied.']])
  })

  await t.test('400 ModelState: one element per key (encoded as XmlConvert does), the reasons space-separated', async (t) => {
    const res = await send(app, token, { method: 'POST', url: `${API}/jobs`, payload: jobPayload({ AssetsResolutionInfo: [{ Id: 'x', Type: 'y' }], AssetTimeOut: 0 }) }, 'application/xml')
    t.equal(res.statusCode, 400)
    const json = await send(app, token, { method: 'POST', url: `${API}/jobs`, payload: jobPayload({ AssetsResolutionInfo: [{ Id: 'x', Type: 'y' }], AssetTimeOut: 0 }) })
    const modelState = (json.json() as { ModelState: Record<string, string[]> }).ModelState
    const xml = parseXml(t, res.body)
    t.strictSame(xml.children.map((e) => e.name), ['Message', 'ModelState'])
    const state = xml.children[1]?.children ?? []
    t.strictSame(state.map((e) => e.name), Object.keys(modelState).map((k) => k.replace(/\[/g, '_x005B_').replace(/\]/g, '_x005D_')))
    t.strictSame(state.map((e) => e.text), Object.values(modelState).map((reasons) => reasons.join(' ')))
  })

  await t.test('GET Reports: the workbook whatever Accept says; its errors in XML', async (t) => {
    const ok = await send(app, token, { method: 'GET', url: `${API}/Reports?assetid=${UNIX_ASSET}&standardid=${RHEL_STANDARD}` }, 'application/xml')
    t.equal(ok.statusCode, 200)
    t.equal(ok.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const missing = await send(app, token, { method: 'GET', url: `${API}/Reports?assetid=${UNKNOWN_ID}&standardid=${RHEL_STANDARD}` }, 'application/xml')
    t.equal(missing.statusCode, 404)
    t.equal(parseXml(t, missing.body).name, 'Error')
  })
})

t.test('the token endpoint is OWIN, not Web API: JSON whatever Accept says', async (t) => {
  const { app } = await build(t)
  for (const payload of ['grant_type=password&username=domain1%5Cadministrator&password=pass%40123', 'grant_type=password&username=x&password=y', '{}']) {
    const res = await app.inject({ method: 'POST', url: `${API}/oauth/tokens`, headers: { accept: 'application/xml', 'content-type': 'application/xml' }, payload })
    t.match(res.headers['content-type'], /^application\/json/, payload)
    t.doesNotThrow(() => res.json())
  }
})

t.test('which format: Accept decides as Web API\'s negotiator does, else the request\'s Content-Type, else JSON', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const url = `${API}/Assets/${UNIX_ASSET}`
  const rows: Array<[string, Record<string, string>, string]> = [
    ['no Accept', {}, JSON_UTF8],
    ['*/* (the Python samples)', { accept: '*/*' }, JSON_UTF8],
    ['application/json', { accept: 'application/json' }, JSON_UTF8],
    ['text/json', { accept: 'text/json' }, 'text/json; charset=utf-8'],
    ['application/xml', { accept: 'application/xml' }, XML_UTF8],
    ['text/xml', { accept: 'text/xml' }, 'text/xml; charset=utf-8'],
    ['APPLICATION/XML (any case)', { accept: 'APPLICATION/XML' }, XML_UTF8],
    ['a browser: application/xml;q=0.9 beats */*;q=0.8', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, XML_UTF8],
    ['xml and json equally: JSON, the first formatter', { accept: 'application/xml, application/json' }, JSON_UTF8],
    ['json with a lower quality', { accept: 'application/json;q=0.5, application/xml' }, XML_UTF8],
    ['*/* and application/xml at equal quality: the literal wins', { accept: '*/*, application/xml' }, XML_UTF8],
    ['text/*: text/json', { accept: 'text/*' }, 'text/json; charset=utf-8'],
    ['only an unsupported type: JSON', { accept: 'text/html' }, JSON_UTF8],
    ['xml refused with q=0', { accept: 'application/xml;q=0' }, JSON_UTF8],
    ['no Accept, Content-Type application/xml: XML', { 'content-type': 'application/xml' }, XML_UTF8],
    ['no Accept, Content-Type text/json: text/json', { 'content-type': 'text/json' }, 'text/json; charset=utf-8'],
    ['*/* with Content-Type application/xml: JSON (an Accept match comes first)', { accept: '*/*', 'content-type': 'text/xml' }, JSON_UTF8]
  ]
  for (const [name, headers, contentType] of rows) {
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } })
    t.equal(res.statusCode, 200, name)
    t.equal(res.headers['content-type'], contentType, name)
  }
  await t.test('the admin plane stays JSON', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/__admin/health', headers: { accept: 'application/xml' } })
    t.match(res.headers['content-type'], /^application\/json/)
  })
})
