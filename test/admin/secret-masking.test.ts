import { Writable } from 'node:stream'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { validateConfig } from '../../src/cli.js'
import { createLogger } from '../../src/logger.js'

// Issue 9: secrets are masked by what the server reads, however the client spells them.
// A generated corpus of spellings goes through the journal and the trace-level logs.

const SEED = 20261201
const RUNS = 120

let logText = ''
const logs = new Writable({ write (chunk, _enc, done) { logText += String(chunk); done() } })
const app: FastifyInstance = await buildApp({ config: validateConfig({ dataDir: t.testdir(), logLevel: 'trace', journalSize: 50 }), logger: createLogger('trace', logs) })
t.teardown(() => app.close())
await app.ready()

const SECRET_NAMES = ['password', 'access_token', 'refresh_token', 'client_secret', 'api_key', 'token', 'Password', 'apiKey']

/** A name in random case, some letters percent-escaped (as a form or query may spell it). */
const formName = fc.tuple(fc.constantFrom(...SECRET_NAMES), fc.infiniteStream(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 4 }), fc.boolean()))).map(([name, choices]) => {
  const it = choices[Symbol.iterator]()
  return [...name].map((c) => {
    const [upper, escape, lowerHex] = it.next().value as [boolean, number, boolean]
    const letter = upper ? c.toUpperCase() : c.toLowerCase()
    if (escape !== 0) return letter
    const hex = letter.charCodeAt(0).toString(16)
    return `%${lowerHex ? hex : hex.toUpperCase()}`
  }).join('')
})

/** A name as a JSON string's content: random case, some letters as \u escapes. */
const jsonName = fc.tuple(fc.constantFrom(...SECRET_NAMES), fc.infiniteStream(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 4 })))).map(([name, choices]) => {
  const it = choices[Symbol.iterator]()
  return [...name].map((c) => {
    const [upper, escape] = it.next().value as [boolean, number]
    const letter = upper ? c.toUpperCase() : c.toLowerCase()
    return escape === 0 ? `\\u${letter.charCodeAt(0).toString(16).padStart(4, '0')}` : letter
  }).join('')
})

/** Distinctive, so finding it anywhere is a leak and nothing else. */
const secret = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((s) => `Zq9${s}`)
const space = fc.constantFrom('', ' ', '  ', '\n', '\t', '\r\n ')
const contentType = fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml')

async function leaks (value: string): Promise<string[]> {
  const journal = await app.inject({ method: 'GET', url: '/__admin/requests?limit=1' })
  const where: string[] = []
  if (journal.body.includes(value)) where.push(`journal: ${journal.body.slice(0, 600)}`)
  if (logText.includes(value)) where.push(`logs: ${logText.slice(-600)}`)
  logText = ''
  return where
}

const property = async (t: Test, name: string, arbitrary: fc.Arbitrary<{ value: string, send: () => Promise<unknown> }>): Promise<void> => {
  await t.resolves(fc.assert(fc.asyncProperty(arbitrary, async ({ value, send }) => {
    await send()
    const found = await leaks(value)
    if (found.length > 0) throw new Error(found.join('\n'))
  }), { seed: SEED, numRuns: RUNS }), name)
}

t.test('query strings: any spelling of a secret name, also echoed back in a 404 body', async (t) => {
  await property(t, 'query', fc.record({ name: formName, value: secret, path: fc.constantFrom('/ccs/api/v1/jobs', '/ccs/api/v1/nowhere', '/ccs/api/v1/Assets', '/favicon.ico'), before: fc.boolean() })
    .map(({ name, value, path, before }) => ({
      value,
      send: async () => await app.inject({ method: 'GET', url: `${path}?${before ? 'page=1&' : ''}${name}=${value}&pagesize=2` })
    })))
})

t.test('token requests: a form whatever its first character and Content-Type, or JSON', async (t) => {
  await property(t, 'token form', fc.record({ name: formName, value: secret, prefix: fc.constantFrom('', '[', '{', '{=x&', '[&', ' '), type: contentType })
    .map(({ name, value, prefix, type }) => ({
      value,
      send: async () => await app.inject({
        method: 'POST',
        url: '/ccs/api/v1/oauth/tokens',
        ...(type === undefined ? {} : { headers: { 'content-type': type } }),
        payload: `${prefix}grant_type=password&username=domain1%5Cadministrator&${name}=${value}`
      })
    })))
})

t.test('JSON bodies: a secret member holding a string, an array or an object, spaced any way', async (t) => {
  await property(t, 'json', fc.record({
    name: jsonName, value: secret, s1: space, s2: space, s3: space, shape: fc.constantFrom('string', 'array', 'pair', 'object'), path: fc.constantFrom('/ccs/api/v1/jobs', '/ccs/api/v1/oauth/tokens', '/ccs/api/v1/Results')
  }).map(({ name, value, s1, s2, s3, shape, path }) => {
    const inner = { string: `"${value}"`, array: `[${s2}"${value}"${s3}]`, pair: `[${s2}"other",${s3}"${value}"]`, object: `{${s2}"x":${s3}"${value}"}` }[shape]
    return {
      value,
      send: async () => await app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: `{"JobName":"a",${s1}"${name}"${s2}:${s3}${inner}${s1}}` })
    }
  }))
})

t.test('the answers of a successful login and refresh hold tokens: masked in the journal', async (t) => {
  const login = await app.inject({ method: 'POST', url: '/ccs/api/v1/oauth/tokens', payload: 'grant_type=password&username=domain1%5Cadministrator&password=pass%40123' })
  const { access_token: access, refresh_token: refresh } = login.json() as { access_token: string, refresh_token: string }
  t.same(await leaks(access), [])
  t.same(await leaks(refresh), [])
  t.same(await leaks('pass@123'), [])
  await app.inject({ method: 'POST', url: '/ccs/api/v1/oauth/tokens', payload: `grant_type=refresh_token&refresh_token=${refresh}` })
  t.same(await leaks(refresh), [])
})
