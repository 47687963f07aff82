import type { AddressInfo } from 'node:net'
import { VERSION } from './admin/version.js'
import { buildApp } from './app.js'
import { ConfigError, helpText, parseCli, type CliResult } from './cli.js'
import { createLogger } from './logger.js'
import { readyLine, writePortFile } from './ready.js'
import { serverUrl } from './server-address.js'
import { loadSnapshotFile, SnapshotFileError } from './snapshot-file.js'
import { runStateCommand, StateCommandError } from './state-command.js'
import { StoreError } from './store/store-error.js'
import { loadTls } from './tls.js'

const EXIT_BAD_CONFIG = 2
const EXIT_START_FAILED = 1

function fail (code: number, message: string): never {
  process.stderr.write(`ccs-mock: ${message}\n`)
  process.exit(code)
}

async function main (): Promise<void> {
  let parsed: CliResult
  try {
    parsed = parseCli(process.argv.slice(2), process.env)
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    fail(EXIT_BAD_CONFIG, `${err.message} (see --help)`)
  }
  if (parsed.help) {
    process.stdout.write(`${parsed.version === true ? VERSION : helpText()}\n`)
    return
  }
  const { config, command } = parsed
  if (command.name !== 'serve') {
    try {
      process.stderr.write(`ccs-mock: ${await runStateCommand(command, config)}\n`)
    } catch (err) {
      if (!(err instanceof StateCommandError)) throw err
      fail(EXIT_START_FAILED, err.message)
    }
    return
  }

  const logger = createLogger(config.logLevel)
  let app
  try {
    const https = config.http ? undefined : await loadTls({ dataDir: config.dataDir, certFile: config.tlsCert, keyFile: config.tlsKey })
    app = await buildApp({ config, logger, https })
    await loadSnapshotFile(app, config)
    await app.listen({ port: config.port, host: config.host })
    const { port } = app.server.address() as AddressInfo
    if (config.portFile !== undefined) await writePortFile(config.portFile, port)
    process.stdout.write(readyLine(serverUrl(config, port), port))
  } catch (err) {
    if (err instanceof ConfigError) fail(EXIT_BAD_CONFIG, `${err.message} (see --help)`)
    const message = err instanceof StoreError || err instanceof SnapshotFileError ? err.message : `cannot start: ${(err as Error).message}`
    logger.fatal(message)
    fail(EXIT_START_FAILED, message)
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
