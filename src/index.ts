import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { adminClient, CcsMockAdminError, type CcsMockAdmin } from './admin/admin-client.js'
import { buildApp } from './app.js'
import { validateConfig } from './cli.js'
import type { Config } from './config.js'
import type { ControlledClock } from './domain/clock.js'
import { createLogger } from './logger.js'
import { SESSION_HEADER } from './plugins/store.js'
import { API_PREFIX } from './plugins/swagger.js'
import { writePortFile } from './ready.js'
import { serverUrl } from './server-address.js'
import { loadSnapshotFile } from './snapshot-file.js'
import { loadTls } from './tls.js'

export { adminClient, CcsMockAdminError } from './admin/admin-client.js'
export type { CcsMockAdmin, ClockChange, ClockStatus, Health, RequestList, ResetResult, Session, UnmatchedRequest } from './admin/admin-client.js'
export type { Snapshot } from './admin/control-schemas.js'
export type { CoverageReport, JournalEntry, NearMiss, RequestMatcher, RequestQuery } from './admin/schemas.js'
export { buildApp, type AppOptions } from './app.js'
export { ConfigError, validateConfig } from './cli.js'
export type { Config } from './config.js'
export { ControlledClock, ManualClock, type Clock } from './domain/clock.js'
export type { FaultRuleRequest, FaultRuleView } from './schemas/fault.js'
export type { NotificationRecord } from './schemas/notification.js'

export interface StartCcsMockOptions extends Partial<Config> {
  /** Defaults to real time, which the admin helpers can still freeze, set and advance. */
  clock?: ControlledClock
  /** Your own pino/Fastify logger; wins over `quiet` and `logLevel`. */
  logger?: FastifyBaseLogger
  /** Default true: no logs unless `quiet: false` or a `logLevel` is given (then pino JSON on stdout). */
  quiet?: boolean
}

export interface CcsMock {
  /** `https://127.0.0.1:54321` (or `http://` with `http: true`). */
  url: string
  /** `url` + `/ccs/api/v1`. */
  apiUrl: string
  port: number
  /** The data dir: a fresh temporary one unless `dataDir` was given. */
  dataDir: string
  /** The server's certificate (PEM) when serving HTTPS: trust it as the CA instead of turning checks off. */
  certificate?: string
  /** The Fastify instance; `app.inject` reaches it without a socket. */
  app: FastifyInstance
  admin: CcsMockAdmin
  /**
   * A session of its own for one test (a fresh unique name unless given): its own
   * data, clock, tokens, fault rules, journal and coverage on this one server, so
   * parallel tests never see each other. Send `headers` with every CCS request.
   */
  session: (name?: string) => CcsMockSession
  /** Stops the server and removes the temporary data dir (a `dataDir` you gave is kept). Safe to call twice. */
  close: () => Promise<void>
}

/** One test's session on a shared server. */
export interface CcsMockSession {
  name: string
  /** `{ 'X-CCS-Mock-Session': name }`: send them with every CCS request of the test. */
  headers: Record<string, string>
  /** The control plane for this session only: its clock, faults, journal, coverage, snapshots; `reset()` resets it. */
  admin: CcsMockAdmin
  /** An access token issued in this session (tokens are good only where they were issued). */
  login: (credentials?: { username: string, password: string }) => Promise<string>
  /** Removes the session and its data (safe when it was never used). */
  close: () => Promise<void>
}

const DEFAULT_CREDENTIALS = { username: 'domain1\\administrator', password: 'pass@123' }

function sessionOf (app: FastifyInstance, adminKey: string | undefined, name: string): CcsMockSession {
  const headers = { [SESSION_HEADER]: name }
  return {
    name,
    headers,
    admin: adminClient(app, adminKey, name),
    login: async (credentials = DEFAULT_CREDENTIALS) => {
      const res = await app.inject({
        method: 'POST',
        url: `${API_PREFIX}/oauth/tokens`,
        headers,
        payload: new URLSearchParams({ grant_type: 'password', username: credentials.username, password: credentials.password }).toString()
      })
      if (res.statusCode !== 200) throw new Error(`login to session ${name} failed: ${res.statusCode} ${res.body}`)
      return (res.json() as { access_token: string }).access_token
    },
    close: async () => {
      await adminClient(app, adminKey).sessions.remove(name).catch((err: unknown) => {
        if (!(err instanceof CcsMockAdminError && err.statusCode === 404)) throw err
      })
    }
  }
}

const defined = (options: Partial<Config>): Partial<Config> =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))

/**
 * Starts ccs-mock for a test suite: a free port on 127.0.0.1, a fresh temporary data
 * dir, HTTPS with a self-signed certificate (plain HTTP with `http: true`), schedules
 * in UTC, no logs. Every other setting as on the command line (`Config`).
 */
export async function startCcsMock (options: StartCcsMockOptions = {}): Promise<CcsMock> {
  const { clock, logger, quiet, ...settings } = options
  const ownDir = settings.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'ccs-mock-')) : undefined
  const removeOwnDir = async (): Promise<void> => {
    if (ownDir !== undefined) await rm(ownDir, { recursive: true, force: true })
  }

  let app: FastifyInstance | undefined
  try {
    const config = validateConfig({ port: 0, timeZone: 'UTC', ...defined(settings), ...(ownDir !== undefined ? { dataDir: ownDir } : {}) })
    const log = logger ?? (quiet === false || settings.logLevel !== undefined ? createLogger(config.logLevel) : undefined)
    const tls = config.http ? undefined : await loadTls({ dataDir: config.dataDir, certFile: config.tlsCert, keyFile: config.tlsKey })
    app = await buildApp({ config, ...(clock !== undefined ? { clock } : {}), ...(log !== undefined ? { logger: log } : {}), ...(tls !== undefined ? { https: tls } : {}) })
    await loadSnapshotFile(app, config)
    await app.listen({ port: config.port, host: config.host })

    const { port } = app.server.address() as AddressInfo
    const url = serverUrl(config, port)
    if (config.portFile !== undefined) await writePortFile(config.portFile, port)
    const running = app
    let closing: Promise<void> | undefined
    return {
      url,
      apiUrl: `${url}${API_PREFIX}`,
      port,
      dataDir: config.dataDir,
      ...(tls !== undefined ? { certificate: tls.cert } : {}),
      app: running,
      admin: adminClient(running, config.adminKey),
      session: (name) => sessionOf(running, config.adminKey, name ?? `test-${randomUUID()}`),
      close: async () => {
        closing ??= running.close().then(removeOwnDir)
        await closing
      }
    }
  } catch (err) {
    await app?.close()
    await removeOwnDir()
    throw err
  }
}
