import { DateTime } from 'luxon'
import type { StoredSchedule } from '../../schemas/job.js'
import { parseDotNetDate } from '../dotnet/dotnet-time.js'
import { RECURRENCE } from './schedule.js'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'last']

const every = (n: number, unit: string): string => n === 1 ? `every ${unit}` : `every ${n} ${unit}s`
const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`

/** The recurrence alone (`every Monday`), or undefined when the fields make none (schedule-times.ts runs it never). */
function recurrence (s: StoredSchedule): string | undefined {
  switch (s.RecurrenceType) {
    case RECURRENCE.none:
      return s.RunEveryNDays && s.RepeatDays >= 1 ? every(s.RepeatDays, 'day') : undefined
    case RECURRENCE.daily:
      return s.RepeatDays >= 1 ? every(s.RepeatDays, 'day') : undefined
    case RECURRENCE.weekly: {
      const day = WEEKDAYS[s.WeeklyDay]
      if (day === undefined || s.WeeklyRecurEvery < 1) return undefined
      return s.WeeklyRecurEvery === 1 ? `every ${day}` : `${every(s.WeeklyRecurEvery, 'week')} on ${day}`
    }
    case RECURRENCE.monthly: {
      if (s.MonthlyRecurEvery < 1) return undefined
      const months = s.MonthlyRecurEvery === 1 ? 'every month' : `every ${s.MonthlyRecurEvery} months`
      if (s.MonthlyIsByOrdinalDay) {
        const ordinal = ORDINALS[s.MonthlyOrdinalDay]
        const day = WEEKDAYS[s.MonthlyDayOfTheWeek]
        return ordinal === undefined || ordinal === '' || day === undefined ? undefined : `on the ${ordinal} ${day} of ${months}`
      }
      return s.MonthlyDay >= 1 && s.MonthlyDay <= 31 ? `on day ${s.MonthlyDay} of ${months}` : undefined
    }
    default:
      return undefined
  }
}

/**
 * A job's schedule as a person says it ("every Monday at 02:00"), with its times in
 * the zone schedules run in (--time-zone), as schedule-times.ts plays them.
 */
export function scheduleInWords (schedule: StoredSchedule | null, zone: string): string {
  if (schedule === null) return 'only when executed'
  const start = parseDotNetDate(schedule.StartDate)
  const local = start === undefined ? undefined : DateTime.fromMillis(start, { zone })
  if (schedule.RunOnce) return local === undefined ? 'never' : `once, on ${local.toFormat('yyyy-MM-dd')} at ${local.toFormat('HH:mm')}`
  if (!schedule.RunPeriodically) return schedule.RunNow ? 'once, when created' : 'only when executed'
  const recurs = recurrence(schedule)
  if (recurs === undefined || local === undefined) return 'never (the recurrence is incomplete)'
  const reruns = schedule.SubScheduleRepeatDays >= 1 && schedule.SubScheduleRepeatPeriodDays >= 1
    ? `; an incomplete run is re-run ${every(schedule.SubScheduleRepeatDays, 'day')} for ${count(schedule.SubScheduleRepeatPeriodDays, 'day')}`
    : ''
  return `${recurs} at ${local.toFormat('HH:mm')}${reruns}`
}
