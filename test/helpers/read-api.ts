import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import type { User } from '../../src/schemas/catalog.js'
import { JSON_UTF8 } from './create-job.js'

export const FIXTURES_DIR = new URL('../../fixtures/', import.meta.url)
export const UNIX_ADMIN = { username: 'domain1\\unixadmin', password: 'Unix#2026' }
export const INVALID = 'The request is invalid.'
export const DENIED = { Message: 'Authorization has been denied for this request.' }
export const FORBIDDEN = { Message: 'You are not authorized to perform this task. Access is denied.' }

/** A default fixture file, parsed. */
export function fixture<T> (file: string): T {
  return JSON.parse(readFileSync(new URL(file, FIXTURES_DIR), 'utf8')) as T
}

/**
 * A copy of the default fixtures in the test's own directory, with extra users and
 * any fixture files replaced; pass `fixtures`/`data` to build(t, { fixtures }, data).
 */
export function customFixtures (t: Test, extraUsers: User[], replaced: Record<string, unknown> = {}): { fixtures: string, data: string } {
  const files: Record<string, string> = {}
  for (const file of readdirSync(FIXTURES_DIR)) files[file] = readFileSync(new URL(file, FIXTURES_DIR), 'utf8')
  files['users.json'] = JSON.stringify([...fixture<User[]>('users.json'), ...extraUsers])
  for (const [file, content] of Object.entries(replaced)) files[file] = JSON.stringify(content)
  const root = t.testdir({ fixtures: files, data: {} })
  return { fixtures: join(root, 'fixtures'), data: join(root, 'data') }
}

/**
 * A search URL; `Attributes=` (match everything) is added when the query has none,
 * since the vendor pages make Attributes mandatory (without it: 404, no action).
 */
export function searchUrl (path: string, query: string): string {
  return `${path}?${/(^|&)attributes=/i.test(query) ? query : `Attributes=${query === '' ? '' : `&${query}`}`}`
}

export async function get (app: FastifyInstance, token: string | undefined, url: string): Promise<LightMyRequestResponse> {
  return await app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })
}

/** A 200 JSON answer, its body. */
export function expectOk<T> (t: Test, res: LightMyRequestResponse): T {
  t.equal(res.statusCode, 200, `status 200 (body: ${res.body.slice(0, 300)})`)
  t.equal(res.headers['content-type'], JSON_UTF8)
  return res.json() as T
}

/** 400 in the Web API shape whose ModelState names only `key`, with one reason (exact text or pattern). */
export function expectInvalidParam (t: Test, res: LightMyRequestResponse, key: string, reason: string | RegExp): void {
  t.equal(res.statusCode, 400, 'status 400')
  t.equal(res.headers['content-type'], JSON_UTF8)
  const body = res.json() as { Message: string, ModelState: Record<string, string[]> }
  t.equal(body.Message, INVALID)
  t.strictSame(Object.keys(body.ModelState), [key], `ModelState names only ${key}`)
  t.equal(body.ModelState[key]?.length, 1, 'one reason')
  if (typeof reason === 'string') t.equal(body.ModelState[key]?.[0], reason)
  else t.match(body.ModelState[key]?.[0], reason)
}

/** 404 of Web API's action selector: a mandatory query parameter is missing (docs/decisions.md). */
export function expectNoAction (t: Test, res: LightMyRequestResponse, url: string, controller: string): void {
  t.equal(res.statusCode, 404, 'status 404')
  t.strictSame(res.json(), {
    Message: `No HTTP resource was found that matches the request URI 'http://localhost:80${url}'.`,
    MessageDetail: `No action was found on the controller '${controller}' that matches the request.`
  })
}
