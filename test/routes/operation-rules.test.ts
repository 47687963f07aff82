// Every row of the per-operation table (src/domain/operation-rules.ts), walked through HTTP:
// tasks and folders (a user lacking exactly one gets the documented 403), mandatory query
// parameters (404 of Web API's action selector), inputs and their OpenAPI flags.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'
import { OPERATION_RULES, type OperationId, type OperationRule } from '../../src/domain/operation-rules.js'
import type { User } from '../../src/schemas/catalog.js'
import { build, login, UNKNOWN_ID } from '../helpers/build.js'
import { customFixtures, DENIED, expectNoAction, FORBIDDEN } from '../helpers/read-api.js'

interface Sample { method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown }

/** One request per operation that passes authorization without changing anything. */
const SAMPLES: Record<OperationId, Sample> = {
  createToken: { method: 'POST', url: '/ccs/api/v1/oauth/tokens', payload: 'grant_type=password&username=domain1%5Cnobody&password=x' },
  createJob: { method: 'POST', url: '/ccs/api/v1/jobs', payload: {} },
  updateJob: { method: 'PATCH', url: '/ccs/api/v1/jobs', payload: {} },
  deleteJob: { method: 'DELETE', url: `/ccs/api/v1/Jobs?jobid=${UNKNOWN_ID}` },
  jobOperation: { method: 'POST', url: `/ccs/api/v1/jobs/${UNKNOWN_ID}`, payload: { Operation: 'execute' } },
  getJob: { method: 'GET', url: `/ccs/api/v1/Jobs/${UNKNOWN_ID}` },
  searchJobByName: { method: 'GET', url: '/ccs/api/v1/Jobs?jobname=nothing' },
  searchJobs: { method: 'GET', url: '/ccs/api/v1/Jobs?Attributes=' },
  getJobRuns: { method: 'GET', url: `/ccs/api/v1/Jobs/${UNKNOWN_ID}/jobruns` },
  searchAssets: { method: 'GET', url: '/ccs/api/v1/Assets?Attributes=' },
  getAsset: { method: 'GET', url: `/ccs/api/v1/Assets/${UNKNOWN_ID}` },
  createAssets: { method: 'POST', url: '/ccs/api/v1/assets', payload: {} },
  deleteAssets: { method: 'DELETE', url: '/ccs/api/v1/assets', payload: [UNKNOWN_ID] },
  searchAssetGroups: { method: 'GET', url: '/ccs/api/v1/AssetGroup?Attributes=' },
  getAssetGroup: { method: 'GET', url: `/ccs/api/v1/AssetGroup/${UNKNOWN_ID}` },
  getAssetGroupAssets: { method: 'GET', url: `/ccs/api/v1/AssetGroup/${UNKNOWN_ID}/Assets` },
  searchStandards: { method: 'GET', url: '/ccs/api/v1/Standards?Attributes=' },
  deleteStandards: { method: 'DELETE', url: '/ccs/api/v1/Standards', payload: {} },
  getResults: { method: 'POST', url: '/ccs/api/v1/Results', payload: {} },
  getReport: { method: 'GET', url: `/ccs/api/v1/Reports?assetid=${UNKNOWN_ID}&standardid=${UNKNOWN_ID}` },
  deleteAssetsAndAgents: { method: 'DELETE', url: '/ccs/api/v1/AssetsAndAgents', payload: { AssetIds: [UNKNOWN_ID] } },
  getRemediationTicket: { method: 'GET', url: '/ccs/api/v1/RemediationTickets?TicketNumber=INCA9999999' },
  searchRemediationTickets: { method: 'GET', url: '/ccs/api/v1/RemediationTickets?Fields=(TicketState=1)' },
  updateRemediationTicket: { method: 'PATCH', url: '/ccs/api/v1/RemediationTickets/', payload: { TicketNumber: 'INCA9999999', Priority: 'Low' } },
  getAgentsForAsset: { method: 'GET', url: '/ccs/api/v2/Agents/GetAgentsForAsset', payload: { AssetIDs: [UNKNOWN_ID] } },
  getAssetsForAgent: { method: 'GET', url: '/ccs/api/v2/Agents/GetAssetsForAgent', payload: { AgentIDs: ['nobody'] } },
  getAgentsWithoutAssets: { method: 'GET', url: '/ccs/api/v2/Agents/GetAgentsWithOutAssets', payload: {} }
}

