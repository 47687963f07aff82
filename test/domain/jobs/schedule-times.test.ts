// Schedule maths (docs/decisions.md, "Schedules: next run times"): one row per rule and boundary.
import fc from 'fast-check'
import { DateTime } from 'luxon'
import t from 'tap'
import { formatDotNetDate } from '../../../src/domain/dotnet/dotnet-time.js'
import { scheduleDefaults } from '../../../src/domain/jobs/schedule.js'
import {
  defaultTimeZone, isValidTimeZone, MAX_SUB_SCHEDULE_RUNS, nextRunTime, resolveTimeZone, subScheduleRunTimes
} from '../../../src/domain/jobs/schedule-times.js'
import type { StoredSchedule } from '../../../src/schemas/job.js'

type Fields = Partial<Omit<StoredSchedule, 'StartDate'>>

/** A stored schedule starting at `start` (any ISO text, stored as .NET UTC text like normalizeSchedule does). */
function schedule (start: string, fields: Fields): StoredSchedule {
  return { ...scheduleDefaults(0), RunNow: false, ...fields, StartDate: formatDotNetDate(Date.parse(start)) }
}

const iso = (ms: number | undefined): string | undefined => ms === undefined ? undefined : new Date(ms).toISOString()

const everyDays = (n: number): Fields => ({ RunPeriodically: true, RecurrenceType: 1, RepeatDays: n })
const everyNDays = (n: number): Fields => ({ RunPeriodically: true, RecurrenceType: 0, RunEveryNDays: true, RepeatDays: n })
const weekly = (every: number, day: number): Fields => ({ RunPeriodically: true, RecurrenceType: 2, WeeklyRecurEvery: every, WeeklyDay: day })
const monthly = (every: number, day: number): Fields => ({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: every, MonthlyDay: day })
const ordinal = (every: number, which: number, weekday: number): Fields => ({
  RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: every, MonthlyIsByOrdinalDay: true, MonthlyOrdinalDay: which, MonthlyDayOfTheWeek: weekday
})
const SUN = 0
const MON = 1
const TUE = 2
const WED = 3
const THU = 4
const FRI = 5

interface Row {
  name: string
  start: string
  fields: Fields
  after: string
  zone?: string
  /** The expected instant (any ISO form; local offsets where they help reading), or undefined. */
  next: string | undefined
}

function table (title: string, rows: Row[]): void {
  t.test(title, async (t) => {
    for (const row of rows) {
      const got = nextRunTime(schedule(row.start, row.fields), Date.parse(row.after), row.zone ?? 'UTC')
      t.equal(iso(got), row.next === undefined ? undefined : iso(Date.parse(row.next)), `${row.name} (${row.zone ?? 'UTC'}, after ${row.after})`)
    }
  })
}

table('run once', [
  { name: 'StartDate in the future', start: '2026-12-01T09:00:00Z', fields: { RunOnce: true }, after: '2026-11-28T08:00:00Z', next: '2026-12-01T09:00:00Z' },
  { name: 'StartDate in the past', start: '2026-11-01T09:00:00Z', fields: { RunOnce: true }, after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'StartDate exactly at after (strictly after)', start: '2026-11-28T08:00:00Z', fields: { RunOnce: true }, after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'one millisecond before StartDate', start: '2026-11-28T08:00:00Z', fields: { RunOnce: true }, after: '2026-11-28T07:59:59.999Z', next: '2026-11-28T08:00:00Z' },
  { name: 'the zone does not move a one-off run', start: '2026-12-01T09:00:00Z', fields: { RunOnce: true }, after: '2026-11-28T08:00:00Z', zone: 'Pacific/Auckland', next: '2026-12-01T09:00:00Z' }
])

