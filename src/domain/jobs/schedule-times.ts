import { IANAZone } from 'luxon'
import type { StoredSchedule } from '../../schemas/job.js'
import { parseDotNetDate } from '../dotnet/dotnet-time.js'
import { RECURRENCE } from './schedule.js'

/**
 * When a stored Schedule runs (docs/decisions.md, "Schedules: next run times").
 * Occurrences are computed on local calendar days in the configured zone, counted
 * as whole days since 1970-01-01, and turned into instants only at the end.
 */

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
/** The last instant a JavaScript Date (and luxon) can hold. */
const MAX_TIME = 8.64e15
/** A failed run is re-run at most this often, however long its period (decisions.md). */
export const MAX_SUB_SCHEDULE_RUNS = 1000

export function isValidTimeZone (zone: string): boolean {
  return zone !== '' && IANAZone.isValidZone(zone)
}

/** The host's IANA time zone, or UTC when the platform does not name a known one. */
export function defaultTimeZone (): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return typeof zone === 'string' && isValidTimeZone(zone) ? zone : 'UTC'
}

/** The `timeZone` setting ('' = the host's zone) as the zone schedules run in. */
export function resolveTimeZone (configured: string): string {
  return configured === '' ? defaultTimeZone() : configured
}

/** The part of a zone the maths needs: its UTC offset in minutes at an instant. */
interface Zone { offset: (instant: number) => number }

const QUARTER_HOUR_MS = 15 * 60_000
const MAX_CACHED_OFFSETS = 100_000
const zones = new Map<string, Zone>()

/**
 * Offsets through Intl cost microseconds each, and start-up asks for hundreds of
 * thousands. Zone rules change offsets only at whole quarter hours (UTC), so one
 * lookup serves each quarter hour; UTC needs none.
 */
function cachedZone (tz: IANAZone): Zone {
  if (tz.name === 'UTC' || tz.name === 'Etc/UTC') return { offset: () => 0 }
  const offsets = new Map<number, number>()
  return {
    offset (instant: number): number {
      const quarter = Math.floor(instant / QUARTER_HOUR_MS)
      let offset = offsets.get(quarter)
      if (offset === undefined) {
        if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear()
        offset = tz.offset(instant)
        offsets.set(quarter, offset)
      }
      return offset
    }
  }
}

function zoneOf (zone: string): Zone {
  let cached = zones.get(zone)
  if (cached === undefined) {
    const tz = IANAZone.create(zone)
    if (!tz.isValid) throw new RangeError(`Unknown time zone '${zone}'`)
    cached = cachedZone(tz)
    zones.set(zone, cached)
  }
  return cached
}

/** Milliseconds since 1970-01-01T00:00 of the wall clock in `tz` at `instant` (NaN out of range). */
function wallClock (instant: number, tz: Zone): number {
  return instant + tz.offset(instant) * MINUTE_MS
}

/**
 * The instant a wall-clock time happens in `tz`. A time skipped by a spring-forward
 * gap moves forward by the gap (02:30 → 03:30), as luxon does; a time that happens
 * twice in an autumn overlap takes the first instant (luxon's own choice depends on
 * the current date, so it is not used).
 */
function instantOf (wall: number, tz: Zone): number | undefined {
  const at = resolveWallClock(wall, tz)
  return Math.abs(at) <= MAX_TIME ? at : undefined
}

function resolveWallClock (wall: number, tz: Zone): number {
  const before = tz.offset(wall - DAY_MS)
  const after = tz.offset(wall + DAY_MS)
  const early = wall - Math.max(before, after) * MINUTE_MS
  const late = wall - Math.min(before, after) * MINUTE_MS
  if (wallClock(early, tz) === wall) return early
  if (wallClock(late, tz) === wall) return late
  return wall - before * MINUTE_MS
}

/** 0 Sunday … 6 Saturday, like .NET's DayOfWeek; day 0 (1970-01-01) was a Thursday. */
const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7

/** Days since 1970-01-01 of the first day of a month counted as year * 12 + (month - 1). */
function firstDayOfMonth (monthIndex: number): number {
  const date = new Date(0)
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  date.setUTCFullYear(Math.floor(monthIndex / 12), ((monthIndex % 12) + 12) % 12, 1)
  return date.getTime() / DAY_MS
}

const daysInMonth = (monthIndex: number): number => firstDayOfMonth(monthIndex + 1) - firstDayOfMonth(monthIndex)

function monthIndexOf (day: number): number {
  const date = new Date(day * DAY_MS)
  return date.getUTCFullYear() * 12 + date.getUTCMonth()
}

/**
 * The local days a periodic schedule runs on, in increasing order of `j` = 0, 1, …;
 * `firstIndexNear(day)` is an index whose every predecessor falls two or more days
 * before `day` (more than any DST shift), so a search may start there instead of at 0.
 */
interface Series {
  dayAt: (j: number) => number
  firstIndexNear: (day: number) => number
}

function everyNDays (startDay: number, n: number): Series {
  return {
    dayAt: (j) => startDay + n * j,
    firstIndexNear: (day) => Math.max(0, Math.floor((day - startDay) / n) - 1)
  }
}

