/**
 * ccs-mock benchmarks: framework ceiling, growth, start-up and memory.
 * `npm run bench` (BENCH_SECONDS / BENCH_WARMUP_SECONDS / BENCH_GROWTH shorten it).
 * Prints a ratio table and writes it to bench/results/latest.md.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBareFastify, startCcsMock, type ChildServer } from './lib/child-server.js'
import { measure, type LoadResult } from './lib/load.js'
import { fixturesWithAssets } from './lib/seed-assets.js'
import { seedJobs } from './lib/seed-jobs.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
const GROWTH = (process.env.BENCH_GROWTH ?? '0,10000,100000').split(',').map(Number)
const ADMIN_FORM = 'grant_type=password&username=domain1\\administrator&password=pass@123'

let counter = 0
const runId = Date.now().toString(36)
const jobBody = (): string => JSON.stringify({
  JobDetails: {
    AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8', Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }],
    JobDescription: 'Benchmark job',
    JobName: `bench-${runId}-${counter++}`,
    Standards: ['6B020D29-5FE8-47D0-BD89-CCD3339A5EBE'],
    Schedule: { RunNow: false, RunPeriodically: true, RunEveryNDays: true, RepeatDays: 7, StartDate: '2026-01-05T04:10:27.5120788-08:00' }
  },
  JobType: 'CollectionJob'
})

/** Logs in like the vendor sample; accepts the self-signed certificate. */
async function token (server: ChildServer): Promise<string> {
  const url = new URL(`${server.url}/ccs/api/v1/oauth/tokens`)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const body = await new Promise<string>((resolve, reject) => {
    const req = send(url, { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk }).on('end', () => {
        if (res.statusCode === 200) resolve(text)
        else reject(new Error(`login failed: ${String(res.statusCode)} ${text}`))
      })
    })
    req.on('error', reject)
    req.end(ADMIN_FORM)
  })
  return (JSON.parse(body) as { access_token: string }).access_token
}

