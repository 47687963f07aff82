import { buildApp } from './src/app.js'
import { validateConfig } from './src/cli.js'
import { mkdtempSync } from 'node:fs'
const dataDir = mkdtempSync('/tmp/mem-')
const app = await buildApp({ config: validateConfig({ dataDir, maxSessions: 5000 }) })
await app.ready()
global.gc?.()
const base = process.memoryUsage()
const N = Number(process.argv[2] ?? 100)
const t0 = Date.now()
for (let i = 0; i < N; i++) {
  const tok = (await app.inject({ method: 'POST', url: '/ccs/api/v1/oauth/tokens', headers: { 'x-ccs-mock-session': `s${i}` }, payload: 'grant_type=password&username=domain1%5Cadministrator&password=pass%40123' })).json().access_token
  await app.inject({ method: 'GET', url: '/ccs/api/v1/jobs/a282d163-2248-4904-8135-0eaf08be8e55', headers: { authorization: `Bearer ${tok}`, 'x-ccs-mock-session': `s${i}` } })
}
global.gc?.()
const after = process.memoryUsage()
console.log(`${N} sessions in ${Date.now() - t0} ms; heap +${((after.heapUsed - base.heapUsed) / N / 1024).toFixed(0)} KB/session; rss +${((after.rss - base.rss) / N / 1024).toFixed(0)} KB/session; rss ${(after.rss / 1e6).toFixed(0)} MB`)
await app.close()