table('no scheduled run', [
  { name: 'RunNow only (the defaults)', start: '2026-12-01T09:00:00Z', fields: {}, after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'RunPeriodically without RunEveryNDays or a RecurrenceType', start: '2026-12-01T09:00:00Z', fields: { RunPeriodically: true, RepeatDays: 2 }, after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'RecurrenceType 1 with RepeatDays 0', start: '2026-12-01T09:00:00Z', fields: everyDays(0), after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'RecurrenceType 2 with WeeklyRecurEvery 0', start: '2026-12-01T09:00:00Z', fields: weekly(0, MON), after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'RecurrenceType 3 with MonthlyDay 0', start: '2026-12-01T09:00:00Z', fields: monthly(1, 0), after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'RecurrenceType 3 by ordinal day 0', start: '2026-12-01T09:00:00Z', fields: ordinal(1, 0, MON), after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'RecurrenceType 3 with MonthlyRecurEvery 0', start: '2026-12-01T09:00:00Z', fields: monthly(0, 1), after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'an unknown RecurrenceType', start: '2026-12-01T09:00:00Z', fields: { ...everyDays(1), RecurrenceType: 4 }, after: '2026-11-28T08:00:00Z', next: undefined },
  { name: 'after beyond the last representable date', start: '2026-12-01T09:00:00Z', fields: everyDays(1), after: '+275760-09-13T00:00:00Z', next: undefined }
])

t.test('a null schedule and an unreadable StartDate never run', async (t) => {
  t.equal(nextRunTime(null, 0, 'UTC'), undefined)
  t.equal(nextRunTime({ ...schedule('2026-12-01T09:00:00Z', everyDays(1)), StartDate: 'soon' }, 0, 'UTC'), undefined)
  t.equal(nextRunTime({ ...schedule('2026-12-01T09:00:00Z', { RunOnce: true }), StartDate: 'soon' }, 0, 'UTC'), undefined)
})

table('every N days', [
  { name: 'RecurrenceType 0 + RunEveryNDays, every 3 days', start: '2026-01-01T06:00:00Z', fields: everyNDays(3), after: '2026-01-05T00:00:00Z', next: '2026-01-07T06:00:00Z' },
  { name: 'RecurrenceType 1, every 3 days', start: '2026-01-01T06:00:00Z', fields: everyDays(3), after: '2026-01-05T00:00:00Z', next: '2026-01-07T06:00:00Z' },
  { name: 'the first run is StartDate itself', start: '2026-01-01T06:00:00Z', fields: everyDays(1), after: '2025-06-01T00:00:00Z', next: '2026-01-01T06:00:00Z' },
  { name: 'after exactly one run: the next one', start: '2026-01-01T06:00:00Z', fields: everyDays(3), after: '2026-01-04T06:00:00Z', next: '2026-01-07T06:00:00Z' },
  { name: 'after one millisecond before a run: that run', start: '2026-01-01T06:00:00Z', fields: everyDays(3), after: '2026-01-04T05:59:59.999Z', next: '2026-01-04T06:00:00Z' },
  { name: 'later the same day', start: '2026-01-01T06:00:00Z', fields: everyDays(1), after: '2026-01-10T06:00:00.001Z', next: '2026-01-11T06:00:00Z' },
  { name: 'the time of day is local: 23:30 in New York is the next UTC day', start: '2026-01-01T23:30:00-05:00', fields: everyDays(1), after: '2026-01-03T12:00:00Z', zone: 'America/New_York', next: '2026-01-03T23:30:00-05:00' },
  { name: 'milliseconds of StartDate are kept', start: '2026-01-01T06:00:00.512Z', fields: everyDays(1), after: '2026-01-02T00:00:00Z', next: '2026-01-02T06:00:00.512Z' }
])

table('daily across DST changes: the wall-clock time stays', [
  { name: 'Berlin spring forward (CET → CEST)', start: '2024-03-25T08:00:00+01:00', fields: everyDays(1), after: '2024-03-30T12:00:00Z', zone: 'Europe/Berlin', next: '2024-03-31T08:00:00+02:00' },
  { name: 'Berlin autumn back (CEST → CET)', start: '2024-10-20T08:00:00+02:00', fields: everyDays(1), after: '2024-10-26T12:00:00Z', zone: 'Europe/Berlin', next: '2024-10-27T08:00:00+01:00' },
  { name: 'New York spring forward (EST → EDT)', start: '2024-03-01T09:00:00-05:00', fields: everyDays(1), after: '2024-03-09T15:00:00Z', zone: 'America/New_York', next: '2024-03-10T09:00:00-04:00' },
  { name: 'New York autumn back (EDT → EST)', start: '2024-10-01T09:00:00-04:00', fields: everyDays(1), after: '2024-11-02T14:00:00Z', zone: 'America/New_York', next: '2024-11-03T09:00:00-05:00' },
  { name: 'Sydney spring forward in October (AEST → AEDT)', start: '2024-10-01T07:00:00+10:00', fields: everyDays(1), after: '2024-10-05T12:00:00Z', zone: 'Australia/Sydney', next: '2024-10-06T07:00:00+11:00' },
  { name: 'Sydney autumn back in April (AEDT → AEST)', start: '2024-04-01T07:00:00+11:00', fields: everyDays(1), after: '2024-04-06T12:00:00Z', zone: 'Australia/Sydney', next: '2024-04-07T07:00:00+10:00' },
  { name: 'every 7 days across the Berlin change', start: '2024-03-24T08:00:00+01:00', fields: everyNDays(7), after: '2024-03-24T08:00:00+01:00', zone: 'Europe/Berlin', next: '2024-03-31T08:00:00+02:00' },
  { name: 'UTC has no DST: the same UTC time', start: '2024-03-25T08:00:00Z', fields: everyDays(1), after: '2024-03-30T12:00:00Z', next: '2024-03-31T08:00:00Z' }
])

