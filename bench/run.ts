/**
 * ccs-mock benchmarks, measured the way issue 15's table was: wrk (one thread, pinned
 * to core 0) against each server (pinned to core 1), bare Fastify measured before and
 * after every target and the target's ratio taken to the mean of the two, mountebank
 * as the peer to beat, a durable floor (bare Fastify plus an append) showing what
 * persisting alone costs, and for each read an answer floor (bare Fastify sending the
 * answers ccs-mock gave). `npm run bench` prints the tables and writes them to
 * bench/results/latest.md.
 *
 * BENCH_SECONDS / BENCH_WARMUP_SECONDS shorten a run; BENCH_ONLY=create,reads,growth,
 * startup,crosscheck picks sections; BENCH_COMPARE=<dir> adds the build in <dir>/dist
 * (another checkout, built) as a second ccs-mock, so before and after share one run;
 * BENCH_OUT=<name> writes bench/results/<name> instead (a path with a slash: that file).
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { freePort, REPO_ROOT, startBareFastify, startChild, startDurableFloor, type ChildServer } from './lib/child-server.js'
import { startMountebank } from './lib/mountebank.js'
import { fixturesWithAssets } from './lib/seed-assets.js'
import { seedJobs } from './lib/seed-jobs.js'
import { checkTools, LOAD_CPU, lua, measure, type LoadPlan, type LoadResult } from './lib/wrk.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
const GROWTH = (process.env.BENCH_GROWTH ?? '0,10000,100000').split(',').map(Number)
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3)
const READ_JOBS = Number(process.env.BENCH_READ_JOBS ?? 100_000)
const READ_ASSETS = Number(process.env.BENCH_READ_ASSETS ?? 10_000)
const ONLY = new Set((process.env.BENCH_ONLY ?? 'create,reads,growth,startup,crosscheck').split(','))
const ADMIN_FORM = 'grant_type=password&username=domain1\\administrator&password=pass@123'

interface Build { label: string, script: string }
const builds: Build[] = [{ label: 'ccs-mock', script: 'dist/server.js' }]
if (process.env.BENCH_COMPARE !== undefined) {
  const script = resolve(process.env.BENCH_COMPARE, 'dist/server.js')
  if (!existsSync(script)) throw new Error(`BENCH_COMPARE: no ${script} (build that checkout first)`)
  builds.unshift({ label: `ccs-mock before (${process.env.BENCH_COMPARE_LABEL ?? process.env.BENCH_COMPARE})`, script })
}

async function startBuild (build: Build, options: { dataDir: string, tls: boolean, extra?: string[] }): Promise<ChildServer> {
  const port = await freePort()
  const args = ['--port', String(port), '--data-dir', options.dataDir, '--log-level', 'warn', ...(options.tls ? [] : ['--http']), ...(options.extra ?? [])]
  return await startChild(build.script, args, options.tls, port)
}

/** The same body for every target: a valid Create Job request with a fresh name each time. */
const RUN_ID = Date.now().toString(36)
const JOB_BODY_LUA = `'{"JobDetails":{"AssetsResolutionInfo":[{"Id":"d387d8b5-6278-4bcb-83c7-b55d2072d2a8","Type":"symc-csm-AssetSystem-Asset-Unix-Machine"}],` +
  `"JobDescription":"Benchmark job","JobName":"bench-${RUN_ID}-' .. run .. '-' .. counter .. '","Standards":["6B020D29-5FE8-47D0-BD89-CCD3339A5EBE"],` +
  `"Schedule":{"RunNow":false,"RunPeriodically":true,"RunEveryNDays":true,"RepeatDays":7,"StartDate":"2026-01-05T04:10:27.5120788-08:00"}},"JobType":"CollectionJob"}'`
const createPlan = (headers: Record<string, string> = {}): LoadPlan => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  // `run` names each load apart, so a warm-up and its measurement never collide.
  bodyLua: JOB_BODY_LUA
})

