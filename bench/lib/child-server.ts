import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { SERVER_CPU } from './wrk.js'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0) })
    })
  })
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
function accepts (port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => { resolve(false) })
  })
}

export interface ChildServer {
  child: ChildProcess
  url: string
  pid: number
  /** Milliseconds from spawn to the port accepting connections. */
  startupMs: number
  rssBytes: () => Promise<number>
  stop: (signal?: NodeJS.Signals) => Promise<void>
}

export interface ChildOptions {
  /** Node flags before the script. */
  nodeArgs?: string[]
  /** Pin to the server core (default true), as every measured server is. */
  pinned?: boolean
  /** The port to wait for, when it is not `port` (mountebank's imposter). */
  readyPort?: number
}

/** Spawns `node <script> ...args` (through tsx for .ts), pinned to SERVER_CPU, and resolves once its port accepts connections. */
export async function startChild (script: string, args: string[], tls: boolean, port: number, options: ChildOptions = {}): Promise<ChildServer> {
  const started = performance.now()
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : []
  const command = [process.execPath, ...(options.nodeArgs ?? []), ...loader, script, ...args]
  // taskset execs the command: the child's pid is the server's.
  const [file, ...rest] = options.pinned === false ? command : ['taskset', '-c', SERVER_CPU, ...command]
  const child = spawn(file as string, rest, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CCS_MOCK_')))
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (c: string) => { stderr += c })
  let exitedEarly = false
  child.once('exit', () => { exitedEarly = true })
  child.stdout?.resume()
  const readyPort = options.readyPort ?? port
  while (!(await accepts(readyPort))) {
    if (exitedEarly) throw new Error(`${script} exited before listening: ${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const startupMs = performance.now() - started
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve()
    else child.once('exit', () => { resolve() })
  })
  return {
    child,
    pid: child.pid ?? 0,
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${readyPort}`,
    startupMs,
    rssBytes: async () => {
      const status = await readFile(`/proc/${child.pid ?? 0}/status`, 'utf8')
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]
      return Number(kb ?? 0) * 1024
    },
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
  }
}

export async function startCcsMock (options: { dataDir: string, tls: boolean, extra?: string[], nodeArgs?: string[] }): Promise<ChildServer> {
  const port = await freePort()
  const args = ['--port', String(port), '--data-dir', options.dataDir, '--log-level', 'warn', ...(options.tls ? [] : ['--http']), ...(options.extra ?? [])]
  // The compiled server, as the Docker image runs it: start-up is not charged for tsx.
  return await startChild('dist/server.js', args, options.tls, port, { nodeArgs: options.nodeArgs ?? [] })
}

/** A reference server in bench/lib (`script`), on a free port with its data dir. */
async function startReference (script: string, options: { dataDir: string, tls: boolean }): Promise<ChildServer> {
  const port = await freePort()
  return await startChild(script, [String(port), options.dataDir, options.tls ? 'tls' : 'http'], options.tls, port)
}

/** bench/lib/bare-server.ts: the bare route, and the answer floor under each read. */
export async function startBareFastify (options: { dataDir: string, tls: boolean }): Promise<ChildServer> {
  return await startReference('bench/lib/bare-server.ts', options)
}

/** bench/lib/durable-floor-server.ts: bare Fastify plus a group-committed append, the floor under any durable create. */
export async function startDurableFloor (options: { dataDir: string, tls: boolean }): Promise<ChildServer> {
  return await startReference('bench/lib/durable-floor-server.ts', options)
}