async function withDataDir<T> (fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ccs-mock-bench-'))
  try {
    return await fn(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function loadCreate (server: ChildServer, connections: number): Promise<LoadResult> {
  const bearer = await token(server)
  return await measure({
    url: `${server.url}/ccs/api/v1/jobs`,
    method: 'POST',
    connections,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: jobBody
  })
}

async function loadBare (server: ChildServer, connections: number): Promise<LoadResult> {
  return await measure({
    url: `${server.url}/uuid`,
    method: 'POST',
    connections,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    headers: { 'content-type': 'application/json' },
    body: jobBody
  })
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${fmt(a / b, 2)}x`)
const pass = (ok: boolean): string => (ok ? 'met' : '**not met**')
const mb = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 0)} MB`

interface Row { cells: string[] }
const sections: string[] = []
function table (title: string, header: string[], rows: Row[]): void {
  const lines = [`### ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.cells.join(' | ')} |`), '']
  sections.push(lines.join('\n'))
  process.stdout.write(`${lines.join('\n')}\n`)
}

async function ceiling (): Promise<number> {
  const rows: Row[] = []
  let bareHttp50: number | undefined
  for (const tls of [false, true]) {
    for (const connections of [10, 50]) {
      const bare = await withDataDir(async (dir) => {
        const server = await startBareFastify({ dataDir: dir, tls })
        try { return await loadBare(server, connections) } finally { await server.stop() }
      })
      const create = await withDataDir(async (dir) => {
        const server = await startCcsMock({ dataDir: dir, tls })
        try { return await loadCreate(server, connections) } finally { await server.stop() }
      })
      if (!tls && connections === 50) bareHttp50 = bare.rps
      const errors = bare.errors + bare.non2xx + create.errors + create.non2xx
      rows.push({ cells: [tls ? 'HTTPS' : 'HTTP', String(connections), fmt(bare.rps), fmt(create.rps), ratio(create.rps, bare.rps), `${fmt(bare.p99)} / ${fmt(create.p99)}`, String(errors), pass(create.rps >= 0.5 * bare.rps)] })
    }
  }
  table('Framework ceiling: POST /ccs/api/v1/jobs vs a bare Fastify route (goal >= 0.5x)',
    ['transport', 'connections', 'bare req/s', 'create req/s', 'ratio', 'p99 ms bare / create', 'errors', 'goal'], rows)
  if (bareHttp50 === undefined) throw new Error('no baseline')
  return bareHttp50
}

async function growth (): Promise<void> {
  const rows: Row[] = []
  let base: LoadResult | undefined
  const startup: Row[] = []
  for (const stored of GROWTH) {
    await withDataDir(async (dir) => {
      const seedStarted = performance.now()
      if (stored > 0) await seedJobs(dir, stored)
      const seedMs = performance.now() - seedStarted
      const server = await startCcsMock({ dataDir: dir, tls: false })
      try {
        const rssIdle = await server.rssBytes()
        const result = await loadCreate(server, 50)
        const rssLoaded = await server.rssBytes()
        base ??= result
        rows.push({ cells: [fmt(stored), fmt(result.rps), ratio(result.rps, base.rps), fmt(result.p99), ratio(result.p99, Math.max(base.p99, 1)), String(result.errors + result.non2xx), pass(result.rps >= 0.8 * base.rps && result.p99 <= 2 * Math.max(base.p99, 1))] })
        startup.push({ cells: [fmt(stored), `${fmt(seedMs / 1000, 1)} s`, `${fmt(server.startupMs / 1000, 2)} s`, mb(rssIdle), mb(rssLoaded), pass(server.startupMs < 3000 && rssIdle < 500 * 1024 * 1024 && rssLoaded < 500 * 1024 * 1024)] })
      } finally {
        await server.stop()
      }
    })
  }
  table('Growth: create with N jobs already stored, HTTP, 50 connections (goal at 100k: >= 0.8x req/s, p99 <= 2x)',
    ['jobs stored', 'create req/s', 'vs 0', 'p99 ms', 'vs 0', 'errors', 'goal'], rows)
  table('Start-up and memory (goal at 100k: start < 3 s, RSS < 500 MB)',
    ['jobs stored', 'seeding (not timed)', 'spawn to listening', 'RSS idle', 'RSS after load', 'goal'], startup)
}

const READ_JOBS = Number(process.env.BENCH_READ_JOBS ?? 100_000)
const READ_ASSETS = Number(process.env.BENCH_READ_ASSETS ?? 10_000)

async function reads (ceilingRps: number): Promise<void> {
  await withDataDir(async (dir) => {
    const fixtures = join(dir, 'fixtures')
    await fixturesWithAssets(fixtures, READ_ASSETS)
    const data = join(dir, 'data')
    const ids = await seedJobs(data, READ_JOBS)
    const server = await startCcsMock({ dataDir: data, tls: false, extra: ['--fixtures', fixtures] })
    try {
      const bearer = await token(server)
      const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T
      const cases: Array<[string, () => string]> = [
        ['GET Jobs/{id}', () => `/ccs/api/v1/Jobs/${pick(ids)}`],
        ['GET Jobs?jobname=', () => `/ccs/api/v1/Jobs?jobname=seeded-job-${Math.floor(Math.random() * READ_JOBS)}`],
        ['GET Assets?Attributes= (one = query, repeated)', () => `/ccs/api/v1/Assets?Attributes=${encodeURIComponent('(symc-csm-AssetSystem-Asset-Wnt-Machine-OSVersionType = Windows Server 2022 Standard)')}&pagesize=50`],
        ['GET Assets?Attributes= (a new = query each time: index)', () => `/ccs/api/v1/Assets?Attributes=${encodeURIComponent(`(symc-csm-AssetSystem-Asset-Unix-Machine-HostMachine = lnx-chi-${Math.floor(Math.random() * READ_ASSETS)})`)}`],
        ['GET Assets?Attributes= (a new Contains query each time: column search)', () => `/ccs/api/v1/Assets?Attributes=(displayName%20Contains%20-${Math.floor(Math.random() * READ_ASSETS)})&pagesize=50`]
      ]
      const rows: Row[] = []
      for (const [name, path] of cases) {
        const result = await measure({ url: server.url, method: 'GET', connections: 50, seconds: SECONDS, warmupSeconds: WARMUP, headers: { authorization: `Bearer ${bearer}` }, path })
        rows.push({ cells: [name, fmt(result.rps), ratio(result.rps, ceilingRps), fmt(result.p99), String(result.errors + result.non2xx), pass(result.rps >= 0.5 * ceilingRps)] })
      }
      table(`Reads at ${fmt(READ_JOBS)} jobs / ${fmt(READ_ASSETS)} assets, HTTP, 50 connections (goal >= 0.5x the bare route's ${fmt(ceilingRps)} req/s)`,
        ['request', 'req/s', 'vs bare', 'p99 ms', 'errors', 'goal'], rows)
    } finally {
      await server.stop()
    }
  })
}

const header = [
  '# ccs-mock benchmark results',
  '',
  `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}; autocannon in the parent process, server in a child process, no pipelining, ${WARMUP} s warm-up then ${SECONDS} s measured. Server: the compiled dist/server.js, log level warn.`,
  ''
].join('\n')
process.stdout.write(`${header}\n`)
execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' })
const bareHttp50 = await ceiling()
await growth()
await reads(bareHttp50)
await writeFile(new URL('./results/latest.md', import.meta.url), `${header}\n${sections.join('\n')}`)
process.stdout.write('written to bench/results/latest.md\n')
