/**
 * .NET date and time-span text, as Json.NET reads and writes it (spec §1):
 * round-trip dates carry 7 fractional digits; TimeSpan is [d.]hh:mm[:ss[.fffffff]].
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/

/** Milliseconds since the epoch, or undefined when .NET would not parse the text. */
export function parseDotNetDate (text: string): number | undefined {
  const trimmed = text.trim()
  const ms = MS_DATE.exec(trimmed)
  if (ms !== null) return Number(ms[1])
  const m = DATE_TIME.exec(trimmed)
  if (m === null) return undefined
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined
  const millis = Number(frac.padEnd(3, '0').slice(0, 3))
  // .NET reads a date without an offset as local server time; the mock's server time is UTC.
  const utc = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), millis)
  if (zone === undefined || zone.toUpperCase() === 'Z') return utc
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))
  if (offsetMinutes > 14 * 60) return undefined
  return utc - sign * offsetMinutes * 60_000
}

export function daysInMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** `2026-11-28T06:01:44.1230000Z`: the round-trip ("o") form of a UTC DateTime. */
export function formatDotNetDate (epochMs: number): string {
  const iso = new Date(epochMs).toISOString()
  return `${iso.slice(0, 23)}0000Z`
}

const TIME_SPAN = /^\s*(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$/

/** Seconds in a TimeSpan text, or undefined when .NET's TimeSpan.Parse would reject it. */
export function parseTimeSpan (text: string): number | undefined {
  const m = TIME_SPAN.exec(text)
  if (m === null) return undefined
  const [, days = '0', h, mi, s = '0'] = m
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined
  return ((Number(days) * 24 + Number(h)) * 60 + Number(mi)) * 60 + Number(s)
}