table('wall-clock times that do not exist or happen twice', [
  { name: '02:30 on Berlin spring-forward day does not exist: 03:30 CEST', start: '2024-03-25T02:30:00+01:00', fields: everyDays(1), after: '2024-03-30T12:00:00Z', zone: 'Europe/Berlin', next: '2024-03-31T03:30:00+02:00' },
  { name: 'the day after, 02:30 again', start: '2024-03-25T02:30:00+01:00', fields: everyDays(1), after: '2024-03-31T03:30:00+02:00', zone: 'Europe/Berlin', next: '2024-04-01T02:30:00+02:00' },
  { name: '02:30 on New York spring-forward day: 03:30 EDT', start: '2024-03-01T02:30:00-05:00', fields: everyDays(1), after: '2024-03-09T12:00:00Z', zone: 'America/New_York', next: '2024-03-10T03:30:00-04:00' },
  { name: '02:30 twice on Berlin fall-back day: the first (CEST)', start: '2024-10-20T02:30:00+02:00', fields: everyDays(1), after: '2024-10-26T12:00:00Z', zone: 'Europe/Berlin', next: '2024-10-27T02:30:00+02:00' },
  { name: '… and not again at the second 02:30 (CET)', start: '2024-10-20T02:30:00+02:00', fields: everyDays(1), after: '2024-10-27T02:30:00+02:00', zone: 'Europe/Berlin', next: '2024-10-28T02:30:00+01:00' },
  { name: '01:30 twice on New York fall-back day: the first (EDT)', start: '2024-10-01T01:30:00-04:00', fields: everyDays(1), after: '2024-11-02T12:00:00Z', zone: 'America/New_York', next: '2024-11-03T01:30:00-04:00' },
  { name: 'StartDate at the second 02:30: that day\'s 02:30 is the first, before StartDate, so the next day', start: '2024-10-27T02:30:00+01:00', fields: everyDays(1), after: '2024-10-26T00:00:00Z', zone: 'Europe/Berlin', next: '2024-10-28T02:30:00+01:00' }
])

// 2026-01-07 is a Wednesday; its week starts on Sunday 2026-01-04.
table('weekly', [
  { name: 'every week on Friday', start: '2026-01-07T09:00:00Z', fields: weekly(1, FRI), after: '2026-01-01T00:00:00Z', next: '2026-01-09T09:00:00Z' },
  { name: 'every week on Friday, after the first Friday', start: '2026-01-07T09:00:00Z', fields: weekly(1, FRI), after: '2026-01-09T09:00:00Z', next: '2026-01-16T09:00:00Z' },
  { name: 'every week on StartDate\'s weekday: StartDate first', start: '2026-01-07T09:00:00Z', fields: weekly(1, WED), after: '2026-01-01T00:00:00Z', next: '2026-01-07T09:00:00Z' },
  { name: 'every week on Monday, before StartDate\'s weekday: the next week', start: '2026-01-07T09:00:00Z', fields: weekly(1, MON), after: '2026-01-01T00:00:00Z', next: '2026-01-12T09:00:00Z' },
  { name: 'every week on Wednesday, StartDate later that day: the next week', start: '2026-01-07T09:00:00Z', fields: weekly(1, WED), after: '2026-01-07T09:00:00Z', next: '2026-01-14T09:00:00Z' },
  { name: 'every 2 weeks on Friday: the start week', start: '2026-01-07T09:00:00Z', fields: weekly(2, FRI), after: '2026-01-01T00:00:00Z', next: '2026-01-09T09:00:00Z' },
  { name: 'every 2 weeks on Friday: two weeks later', start: '2026-01-07T09:00:00Z', fields: weekly(2, FRI), after: '2026-01-09T09:00:00Z', next: '2026-01-23T09:00:00Z' },
  { name: 'every 2 weeks on Monday (before Wednesday): the week two weeks on', start: '2026-01-07T09:00:00Z', fields: weekly(2, MON), after: '2026-01-01T00:00:00Z', next: '2026-01-19T09:00:00Z' },
  { name: 'every 2 weeks on Monday, then', start: '2026-01-07T09:00:00Z', fields: weekly(2, MON), after: '2026-01-19T09:00:00Z', next: '2026-02-02T09:00:00Z' },
  { name: 'every 2 weeks on Sunday (the week\'s first day)', start: '2026-01-07T09:00:00Z', fields: weekly(2, SUN), after: '2026-01-01T00:00:00Z', next: '2026-01-18T09:00:00Z' },
  { name: 'the weekday is local: Thursday in Tokyo is Wednesday in UTC', start: '2026-01-07T23:30:00Z', fields: weekly(1, THU), after: '2026-01-01T00:00:00Z', zone: 'Asia/Tokyo', next: '2026-01-08T08:30:00+09:00' },
  { name: 'weekly across the Berlin spring change', start: '2024-03-18T09:00:00+01:00', fields: weekly(1, MON), after: '2024-03-30T00:00:00Z', zone: 'Europe/Berlin', next: '2024-04-01T09:00:00+02:00' }
])

