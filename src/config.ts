import { fileURLToPath } from 'node:url'
import { Type, type Static } from 'typebox'

export const DEFAULT_FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url))

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/**
 * Every setting, its type, range and default. Flags and environment variables are
 * derived from the property names (see cli.ts); parsed once at boot.
 */
export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 12431, description: 'TCP port to listen on (0 picks a free port)' }),
  host: Type.String({ minLength: 1, default: '127.0.0.1', description: 'address to bind (0.0.0.0 for every interface)' }),
  dataDir: Type.String({ minLength: 1, default: './data', description: 'directory for the lowdb files and the generated TLS certificate' }),
  fixtures: Type.String({ minLength: 1, default: DEFAULT_FIXTURES_DIR, description: 'directory of the fixture data set (users, assets, standards, jobs)' }),
  logLevel: Type.Enum([...LOG_LEVELS], { default: 'info', description: 'pino log level' }),
  http: Type.Boolean({ default: false, description: 'serve plain HTTP instead of HTTPS' }),
  tlsCert: Type.Optional(Type.String({ minLength: 1, description: 'PEM certificate file (default: self-signed, generated into the data dir)' })),
  tlsKey: Type.Optional(Type.String({ minLength: 1, description: 'PEM private key file for --tls-cert' })),
  accessTokenTtl: Type.Integer({ minimum: 1, default: 3600, description: 'access token lifetime in seconds' }),
  refreshTokenTtl: Type.Integer({ minimum: 1, default: 5400, description: 'refresh token lifetime in seconds' }),
  bodyLimit: Type.Integer({ minimum: 1024, maximum: 104857600, default: 1048576, description: 'largest request body in bytes (larger: 413)' }),
  requestTimeout: Type.Integer({ minimum: 1, maximum: 3600, default: 30, description: 'seconds a client may take to send a whole request (headers included)' }),
  loginFailureLimit: Type.Integer({ minimum: 0, default: 10, description: 'failed logins per user and client address within the window before 429 (0: no limit)' }),
  loginFailureWindow: Type.Integer({ minimum: 1, default: 60, description: 'seconds over which failed logins are counted' }),
  runQueueSeconds: Type.Number({ minimum: 0, maximum: 86400, default: 2, description: 'seconds a job run stays queued before it starts' }),
  collectionSeconds: Type.Number({ minimum: 0, maximum: 86400, default: 5, description: 'seconds the simulated collection of one asset takes' }),
  evaluationSeconds: Type.Number({ minimum: 0, maximum: 86400, default: 3, description: 'seconds the simulated evaluation of one asset takes' }),
  jobsPerSegment: Type.Integer({ minimum: 10, maximum: 100000, default: 100, description: 'jobs per lowdb segment file: a write rewrites one segment (see docs/store.md)' }),
  // '' stands for the host's zone, which a static schema default cannot name (resolveTimeZone).
  timeZone: Type.String({ default: '', description: "IANA time zone schedules run in, e.g. Europe/Berlin (default: the host's zone, else UTC)" }),
  // writeOnly: the value may hold a password, so no message ever echoes it (cli.ts).
  smtpUrl: Type.Optional(Type.String({ writeOnly: true, description: 'SMTP server for run notifications, smtp://[user:pass@]host[:port] or smtps://… (default: none, notifications are only recorded)' })),
  // writeOnly: the value is a secret; cli.ts never repeats it in an error message.
  adminKey: Type.Optional(Type.String({ minLength: 1, writeOnly: true, description: 'key the control plane (/__admin) requires in the X-CCS-Mock-Admin-Key header (default: open on loopback hosts, closed elsewhere)' })),
  journalSize: Type.Integer({ minimum: 0, maximum: 100000, default: 1000, description: 'requests the control plane journal keeps per data set (the default one and each session), oldest dropped first (0: no journal)' }),
  maxSessions: Type.Integer({ minimum: 1, maximum: 100000, default: 256, description: 'sessions (X-CCS-Mock-Session) that may exist at once; a request that would create one more gets 429' }),
  sessionIdleSeconds: Type.Integer({ minimum: 0, maximum: 604800, default: 900, description: 'seconds after which an unused session closes and frees its memory (its data stays on disk; 0: never)' }),
  portFile: Type.Optional(Type.String({ minLength: 1, description: 'file to write the port to once listening (for --port 0)' })),
  snapshot: Type.Optional(Type.String({ minLength: 1, description: 'state snapshot (GET /__admin/state) to load at every start, replacing the stored data, clock and fault rules' }))
})

export type Config = Static<typeof ConfigSchema>
