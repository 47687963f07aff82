import type { Config } from './config.js'

const UNSPECIFIED_HOSTS = new Set(['0.0.0.0', '::', '[::]'])

/** The host to put in a URL for a server bound to `host` (a wildcard bind answers on loopback). */
export function urlHost (host: string): string {
  if (UNSPECIFIED_HOSTS.has(host)) return '127.0.0.1'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** `https://127.0.0.1:12431` for the server these settings describe (listening on `port`). */
export const serverUrl = (config: Pick<Config, 'http' | 'host'>, port: number): string =>
  `${config.http ? 'http' : 'https'}://${urlHost(config.host)}:${port}`
