import pino, { type Logger } from 'pino'
import pretty from 'pino-pretty'

/** Paths pino blanks out wherever they appear in a log object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'password',
  '*.password',
  '*.Password',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'token',
  // --smtp-url may carry the SMTP password (smtp://user:pass@host).
  'smtpUrl',
  '*.smtpUrl'
]

/** Structured JSON logs; pretty only when a person is watching a terminal. */
export function createLogger (level: string, destination: pino.DestinationStream | NodeJS.WritableStream = process.stdout): Logger {
  const options: pino.LoggerOptions = { level, redact: { paths: REDACTED_PATHS, censor: '[Redacted]' }, base: { name: 'ccs-mock' } }
  if (destination === process.stdout && process.stdout.isTTY) {
    // In-process, not a transport: a transport's worker thread loads pino-pretty by file path, which a bundle (dist/index.js) has not.
    return pino(options, pretty({ translateTime: 'SYS:standard' }))
  }
  return pino(options, destination as pino.DestinationStream)
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/**
 * A request's logger that makes pino's child (its bindings serialized) only when a
 * line is written: most requests write none at the default level, so a child would be
 * built for nothing on every request.
 */
class LazyChildLogger {
  private made: Logger | undefined

  constructor (private readonly parent: Logger, private readonly bindings: pino.Bindings, private readonly options: pino.ChildLoggerOptions) {}

  get level (): string {
    return this.made?.level ?? this.options.level ?? this.parent.level
  }

  set level (level: string) {
    this.real().level = level
  }

  isLevelEnabled (level: string): boolean {
    const values = this.parent.levels.values
    return (values[level] ?? 0) >= (values[this.level] ?? 0)
  }

  child (bindings: pino.Bindings, options?: pino.ChildLoggerOptions): Logger {
    return this.real().child(bindings, options)
  }

  fatal (...args: unknown[]): void { this.write('fatal', args) }
  error (...args: unknown[]): void { this.write('error', args) }
  warn (...args: unknown[]): void { this.write('warn', args) }
  info (...args: unknown[]): void { this.write('info', args) }
  debug (...args: unknown[]): void { this.write('debug', args) }
  trace (...args: unknown[]): void { this.write('trace', args) }
  silent (): void {}

  private write (level: Level, args: unknown[]): void {
    if (this.isLevelEnabled(level)) (this.real()[level] as (...a: unknown[]) => void)(...args)
  }

  private real (): Logger {
    this.made ??= this.parent.child(this.bindings, this.options)
    return this.made
  }
}

/** Fastify's childLoggerFactory for a pino logger: each request's logger, made when first written to. */
export function lazyChildLoggerFactory (logger: Logger, bindings: pino.Bindings, options: pino.ChildLoggerOptions): Logger {
  return new LazyChildLogger(logger, bindings, options) as unknown as Logger
}