const RULES = Object.entries(OPERATION_RULES) as Array<[OperationId, OperationRule]>
const WEB_API_RULES = RULES.filter(([, rule]) => rule.authenticated)

interface Grant { tasks: string[], folders: string[], roles: string[] }

/** The least a caller needs for a rule: its tasks and role, and its folders (only a sub-folder where that is enough). */
function minimal (rule: OperationRule): Grant {
  const { tasks, folders, role } = rule.requirement
  const roles = role === undefined ? [] : [role]
  switch (folders.kind) {
    case 'folders': return { tasks: [...tasks], folders: [...folders.folders], roles }
    case 'subfolders': return { tasks: [...tasks], folders: [`${folders.folder}\\Unix`], roles }
    default: return { tasks: [...tasks], folders: [], roles }
  }
}

/** Callers that lack exactly one thing the page names. */
function lacking (rule: OperationRule): Array<[string, Grant]> {
  const base = minimal(rule)
  const { folders } = rule.requirement
  const rows: Array<[string, Grant]> = base.tasks.map((task) => [`without the task ${task}`, { ...base, tasks: base.tasks.filter((x) => x !== task) }])
  for (const role of base.roles) rows.push([`without the role ${role}`, { ...base, roles: base.roles.filter((x) => x !== role) }])
  if (folders.kind === 'folders') {
    for (const folder of folders.folders) {
      const others = base.folders.filter((f) => f !== folder)
      rows.push([`without the folder ${folder}`, { ...base, folders: others }])
      rows.push([`with only a sub-folder of ${folder}`, { ...base, folders: [...others, `${folder}\\Unix`] }])
    }
  }
  if (folders.kind === 'subfolders') rows.push([`without any folder under ${folders.folder}`, { ...base, folders: [folders.folder === 'Standards' ? 'Asset System' : 'Standards'] }])
  return rows
}

const grantKey = (grant: Grant): string => JSON.stringify([[...grant.tasks].sort(), [...grant.folders].sort(), [...grant.roles].sort()])

