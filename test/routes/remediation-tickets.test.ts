// Remediation tickets (vendor pages "Search Remediation Tickets", "Get Remediation Ticket Details by Ticket Number",
// "Update Remediation Ticket Details"; the vendor's SearchRemediationTickets, GetRemediationTicketDetailsByID and
// UpdateRemediationTicket samples).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'
import { formatDotNetDate } from '../../src/domain/dotnet/dotnet-time.js'
import type { JobRun } from '../../src/schemas/run.js'
import type { RemediationTicket } from '../../src/schemas/tickets.js'
import { AUDITOR, build, login, loginIn } from '../helpers/build.js'
import { customFixtures, DENIED, expectInvalidParam, expectNoAction, expectOk, fixture, FORBIDDEN, get } from '../helpers/read-api.js'

const TICKETS = fixture<RemediationTicket[]>('remediation-tickets.json')
const SAMPLE_TICKET = 'INCA0000001'
const API = '/ccs/api/v1'
const ROLE_ONLY_WINDOWS = { username: 'domain1\\remwin', password: 'rem@123' }
const ROLE_ALL = { username: 'domain1\\remall', password: 'rem@123' }

interface SearchBody { ticketDataList: RemediationTicket[], TotalPages: number }

async function patch (app: FastifyInstance, token: string | undefined, body: unknown, url = `${API}/RemediationTickets/`): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'PATCH',
    url,
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    payload: typeof body === 'string' ? body : JSON.stringify(body)
  })
}

const where = (test: (ticket: RemediationTicket) => boolean): RemediationTicket[] => TICKETS.filter(test)

t.test('the fixtures: the samples\' ticket, two tickets of state 1 and provider type 2, each about a check its run failed', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  t.ok(TICKETS.some((ticket) => ticket.TicketNumber === SAMPLE_TICKET))
  t.ok(where((ticket) => ticket.TicketState === 1 && ticket.TicketProviderType === 2).length >= 2, 'the search sample fills its page of 2 whatever the update sample did')
  t.ok(new Set(TICKETS.map((ticket) => ticket.TicketState)).size > 2 && new Set(TICKETS.map((ticket) => ticket.TicketProviderType)).size > 1, 'several states and provider types')
  // The stored evaluations, as the control plane's snapshot shows them.
  const { runs } = ((await app.inject({ url: '/__admin/state' })).json() as { data: { runs: JobRun[] } }).data
  t.equal(expectOk<RemediationTicket>(t, await get(app, token, `${API}/RemediationTickets?TicketNumber=${SAMPLE_TICKET}`)).TicketNumber, SAMPLE_TICKET)
  for (const ticket of TICKETS) {
    const result = runs.find((run) => run.runId === ticket.JobRunID)?.results.find((r) => r.AssetID === ticket.AssetID && r.StandardID === ticket.StandardID)
    t.equal(result?.Checks.find((c) => c.CheckID === ticket.CheckID)?.Outcome, 'Failed', `${ticket.TicketNumber}: its check failed in its job run`)
  }
})

