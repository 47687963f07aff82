/**
 * The `--smtp-url` setting: `smtp://[user:pass@]host[:port]` (STARTTLS when offered)
 * or `smtps://…` (TLS from the start). Its password must never reach a log, an error
 * message or a stored record, so every text shown about it goes through here.
 */

/** Any URL that names a host, or undefined. */
function urlWithHost (text: string): URL | undefined {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return undefined
  }
  return url.hostname === '' ? undefined : url
}

/** The URL when the text is an smtp: or smtps: URL naming a host, else undefined. */
export function parseSmtpUrl (text: string): URL | undefined {
  const url = urlWithHost(text)
  return url?.protocol === 'smtp:' || url?.protocol === 'smtps:' ? url : undefined
}

/**
 * The URL with its password replaced by `***`; undefined unless it parses as a URL with
 * a host (`user:pass@mail` parses as scheme `user:`, and its password could not be found).
 */
export function redactSmtpUrl (text: string): string | undefined {
  const url = urlWithHost(text)
  if (url === undefined) return undefined
  if (url.password !== '') url.password = '***'
  return url.href
}

/** The password as written in the URL and decoded, for scrubbing texts that might echo it. */
export function smtpUrlSecrets (text: string): string[] {
  const url = parseSmtpUrl(text)
  if (url === undefined || url.password === '') return []
  let decoded = url.password
  try {
    decoded = decodeURIComponent(url.password)
  } catch {
    // A malformed escape: the raw form is all there is.
  }
  return [...new Set([url.password, decoded])]
}

/** `text` with every occurrence of the given secrets replaced by `***`. */
export function scrubSecrets (text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) result = result.split(secret).join('***')
  return result
}