/** One request's answer text (200 only); accepts the self-signed certificate. */
async function answerText (server: ChildServer, path: string, options: { method?: string, headers?: Record<string, string>, body?: string } = {}): Promise<string> {
  const url = new URL(`${server.url}${path}`)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return await new Promise<string>((resolve, reject) => {
    const req = send(url, { method: options.method ?? 'GET', rejectUnauthorized: false, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        if (res.statusCode === 200) resolve(text)
        else reject(new Error(`${options.method ?? 'GET'} ${path}: ${String(res.statusCode)} ${text}`))
      })
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Logs in like the vendor sample. */
async function token (server: ChildServer): Promise<string> {
  const body = await answerText(server, '/ccs/api/v1/oauth/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ADMIN_FORM })
  return (JSON.parse(body) as { access_token: string }).access_token
}

async function withDir<T> (fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ccs-mock-bench-'))
  try {
    return await fn(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const kilo = (rps: number): string => `${fmt(rps / 1000, 1)}k`
const pass = (ok: boolean): string => (ok ? 'met' : '**not met**')
const mb = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 0)} MB`
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] as number : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
/** (max - min) / mean, in per cent. */
const spread = (values: number[]): string => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return `${fmt(100 * (Math.max(...values) - Math.min(...values)) / mean, 0)} %`
}
const failures = (r: LoadResult): string => (r.errors + r.non2xx === 0 ? '' : ` ⚠ ${r.non2xx} non-2xx, ${r.errors} socket errors`)

const sections: string[] = []
function emit (lines: string[]): void {
  sections.push(lines.join('\n'))
  process.stdout.write(`${lines.join('\n')}\n`)
}
function table (title: string, header: string[], rows: string[][], notes: string[] = []): void {
  emit([`### ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), '', ...notes, ...(notes.length > 0 ? [''] : [])])
}

/**
 * Each target between two runs of the bare route on the same connections: its ratio is
 * to the mean of the two, and every bare run of the section counts in the spread.
 */
async function bracketed (bare: () => Promise<LoadResult>, targets: Array<() => Promise<LoadResult>>): Promise<{ bares: number[], results: Array<{ result: LoadResult, ratio: number }> }> {
  const bares = [(await bare()).rps]
  const results: Array<{ result: LoadResult, ratio: number }> = []
  for (const target of targets) {
    const result = await target()
    const after = (await bare()).rps
    results.push({ result, ratio: result.rps / ((bares.at(-1) as number + after) / 2) })
    bares.push(after)
  }
  return { bares, results }
}

async function createSection (work: string): Promise<void> {
  for (const tls of [false, true]) {
    const transport = tls ? 'HTTPS' : 'HTTP'
    const cells = new Map<string, string[]>()
    const goals: string[] = []
    const spreads: string[] = []
    await withDir(async (bareDir) => {
      const bareServer = await startBareFastify({ dataDir: bareDir, tls })
      const mountebank = await startMountebank({ workDir: work, tls })
      try {
        for (const connections of [10, 50]) {
          const load = (url: string, plan: LoadPlan) => async () => await measure({ url, connections, seconds: SECONDS, warmupSeconds: WARMUP, plan, workDir: work })
          // A server that stores what it is sent starts afresh on its own data dir for each load.
          const fresh = (start: (dataDir: string) => Promise<ChildServer>, run: (server: ChildServer) => Promise<LoadResult>) => async () => await withDir(async (dir) => {
            const server = await start(dir)
            try {
              return await run(server)
            } finally {
              await server.stop()
            }
          })
          const ccsMock = (build: Build) => fresh(async (dataDir) => await startBuild(build, { dataDir, tls }),
            async (server) => await load(`${server.url}/ccs/api/v1/jobs`, createPlan({ authorization: `Bearer ${await token(server)}` }))())
          const floor = fresh(async (dataDir) => await startDurableFloor({ dataDir, tls }), async (server) => await load(`${server.url}/uuid`, createPlan())())
          const { bares, results } = await bracketed(load(`${bareServer.url}/uuid`, createPlan()),
            [load(`${mountebank.url}/ccs/api/v1/jobs`, createPlan()), floor, ...builds.map(ccsMock)])
          const bareMean = bares.reduce((a, b) => a + b, 0) / bares.length
          const row = (name: string, text: string): void => { cells.set(name, [...(cells.get(name) ?? []), text]) }
          row('bare', `1.00 (${kilo(bareMean)} req/s)`)
          const [peer, least, ...ours] = results
          row('mountebank', `${fmt(peer?.ratio ?? 0, 2)} (${kilo(peer?.result.rps ?? 0)})${failures(peer!.result)}`)
          row('floor', `${fmt(least?.ratio ?? 0, 2)} (${kilo(least?.result.rps ?? 0)})${failures(least!.result)}`)
          ours.forEach(({ result, ratio }, i) => {
            const build = builds[i] as Build
            row(build.label, `**${fmt(ratio, 2)}** (${kilo(result.rps)}, p99 ${fmt(result.p99, 1)} ms)${failures(result)}`)
            if (i === ours.length - 1) goals.push(`c${connections}: ${pass(ratio >= 0.5 && ratio > (peer?.ratio ?? 0))}`)
          })
          spreads.push(`c${connections} ${bares.map(kilo).join(', ')} (spread ${spread(bares)})`)
        }
      } finally {
        await Promise.all([bareServer.stop(), mountebank.stop()])
      }
    })
    const description: Record<string, [string, string]> = { bare: ['no', 'no'], mountebank: ['no', 'no'], floor: ['no', 'yes'] }
    const names: Record<string, string> = {
      bare: 'bare Fastify 5 (a GUID)',
      mountebank: 'mountebank 2.9, an imposter answering a JobID',
      floor: 'durable floor: bare Fastify 5 that keeps the body and answers once it is appended to a file (not a peer: what persisting alone costs)'
    }
    table(`${transport}: POST /ccs/api/v1/jobs against bare Fastify, mountebank and a durable floor (goal: ccs-mock >= 0.5x at c10 and c50, ahead of mountebank)`,
      ['target', 'validates', 'persists', 'c10 × bare', 'c50 × bare'],
      [...cells].map(([name, values]) => [names[name] ?? `${name} \`POST /ccs/api/v1/jobs\``, ...(description[name] ?? ['every rule', 'yes']), ...values]),
      [`Bare runs, req/s, in order: ${spreads.join('; ')}. Goal: ${goals.join(', ')}.`])
  }
}

/** A read the reads table loads: `{id}` in its path is a seeded job's ID at random, `{n}` a number below `n`. */
interface ReadCase { name: string, path: string, n?: number }

const READ_CASES: ReadCase[] = [
  { name: 'GET Jobs/{id}', path: '/ccs/api/v1/Jobs/{id}' },
  { name: 'GET Jobs?jobname=', path: '/ccs/api/v1/Jobs?jobname=seeded-job-{n}', n: READ_JOBS },
  { name: 'GET Assets?Attributes= (one = query returning 50 full assets, repeated)', path: `/ccs/api/v1/Assets?Attributes=${encodeURIComponent('(symc-csm-AssetSystem-Asset-Wnt-Machine-OSVersionType = Windows Server 2022 Standard)')}&pagesize=50` },
  { name: 'GET Assets?Attributes= (a new = query each time)', path: `/ccs/api/v1/Assets?Attributes=${encodeURIComponent('(symc-csm-AssetSystem-Asset-Unix-Machine-HostMachine = lnx-chi-')}{n}${encodeURIComponent(')')}`, n: READ_ASSETS },
  { name: 'GET Assets?Attributes= (a new Contains query each time)', path: '/ccs/api/v1/Assets?Attributes=(displayName%20Contains%20-{n})&pagesize=50', n: READ_ASSETS }
]
const PLACEHOLDER = /(\{id\}|\{n\})/

/** The case's path as wrk's Lua builds it on each request. */
function readPlan (c: ReadCase, headers: Record<string, string>, idFile: string): LoadPlan {
  const parts = c.path.split(PLACEHOLDER).filter((part) => part !== '')
  const pathLua = parts.map((part) => part === '{id}' ? 'ids[math.random(#ids)]' : part === '{n}' ? `math.random(0, ${(c.n ?? 1) - 1})` : lua(part)).join(' .. ')
  const setupLua = c.path.includes('{id}') ? `local ids = {}\nfor line in io.lines(${lua(idFile)}) do ids[#ids + 1] = line end` : undefined
  return { method: 'GET', headers, pathLua, ...(setupLua === undefined ? {} : { setupLua }) }
}

/** The case's path with its placeholders drawn as wrk draws them. */
const samplePath = (c: ReadCase, ids: string[]): string =>
  c.path.replace('{id}', () => ids[Math.floor(Math.random() * ids.length)] as string).replace('{n}', () => String(Math.floor(Math.random() * (c.n ?? 1))))

/** How many answers of each read the floor serves in turn: enough that rare large ones come in their share. */
const ANSWER_SAMPLES = 200

async function readSection (work: string): Promise<void> {
  for (const build of builds) {
    await withDir(async (dir) => {
      const fixtures = join(dir, 'fixtures')
      await fixturesWithAssets(fixtures, READ_ASSETS)
      const data = join(dir, 'data')
      const ids = await seedJobs(data, READ_JOBS)
      const idFile = join(dir, 'job-ids.txt')
      await writeFile(idFile, `${ids.join('\n')}\n`)
      const server = await startBuild(build, { dataDir: data, tls: false, extra: ['--fixtures', fixtures] })
      let bareServer: ChildServer | undefined
      try {
        const headers = { authorization: `Bearer ${await token(server)}` }
        const cases = READ_CASES
        // The answer floor: bare Fastify sending, in turn, answers ccs-mock gave to the same kind of request.
        const bareDir = join(dir, 'bare')
        await mkdir(join(bareDir, 'answers'), { recursive: true })
        const answerBytes: number[] = []
        for (const [i, c] of cases.entries()) {
          const texts: string[] = []
          for (let k = 0; k < ANSWER_SAMPLES; k++) texts.push(await answerText(server, samplePath(c, ids), { headers }))
          answerBytes.push(texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / texts.length)
          await writeFile(join(bareDir, 'answers', `${i}.json`), JSON.stringify(texts))
        }
        bareServer = await startBareFastify({ dataDir: bareDir, tls: false })
        const bareUrl = bareServer.url
        const load = (url: string, plan: LoadPlan) => async () => await measure({ url, connections: 50, seconds: SECONDS, warmupSeconds: WARMUP, plan, workDir: work })
        const { bares, results } = await bracketed(load(`${bareUrl}/uuid`, { method: 'GET' }),
          cases.flatMap((c, i) => [load(server.url, readPlan(c, headers, idFile)), load(`${bareUrl}/answers/${i}`, { method: 'GET' })]))
        table(`${build.label}: reads at ${fmt(READ_JOBS)} jobs / ${fmt(READ_ASSETS)} assets, HTTP, 50 connections (goal >= 0.5x bare GET)`,
          ['request', 'answer bytes (mean)', 'req/s', '× bare', 'its answers from bare Fastify, × bare', '× its answers', 'p99 ms', 'goal'],
          cases.map((c, i) => {
            const { result, ratio } = results[2 * i] as { result: LoadResult, ratio: number }
            const floor = results[2 * i + 1] as { result: LoadResult, ratio: number }
            return [`${c.name}${failures(result)}`, fmt(answerBytes[i] ?? 0), fmt(result.rps), `**${fmt(ratio, 2)}**`, `${fmt(floor.ratio, 2)}${failures(floor.result)}`, fmt(ratio / floor.ratio, 2), fmt(result.p99, 1), pass(ratio >= 0.5)]
          }),
          [`Bare GET runs, req/s, in order: ${bares.map(kilo).join(', ')} (spread ${spread(bares)}). "Its answers from bare Fastify": a bare route sending, in turn, ${ANSWER_SAMPLES} answers ccs-mock gave to requests drawn as wrk draws them, each text made once: the floor under any server sending those bytes.`])
      } finally {
        await Promise.all([server.stop(), bareServer?.stop()])
      }
    })
  }
}

async function growthSection (work: string): Promise<void> {
  const build = builds.at(-1) as Build
  const rows: string[][] = []
  let base: LoadResult | undefined
  for (const stored of GROWTH) {
    await withDir(async (dir) => {
      if (stored > 0) await seedJobs(dir, stored)
      const server = await startBuild(build, { dataDir: dir, tls: false })
      try {
        const idle = await server.rssBytes()
        const result = await measure({ url: `${server.url}/ccs/api/v1/jobs`, connections: 50, seconds: SECONDS, warmupSeconds: WARMUP, plan: createPlan({ authorization: `Bearer ${await token(server)}` }), workDir: work })
        const loaded = await server.rssBytes()
        base ??= result
        const ok = result.rps >= 0.8 * base.rps && result.p99 <= 2 * Math.max(base.p99, 1) && loaded < 500 * 1024 * 1024
        rows.push([fmt(stored), `${fmt(result.rps)}${failures(result)}`, `${fmt(result.rps / base.rps, 2)}x`, fmt(result.p99, 1), mb(idle), mb(loaded), pass(ok)])
      } finally {
        await server.stop()
      }
    })
  }
  table(`${build.label}: create with N jobs already stored, HTTP, 50 connections (goal at 100k: >= 0.8x req/s, p99 <= 2x, RSS < 500 MB)`,
    ['jobs stored', 'create req/s', 'vs 0', 'p99 ms', 'RSS idle', 'RSS after load', 'goal'], rows)
}

async function startupSection (): Promise<void> {
  const rows: string[][] = []
  for (const stored of [0, 10_000, 100_000]) {
    await withDir(async (dir) => {
      const seeded = performance.now()
      if (stored > 0) await seedJobs(dir, stored)
      const seedMs = performance.now() - seeded
      // The first start seeds a new data dir (fixtures, meta): not what is measured.
      const first = await startBuild(builds.at(-1) as Build, { dataDir: dir, tls: false })
      await first.stop()
      for (const build of builds) {
        const times: number[] = []
        for (let i = 0; i < STARTUP_RUNS; i++) {
          const server = await startBuild(build, { dataDir: dir, tls: false })
          times.push(server.startupMs)
          await server.stop()
        }
        const goalMs = stored === 0 ? 1000 : 3000
        rows.push([build.label, fmt(stored), `${fmt(seedMs / 1000, 1)} s`, `**${fmt(median(times) / 1000, 2)} s**`, times.map((t) => fmt(t / 1000, 2)).join(', '), stored === 10_000 ? '' : `< ${goalMs / 1000} s: ${pass(median(times) < goalMs)}`])
      }
    })
  }
  table(`Start-up: spawn to listening, the compiled build (node dist/server.js), pinned to one core, median of ${STARTUP_RUNS}`,
    ['build', 'jobs stored', 'seeding (not timed)', 'median', 'runs', 'goal'], rows)
}

/** autocannon runs in Node: it caps what it can measure, so it only cross-checks wrk's ratio. */
async function autocannon (url: string, connections: number, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({
    JobDetails: { AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8', Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }], JobName: 'ac-[<id>]', Standards: ['6B020D29-5FE8-47D0-BD89-CCD3339A5EBE'], Schedule: { RunNow: false } },
    JobType: 'CollectionJob'
  })
  const run = (seconds: number): Promise<number> => new Promise((resolve, reject) => {
    const plan = { url, connections, seconds, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }
    const args = ['-c', LOAD_CPU, process.execPath, '--import', 'tsx', join(REPO_ROOT, 'bench/lib/autocannon-child.ts'), JSON.stringify(plan)]
    execFile('taskset', args, { maxBuffer: 1 << 24 }, (err, stdout) => {
      if (err !== null) reject(err)
      else resolve((JSON.parse(stdout) as { requests: { average: number } }).requests.average)
    })
  })
  if (WARMUP > 0) await run(WARMUP)
  return await run(SECONDS)
}

async function crossCheckSection (): Promise<void> {
  const rows: string[][] = []
  await withDir(async (dir) => {
    const bare = await startBareFastify({ dataDir: dir, tls: false })
    try {
      for (const connections of [10, 50]) {
        const before = await autocannon(`${bare.url}/uuid`, connections, {})
        const build = builds.at(-1) as Build
        const create = await withDir(async (data) => {
          const server = await startBuild(build, { dataDir: data, tls: false })
          try {
            return await autocannon(`${server.url}/ccs/api/v1/jobs`, connections, { authorization: `Bearer ${await token(server)}` })
          } finally {
            await server.stop()
          }
        })
        const after = await autocannon(`${bare.url}/uuid`, connections, {})
        rows.push([`c${connections}`, `${kilo(before)}, ${kilo(after)}`, kilo(create), `${fmt(create / ((before + after) / 2), 2)}`])
      }
    } finally {
      await bare.stop()
    }
  })
  table('Cross-check: autocannon (pinned to core 0) instead of wrk, HTTP', ['connections', 'bare req/s (before, after)', 'create req/s', '× bare'], rows,
    ['autocannon runs in Node, so it saturates before a fast server does: its ratios are closer to 1 than wrk\'s and only show the direction.'])
}

checkTools()
const header = [
  '# ccs-mock benchmark results',
  '',
  `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}. wrk (${execFileSync('sh', ['-c', 'wrk --version 2>&1 | head -1'], { encoding: 'utf8' }).trim().split(' [')[0]}) with one thread pinned to core ${LOAD_CPU}; every server pinned to the other core; ${WARMUP} s warm-up, then ${SECONDS} s measured; no pipelining. Ratios: a target's req/s over the mean of the bare Fastify runs just before and just after it. Servers: the compiled build (node dist/server.js), log level warn.`,
  ''
].join('\n')
process.stdout.write(`${header}\n`)
execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' })
const work = await mkdtemp(join(tmpdir(), 'ccs-mock-bench-work-'))
try {
  if (ONLY.has('create')) await createSection(work)
  if (ONLY.has('reads')) await readSection(work)
  if (ONLY.has('growth')) await growthSection(work)
  if (ONLY.has('startup')) await startupSection()
  if (ONLY.has('crosscheck')) await crossCheckSection()
} finally {
  await rm(work, { recursive: true, force: true })
}
// A name lands in bench/results/; a path (absolute, or relative to where npm runs) is used as is.
const named = process.env.BENCH_OUT ?? 'latest.md'
const out = named.includes('/') ? resolve(named) : join(REPO_ROOT, 'bench', 'results', named)
await mkdir(dirname(out), { recursive: true })
await writeFile(out, `${header}\n${sections.join('\n')}`)
process.stdout.write(`written to ${out}\n`)