async function send (app: FastifyInstance, sample: Sample, token?: string): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` }
  if (sample.payload !== undefined) headers['content-type'] = 'application/json'
  return await app.inject({
    method: sample.method,
    url: sample.url,
    headers,
    ...(sample.payload === undefined ? {} : { payload: typeof sample.payload === 'string' ? sample.payload : JSON.stringify(sample.payload) })
  })
}

const isDenied = (res: LightMyRequestResponse): boolean =>
  res.statusCode === 401 || (res.statusCode === 403 && (res.json() as { Message?: string }).Message === FORBIDDEN.Message)

t.test('every operation of the table has a sample request here', async (t) => {
  t.strictSame(Object.keys(SAMPLES).sort(), Object.keys(OPERATION_RULES).sort())
})

t.test('tasks and folders, page by page: a caller lacking exactly one gets 403; one with exactly the requirements passes', async (t) => {
  const users = new Map<string, { username: string, password: string, grant: Grant }>()
  const userFor = (grant: Grant): { username: string, password: string } => {
    const key = grantKey(grant)
    let user = users.get(key)
    if (user === undefined) {
      user = { username: `domain1\\rule${users.size}`, password: `Rule#${users.size}`, grant }
      users.set(key, user)
    }
    return user
  }
  const plan = WEB_API_RULES.map(([id, rule]) => ({ id, rule, minimal: userFor(minimal(rule)), lacking: lacking(rule).map(([name, grant]) => ({ name, user: userFor(grant) })) }))
  const extra: User[] = [...users.values()].map((u) => ({ UserName: u.username, Password: u.password, Tasks: u.grant.tasks, Folders: u.grant.folders, ...(u.grant.roles.length > 0 ? { Roles: u.grant.roles } : {}) }))
  const dirs = customFixtures(t, extra)
  const { app } = await build(t, { fixtures: dirs.fixtures }, dirs.data)
  const tokens = new Map<string, string>()
  const tokenOf = async (credentials: { username: string, password: string }): Promise<string> => {
    const known = tokens.get(credentials.username)
    if (known !== undefined) return known
    const token = await login(app, credentials)
    tokens.set(credentials.username, token)
    return token
  }

  for (const { id, rule, minimal: least, lacking: rows } of plan) {
    await t.test(`${id}: "${rule.title}"`, async (t) => {
      const sample = SAMPLES[id]
      const passed = await send(app, sample, await tokenOf(least))
      t.notOk(isDenied(passed), `exactly the page's tasks and folders pass (${passed.statusCode} ${passed.body.slice(0, 120)})`)
      for (const row of rows) {
        const res = await send(app, sample, await tokenOf(row.user))
        t.equal(res.statusCode, 403, row.name)
        t.strictSame(res.json(), FORBIDDEN, `${row.name}: the documented 403 body`)
      }
      const anonymous = await send(app, sample)
      t.equal(anonymous.statusCode, 401, 'no token: 401')
      t.strictSame(anonymous.json(), DENIED)
    })
  }
})

