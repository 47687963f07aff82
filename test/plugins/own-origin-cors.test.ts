import type { FastifyReply } from 'fastify'
import t from 'tap'
import { varyOn } from '../../src/plugins/own-origin-cors.js'
import { build } from '../helpers/build.js'

/** Just the two header methods varyOn uses. */
function replyWithVary (vary: string | string[] | undefined): { reply: FastifyReply, vary: () => unknown } {
  const headers: Record<string, unknown> = vary === undefined ? {} : { vary }
  const reply = {
    getHeader: (name: string) => headers[name.toLowerCase()],
    header (name: string, value: unknown) {
      headers[name.toLowerCase()] = value
      return this
    }
  }
  return { reply: reply as unknown as FastifyReply, vary: () => headers.vary }
}

t.test('varyOn adds a field once, and never next to *', async (t) => {
  const cases: Array<[before: string | string[] | undefined, after: string | string[]]> = [
    [undefined, 'Origin'],
    ['', 'Origin'],
    ['Accept', 'Accept, Origin'],
    ['accept, origin', 'accept, origin'],
    [['Accept', 'ORIGIN'], ['Accept', 'ORIGIN']],
    [['Accept', 'Cookie'], 'Accept, Cookie, Origin'],
    ['*', '*'],
    ['Accept, *', '*']
  ]
  for (const [before, after] of cases) {
    const { reply, vary } = replyWithVary(before)
    varyOn(reply, 'Origin')
    t.strictSame(vary(), after, JSON.stringify(before))
  }
})

t.test('every answer varies with Origin; a preflight also with the headers it was asked for', async (t) => {
  const { app } = await build(t)
  t.equal((await app.inject({ url: '/ccs/api/v1/jobs?jobname=x' })).headers.vary, 'Origin', 'a request without an Origin')
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/ccs/api/v1/jobs',
    headers: { host: '127.0.0.1:12431', origin: 'http://localhost:12431', 'access-control-request-method': 'POST' }
  })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers.vary, 'Origin, Access-Control-Request-Headers')
  t.equal(preflight.headers['access-control-max-age'], '600')
  t.equal(preflight.headers['access-control-expose-headers'], 'Content-Disposition')
  t.equal(preflight.headers['access-control-allow-headers'], undefined, 'none asked for, none allowed')
  const noMethod = await app.inject({ method: 'OPTIONS', url: '/ccs/api/v1/jobs', headers: { host: '127.0.0.1:12431', origin: 'http://localhost:12431' } })
  t.equal(noMethod.statusCode, 400, 'an OPTIONS from our own page without Access-Control-Request-Method')
  t.equal(noMethod.body, 'Invalid Preflight Request')
})
