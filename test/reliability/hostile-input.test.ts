import { readFile } from 'node:fs/promises'
import fc from 'fast-check'
import type { FastifyInstance, InjectOptions } from 'fastify'
import t, { type Test } from 'tap'
import { build, login } from '../helpers/build.js'
import { jobsOnDisk } from '../helpers/server-process.js'

const SEED = Number(process.env.FC_SEED ?? 20261128)
const RUNS = Number(process.env.FC_RUNS ?? 250)

const VENDOR_PAYLOAD = JSON.parse(await readFile(new URL('../e2e/vendor-sample/payload-5.json', import.meta.url), 'utf8')) as Record<string, unknown>

const PATHS = [
  [], ['JobType'], ['JobDetails'], ['JobDetails', 'JobName'], ['JobDetails', 'JobDescription'],
  ['JobDetails', 'AssetsResolutionInfo'], ['JobDetails', 'AssetsResolutionInfo', '0'], ['JobDetails', 'AssetsResolutionInfo', '0', 'Id'],
  ['JobDetails', 'AssetsResolutionInfo', '0', 'Type'], ['JobDetails', 'Standards'], ['JobDetails', 'Standards', '0'],
  ['JobDetails', 'AssetTimeOut'], ['JobDetails', 'IncrementalPeriod'], ['JobDetails', 'IsIncremental'],
  ['JobDetails', 'SuccessNotification'], ['JobDetails', 'SuccessNotification', 'ToEmailAddress'], ['JobDetails', 'ShouldSendSuccessNotification'],
  ['JobDetails', 'Schedule'], ['JobDetails', 'Schedule', 'StartDate'], ['JobDetails', 'Schedule', 'RecurrenceType'],
  ['JobDetails', 'Schedule', 'EndJobRunTimeInterval'], ['JobDetails', 'Schedule', 'RunPeriodically'], ['JobDetails', 'Schedule', 'MonthlyDay']
]

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'JOBNAME', 'jobdetails', 'Id', ''),
  fc.string({ maxLength: 12 })
)
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.constantFrom('true', 'FALSE', '1e400', '-0', '00000000-0000-0000-0000-000000000000', '{6B020D29-5FE8-47D0-BD89-CCD3339A5EBE}', '/Date(0)/', '9999-12-31T23:59:59.9999999+14:00', '25:61:61', 'x'.repeat(10_000)),
  fc.integer(), fc.double(), fc.constant(null)
)

function mutate (payload: Record<string, unknown>, path: string[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return remove ? {} : value
  const copy = structuredClone(payload)
  let node: Record<string, unknown> = copy
  for (const segment of path.slice(0, -1)) {
    const next = node[segment]
    if (typeof next !== 'object' || next === null) return copy
    node = next as Record<string, unknown>
  }
  const last = path[path.length - 1] ?? ''
  if (remove) Reflect.deleteProperty(node, last)
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true })
  return copy
}

const mutatedPayload = fc.record({
  path: fc.constantFrom(...PATHS),
  value: hostileValue,
  remove: fc.boolean(),
  name: fc.string({ minLength: 1, maxLength: 40 })
}).map(({ path, value, remove, name }) => {
  const base = structuredClone(VENDOR_PAYLOAD)
  ;(base.JobDetails as Record<string, unknown>).JobName = `fuzz ${name}`
  return { body: JSON.stringify(mutate(base, path, value, remove)), contentType: 'application/json' }
})

const vendorText = JSON.stringify(VENDOR_PAYLOAD)
const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.nat({ max: vendorText.length }).map((n) => vendorText.slice(0, n)),
  fc.integer({ min: 1, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.constantFrom('\r', '\r\n', ' ', 'null', '[]', '"text"', '42', 'true', '{"JobDetails":null,"JobType":null}', '{"__proto__":{"polluted":true}}')
)
const rawRequest = fc.record({
  body: fc.oneof(rawBody.map((s) => Buffer.from(s, 'utf8')), fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a))),
  contentType: fc.constantFrom('application/json', 'text/json', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=utf-8', '')
})

