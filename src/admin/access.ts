import { createHash, timingSafeEqual } from 'node:crypto'
import { pathSegments } from './path-glob.js'

/** Where the control plane lives, off every CCS path. */
export const ADMIN_PREFIX = '/__admin'

/** Whether a URL path is the control plane's, however it is spelled (case, duplicate slashes, percent escapes). */
export function isAdminPath (path: string): boolean {
  return pathSegments(path)[1] === ADMIN_PREFIX.slice(1)
}

/** The header that carries `--admin-key` (read lower-cased, as Node delivers it). */
export const ADMIN_KEY_HEADER = 'X-CCS-Mock-Admin-Key'

/**
 * open: loopback host and no key; key: every request must present the key;
 * closed: reachable from the network and no key, so nothing but health answers.
 */
export type AdminAccess = 'open' | 'key' | 'closed'

const LOOPBACK_NAMES = new Set(['localhost', '::1', '0:0:0:0:0:0:0:1'])

/** 127.0.0.0/8, ::1, localhost (and their bracketed / IPv4-mapped forms). */
export function isLoopbackHost (host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/^::ffff:/, '')
  return LOOPBACK_NAMES.has(name) || /^127(?:\.\d{1,3}){3}$/.test(name)
}

export function adminAccess (listenHost: string, adminKey: string | undefined): AdminAccess {
  if (adminKey !== undefined) return 'key'
  return isLoopbackHost(listenHost) ? 'open' : 'closed'
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/** Constant-time: hashing first makes both sides the same length whatever was sent. */
export function keyMatches (presented: string | string[] | undefined, adminKey: string): boolean {
  if (typeof presented !== 'string') return false
  return timingSafeEqual(digest(presented), digest(adminKey))
}
