/**
 * Memory per open session: a ccs-mock child (the compiled build, plain HTTP) opens
 * BENCH_SESSIONS sessions (default 1000) the way a parallel CI suite does — a login in
 * the session, then a job read — and reports its RSS before and after, per session and
 * for all of them (goal: 1 000 open sessions on the default fixtures under 1 GB RSS).
 * `npm run bench:sessions`; the table goes to bench/results/sessions.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCcsMock } from './lib/child-server.js'

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000)
const CONCURRENCY = 8
const GOAL_BYTES = 1024 ** 3
const FORM = 'grant_type=password&username=domain1%5Cadministrator&password=pass%40123'
const JOB = 'a282d163-2248-4904-8135-0eaf08be8e55'

function call (base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number, text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk }).on('end', () => { resolve({ status: res.statusCode ?? 0, text }) })
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function openSession (base: string, name: string): Promise<void> {
  const session = { 'x-ccs-mock-session': name }
  const login = await call(base, 'POST', '/ccs/api/v1/oauth/tokens', { ...session, 'content-type': 'application/x-www-form-urlencoded' }, FORM)
  if (login.status !== 200) throw new Error(`login in ${name}: ${login.status} ${login.text}`)
  const token = (JSON.parse(login.text) as { access_token: string }).access_token
  const read = await call(base, 'GET', `/ccs/api/v1/Jobs/${JOB}`, { ...session, authorization: `Bearer ${token}` })
  if (read.status !== 200) throw new Error(`read in ${name}: ${read.status} ${read.text}`)
}

const mb = (bytes: number): string => (bytes / 1024 ** 2).toFixed(0)

const dir = await mkdtemp(join(tmpdir(), 'ccs-mock-bench-sessions-'))
try {
  const server = await startCcsMock({ dataDir: dir, tls: false, extra: ['--max-sessions', String(SESSIONS + 1), '--session-idle-seconds', '0'] })
  try {
    await openSession(server.url, 'warm-up')
    const before = await server.rssBytes()
    const started = performance.now()
    let next = 0
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < SESSIONS) await openSession(server.url, `suite-${next++}`)
    }))
    const seconds = (performance.now() - started) / 1000
    const after = await server.rssBytes()
    const listed = JSON.parse((await call(server.url, 'GET', '/__admin/sessions', {})).text) as { sessions: Array<{ open: boolean }> }
    const open = listed.sessions.filter((s) => s.open).length
    const rows = [
      '| measure | value |',
      '|---|---:|',
      `| sessions opened (login + job read each, ${CONCURRENCY} at a time) | ${SESSIONS} in ${seconds.toFixed(1)} s (${(SESSIONS / seconds).toFixed(0)}/s) |`,
      `| sessions open at the end | ${open} |`,
      `| RSS before | ${mb(before)} MB |`,
      `| RSS after | ${mb(after)} MB |`,
      `| RSS per open session | ${((after - before) / SESSIONS / 1024).toFixed(0)} KB |`,
      `| goal: ${SESSIONS} open sessions under 1 GB RSS | ${after < GOAL_BYTES ? 'met' : 'NOT met'} (${mb(after)} MB) |`
    ]
    const table = rows.join('\n')
    process.stdout.write(`${table}\n`)
    await writeFile(new URL('./results/sessions.md', import.meta.url), `# Sessions: memory per open session\n\n${new Date().toISOString()}, Node ${process.version}\n\n${table}\n`)
  } finally {
    await server.stop()
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}
