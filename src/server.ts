import { buildApp } from './app.js'
import { ConfigError, helpText, parseCli } from './cli.js'
import { createLogger } from './logger.js'
import { StoreError } from './store/store-error.js'
import { loadTls } from './tls.js'

const EXIT_BAD_CONFIG = 2
const EXIT_START_FAILED = 1

async function main (): Promise<void> {
  let parsed
  try {
    parsed = parseCli(process.argv.slice(2), process.env)
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    process.stderr.write(`ccs-mock: ${err.message} (see --help)\n`)
    process.exit(EXIT_BAD_CONFIG)
  }
  if (parsed.help) {
    process.stdout.write(`${helpText()}\n`)
    return
  }
  const { config } = parsed
  const logger = createLogger(config.logLevel)

  let app
  try {
    const https = config.http ? undefined : await loadTls({ dataDir: config.dataDir, certFile: config.tlsCert, keyFile: config.tlsKey })
    app = await buildApp({ config, logger, https })
    await app.listen({ port: config.port, host: config.host })
  } catch (err) {
    const message = err instanceof StoreError ? err.message : `cannot start: ${(err as Error).message}`
    logger.fatal(message)
    process.stderr.write(`ccs-mock: ${message}\n`)
    process.exit(EXIT_START_FAILED)
  }

  let closing = false
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting at once')
      process.exit(1)
    }
    closing = true
    logger.info({ signal }, 'closing: finishing in-flight requests and writes')
    // close() stops accepting, waits for in-flight requests, then flushes the store.
    app.close().then(() => {
      logger.info('closed')
      process.exit(0)
    }, (err: unknown) => {
      logger.error({ err }, 'error while closing')
      process.exit(1)
    })
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}

await main()
