/**
 * Where a create's time goes: the compiled server under `node --cpu-prof`, pinned like
 * every measured server, driven by wrk (`POST /ccs/api/v1/jobs`, HTTP, 50 connections);
 * prints the functions with the most self time and the most total time.
 * `npm run bench:profile` (PROFILE_SECONDS, PROFILE_CONNECTIONS, PROFILE_TOP;
 * PROFILE_GET=<path and query> profiles that GET instead of the create, `{random}` in it
 * standing for a new number below 10 000 on each request; PROFILE_ASSETS=<n> serves the
 * default fixtures grown to n assets, as the benchmark's read section does).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCcsMock } from './lib/child-server.js'
import { fixturesWithAssets } from './lib/seed-assets.js'
import { checkTools, measure } from './lib/wrk.js'

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.PROFILE_CONNECTIONS ?? 50)
const TOP = Number(process.env.PROFILE_TOP ?? 25)
const GET = process.env.PROFILE_GET
const ASSETS = process.env.PROFILE_ASSETS === undefined ? undefined : Number(process.env.PROFILE_ASSETS)

interface ProfileNode { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }
interface Profile { nodes: ProfileNode[], samples: number[], timeDeltas: number[] }

function login (url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/ccs/api/v1/oauth/tokens`, { method: 'POST' }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (c: string) => { text += c }).on('end', () => { resolve((JSON.parse(text) as { access_token: string }).access_token) })
    })
    req.on('error', reject)
    req.end('grant_type=password&username=domain1\\administrator&password=pass@123')
  })
}

const where = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame
  const file = url === '' ? '' : ` ${url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${lineNumber + 1}`
  return `${functionName === '' ? '(anonymous)' : functionName}${file}`
}

function summarize (profile: Profile): { self: Map<string, number>, total: Map<string, number>, all: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  let all = 0
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0
    all += dt
    const node = byId.get(id) as ProfileNode
    self.set(where(node), (self.get(where(node)) ?? 0) + dt)
    // Each function on the stack once, however often it recurses.
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = where(byId.get(at) as ProfileNode)
      if (!seen.has(name)) {
        seen.add(name)
        total.set(name, (total.get(name) ?? 0) + dt)
      }
    }
  })
  return { self, total, all }
}

/** A Lua expression for `path` with each `{random}` a new number below 10 000. */
const randomPath = (path: string): string =>
  path.split('{random}').map((part) => JSON.stringify(part)).join(' .. math.random(0, 9999) .. ')

checkTools()
const dir = await mkdtemp(join(tmpdir(), 'ccs-mock-profile-'))
try {
  const profiles = join(dir, 'profiles')
  const fixtures = join(dir, 'fixtures')
  if (ASSETS !== undefined) await fixturesWithAssets(fixtures, ASSETS)
  const extra = ASSETS === undefined ? [] : ['--fixtures', fixtures]
  const server = await startCcsMock({ dataDir: join(dir, 'data'), tls: false, extra, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profiles] })
  const token = await login(server.url)
  const body = `'{"JobDetails":{"AssetsResolutionInfo":[{"Id":"d387d8b5-6278-4bcb-83c7-b55d2072d2a8","Type":"symc-csm-AssetSystem-Asset-Unix-Machine"}],"JobName":"profile-' .. counter .. '","Standards":["6B020D29-5FE8-47D0-BD89-CCD3339A5EBE"],"Schedule":{"RunNow":false}},"JobType":"CollectionJob"}'`
  const authorization = `Bearer ${token}`
  const result = GET === undefined
    ? await measure({ url: `${server.url}/ccs/api/v1/jobs`, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: 0, plan: { method: 'POST', headers: { 'content-type': 'application/json', authorization }, bodyLua: body }, workDir: dir })
    : await measure({ url: `${server.url}${GET}`, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: 0, plan: { method: 'GET', headers: { authorization }, pathLua: randomPath(GET) }, workDir: dir })
  await server.stop()
  const [file] = await readdir(profiles)
  const { self, total, all } = summarize(JSON.parse(await readFile(join(profiles, file as string), 'utf8')) as Profile)
  const pct = (us: number): string => `${(100 * us / all).toFixed(1).padStart(5)} %`
  const top = (m: Map<string, number>): string[] => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([name, us]) => `${pct(us)}  ${name}`)
  process.stdout.write([
    `${GET === undefined ? 'POST /ccs/api/v1/jobs' : `GET ${GET}`}, HTTP, ${CONNECTIONS} connections, ${SECONDS} s: ${Math.round(result.rps)} req/s, ${result.non2xx} non-2xx; ${(all / 1e6).toFixed(1)} s profiled`,
    '', `self time, top ${TOP}:`, ...top(self), '', `total time (the function and what it calls), top ${TOP}:`, ...top(total), ''
  ].join('\n'))
} finally {
  await rm(dir, { recursive: true, force: true })
}
