import { readFile, rename, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { ADMIN_KEY_HEADER, ADMIN_PREFIX, isLoopbackHost } from './admin/access.js'
import type { StateCommand } from './cli.js'
import type { Config } from './config.js'
import { serverUrl } from './server-address.js'

export class StateCommandError extends Error {
  override name = 'StateCommandError'
}

interface Answer { status: number, body: string }

async function readTrust (config: Pick<Config, 'tlsCert' | 'dataDir'>): Promise<string | undefined> {
  for (const file of [config.tlsCert, `${config.dataDir}/tls/cert.pem`]) {
    if (file !== undefined) {
      try {
        return await readFile(file, 'utf8')
      } catch {}
    }
  }
  return undefined
}

async function send (url: URL, method: 'GET' | 'PUT', headers: Record<string, string>, ca: string | undefined, body?: string): Promise<Answer> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  return await new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) },
      // The mock's own certificate when we can read it; on loopback, the mock on this machine, any.
      ...(ca !== undefined ? { ca } : {}),
      rejectUnauthorized: ca !== undefined || !isLoopbackHost(url.hostname)
    }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { text += chunk })
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body: text }) })
      res.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

async function readInput (file: string): Promise<string> {
  if (file !== '-') return await readFile(file, 'utf8')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Written beside the target first, then renamed: a half-written snapshot never replaces a good one. */
async function writeOutput (file: string, text: string): Promise<void> {
  if (file === '-') {
    process.stdout.write(text)
    return
  }
  const partial = `${file}.${process.pid}.partial`
  await writeFile(partial, text)
  await rename(partial, file)
}

/**
 * `ccs-mock export FILE` / `ccs-mock import FILE`: GET or PUT /__admin/state of a
 * running server. Returns a one-line summary; throws StateCommandError on failure.
 */
export async function runStateCommand (command: StateCommand, config: Config): Promise<string> {
  const base = command.url ?? serverUrl(config, config.port)
  const url = new URL(`${ADMIN_PREFIX}/state`, base)
  if (command.session !== undefined) url.searchParams.set('session', command.session)
  const headers: Record<string, string> = config.adminKey !== undefined ? { [ADMIN_KEY_HEADER]: config.adminKey } : {}
  const ca = url.protocol === 'https:' ? await readTrust(config) : undefined
  let input: string | undefined
  if (command.name === 'import') {
    try {
      input = await readInput(command.file)
    } catch (err) {
      throw new StateCommandError(`cannot read ${command.file}: ${(err as Error).message}`)
    }
  }
  let answer: Answer
  try {
    answer = await send(url, command.name === 'export' ? 'GET' : 'PUT', headers, ca, input)
  } catch (err) {
    throw new StateCommandError(`cannot reach ${base}: ${(err as Error).message}`)
  }
  if (answer.status !== 200) {
    let message = answer.body
    try { message = (JSON.parse(answer.body) as { message?: string }).message ?? message } catch {}
    throw new StateCommandError(`${command.name} failed: ${answer.status} ${message}`)
  }
  const snapshot = JSON.parse(answer.body) as { data: { jobs: unknown[] } }
  if (command.name === 'export') await writeOutput(command.file, `${JSON.stringify(snapshot, null, 2)}\n`)
  return `${command.name === 'export' ? 'exported' : 'imported'} ${snapshot.data.jobs.length} jobs ${command.name === 'export' ? 'from' : 'into'} ${base}${command.session !== undefined ? ` (session ${command.session})` : ''}`
}
