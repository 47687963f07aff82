// A schedule in words, as the live console shows it: one row per recurrence and boundary.
import t from 'tap'
import { formatDotNetDate } from '../../../src/domain/dotnet/dotnet-time.js'
import { scheduleDefaults } from '../../../src/domain/jobs/schedule.js'
import { scheduleInWords } from '../../../src/domain/jobs/schedule-words.js'
import type { StoredSchedule } from '../../../src/schemas/job.js'

const schedule = (fields: Partial<StoredSchedule>, start = '2026-01-05T02:00:00Z'): StoredSchedule =>
  ({ ...scheduleDefaults(0), RunNow: false, ...fields, StartDate: formatDotNetDate(Date.parse(start)) })

const rows: Array<[string, StoredSchedule | null, string, string?]> = [
  ['no schedule', null, 'only when executed'],
  ['RunNow alone', schedule({ RunNow: true }), 'once, when created'],
  ['nothing at all', schedule({}), 'only when executed'],
  ['RunOnce', schedule({ RunOnce: true }, '2026-03-02T08:00:00Z'), 'once, on 2026-03-02 at 08:00'],
  ['every day', schedule({ RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1 }), 'every day at 02:00'],
  ['every 3 days (RunEveryNDays)', schedule({ RunPeriodically: true, RecurrenceType: 0, RunEveryNDays: true, RepeatDays: 3 }), 'every 3 days at 02:00'],
  ['weekly', schedule({ RunPeriodically: true, RecurrenceType: 2, WeeklyRecurEvery: 1, WeeklyDay: 1 }), 'every Monday at 02:00'],
  ['every 2 weeks', schedule({ RunPeriodically: true, RecurrenceType: 2, WeeklyRecurEvery: 2, WeeklyDay: 5 }), 'every 2 weeks on Friday at 02:00'],
  ['monthly by day', schedule({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyDay: 15 }), 'on day 15 of every month at 02:00'],
  ['by ordinal weekday', schedule({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 2, MonthlyIsByOrdinalDay: true, MonthlyOrdinalDay: 5, MonthlyDayOfTheWeek: 0 }), 'on the last Sunday of every 2 months at 02:00'],
  ['in the schedule zone', schedule({ RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1 }), 'every day at 03:00', 'Europe/Berlin'],
  ['with sub-schedule re-runs', schedule({ RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1, SubScheduleRepeatDays: 1, SubScheduleRepeatPeriodDays: 3 }), 'every day at 02:00; an incomplete run is re-run every day for 3 days'],
  ['an incomplete recurrence', schedule({ RunPeriodically: true, RecurrenceType: 2, WeeklyRecurEvery: 0 }), 'never (the recurrence is incomplete)']
]

for (const [name, stored, words, zone] of rows) {
  t.equal(scheduleInWords(stored, zone ?? 'UTC'), words, name)
}
