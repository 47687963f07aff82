import type { IncomingHttpHeaders } from 'node:http'

export const REDACTED = '[Redacted]'

/** Names whose values are secrets wherever they appear: query strings, forms, JSON, headers. */
export const SECRET_NAME = /token|password|secret|key/i

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

/** A form or query name as the server reads it: `+` is a space, percent escapes decoded (bad ones kept). */
function decodeFormName (raw: string): string {
  const spaced = raw.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced.replace(/%[0-9A-Fa-f]{2}/g, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)))
  }
}

/** `a=1&password=x`: values of the pairs whose decoded name is secret masked, every other byte as sent. */
function redactPairs (text: string): string {
  return text.split('&').map((pair) => {
    const eq = pair.indexOf('=')
    if (eq < 0 || !isSecretName(decodeFormName(pair.slice(0, eq)))) return pair
    return `${pair.slice(0, eq + 1)}${REDACTED}`
  }).join('&')
}

/** A URL with the values of secret-named query parameters masked, whatever the names' case or percent-encoding. */
export function redactUrl (url: string): string {
  const at = url.indexOf('?')
  return at < 0 ? url : `${url.slice(0, at + 1)}${redactPairs(url.slice(at + 1))}`
}

/** The request URI as Web API echoes it in an error body, without a secret a client put in the query. */
export function echoedRequestUri (request: { protocol: string, host: string, url: string }): string {
  return `${request.protocol}://${request.host}${redactUrl(request.url)}`
}

/** The end of the JSON string that starts at `open` (its closing quote), or the text's end when cut short. */
function stringEnd (text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return text.length
}

/** The end (exclusive) of the JSON value at `start`: a string, a whole array or object, or a scalar. */
function valueEnd (text: string, start: number): number {
  const first = text[start]
  if (first === '"') return Math.min(stringEnd(text, start) + 1, text.length)
  if (first === '[' || first === '{') {
    let depth = 0
    for (let i = start; i < text.length; i++) {
      const c = text[i]
      if (c === '"') i = stringEnd(text, i)
      else if (c === '[' || c === '{') depth++
      else if ((c === ']' || c === '}') && --depth === 0) return i + 1
    }
    return text.length
  }
  let i = start
  while (i < text.length && !/[\s,}\]]/.test(text[i] as string)) i++
  return i
}

function decodeJsonName (raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return raw
  }
}

/**
 * Every member whose (unescaped) name is secret gets `"[Redacted]"` for its whole
 * value — string, number, array or object, whatever the spacing. A scanner, not a
 * parser: truncated or malformed JSON is masked as far as it goes.
 */
function redactJsonMembers (text: string): string {
  let out = ''
  let copied = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue
    const close = stringEnd(text, i)
    let after = close + 1
    while (after < text.length && /\s/.test(text[after] as string)) after++
    if (text[after] === ':' && isSecretName(decodeJsonName(text.slice(i + 1, close)))) {
      let start = after + 1
      while (start < text.length && /\s/.test(text[start] as string)) start++
      if (start >= text.length) {
        i = start
        continue
      }
      out += `${text.slice(copied, start)}"${REDACTED}"`
      copied = valueEnd(text, start)
      i = copied - 1
    } else {
      i = close
    }
  }
  return out + text.slice(copied)
}

/**
 * A request or response body with every password and token masked. A body is read
 * both as a form and as JSON, because that is what the server may read it as: the
 * token endpoint takes a form whatever its first character or Content-Type says.
 */
export function redactBody (text: string): string {
  return redactJsonMembers(redactPairs(text))
}

/** A response body that echoes the request's URL (a 404 names it) shows the masked URL instead. */
export function redactEcho (text: string, rawUrl: string, maskedUrl: string): string {
  if (rawUrl === maskedUrl) return text
  const jsonRaw = JSON.stringify(rawUrl).slice(1, -1)
  const jsonMasked = JSON.stringify(maskedUrl).slice(1, -1)
  return text.split(rawUrl).join(maskedUrl).split(jsonRaw).join(jsonMasked)
}
