// The container's HEALTHCHECK: GET /__admin/health of the server this environment
// describes (CCS_MOCK_HTTP, CCS_MOCK_HOST, CCS_MOCK_PORT, read as the server reads them),
// over HTTP or HTTPS to match. Exit 0 when it answers 200, else 1.
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { parseCli } from './cli.js'
import { serverUrl } from './server-address.js'

const TIMEOUT_MS = 2500

function check (): Promise<boolean> {
  const parsed = parseCli([], process.env)
  if (parsed.help) return Promise.resolve(false)
  const { config } = parsed
  const url = new URL('/__admin/health', serverUrl(config, config.port))
  const request = config.http ? httpRequest : httpsRequest
  return new Promise((resolve) => {
    // The server's own certificate, usually self-signed: reachability is the question here.
    const outgoing = request(url, { timeout: TIMEOUT_MS, rejectUnauthorized: false }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    outgoing.on('timeout', () => { outgoing.destroy(); resolve(false) })
    outgoing.on('error', () => { resolve(false) })
    outgoing.end()
  })
}

process.exitCode = await check().catch(() => false) ? 0 : 1