table('monthly by day', [
  { name: 'on the 31st: February of a leap year (2028) is the 29th', start: '2028-01-31T10:00:00Z', fields: monthly(1, 31), after: '2028-02-01T00:00:00Z', next: '2028-02-29T10:00:00Z' },
  { name: 'on the 31st: February of 2027 is the 28th', start: '2027-01-31T10:00:00Z', fields: monthly(1, 31), after: '2027-02-01T00:00:00Z', next: '2027-02-28T10:00:00Z' },
  { name: 'on the 31st: March is the 31st again', start: '2027-01-31T10:00:00Z', fields: monthly(1, 31), after: '2027-02-28T10:00:00Z', next: '2027-03-31T10:00:00Z' },
  { name: 'on the 31st: April is the 30th', start: '2027-01-31T10:00:00Z', fields: monthly(1, 31), after: '2027-04-01T00:00:00Z', next: '2027-04-30T10:00:00Z' },
  { name: 'on the 29th: February 2028 has one', start: '2027-12-29T10:00:00Z', fields: monthly(1, 29), after: '2028-02-01T00:00:00Z', next: '2028-02-29T10:00:00Z' },
  { name: 'on the 29th: February 2027 has not: the 28th', start: '2027-01-29T10:00:00Z', fields: monthly(1, 29), after: '2027-02-01T00:00:00Z', next: '2027-02-28T10:00:00Z' },
  { name: 'on the 29th every 12 months from February 2028: February 2029 is the 28th', start: '2028-02-29T10:00:00Z', fields: monthly(12, 29), after: '2028-02-29T10:00:00Z', next: '2029-02-28T10:00:00Z' },
  { name: 'every 3 months on the 15th', start: '2026-01-15T09:00:00Z', fields: monthly(3, 15), after: '2026-01-15T09:00:00Z', next: '2026-04-15T09:00:00Z' },
  { name: 'every 3 months on the 15th, skipping May and June', start: '2026-01-15T09:00:00Z', fields: monthly(3, 15), after: '2026-05-01T00:00:00Z', next: '2026-07-15T09:00:00Z' },
  { name: 'a day before StartDate\'s day: the next month', start: '2026-01-20T09:00:00Z', fields: monthly(1, 10), after: '2026-01-01T00:00:00Z', next: '2026-02-10T09:00:00Z' },
  { name: 'a day before StartDate\'s day, every 2 months: two months on', start: '2026-01-20T09:00:00Z', fields: monthly(2, 10), after: '2026-01-01T00:00:00Z', next: '2026-03-10T09:00:00Z' },
  { name: 'a day after StartDate\'s day: the same month', start: '2026-01-20T09:00:00Z', fields: monthly(2, 25), after: '2026-01-01T00:00:00Z', next: '2026-01-25T09:00:00Z' },
  { name: 'monthly across the Berlin spring change', start: '2026-03-01T09:00:00+01:00', fields: monthly(1, 1), after: '2026-03-02T00:00:00Z', zone: 'Europe/Berlin', next: '2026-04-01T09:00:00+02:00' }
])