/** Weeks run Sunday to Saturday and are counted from the one holding StartDate. */
function everyNWeeks (startDay: number, n: number, weekday: number): Series {
  const firstSunday = startDay - weekdayOf(startDay)
  return {
    dayAt: (j) => firstSunday + 7 * n * j + weekday,
    firstIndexNear: (day) => Math.max(0, Math.floor((day - firstSunday) / (7 * n)) - 1)
  }
}

function everyNMonths (startDay: number, n: number, dayIn: (monthIndex: number) => number): Series {
  const firstMonth = monthIndexOf(startDay)
  return {
    dayAt: (j) => dayIn(firstMonth + n * j),
    firstIndexNear: (day) => Math.max(0, Math.floor((monthIndexOf(day) - firstMonth) / n) - 1)
  }
}

/** Day `dayOfMonth` of the month, or its last day when the month is shorter. */
const nthDayOfMonth = (dayOfMonth: number) => (monthIndex: number): number =>
  firstDayOfMonth(monthIndex) + Math.min(dayOfMonth, daysInMonth(monthIndex)) - 1

/** The first … fourth (`ordinal` 1–4) or last (5) `weekday` of the month. */
const ordinalWeekdayOfMonth = (ordinal: number, weekday: number) => (monthIndex: number): number => {
  if (ordinal === 5) {
    const last = firstDayOfMonth(monthIndex + 1) - 1
    return last - ((weekdayOf(last) - weekday + 7) % 7)
  }
  const first = firstDayOfMonth(monthIndex)
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (ordinal - 1)
}

const isWeekday = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 6
const isCount = (n: number): boolean => Number.isInteger(n) && n >= 1

/** The recurrence a periodic schedule names, or undefined when its fields do not make one. */
function seriesOf (s: StoredSchedule, startDay: number): Series | undefined {
  switch (s.RecurrenceType) {
    case RECURRENCE.none:
      return s.RunEveryNDays && isCount(s.RepeatDays) ? everyNDays(startDay, s.RepeatDays) : undefined
    case RECURRENCE.daily:
      return isCount(s.RepeatDays) ? everyNDays(startDay, s.RepeatDays) : undefined
    case RECURRENCE.weekly:
      return isCount(s.WeeklyRecurEvery) && isWeekday(s.WeeklyDay) ? everyNWeeks(startDay, s.WeeklyRecurEvery, s.WeeklyDay) : undefined
    case RECURRENCE.monthly:
      if (!isCount(s.MonthlyRecurEvery)) return undefined
      if (s.MonthlyIsByOrdinalDay) {
        return s.MonthlyOrdinalDay >= 1 && s.MonthlyOrdinalDay <= 5 && isWeekday(s.MonthlyDayOfTheWeek)
          ? everyNMonths(startDay, s.MonthlyRecurEvery, ordinalWeekdayOfMonth(s.MonthlyOrdinalDay, s.MonthlyDayOfTheWeek))
          : undefined
      }
      return s.MonthlyDay >= 1 && s.MonthlyDay <= 31 ? everyNMonths(startDay, s.MonthlyRecurEvery, nthDayOfMonth(s.MonthlyDay)) : undefined
    default:
      return undefined
  }
}

/**
 * The first time `schedule` runs strictly after `after` (epoch ms) in `zone`, or
 * undefined when it never does. RunNow is the engine's business at creation, not a
 * scheduled time. Throws RangeError for an unknown zone.
 */
export function nextRunTime (schedule: StoredSchedule | null, after: number, zone: string): number | undefined {
  const tz = zoneOf(zone)
  if (schedule === null) return undefined
  const start = parseDotNetDate(schedule.StartDate)
  if (start === undefined) return undefined
  if (schedule.RunOnce) return start > after ? start : undefined
  if (!schedule.RunPeriodically) return undefined

  const startWall = wallClock(start, tz)
  const startDay = Math.floor(startWall / DAY_MS)
  const timeOfDay = startWall - startDay * DAY_MS
  const series = seriesOf(schedule, startDay)
  if (series === undefined) return undefined

  const fromDay = Math.floor(wallClock(Math.max(after, start), tz) / DAY_MS)
  if (!Number.isFinite(fromDay)) return undefined
  // Days rise with j and a wall time moves by at most the DST shift, so the instants
  // rise too; from firstIndexNear this loop runs a few times, whatever the distance.
  for (let j = series.firstIndexNear(fromDay); ; j++) {
    const at = instantOf(series.dayAt(j) * DAY_MS + timeOfDay, tz)
    if (at === undefined) return undefined
    if (at > after && at >= start) return at
  }
}

/**
 * The re-runs of an incomplete run scheduled at `scheduledAt`: every
 * SubScheduleRepeatDays days at the same wall-clock time, while at most
 * SubScheduleRepeatPeriodDays days after it (at most MAX_SUB_SCHEDULE_RUNS).
 */
export function subScheduleRunTimes (schedule: StoredSchedule, scheduledAt: number, zone: string): number[] {
  const tz = zoneOf(zone)
  const every = schedule.SubScheduleRepeatDays
  const period = schedule.SubScheduleRepeatPeriodDays
  const times: number[] = []
  if (!isCount(every) || !isCount(period)) return times
  const wall = wallClock(scheduledAt, tz)
  for (let days = every; days <= period && times.length < MAX_SUB_SCHEDULE_RUNS; days += every) {
    const at = instantOf(wall + days * DAY_MS, tz)
    if (at === undefined) break
    times.push(at)
  }
  return times
}
