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