t.test('reads', async (t) => {
  const { app } = await build(t)
  const token = await login(app)

  await t.test('by TicketNumber: the ticket (the sample\'s request), its number in any case', async (t) => {
    for (const number of [SAMPLE_TICKET, 'inca0000001']) {
      t.strictSame(expectOk(t, await get(app, token, `${API}/RemediationTickets?TicketNumber=${number}`)), TICKETS[0])
    }
    const missing = await get(app, token, `${API}/RemediationTickets?TicketNumber=INCA9999999`)
    t.equal(missing.statusCode, 404)
    t.strictSame(missing.json(), { Message: "No remediation ticket with the number 'INCA9999999' exists." })
  })

  const rows: Array<{ name: string, query: string, expected: RemediationTicket[], pages?: number }> = [
    {
      name: 'the search sample, byte for byte: page 0 of size 2',
      query: 'Fields=%28TicketState%3D1%2CTicketProviderType%3D2%29&page=0&pagesize=2',
      expected: where((ticket) => ticket.TicketState === 1 && ticket.TicketProviderType === 2).slice(0, 2),
      pages: Math.ceil(where((ticket) => ticket.TicketState === 1 && ticket.TicketProviderType === 2).length / 2)
    },
    { name: 'without parentheses, the page\'s Page/PageSize names', query: `Fields=${encodeURIComponent('TicketState=1')}&Page=0&PageSize=100`, expected: where((ticket) => ticket.TicketState === 1) },
    { name: 'field names and values in any case', query: `fields=${encodeURIComponent('(priority=HIGH)')}`, expected: where((ticket) => ticket.Priority === 'High') },
    { name: 'a * wildcard', query: `Fields=${encodeURIComponent('(AssignedTo=domain1\\unix*)')}`, expected: where((ticket) => ticket.AssignedTo.startsWith('domain1\\unix')) },
    { name: 'by the asset a ticket is about', query: `Fields=${encodeURIComponent(`(AssetID=${TICKETS[0]?.AssetID ?? ''})`)}`, expected: where((ticket) => ticket.AssetID === TICKETS[0]?.AssetID) },
    { name: 'nothing matches', query: `Fields=${encodeURIComponent('(TicketState=3)')}`, expected: [] }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => {
      t.ok(row.expected.length > 0 || row.name === 'nothing matches', 'the row is not vacuous')
      const body = expectOk<SearchBody>(t, await get(app, token, `${API}/RemediationTickets?${row.query}`))
      t.strictSame(body, { ticketDataList: row.expected, TotalPages: row.pages ?? (row.expected.length === 0 ? 0 : 1) })
    })
  }

  const invalid: Array<[string, string, string | RegExp]> = [
    ['OR', `Fields=${encodeURIComponent('(TicketState=1|TicketState=2)')}`, "Fields are joined with ',' (AND) only."],
    ['another operator', `Fields=${encodeURIComponent('(Priority StartsWith H)')}`, "Only the '=' operator is supported in Fields, not 'StartsWith'."],
    ['an unknown field', `Fields=${encodeURIComponent('(Status=1)')}`, /^'Status' is not a ticket field; the fields are TicketNumber, TicketState/],
    ['malformed', `Fields=${encodeURIComponent('(TicketState=1')}`, /Unbalanced parenthesis/],
    ['empty', 'Fields=', /At least one field is required/]
  ]
  await t.test('404: no Fields and no TicketNumber, so no action takes the request', async (t) => {
    expectNoAction(t, await get(app, token, `${API}/RemediationTickets?page=0`), `${API}/RemediationTickets?page=0`, 'RemediationTickets')
  })
  for (const [name, query, reason] of invalid) {
    await t.test(`400: ${name}`, async (t) => { expectInvalidParam(t, await get(app, token, `${API}/RemediationTickets?${query}`), 'Fields', reason) })
  }
})

t.test('the update sample, byte for byte: 200 with the ticket as stored, on disk', async (t) => {
  const { app, clock, dataDir } = await build(t)
  const token = await login(app)
  clock.advance(60_000)
  const sample = ' {"TicketNumber":"INCA0000001","ticketDescription":"Description updated","Priority":"Low","AssignedTo":"AzadRai", "TicketState":"4"}'
  const updated = expectOk<RemediationTicket>(t, await patch(app, token, sample, `${API}/remediationtickets/`))
  const expected = { ...TICKETS[0], TicketState: 4, TicketDescription: 'Description updated', Priority: 'Low', AssignedTo: 'AzadRai', ModifiedDate: formatDotNetDate(clock.now()) }
  t.strictSame(updated, expected)
  t.strictSame(expectOk(t, await get(app, token, `${API}/RemediationTickets?TicketNumber=${SAMPLE_TICKET}`)), expected)
  const stored = JSON.parse(await readFile(join(dataDir, 'tickets.json'), 'utf8')) as { tickets: RemediationTicket[] }
  t.strictSame(stored.tickets.find((ticket) => ticket.TicketNumber === SAMPLE_TICKET), expected, 'on disk before the 200')

  const one = expectOk<RemediationTicket>(t, await patch(app, token, { TicketNumber: 'inca0000002', Priority: 'Low' }))
  t.match(one, { TicketNumber: 'INCA0000002', Priority: 'Low', TicketState: TICKETS[1]?.TicketState, AssignedTo: TICKETS[1]?.AssignedTo }, 'only what is sent changes')
})