// January 2026 starts on a Thursday, February and March 2026 on a Sunday, April 2026 on a Wednesday.
table('monthly by ordinal weekday', [
  { name: 'first Monday', start: '2026-01-01T09:00:00Z', fields: ordinal(1, 1, MON), after: '2025-12-01T00:00:00Z', next: '2026-01-05T09:00:00Z' },
  { name: 'first Monday, next month', start: '2026-01-01T09:00:00Z', fields: ordinal(1, 1, MON), after: '2026-01-05T09:00:00Z', next: '2026-02-02T09:00:00Z' },
  { name: 'first Monday, StartDate after it: the next month', start: '2026-01-10T09:00:00Z', fields: ordinal(1, 1, MON), after: '2025-12-01T00:00:00Z', next: '2026-02-02T09:00:00Z' },
  { name: 'first Sunday on the 1st', start: '2026-01-10T09:00:00Z', fields: ordinal(1, 1, SUN), after: '2026-01-10T09:00:00Z', next: '2026-02-01T09:00:00Z' },
  { name: 'fourth Friday of January', start: '2026-01-01T09:00:00Z', fields: ordinal(1, 4, FRI), after: '2025-12-01T00:00:00Z', next: '2026-01-23T09:00:00Z' },
  { name: 'fourth Friday of February', start: '2026-01-01T09:00:00Z', fields: ordinal(1, 4, FRI), after: '2026-01-23T09:00:00Z', next: '2026-02-27T09:00:00Z' },
  { name: 'last Sunday, February 2026 has four: the 22nd', start: '2026-02-01T09:00:00Z', fields: ordinal(1, 5, SUN), after: '2026-02-01T09:00:00Z', next: '2026-02-22T09:00:00Z' },
  { name: 'last Sunday, March 2026 has five: the 29th', start: '2026-02-01T09:00:00Z', fields: ordinal(1, 5, SUN), after: '2026-02-22T09:00:00Z', next: '2026-03-29T09:00:00Z' },
  { name: 'fourth Sunday of March 2026 is not its last', start: '2026-02-01T09:00:00Z', fields: ordinal(1, 4, SUN), after: '2026-03-01T09:00:00Z', next: '2026-03-22T09:00:00Z' },
  { name: 'last Sunday of January 2026 (four): the 25th', start: '2026-01-01T09:00:00Z', fields: ordinal(1, 5, SUN), after: '2025-12-01T00:00:00Z', next: '2026-01-25T09:00:00Z' },
  { name: 'last Saturday on the month\'s last day (January 31st 2026)', start: '2026-01-01T09:00:00Z', fields: ordinal(1, 5, 6), after: '2025-12-01T00:00:00Z', next: '2026-01-31T09:00:00Z' },
  { name: 'every 2 months, last Friday: January', start: '2026-01-01T09:00:00Z', fields: ordinal(2, 5, FRI), after: '2025-12-01T00:00:00Z', next: '2026-01-30T09:00:00Z' },
  { name: 'every 2 months, last Friday: then March', start: '2026-01-01T09:00:00Z', fields: ordinal(2, 5, FRI), after: '2026-01-30T09:00:00Z', next: '2026-03-27T09:00:00Z' },
  { name: 'every 3 months, second Tuesday: January', start: '2026-01-01T09:00:00Z', fields: ordinal(3, 2, TUE), after: '2025-12-01T00:00:00Z', next: '2026-01-13T09:00:00Z' },
  { name: 'every 3 months, second Tuesday: then April', start: '2026-01-01T09:00:00Z', fields: ordinal(3, 2, TUE), after: '2026-01-13T09:00:00Z', next: '2026-04-14T09:00:00Z' },
  { name: 'first Monday across the Berlin spring change', start: '2026-01-05T09:00:00+01:00', fields: ordinal(1, 1, MON), after: '2026-03-03T00:00:00Z', zone: 'Europe/Berlin', next: '2026-04-06T09:00:00+02:00' }
])

