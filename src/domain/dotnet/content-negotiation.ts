/**
 * ASP.NET Web API's DefaultContentNegotiator over its two default formatters, JSON
 * (application/json, text/json) then XML (application/xml, text/xml): the Accept
 * header decides, else the request's Content-Type, else JSON.
 */

export type Format = 'json' | 'xml'

export interface Negotiated {
  format: Format
  /** The media type the response is labelled with. */
  mediaType: string
}

const FORMATTERS: ReadonlyArray<{ format: Format, mediaTypes: readonly string[] }> = [
  { format: 'json', mediaTypes: ['application/json', 'text/json'] },
  { format: 'xml', mediaTypes: ['application/xml', 'text/xml'] }
]

const JSON_DEFAULT: Negotiated = { format: 'json', mediaType: 'application/json' }

interface MediaRange { type: string, subtype: string, q: number }

/** How closely an Accept value matched: a literal beats `text/*`, which beats `*\/*`, at equal quality. */
const enum Ranking { All = 0, Subtype = 1, Literal = 2 }

interface Match extends Negotiated { q: number, ranking: Ranking }

function parseAccept (header: string): MediaRange[] {
  const ranges: MediaRange[] = []
  for (const part of header.split(',')) {
    const [media = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase())
    const [type, subtype] = media.split('/')
    if (type === undefined || subtype === undefined || type === '' || subtype === '') continue
    const qParam = params.find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue
    ranges.push({ type, subtype, q })
  }
  // Web API's MediaTypeWithQualityHeaderValueComparer: quality, then type/subtype before type/* before */*; stable otherwise.
  return ranges.sort((a, b) => b.q - a.q || specificity(b) - specificity(a))
}

const specificity = (range: MediaRange): number => range.type === '*' ? 0 : range.subtype === '*' ? 1 : 2

function rank (range: MediaRange, mediaType: string): Ranking | undefined {
  const [type, subtype] = mediaType.split('/')
  if (range.type === '*' && range.subtype === '*') return Ranking.All
  if (range.type !== type) return undefined
  if (range.subtype === '*') return Ranking.Subtype
  return range.subtype === subtype ? Ranking.Literal : undefined
}

/** Each formatter's best Accept value: the first (highest quality) that covers one of its media types. */
function formatterMatch (ranges: readonly MediaRange[], formatter: typeof FORMATTERS[number]): Match | undefined {
  for (const range of ranges) {
    for (const mediaType of formatter.mediaTypes) {
      const ranking = rank(range, mediaType)
      if (ranking !== undefined) return { format: formatter.format, mediaType, q: range.q, ranking }
    }
  }
  return undefined
}

/** Clients send the same few headers again and again: their outcome is kept (bounded; cleared when full). */
const known = new Map<string, Negotiated>()
const KNOWN_LIMIT = 256

export function negotiate (accept: string | undefined, contentType: string | undefined): Negotiated {
  const key = `${accept ?? ''}\n${contentType ?? ''}`
  let outcome = known.get(key)
  if (outcome === undefined) {
    if (known.size >= KNOWN_LIMIT) known.clear()
    outcome = negotiateAnew(accept, contentType)
    known.set(key, outcome)
  }
  return outcome
}

function negotiateAnew (accept: string | undefined, contentType: string | undefined): Negotiated {
  const ranges = parseAccept(accept ?? '')
  let best: Match | undefined
  for (const formatter of FORMATTERS) {
    const match = formatterMatch(ranges, formatter)
    // A later formatter wins only with a higher quality, or an equal one matched more specifically.
    if (match !== undefined && (best === undefined || match.q > best.q || (match.q === best.q && match.ranking > best.ranking))) best = match
  }
  if (best !== undefined) return { format: best.format, mediaType: best.mediaType }
  const requestType = contentType?.split(';')[0]?.trim().toLowerCase()
  const byRequest = FORMATTERS.find((f) => requestType !== undefined && f.mediaTypes.includes(requestType))
  return byRequest === undefined || requestType === undefined ? JSON_DEFAULT : { format: byRequest.format, mediaType: requestType }
}
