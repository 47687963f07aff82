import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { startCcsMock } from './lib/child-server.js'
import { fixturesWithAssets } from './lib/seed-assets.js'
import { writeFileSync } from 'node:fs'

function call (url: string, method: string, body?: string, token?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    })
    req.on('error', reject)
    req.end(body)
  })
}
const dir = await mkdtemp(join(tmpdir(), 'exp-'))
await fixturesWithAssets(join(dir, 'fx'), 10000)
const server = await startCcsMock({ dataDir: join(dir, 'data'), tls: false, extra: ['--fixtures', join(dir, 'fx')] })
const tok = JSON.parse(await call(`${server.url}/ccs/api/v1/oauth/tokens`, 'POST', 'grant_type=password&username=domain1\\administrator&password=pass@123')).access_token
const q = encodeURIComponent('(symc-csm-AssetSystem-Asset-Wnt-Machine-OSVersionType = Windows Server 2022 Standard)')
const text = await call(`${server.url}/ccs/api/v1/Assets?Attributes=${q}&pagesize=50`, 'GET', undefined, tok)
console.log('chars', text.length, 'bytes', Buffer.byteLength(text), 'non-latin1', /[^\x00-\xff]/.test(text), 'non-ascii', /[^\x00-\x7f]/.test(text))
writeFileSync('/tmp/exp/body.json', text)
await server.stop()
