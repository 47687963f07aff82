import type { IncomingHttpHeaders } from 'node:http'
import { redactUrl, SECRET_NAME } from '../plugins/request-log.js'

export { redactUrl }

export const REDACTED = '[Redacted]'

// OAuth's `token_type` ("bearer") names no secret.
const isSecretName = (name: string): boolean => SECRET_NAME.test(name) && name.toLowerCase() !== 'token_type'

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
const AUTH_SCHEME = /^\s*([A-Za-z][\w-]*)\s+\S/

/** Headers as received, credentials masked; Authorization keeps its scheme word (`Bearer [Redacted]`). */
export function redactHeaders (headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(', ') : value
    if (name.endsWith('authorization')) {
      const scheme = AUTH_SCHEME.exec(text)?.[1]
      out[name] = scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`
    } else {
      out[name] = CREDENTIAL_HEADERS.has(name) || SECRET_NAME.test(name) ? REDACTED : text
    }
  }
  return out
}

/** The query string of a (redacted) URL as name -> value(s). */
export function queryOf (url: string): Record<string, string | string[]> {
  const at = url.indexOf('?')
  const query: Record<string, string | string[]> = {}
  if (at < 0) return query
  for (const [name, value] of new URLSearchParams(url.slice(at + 1))) {
    const seen = query[name]
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]
  }
  return query
}

function decodeFormName (raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return raw
  }
}

/** `grant_type=password&password=…`: values of secret-named fields masked, the rest as sent. */
function redactForm (text: string): string {
  return text.split('&').map((pair) => {
    const eq = pair.indexOf('=')
    if (eq < 0 || !isSecretName(decodeFormName(pair.slice(0, eq)))) return pair
    return `${pair.slice(0, eq + 1)}${REDACTED}`
  }).join('&')
}

// A JSON member whose value is a string (possibly cut off by truncation) or a scalar.
const JSON_MEMBER = /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*(?:"|$)|[^\s,}\]]+)/g

function decodeJsonName (raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return raw
  }
}

/** Masks the values of secret-named members; works on truncated or malformed JSON too. */
function redactJson (text: string): string {
  return text.replace(JSON_MEMBER, (member, name: string, colon: string) =>
    isSecretName(decodeJsonName(name)) ? `"${name}"${colon}"${REDACTED}"` : member)
}

/**
 * A request or response body with every password and token masked: JSON by member
 * name, anything else as a form (the token endpoint reads forms whatever the
 * Content-Type says, so the Content-Type cannot decide).
 */
export function redactBody (text: string): string {
  const first = text.trimStart()[0]
  return first === '{' || first === '[' ? redactJson(text) : redactForm(text)
}
