import type { ScheduleInput, StoredSchedule } from '../../schemas/job.js'
import { formatDotNetDate, parseDotNetDate, parseTimeSpan } from '../dotnet/dotnet-time.js'

export const RECURRENCE = { none: 0, daily: 1, weekly: 2, monthly: 3 } as const

type Report = (field: keyof ScheduleInput, reason: string) => void

/** Documented defaults (seed, Schedule fields): RunNow true, RunOnce and RunPeriodically false. */
export function scheduleDefaults (now: number): StoredSchedule {
  return {
    EndJobRunConfigured: false,
    EndJobRunTimeInterval: '00:00:00',
    SubScheduleRepeatDays: 0,
    SubScheduleRepeatPeriodDays: 0,
    MonthlyDay: 0,
    MonthlyDayOfTheWeek: 0,
    MonthlyIsByOrdinalDay: false,
    MonthlyOrdinalDay: 0,
    MonthlyRecurEvery: 0,
    RecurrenceType: RECURRENCE.none,
    RepeatDays: 0,
    RepeatMinutes: 0,
    RunEveryNDays: false,
    RunNow: true,
    RunOnce: false,
    RunPeriodically: false,
    StartDate: formatDotNetDate(now),
    WeeklyDay: 0,
    WeeklyRecurEvery: 0
  }
}

/** Recurrence fields that a RecurrenceType needs (docs/decisions.md, "Schedule"). */
function checkRecurrence (s: StoredSchedule, report: Report): void {
  switch (s.RecurrenceType) {
    case RECURRENCE.daily:
      if (s.RepeatDays < 1) report('RepeatDays', 'The field RepeatDays must be at least 1 when RecurrenceType is 1 (daily).')
      break
    case RECURRENCE.weekly:
      if (s.WeeklyRecurEvery < 1) report('WeeklyRecurEvery', 'The field WeeklyRecurEvery must be at least 1 when RecurrenceType is 2 (weekly).')
      break
    case RECURRENCE.monthly:
      if (s.MonthlyRecurEvery < 1) report('MonthlyRecurEvery', 'The field MonthlyRecurEvery must be at least 1 when RecurrenceType is 3 (monthly).')
      if (s.MonthlyIsByOrdinalDay) {
        if (s.MonthlyOrdinalDay < 1) report('MonthlyOrdinalDay', 'The field MonthlyOrdinalDay must be between 1 and 5 when MonthlyIsByOrdinalDay is true.')
      } else if (s.MonthlyDay < 1) {
        report('MonthlyDay', 'The field MonthlyDay must be greater than or equal to 1 when RecurrenceType is 3 (monthly).')
      }
      break
    default:
      if (s.RunPeriodically && !(s.RunEveryNDays && s.RepeatDays >= 1)) {
        report('RunPeriodically', 'RunPeriodically requires RunEveryNDays with RepeatDays of at least 1, or a RecurrenceType of 1 (daily), 2 (weekly) or 3 (monthly).')
      }
  }
}

/**
 * Applies the documented defaults to a validated Schedule and reports every
 * inconsistency between its fields.
 */
export function normalizeSchedule (input: ScheduleInput, now: number, report: Report): StoredSchedule {
  const schedule: StoredSchedule = { ...scheduleDefaults(now), ...input }
  // Stored in one form, UTC round-trip, whatever offset the client wrote (validated already).
  if (input.StartDate !== undefined) schedule.StartDate = formatDotNetDate(parseDotNetDate(input.StartDate) ?? now)
  if (schedule.EndJobRunConfigured && (parseTimeSpan(schedule.EndJobRunTimeInterval) ?? 0) <= 0) {
    report('EndJobRunTimeInterval', 'EndJobRunTimeInterval must be longer than 00:00:00 when EndJobRunConfigured is true.')
  }
  if (schedule.RunOnce && schedule.RunPeriodically) {
    report('RunOnce', 'RunOnce and RunPeriodically cannot both be true.')
  }
  checkRecurrence(schedule, report)
  return schedule
}
