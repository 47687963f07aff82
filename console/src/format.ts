import { clock } from './store.js'

const formats = new Map<string, Intl.DateTimeFormat>()

function formatIn (zone: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const id = `${zone}|${key}`
  let format = formats.get(id)
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone, hour12: false })
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC', hour12: false })
    }
    formats.set(id, format)
  }
  return format
}

const DATE_TIME: Intl.DateTimeFormatOptions = { weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' }
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' }
const DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }

/** A time in the zone the server's schedules run in (the clock's), e.g. "Mon 02 Feb, 06:00:00". */
export function dateTime (at: string | number | null | undefined): string {
  if (at === null || at === undefined) return '—'
  const ms = typeof at === 'number' ? at : Date.parse(at)
  return Number.isNaN(ms) ? '—' : formatIn(clock.value.timeZone, DATE_TIME, 'dt').format(ms)
}

export function timeOnly (ms: number): string {
  return formatIn(clock.value.timeZone, TIME, 't').format(ms)
}

export function dateOnly (ms: number): string {
  return formatIn(clock.value.timeZone, DATE, 'd').format(ms)
}

/** "in 3 h 20 min" / "5 min ago", by the server clock. */
export function relative (at: string | null | undefined, now: number): string {
  if (at === null || at === undefined) return ''
  const diff = Date.parse(at) - now
  const minutes = Math.round(Math.abs(diff) / 60_000)
  const text = minutes < 1 ? 'less than a minute' : minutes < 120 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`
  return diff >= 0 ? `in ${text}` : `${text} ago`
}
