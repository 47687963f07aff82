import { execFile, execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** wrk runs on this core, every server on SERVER_CPU: they never compete for one. */
export const LOAD_CPU = '0'
export const SERVER_CPU = '1'

export interface LoadResult {
  rps: number
  /** Milliseconds. */
  p50: number
  p99: number
  requests: number
  /** Answers that were not 2xx or 3xx. */
  non2xx: number
  /** Connect, read, write errors and time-outs. */
  errors: number
}

/** What each request of a load is: a method, headers, and a path and body made fresh per request by a Lua expression. */
export interface LoadPlan {
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  /** A Lua expression for the request's path (default: the URL's path). */
  pathLua?: string
  /** A Lua expression for the request's body. */
  bodyLua?: string
  /** Lua run once before the load (locals the expressions use; `run` names this load apart from every other). */
  setupLua?: string
}

/** Fails with what to install when wrk or taskset is missing. */
export function checkTools (): void {
  const missing = ['wrk', 'taskset'].filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' })
      return false
    } catch {
      return true
    }
  })
  if (missing.length === 0) return
  const hints: Record<string, string> = { wrk: "wrk (Debian's wrk package: apt-get install -y wrk)", taskset: 'taskset (util-linux)' }
  process.stderr.write(`npm run bench needs ${missing.map((tool) => hints[tool]).join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed.\n`)
  process.exit(1)
}

/** A Lua string literal. */
export const lua = (text: string): string => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`

function script (plan: LoadPlan, run: number): string {
  const headers = Object.entries(plan.headers ?? {}).map(([name, value]) => `wrk.headers[${lua(name)}] = ${lua(value)}`)
  return [
    `local run = ${lua(`${process.pid}-${run}`)}`,
    `wrk.method = ${lua(plan.method)}`,
    ...headers,
    plan.setupLua ?? '',
    'local counter = 0',
    'request = function()',
    '  counter = counter + 1',
    `  return wrk.format(nil, ${plan.pathLua ?? 'wrk.path'}, nil, ${plan.bodyLua ?? 'nil'})`,
    'end',
    // One JSON line wrk prints last: the numbers without parsing wrk's text.
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format("WRK-JSON {\\"requests\\":%d,\\"duration\\":%d,\\"non2xx\\":%d,\\"errors\\":%d,\\"p50\\":%d,\\"p99\\":%d}\\n",',
    '    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))',
    'end',
    ''
  ].join('\n')
}

function wrk (url: string, connections: number, seconds: number, scriptPath: string): Promise<LoadResult> {
  const args = ['-c', LOAD_CPU, 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptPath, url]
  return new Promise((resolve, reject) => {
    execFile('taskset', args, { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err !== null) {
        reject(new Error(`wrk failed: ${err.message} ${stderr}`))
        return
      }
      const line = /^WRK-JSON (.*)$/m.exec(stdout)?.[1]
      if (line === undefined) {
        reject(new Error(`wrk printed no result: ${stdout} ${stderr}`))
        return
      }
      const r = JSON.parse(line) as { requests: number, duration: number, non2xx: number, errors: number, p50: number, p99: number }
      resolve({ rps: r.requests / (r.duration / 1e6), p50: r.p50 / 1000, p99: r.p99 / 1000, requests: r.requests, non2xx: r.non2xx, errors: r.errors })
    })
  })
}

let runs = 0

async function load (options: { url: string, connections: number, plan: LoadPlan, workDir: string }, seconds: number): Promise<LoadResult> {
  const path = join(options.workDir, `load-${++runs}.lua`)
  await writeFile(path, script(options.plan, runs))
  return await wrk(options.url, options.connections, seconds, path)
}

/** wrk with one thread pinned to LOAD_CPU: `warmupSeconds` unmeasured, then `seconds` measured. */
export async function measure (options: { url: string, connections: number, seconds: number, warmupSeconds: number, plan: LoadPlan, workDir: string }): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await load(options, options.warmupSeconds)
  return await load(options, options.seconds)
}