/** Runs a property; on failure reports a short counterexample instead of a megabyte of it. */
async function holds<T> (t: Test, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), { seed: SEED, numRuns: RUNS })
  if (details.failed) {
    const example = JSON.stringify(details.counterexample, (_k, v: unknown) =>
      (v as { type?: string }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('utf8') : v) ?? ''
    t.fail(`${String(details.errorInstance)} — seed ${SEED}, path ${String(details.counterexamplePath)}, counterexample ${example.slice(0, 300)}`)
  }
}

function isErrorShape (body: unknown): boolean {
  // Without Accept, an XML request Content-Type picks the XML formatter (docs/decisions.md, "JSON and XML").
  if (typeof body === 'string') return /^<Error><Message>[^<]*<\/Message>/.test(body)
  if (typeof body !== 'object' || body === null) return false
  const b = body as Record<string, unknown>
  return typeof b.Message === 'string' || typeof b.error === 'string'
}

async function send (app: FastifyInstance, url: string, token: string, req: { body: string | Buffer, contentType: string }): Promise<{ status: number, body: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (req.contentType !== '') headers['content-type'] = req.contentType
  const res = await app.inject({ method: 'POST', url, headers, payload: req.body } satisfies InjectOptions)
  let body: unknown
  try { body = res.json() } catch { body = res.body }
  return { status: res.statusCode, body }
}

t.test('mutated and hostile Create Job bodies never give a 5xx, always the error shape, and keep stored data', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)
  const before = await jobsOnDisk(dataDir)
  let accepted = 0
  await holds(t, fc.oneof(mutatedPayload, rawRequest), async (req) => {
    const { status, body } = await send(app, '/ccs/api/v1/jobs', token, req)
    if (status >= 500) throw new Error(`${status}: ${JSON.stringify(body).slice(0, 200)}`)
    if (status === 200) accepted++
    else if (!isErrorShape(body)) throw new Error(`${status} without the error shape: ${JSON.stringify(body).slice(0, 200)}`)
  })
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution')
  const after = await jobsOnDisk(dataDir)
  t.equal(after.length, before.length + accepted, `${accepted} accepted, nothing else stored or lost`)
  t.ok(before.every((job) => after.some((j) => j.JobID === job.JobID)), 'every earlier job is still there')
  const probe = await send(app, '/ccs/api/v1/jobs', token, { body: JSON.stringify({ ...VENDOR_PAYLOAD, JobDetails: { ...(VENDOR_PAYLOAD.JobDetails as object), JobName: 'after the storm' } }), contentType: 'application/json' })
  t.equal(probe.status, 200, 'the server still works')
})

t.test('hostile token requests never give a 5xx', async (t) => {
  const { app } = await build(t, { loginFailureLimit: 0 })
  const formish = fc.record({
    grant_type: fc.oneof(fc.constantFrom('password', 'refresh_token', 'PASSWORD', ''), fc.string()),
    username: fc.oneof(fc.constant('domain1\\administrator'), fc.string()),
    password: fc.oneof(fc.constant('pass@123'), fc.string()),
    refresh_token: fc.string()
  }).map((f) => ({ body: new URLSearchParams(f).toString(), contentType: 'application/json' }))
  await holds(t, fc.oneof(formish, rawRequest), async (req) => {
    const { status, body } = await send(app, '/ccs/api/v1/oauth/tokens', '', req)
    if (status >= 500) throw new Error(`${status}: ${JSON.stringify(body).slice(0, 200)}`)
    if (status !== 200 && !isErrorShape(body)) throw new Error(`${status} without the error shape: ${JSON.stringify(body).slice(0, 200)}`)
  })
  t.pass(`${RUNS} requests, no 5xx`)
})