t.test('the token endpoint needs no token and no right', async (t) => {
  const { app } = await build(t)
  const res = await send(app, SAMPLES.createToken)
  t.equal(res.statusCode, 400)
  t.strictSame(res.json(), { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' })
})

t.test('a missing mandatory query parameter: 404, no action takes the request, before the token is checked', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  for (const [id, rule] of RULES) {
    const mandatory = rule.inputs.filter((i) => i.in === 'query' && i.mandatory)
    const sample = SAMPLES[id]
    for (const input of mandatory) {
      const [path, query = ''] = sample.url.split('?') as [string, string?]
      const rest = query.split('&').filter((pair) => pair !== '' && (pair.split('=')[0] ?? '').toLowerCase() !== input.name.toLowerCase()).join('&')
      // Search Job by Name and Search Jobs share GET Jobs: only with neither parameter is there no action.
      const otherOperation = RULES.find(([other, o]) => other !== id && o.controller === rule.controller && SAMPLES[other].method === sample.method && SAMPLES[other].url.split('?')[0] === path)
      if (otherOperation !== undefined) continue
      const url = rest === '' ? path : `${path}?${rest}`
      await t.test(`${id} without ${input.name}`, async (t) => {
        expectNoAction(t, await send(app, { ...sample, url }, token), url, rule.controller)
        expectNoAction(t, await send(app, { ...sample, url }), url, rule.controller)
      })
    }
  }
  await t.test('GET Jobs with neither jobname nor Attributes', async (t) => {
    expectNoAction(t, await send(app, { method: 'GET', url: '/ccs/api/v1/Jobs?page=0' }), '/ccs/api/v1/Jobs?page=0', 'Jobs')
  })
  await t.test('GET RemediationTickets with neither TicketNumber nor Fields', async (t) => {
    expectNoAction(t, await send(app, { method: 'GET', url: '/ccs/api/v1/RemediationTickets?page=0' }, token), '/ccs/api/v1/RemediationTickets?page=0', 'RemediationTickets')
  })
})

interface OpenApiSchema { $ref?: string, type?: string, properties?: Record<string, OpenApiSchema>, required?: string[], items?: OpenApiSchema, description?: string }

/** A schema, or the named component a `$ref` points at. */
let components: Record<string, OpenApiSchema> = {}
const resolved = (schema: OpenApiSchema | undefined): OpenApiSchema | undefined =>
  schema?.$ref === undefined ? schema : resolved(components[schema.$ref.replace('#/components/schemas/', '')])
interface OpenApiOperation {
  operationId: string
  description?: string
  parameters?: Array<{ name: string, in: string, required?: boolean }>
  requestBody?: { content: Record<string, { schema: OpenApiSchema }> }
  responses: Record<string, { content?: Record<string, unknown> }>
}

/** `JobDetails.JobName` or `StandardList[].Type` in a request body schema: the property and whether its parent requires it. */
function bodyInput (schema: OpenApiSchema | undefined, path: string): { found: boolean, required: boolean } {
  let node = resolved(schema)
  let required = true
  for (const part of path.split('.')) {
    const name = part.replace(/\[\]$/, '')
    const property = Object.entries(node?.properties ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())
    if (property === undefined) return { found: false, required: false }
    required = required && (node?.required ?? []).includes(property[0])
    node = resolved(part.endsWith('[]') ? resolved(property[1])?.items : property[1])
  }
  return { found: true, required }
}

t.test('the OpenAPI document says what the pages say: each page in a description, each input with its mandatory flag, JSON and XML', async (t) => {
  const { app } = await build(t)
  await app.ready()
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOperation>>, components?: { schemas?: Record<string, OpenApiSchema> } }
  components = doc.components?.schemas ?? {}
  const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods))
  for (const [id, rule] of RULES) {
    await t.test(id, async (t) => {
      const route = operations.find((op) => (op.description ?? '').includes(`**Vendor page:** "${rule.title}".`))
      if (route === undefined) { t.fail(`no route describes "${rule.title}"`); return }
      for (const input of rule.inputs) {
        if (input.in === 'path') {
          t.ok((route.parameters ?? []).some((p) => p.in === 'path' && p.required === true), `${input.name}: a path parameter`)
          continue
        }
        if (input.in === 'query') {
          const parameter = (route.parameters ?? []).find((p) => p.in === 'query' && p.name.toLowerCase() === input.name.toLowerCase())
          t.ok(parameter, `${input.name}: a query parameter`)
          // GET Jobs and GET RemediationTickets serve two pages each; each one's mandatory parameter is optional to the other (the description says so).
          const shared = (route.description?.match(/\*\*Vendor page:\*\*/g) ?? []).length > 1
          if (!shared) t.equal(parameter?.required === true, input.mandatory, `${input.name}: ${input.mandatory ? 'required' : 'optional'}`)
          continue
        }
        // The v2 Agents pages send a JSON body with a GET, which OpenAPI does not describe: the description names it.
        if (SAMPLES[id].method === 'GET') {
          t.ok(route.description?.includes(input.name), `${input.name}: named in the description of the GET body`)
          continue
        }
        const schema = route.requestBody?.content['application/json']?.schema ?? Object.values(route.requestBody?.content ?? {})[0]?.schema
        if (input.name === '(body)') {
          t.equal(resolved(schema)?.type, 'array', 'the body is a JSON array')
          continue
        }
        const found = bodyInput(schema, input.name)
        t.ok(found.found, `${input.name}: in the body`)
        // OWIN's token endpoint checks its form itself; Web API's model binding checks the rest.
        if (rule.authenticated) t.equal(found.required, input.mandatory, `${input.name}: ${input.mandatory ? 'required' : 'optional'}`)
      }
      const ok = route.responses['200']?.content ?? {}
      if (rule.authenticated) {
        // Get Evaluation Reports answers a file; its errors come in either format like the rest.
        const types = id === 'getReport' ? ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] : ['application/json', 'application/xml', 'text/xml']
        for (const type of types) t.ok(type in ok, `200 as ${type}`)
        for (const type of ['application/json', 'application/xml']) t.ok(type in (route.responses['403']?.content ?? {}), `403 as ${type}`)
      }
    })
  }
})
