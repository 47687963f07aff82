import { spawn, type ChildProcess } from 'node:child_process'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { PeerCertificate, TLSSocket } from 'node:tls'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { ADMIN } from './build.js'
import { recordsOnDisk } from './segments-on-disk.js'

/** The repository root: the working directory of every spawned server. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

const WATCHDOG = new URL('./orphan-watchdog.ts', import.meta.url).href
// Generous: on a loaded 2-core machine a cold start (tsx, key generation) can take 20 s.
const START_TIMEOUT_MS = 45_000
const STOP_TIMEOUT_MS = 10_000

/**
 * The parent's environment without any CCS_MOCK_* setting, so only the test's flags
 * count, and without coverage (NODE_V8_COVERAGE, tap's processinfo): a child runs the
 * sources compiled by tsx, whose coverage, merged with the test process's own
 * compilation, would mark covered lines as missed.
 */
export function cleanEnv (extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('CCS_MOCK_') && key !== 'NODE_V8_COVERAGE') env[key] = value
  return { ...env, _TAPJS_PROCESSINFO_COVERAGE_: '0', ...extra }
}

/** A port that was free a moment ago (listen on 0, read it, close). */
export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => { resolve(port) })
    })
  })
}

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface Finished extends Exit {
  stdout: string
  stderr: string
}

/** Runs `node --import tsx src/server.ts ...args` to its end (for start-up failures, --help). */
export async function runServerToExit (args: string[], env: Record<string, string> = {}, timeoutMs = START_TIMEOUT_MS): Promise<Finished> {
  return await runNodeToExit(['--import', 'tsx', 'src/server.ts', ...args], env, timeoutMs)
}

/** Runs `node ...nodeArgs` in the repository root to its end. */
export async function runNodeToExit (nodeArgs: string[], env: Record<string, string> = {}, timeoutMs = START_TIMEOUT_MS): Promise<Finished> {
  const child = spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const exit = await exitOf(child)
  clearTimeout(timer)
  return { ...exit, stdout, stderr }
}

function exitOf (child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode })
      return
    }
    // 'close' rather than 'exit': stdout/stderr are fully read by then.
    child.once('close', (code, signal) => { resolve({ code, signal }) })
  })
}

export interface StartOptions {
  dataDir: string
  /** Serve plain HTTP (adds --http). */
  http?: boolean
  /** More flags, after --port/--host/--data-dir/--log-level. */
  args?: string[]
  env?: Record<string, string>
  /** The entry script, relative to the repository root (default src/server.ts). */
  script?: string
}

export interface ServerProcess {
  child: ChildProcess
  port: number
  protocol: 'http' | 'https'
  /** Everything the server wrote so far. */
  stdout: () => string
  stderr: () => string
  /** Resolves when the process has ended and its output is read. */
  exited: Promise<Exit>
  /** Sends `signal` (SIGTERM by default) and waits for the exit; SIGKILL if it hangs. */
  stop: (signal?: NodeJS.Signals) => Promise<Exit>
}

/**
 * Starts the real server on a free port of 127.0.0.1 and resolves once it logs
 * "Server listening". The child is killed when the test ends, whatever happened.
 */
export async function startServer (t: Test, options: StartOptions): Promise<ServerProcess> {
  const port = await freePort()
  const args = ['--import', 'tsx', '--import', WATCHDOG, options.script ?? 'src/server.ts', '--port', String(port), '--host', '127.0.0.1', '--data-dir', options.dataDir, '--log-level', 'info',
    ...(options.http === true ? ['--http'] : []), ...(options.args ?? [])]
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => { stderr += chunk })
  const exited = exitOf(child)
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms\nstdout: ${stdout}\nstderr: ${stderr}`)) }, START_TIMEOUT_MS)
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk
      if (stdout.includes('Server listening')) {
        clearTimeout(timer)
        resolve()
      }
    })
    void exited.then((exit) => {
      clearTimeout(timer)
      reject(new Error(`server exited before listening (code ${String(exit.code)}, signal ${String(exit.signal)})\nstdout: ${stdout}\nstderr: ${stderr}`))
    })
  })

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    const exit = await exited
    clearTimeout(timer)
    return exit
  }

  return { child, port, protocol: options.http === true ? 'http' : 'https', stdout: () => stdout, stderr: () => stderr, exited, stop }
}

export interface HttpResult {
  status: number
  headers: IncomingHttpHeaders
  body: string
  /** The server's certificate, for HTTPS. */
  certificate?: PeerCertificate
  json: <T = unknown>() => T
}

export interface HttpRequest {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
  /** Called once the request is fully handed to the socket. */
  onSent?: () => void
}

export interface Target extends Pick<ServerProcess, 'port' | 'protocol'> {
  /** HTTPS: verify the server's certificate, trusting `ca` when given (otherwise any certificate is accepted). */
  verify?: { ca?: string }
}

/** One request on its own connection (no keep-alive). */
export async function send (server: Target, req: HttpRequest): Promise<HttpResult> {
  const request = server.protocol === 'https' ? httpsRequest : httpRequest
  return await new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers }
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body))
    const outgoing = request({
      host: '127.0.0.1',
      port: server.port,
      method: req.method ?? 'GET',
      path: req.path,
      headers,
      agent: false,
      rejectUnauthorized: server.verify !== undefined,
      ...(server.verify?.ca !== undefined ? { ca: server.verify.ca } : {})
    }, (res) => {
      const socket = res.socket as TLSSocket
      const certificate = server.protocol === 'https' ? socket.getPeerCertificate() : undefined
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('error', reject)
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          ...(certificate !== undefined ? { certificate } : {}),
          json: <T>() => JSON.parse(body) as T
        })
      })
    })
    outgoing.on('error', reject)
    if (req.onSent !== undefined) outgoing.on('finish', req.onSent)
    outgoing.end(req.body)
  })
}

export const TOKEN_PATH = '/ccs/api/v1/oauth/tokens'
export const JOBS_PATH = '/ccs/api/v1/jobs'

/** Logs in the way the vendor sample does; throws unless the server answers 200. */
export async function loginOver (server: Target, credentials = ADMIN): Promise<string> {
  const res = await send(server, {
    method: 'POST',
    path: TOKEN_PATH,
    headers: { 'content-type': 'application/json' },
    body: `grant_type=password&username=${credentials.username}&password=${credentials.password}`
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.body}`)
  return res.json<{ access_token: string }>().access_token
}

export async function createJobOver (server: Target, token: string, payload: unknown, onSent?: () => void): Promise<HttpResult> {
  return await send(server, {
    method: 'POST',
    path: JOBS_PATH,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    ...(onSent !== undefined ? { onSent } : {})
  })
}

/** Every job stored in `<dataDir>/jobs`, read straight from disk. */
export async function jobsOnDisk (dataDir: string): Promise<Array<{ JobID: string, JobName: string }>> {
  return await recordsOnDisk<{ JobID: string, JobName: string }>(join(dataDir, 'jobs'), 'jobs', (job) => job.JobID)
}
