import { join, relative, resolve, sep } from 'node:path'
import { StoreError } from './store-error.js'

export const SESSIONS_DIR = 'sessions'

// Starts and ends with a letter or digit: no '.', '..', hidden or trailing-dot names
// (Windows drops a trailing dot, so `suite.` and `suite` would share a directory).
const SESSION_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/
// Windows device names, also with an extension (`con.txt` opens the console there).
const DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i

const SESSION_NAME_RULE = "1 to 64 letters, digits, '.', '_' or '-', starting and ending with a letter or digit, and not a Windows device name (CON, NUL, COM1, …)"

export type SessionNameCheck = { ok: true, key: string } | { ok: false, reason: string }

/**
 * The one check every session name goes through, wherever it comes from (header,
 * query, path, snapshot): portable as a directory name on every file system. Names
 * are case-insensitive; the key is the lower-case form, which names the directory.
 */
export function checkSessionName (raw: unknown): SessionNameCheck {
  if (typeof raw !== 'string' || !SESSION_NAME.test(raw) || DEVICE_NAME.test(raw)) {
    return { ok: false, reason: `A session name is ${SESSION_NAME_RULE}.` }
  }
  return { ok: true, key: raw.toLowerCase() }
}

/** `<data-dir>/sessions/<key>`, refused unless it resolves to a direct child of the sessions directory. */
export function sessionDir (dataDir: string, key: string): string {
  const check = checkSessionName(key)
  const base = resolve(dataDir, SESSIONS_DIR)
  const dir = resolve(base, key)
  if (!check.ok || check.key !== key || relative(base, dir) !== key || dir.includes(`${sep}..`)) {
    throw new StoreError(`'${key}' does not name a session directory`)
  }
  return join(base, key)
}
