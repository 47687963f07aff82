import { hostname, networkInterfaces } from 'node:os'
import type { FastifyRequest } from 'fastify'
import { isLoopbackHost } from '../admin/access.js'

const bare = (host: string): string => host.toLowerCase().replace(/^\[(.*)\]$/, '$1')

/** This machine's own names and addresses (computed once: interfaces rarely change under a test run). */
const OWN_HOSTS = new Set([
  bare(hostname()),
  ...Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((a) => bare(a.address)))
])

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' }

function hostAndPort (text: string | undefined, protocol: string): { host: string, port: string } | undefined {
  if (text === undefined) return undefined
  try {
    const url = new URL(`${protocol}//${text}`)
    return { host: bare(url.hostname), port: url.port || (DEFAULT_PORTS[protocol] ?? '') }
  } catch {
    return undefined
  }
}

/**
 * True when `origin` is a page this very server serves under another of its names:
 * same scheme, the port the request came in on (or the one its Host header names, for
 * a port-mapped container), and a loopback name, this machine's name or address, or
 * the host name the request itself used.
 */
export function isOwnOrigin (origin: string | undefined, request: FastifyRequest): boolean {
  if (origin === undefined) return false
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  const protocol = `${request.protocol}:`
  if (url.protocol !== protocol) return false
  const port = url.port || DEFAULT_PORTS[protocol]
  const host = hostAndPort(request.headers.host, protocol)
  if (port !== String(request.socket.localPort) && port !== host?.port) return false
  const name = bare(url.hostname)
  return isLoopbackHost(name) || OWN_HOSTS.has(name) || name === host?.host
}