table('StartDate far in the past, after far in the future', [
  { name: 'daily from 2020, after mid-2030', start: '2020-01-01T06:00:00Z', fields: everyDays(1), after: '2030-06-15T12:00:00Z', next: '2030-06-16T06:00:00Z' },
  { name: 'every 7 days from Wednesday 2020-01-01: a Wednesday in 2030', start: '2020-01-01T06:00:00Z', fields: everyNDays(7), after: '2030-06-15T12:00:00Z', next: '2030-06-19T06:00:00Z' },
  { name: 'daily 07:00 Berlin from winter 2020, in summer 2030', start: '2020-01-01T07:00:00+01:00', fields: everyDays(1), after: '2030-07-01T00:00:00Z', zone: 'Europe/Berlin', next: '2030-07-01T07:00:00+02:00' },
  { name: 'every 3 weeks on Monday from 2020', start: '2020-01-01T06:00:00Z', fields: weekly(3, MON), after: '2030-06-15T12:00:00Z', next: '2030-06-17T06:00:00Z' },
  { name: 'on the 31st from 2020, February 2099', start: '2020-01-31T06:00:00Z', fields: monthly(1, 31), after: '2099-02-01T00:00:00Z', next: '2099-02-28T06:00:00Z' },
  { name: 'every 5 months on the 31st from January 2020: March 2099', start: '2020-01-31T06:00:00Z', fields: monthly(5, 31), after: '2099-02-01T00:00:00Z', next: '2099-03-31T06:00:00Z' },
  // Day by day this would take 72 million steps: the test would time out.
  { name: 'daily from 2020, after the year 200000', start: '2020-01-01T06:00:00Z', fields: everyDays(1), after: '+200000-01-01T12:00:00Z', next: '+200000-01-02T06:00:00Z' }
])

t.test('sub-schedule re-runs', async (t) => {
  const at = Date.parse('2026-01-05T09:00:00Z')
  const rerun = (every: number, period: number, zone = 'UTC', scheduledAt = at): Array<string | undefined> =>
    subScheduleRunTimes(schedule('2026-01-01T09:00:00Z', { SubScheduleRepeatDays: every, SubScheduleRepeatPeriodDays: period }), scheduledAt, zone).map(iso)
  t.same(rerun(1, 3), ['2026-01-06T09:00:00.000Z', '2026-01-07T09:00:00.000Z', '2026-01-08T09:00:00.000Z'], 'every day for 3 days: the last on day 3')
  t.same(rerun(2, 5), ['2026-01-07T09:00:00.000Z', '2026-01-09T09:00:00.000Z'], 'every 2 days for 5 days')
  t.same(rerun(2, 4), ['2026-01-07T09:00:00.000Z', '2026-01-09T09:00:00.000Z'], 'every 2 days for 4 days: day 4 counts')
  t.same(rerun(3, 2), [], 'a period shorter than the interval: none')
  t.same(rerun(0, 5), [], 'SubScheduleRepeatDays 0: none')
  t.same(rerun(1, 0), [], 'SubScheduleRepeatPeriodDays 0: none')
  t.same(rerun(1, 2, 'Europe/Berlin', Date.parse('2024-03-30T09:00:00+01:00')),
    [iso(Date.parse('2024-03-31T09:00:00+02:00')), iso(Date.parse('2024-04-01T09:00:00+02:00'))], 'the wall-clock time stays across DST')
  t.equal(rerun(1, 2_147_483_647).length, MAX_SUB_SCHEDULE_RUNS, 'a huge period stops at MAX_SUB_SCHEDULE_RUNS')
})

t.test('time zones', async (t) => {
  for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']) t.ok(isValidTimeZone(zone), zone)
  for (const zone of ['', 'Mars/Olympus_Mons', 'Europe', 'CET+1h', 'not a zone']) t.notOk(isValidTimeZone(zone), `'${zone}'`)
  t.ok(isValidTimeZone(defaultTimeZone()), 'the host\'s zone is a valid zone')
  t.equal(defaultTimeZone(), Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC', 'from Intl')
  t.equal(resolveTimeZone(''), defaultTimeZone(), '\'\' is the host\'s zone')
  t.equal(resolveTimeZone('Europe/Berlin'), 'Europe/Berlin')
  t.throws(() => nextRunTime(null, 0, 'Mars/Olympus_Mons'), RangeError, 'nextRunTime refuses an unknown zone')
  t.throws(() => subScheduleRunTimes(schedule('2026-01-01T09:00:00Z', {}), 0, 'Mars/Olympus_Mons'), RangeError, 'so does subScheduleRunTimes')
})

// ---------------------------------------------------------------------------------
// Properties over random schedules, checked against a day-by-day oracle written with
// JavaScript's Date calendar (not the module's day arithmetic).

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham']

const recurrence = fc.oneof(
  fc.integer({ min: 1, max: 400 }).map(everyDays),
  fc.integer({ min: 1, max: 60 }).map(everyNDays),
  fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 6 })).map(([n, d]) => weekly(n, d)),
  fc.tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 31 })).map(([n, d]) => monthly(n, d)),
  fc.tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 6 })).map(([n, o, d]) => ordinal(n, o, d))
)
const instant = (from: number, to: number): fc.Arbitrary<number> => fc.integer({ min: Date.UTC(from, 0, 1), max: Date.UTC(to, 0, 1) })