t.test('update validation: 400 in the Web API shape, 404 for an unknown ticket; nothing changes', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const rows: Array<{ name: string, body: unknown, key: string, reason: string | RegExp }> = [
    { name: 'no TicketNumber', body: { Priority: 'Low' }, key: 'request.TicketNumber', reason: 'The TicketNumber field is required.' },
    { name: 'no detail', body: { TicketNumber: SAMPLE_TICKET }, key: 'request', reason: 'Send at least one of TicketState, TicketDescription, Priority, AssignedTo with the TicketNumber.' },
    { name: 'TicketState above 5', body: { TicketNumber: SAMPLE_TICKET, TicketState: 6 }, key: 'request.TicketState', reason: /TicketState/ },
    { name: 'TicketState 0', body: { TicketNumber: SAMPLE_TICKET, TicketState: '0' }, key: 'request.TicketState', reason: /TicketState/ },
    { name: 'TicketState not a number', body: { TicketNumber: SAMPLE_TICKET, TicketState: 'Closed' }, key: 'request.TicketState', reason: /Could not convert string to integer: Closed/ },
    { name: 'an empty Priority', body: { TicketNumber: SAMPLE_TICKET, Priority: '' }, key: 'request.Priority', reason: /Priority/ }
  ]
  for (const row of rows) {
    await t.test(row.name, async (t) => { expectInvalidParam(t, await patch(app, token, row.body), row.key, row.reason) })
  }
  const unknown = await patch(app, token, { TicketNumber: 'INCA9999999', Priority: 'Low' })
  t.equal(unknown.statusCode, 404)
  t.strictSame(unknown.json(), { Message: "No remediation ticket with the number 'INCA9999999' exists." })
  t.strictSame(expectOk(t, await get(app, token, `${API}/RemediationTickets?TicketNumber=${SAMPLE_TICKET}`)), TICKETS[0], 'unchanged')
})

t.test('rights: the Remediation Administrator role, then rights on each ticket\'s standard and asset', async (t) => {
  const { fixtures, data } = customFixtures(t, [
    { UserName: ROLE_ONLY_WINDOWS.username, Password: ROLE_ONLY_WINDOWS.password, Tasks: [], Folders: ['Asset System\\Windows', 'Standards'], Roles: ['remediation administrator'] },
    { UserName: ROLE_ALL.username, Password: ROLE_ALL.password, Tasks: [], Folders: ['Asset System', 'Standards'], Roles: ['Remediation Administrator'] }
  ])
  const { app } = await build(t, { fixtures }, data)
  const search = `${API}/RemediationTickets?Fields=${encodeURIComponent('(TicketState=1)')}`
  t.strictSame((await get(app, undefined, search)).json(), DENIED)
  for (const [name, res] of [
    ['GET', await get(app, await login(app, AUDITOR), search)],
    ['PATCH', await patch(app, await login(app, AUDITOR), '{broken')]
  ] as const) {
    t.equal(res.statusCode, 403, `${name} without the role: 403 before anything else`)
    t.strictSame(res.json(), FORBIDDEN)
  }
  t.equal(expectOk<SearchBody>(t, await get(app, await login(app, ROLE_ALL), search)).ticketDataList.length, where((ticket) => ticket.TicketState === 1).length, 'the role without tasks is enough')
  const windows = await login(app, ROLE_ONLY_WINDOWS)
  t.strictSame(expectOk<SearchBody>(t, await get(app, windows, search)), { ticketDataList: [], TotalPages: 0 }, 'tickets about Unix assets are not the Windows team\'s')
  t.equal((await get(app, windows, `${API}/RemediationTickets?TicketNumber=${SAMPLE_TICKET}`)).statusCode, 404)
  t.equal((await patch(app, windows, { TicketNumber: SAMPLE_TICKET, Priority: 'Low' })).statusCode, 404)
  const windowsTicket = TICKETS.find((ticket) => ticket.TicketNumber === 'INCA0000005')
  t.strictSame(expectOk(t, await get(app, windows, `${API}/RemediationTickets?TicketNumber=INCA0000005`)), windowsTicket, 'a ticket about a Windows asset is')
})

t.test('sessions and snapshots carry the tickets', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const session = { 'x-ccs-mock-session': 'tickets-a' }
  const inSession = await loginIn(app, 'tickets-a')
  const res = await app.inject({ method: 'PATCH', url: `${API}/RemediationTickets`, headers: { ...session, authorization: `Bearer ${inSession}`, 'content-type': 'application/json' }, payload: { TicketNumber: SAMPLE_TICKET, TicketState: 5 } })
  t.equal(res.statusCode, 200)
  t.equal(expectOk<RemediationTicket>(t, await get(app, token, `${API}/RemediationTickets?TicketNumber=${SAMPLE_TICKET}`)).TicketState, 1, 'the default data set is untouched')

  const snapshot = (await app.inject({ url: '/__admin/state?session=tickets-a' })).json() as { data: { tickets: RemediationTicket[] } }
  t.equal(snapshot.data.tickets.find((ticket) => ticket.TicketNumber === SAMPLE_TICKET)?.TicketState, 5)
  t.equal((await app.inject({ method: 'PUT', url: '/__admin/state', payload: snapshot })).statusCode, 200)
  t.equal(expectOk<RemediationTicket>(t, await get(app, await login(app), `${API}/RemediationTickets?TicketNumber=${SAMPLE_TICKET}`)).TicketState, 5, 'imported into the default data set')
})