const DAY = 86_400_000

/** The local calendar date of an instant in `zone` (luxon), as midnight UTC of that date. */
function localDate (ms: number, zone: string): Date {
  const local = DateTime.fromMillis(ms, { zone })
  return new Date(Date.UTC(local.year, local.month - 1, local.day))
}
const daysBetween = (a: Date, b: Date): number => Math.round((b.getTime() - a.getTime()) / DAY)
const monthLength = (d: Date): number => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()

/** Whether the schedule runs on local date `d`, given its start's local date. */
function runsOn (f: Fields, start: Date, d: Date): boolean {
  const dow = d.getUTCDay()
  const day = d.getUTCDate()
  switch (f.RecurrenceType) {
    case 0:
    case 1:
      return daysBetween(start, d) % (f.RepeatDays ?? 0) === 0
    case 2: {
      const startSunday = new Date(start.getTime() - start.getUTCDay() * DAY)
      return dow === f.WeeklyDay && Math.floor(daysBetween(startSunday, d) / 7) % (f.WeeklyRecurEvery ?? 0) === 0
    }
    default: {
      const months = (d.getUTCFullYear() - start.getUTCFullYear()) * 12 + d.getUTCMonth() - start.getUTCMonth()
      if (months % (f.MonthlyRecurEvery ?? 0) !== 0) return false
      if (f.MonthlyIsByOrdinalDay !== true) return day === Math.min(f.MonthlyDay ?? 0, monthLength(d))
      if (dow !== f.MonthlyDayOfTheWeek) return false
      return f.MonthlyOrdinalDay === 5 ? day + 7 > monthLength(d) : Math.ceil(day / 7) === f.MonthlyOrdinalDay
    }
  }
}

t.test('properties: the next run is later, on a scheduled day, and none is skipped', async (t) => {
  fc.assert(fc.property(recurrence, instant(2000, 2040), instant(1995, 2080), fc.constantFrom(...ZONES), (fields, startMs, after, zone) => {
    const s = schedule(new Date(startMs).toISOString(), fields)
    const next = nextRunTime(s, after, zone)
    if (next === undefined) return false
    if (!(next > after) || next < startMs) return false
    if (nextRunTime(s, next - 1, zone) !== next) return false

    const start = localDate(startMs, zone)
    const nextDay = localDate(next, zone)
    if (!runsOn(fields, start, nextDay)) return false
    // No scheduled day strictly between the later of after/StartDate and the next run.
    const from = localDate(Math.max(after, startMs), zone).getTime()
    for (let day = from + DAY; day < nextDay.getTime(); day += DAY) {
      if (runsOn(fields, start, new Date(day))) return false
    }
    return true
  }), { numRuns: 300 })
  t.pass('300 random schedules')
})

t.test('properties: successive runs rise and keep the wall-clock time unless it does not exist', async (t) => {
  fc.assert(fc.property(recurrence, instant(2000, 2040), fc.constantFrom(...ZONES), (fields, startMs, zone) => {
    const s = schedule(new Date(startMs).toISOString(), fields)
    const start = DateTime.fromMillis(startMs, { zone })
    let previous = startMs - 1
    for (let i = 0; i < 12; i++) {
      const next = nextRunTime(s, previous, zone)
      if (next === undefined || next <= previous) return false
      const local = DateTime.fromMillis(next, { zone })
      const sameTime = local.hour === start.hour && local.minute === start.minute
      // In a spring-forward gap the run moves later by the gap, on the same day.
      const inGap = !sameTime && local.offset > local.minus({ days: 1 }).offset
      if (!sameTime && !inGap) return false
      previous = next
    }
    return true
  }), { numRuns: 150 })
  t.pass('150 random schedules, 12 runs each')
})
