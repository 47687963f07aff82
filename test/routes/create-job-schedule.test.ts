// POST /ccs/api/v1/jobs: the Schedule data contract and the success/failure notifications.
import t, { type Test } from 'tap'
import type { Job } from '../../src/schemas/job.js'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { type CreateJobRow, createJobTable, EXPECTED_SCHEDULE_DEFAULTS, expectCreated } from '../helpers/create-job.js'

type StoredSchedule = NonNullable<Job['Schedule']>

const DEFAULT_SCHEDULE: StoredSchedule = EXPECTED_SCHEDULE_DEFAULTS



type ScheduleRow = Omit<CreateJobRow, 'body'> & { details: Record<string, unknown> }

/** Rows give only JobDetails overrides of the minimal valid body. */
function scheduleTable (name: string, rows: ScheduleRow[]): void {
  createJobTable(name, rows.map(({ details, ...row }) => ({ ...row, body: jobPayload(details) })))
}

const scheduleKey = (field: string): string => `request.JobDetails.Schedule.${field}`
/** A Schedule that must be stored as the defaults overlaid with `expected`. */
const storedAs = (expected: Partial<StoredSchedule>) => (t: Test, job: Job): void => {
  t.strictSame(job.Schedule, { ...DEFAULT_SCHEDULE, ...expected })
}
const sched = (schedule: Record<string, unknown>): Record<string, unknown> => ({ Schedule: schedule })

const RUN_PERIODICALLY = 'RunPeriodically requires RunEveryNDays with RepeatDays of at least 1, or a RecurrenceType of 1 (daily), 2 (weekly) or 3 (monthly).'
const BOTH_RUN_ONCE_AND_PERIODICALLY = 'RunOnce and RunPeriodically cannot both be true.'
const DAILY_REPEAT = 'The field RepeatDays must be at least 1 when RecurrenceType is 1 (daily).'
const WEEKLY_EVERY = 'The field WeeklyRecurEvery must be at least 1 when RecurrenceType is 2 (weekly).'
const MONTHLY_EVERY = 'The field MonthlyRecurEvery must be at least 1 when RecurrenceType is 3 (monthly).'
const MONTHLY_DAY = 'The field MonthlyDay must be greater than or equal to 1 when RecurrenceType is 3 (monthly).'
const MONTHLY_ORDINAL = 'The field MonthlyOrdinalDay must be between 1 and 5 when MonthlyIsByOrdinalDay is true.'
const END_RUN_ZERO = 'EndJobRunTimeInterval must be longer than 00:00:00 when EndJobRunConfigured is true.'
const TIME_SPAN_FORM = 'The field EndJobRunTimeInterval must be a time span in the form hh:mm:ss.'
const notADate = (text: string): string => `Could not convert string to DateTime: ${text}. Path 'JobDetails.Schedule.StartDate'.`

scheduleTable('Schedule defaults', [
  { name: 'no Schedule: stored as null', details: {}, check: (t, job) => t.equal(job.Schedule, null) },
  { name: 'Schedule null: stored as null', details: { Schedule: null }, check: (t, job) => t.equal(job.Schedule, null) },
  { name: 'empty Schedule: every default, StartDate = now', details: sched({}), check: storedAs({}) },
  { name: 'null fields take their defaults', details: sched({ RunNow: null, StartDate: null, EndJobRunTimeInterval: null, RecurrenceType: null }), check: storedAs({}) },
  { name: 'RunNow false kept, other defaults filled', details: sched({ RunNow: false }), check: storedAs({ RunNow: false }) },
  { name: 'RunOnce true alone: RunNow still defaults to true', details: sched({ RunOnce: true }), check: storedAs({ RunOnce: true }) },
  { name: 'RepeatMinutes is kept', details: sched({ RepeatMinutes: 15 }), check: storedAs({ RepeatMinutes: 15 }) }
])

t.test('the default StartDate follows the clock', async (t) => {
  const { app, clock, dataDir } = await build(t)
  clock.advance(86_400_000 + 1)
  const token = await login(app)
  const job = await expectCreated(t, await postJob(app, token, jobPayload(sched({}))), dataDir)
  t.equal(job.Schedule?.StartDate, '2026-01-06T09:00:00.0010000Z')
})

scheduleTable('Schedule rules (seed and [choice] spec §5)', [
  { name: 'RunOnce and RunPeriodically both true', details: sched({ RunOnce: true, RunPeriodically: true, RunEveryNDays: true, RepeatDays: 1 }), modelState: { [scheduleKey('RunOnce')]: [BOTH_RUN_ONCE_AND_PERIODICALLY] } },
  { name: 'RunOnce and RunPeriodically both "True" (strings)', details: sched({ RunOnce: 'True', RunPeriodically: 'True', RunEveryNDays: true, RepeatDays: 1 }), modelState: { [scheduleKey('RunOnce')]: [BOTH_RUN_ONCE_AND_PERIODICALLY] } },
  { name: 'RunNow and RunOnce both true (vendor sample 5)', details: sched({ RunNow: true, RunOnce: true }), check: storedAs({ RunOnce: true }) },
  { name: 'RunPeriodically alone', details: sched({ RunPeriodically: true }), modelState: { [scheduleKey('RunPeriodically')]: [RUN_PERIODICALLY] } },
  { name: 'RunPeriodically, RecurrenceType 0, RunEveryNDays false, RepeatDays 5', details: sched({ RunPeriodically: true, RecurrenceType: 0, RepeatDays: 5 }), modelState: { [scheduleKey('RunPeriodically')]: [RUN_PERIODICALLY] } },
  { name: 'RunPeriodically, RecurrenceType 0, RunEveryNDays true, RepeatDays 0', details: sched({ RunPeriodically: true, RecurrenceType: 0, RunEveryNDays: true, RepeatDays: 0 }), modelState: { [scheduleKey('RunPeriodically')]: [RUN_PERIODICALLY] } },
  { name: 'RunPeriodically, RecurrenceType 0, RunEveryNDays true, RepeatDays 1', details: sched({ RunPeriodically: true, RecurrenceType: 0, RunEveryNDays: true, RepeatDays: 1 }), check: storedAs({ RunPeriodically: true, RunEveryNDays: true, RepeatDays: 1 }) },
  { name: 'RecurrenceType 1 (daily), RepeatDays 0', details: sched({ RunPeriodically: true, RecurrenceType: 1, RepeatDays: 0 }), modelState: { [scheduleKey('RepeatDays')]: [DAILY_REPEAT] } },
  { name: 'RecurrenceType 1 (daily), RepeatDays 1', details: sched({ RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1 }), check: storedAs({ RunPeriodically: true, RecurrenceType: 1, RepeatDays: 1 }) },
  { name: 'RecurrenceType 2 (weekly), WeeklyRecurEvery 0', details: sched({ RunPeriodically: true, RecurrenceType: 2, WeeklyDay: 5 }), modelState: { [scheduleKey('WeeklyRecurEvery')]: [WEEKLY_EVERY] } },
  { name: 'RecurrenceType 2 (weekly), WeeklyRecurEvery 1', details: sched({ RunPeriodically: true, RecurrenceType: 2, WeeklyRecurEvery: 1, WeeklyDay: 6 }), check: storedAs({ RunPeriodically: true, RecurrenceType: 2, WeeklyRecurEvery: 1, WeeklyDay: 6 }) },
  { name: 'RecurrenceType 3 (monthly), MonthlyRecurEvery 0', details: sched({ RunPeriodically: true, RecurrenceType: 3, MonthlyDay: 1 }), modelState: { [scheduleKey('MonthlyRecurEvery')]: [MONTHLY_EVERY] } },
  { name: 'RecurrenceType 3 (monthly), MonthlyDay 0', details: sched({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyDay: 0 }), modelState: { [scheduleKey('MonthlyDay')]: [MONTHLY_DAY] } },
  { name: 'RecurrenceType 3 (monthly), neither field', details: sched({ RunPeriodically: true, RecurrenceType: 3 }), modelState: { [scheduleKey('MonthlyRecurEvery')]: [MONTHLY_EVERY], [scheduleKey('MonthlyDay')]: [MONTHLY_DAY] } },
  { name: 'RecurrenceType 3 (monthly), MonthlyRecurEvery 1, MonthlyDay 1', details: sched({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyDay: 1 }), check: storedAs({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyDay: 1 }) },
  { name: 'monthly by ordinal day, MonthlyOrdinalDay 0 (MonthlyDay does not help)', details: sched({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyIsByOrdinalDay: true, MonthlyOrdinalDay: 0, MonthlyDay: 15 }), modelState: { [scheduleKey('MonthlyOrdinalDay')]: [MONTHLY_ORDINAL] } },
  { name: 'monthly by ordinal day, MonthlyOrdinalDay 5 (last), MonthlyDay 0', details: sched({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 2, MonthlyIsByOrdinalDay: true, MonthlyOrdinalDay: 5, MonthlyDayOfTheWeek: 5 }), check: storedAs({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 2, MonthlyIsByOrdinalDay: true, MonthlyOrdinalDay: 5, MonthlyDayOfTheWeek: 5 }) },
  { name: 'monthly by day ignores MonthlyOrdinalDay 0', details: sched({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyIsByOrdinalDay: false, MonthlyOrdinalDay: 0, MonthlyDay: 31 }), check: storedAs({ RunPeriodically: true, RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyDay: 31 }) },
  { name: 'EndJobRunConfigured with "00:00:00"', details: sched({ EndJobRunConfigured: true, EndJobRunTimeInterval: '00:00:00' }), modelState: { [scheduleKey('EndJobRunTimeInterval')]: [END_RUN_ZERO] } },
  { name: 'EndJobRunConfigured without an interval (default 00:00:00)', details: sched({ EndJobRunConfigured: true }), modelState: { [scheduleKey('EndJobRunTimeInterval')]: [END_RUN_ZERO] } },
  { name: 'EndJobRunConfigured with "04:30:00"', details: sched({ EndJobRunConfigured: true, EndJobRunTimeInterval: '04:30:00' }), check: storedAs({ EndJobRunConfigured: true, EndJobRunTimeInterval: '04:30:00' }) },
  { name: 'EndJobRunConfigured with "00:00:01"', details: sched({ EndJobRunConfigured: true, EndJobRunTimeInterval: '00:00:01' }), check: storedAs({ EndJobRunConfigured: true, EndJobRunTimeInterval: '00:00:01' }) },
  { name: 'EndJobRunConfigured with one day "1.00:00:00"', details: sched({ EndJobRunConfigured: true, EndJobRunTimeInterval: '1.00:00:00' }), check: storedAs({ EndJobRunConfigured: true, EndJobRunTimeInterval: '1.00:00:00' }) },
  { name: 'EndJobRunConfigured false with "00:00:00" (the vendor samples)', details: sched({ EndJobRunConfigured: false, EndJobRunTimeInterval: '00:00:00' }), check: storedAs({}) },
  ...['4h', '25:00:00', '00:60:00', '00:00:60', '', 'four hours'].map((text): ScheduleRow => ({
    name: `EndJobRunTimeInterval ${JSON.stringify(text)}: malformed`,
    details: sched({ EndJobRunTimeInterval: text }),
    modelState: { [scheduleKey('EndJobRunTimeInterval')]: [TIME_SPAN_FORM] }
  })),
  { name: 'every broken rule at once', details: sched({ EndJobRunConfigured: true, RunOnce: true, RunPeriodically: true, RecurrenceType: 3 }), modelState: {
    [scheduleKey('EndJobRunTimeInterval')]: [END_RUN_ZERO],
    [scheduleKey('RunOnce')]: [BOTH_RUN_ONCE_AND_PERIODICALLY],
    [scheduleKey('MonthlyRecurEvery')]: [MONTHLY_EVERY],
    [scheduleKey('MonthlyDay')]: [MONTHLY_DAY]
  } }
])

scheduleTable('Schedule.StartDate (.NET DateTime text)', [
  ...[
    ['2018-11-18T02:14:27.5120788-08:00', '2018-11-18T10:14:27.5120000Z'],
    ['2019-01-05T04:10:27.5120788+05:30', '2019-01-04T22:40:27.5120000Z'],
    ['2019-01-05T04:10:27Z', '2019-01-05T04:10:27.0000000Z'],
    ['2019-01-05T04:10:27', '2019-01-05T04:10:27.0000000Z'],
    ['2019-01-05', '2019-01-05T00:00:00.0000000Z'],
    ['2024-02-29T00:00:00', '2024-02-29T00:00:00.0000000Z'],
    ['/Date(1546661427000)/', '2019-01-05T04:10:27.0000000Z']
  ].map(([text = '', stored = '']): ScheduleRow => ({
    name: `${text}: accepted, stored as UTC ${stored}`,
    details: sched({ StartDate: text }),
    check: (t, job) => t.equal(job.Schedule?.StartDate, stored)
  })),
  ...['not a date', '2019-02-30T00:00:00', '2023-02-29', '2019-13-01', '2019-00-10', '2019-01-05T24:00:00', '2019-01-05T04:60:00', '05/01/2019 04:10', ''].map((text): ScheduleRow => ({
    name: `${JSON.stringify(text)}: rejected`,
    details: sched({ StartDate: text }),
    modelState: { [scheduleKey('StartDate')]: [notADate(text)] }
  }))
])

const NOTIFICATION_KINDS = ['Success', 'Failure'] as const

const notificationRows = NOTIFICATION_KINDS.flatMap((kind): ScheduleRow[] => {
  const flag = `ShouldSend${kind}Notification`
  const data = `${kind}Notification`
  const dataRequired = { [`request.JobDetails.${data}`]: [`The ${data} field is required when ${flag} is true.`] }
  const toRequired = { [`request.JobDetails.${data}.ToEmailAddress`]: [`The ToEmailAddress field is required when ${flag} is true.`] }
  const stored = (expected: unknown) => (t: Test, job: Job): void => {
    t.equal(job[flag as keyof Job], true, `stored ${flag}`)
    t.strictSame(job[data as keyof Job], expected, `stored ${data}`)
  }
  return [
    { name: `${flag} true, no ${data}`, details: { [flag]: true }, modelState: dataRequired },
    { name: `${flag} true, ${data} null`, details: { [flag]: true, [data]: null }, modelState: dataRequired },
    { name: `${flag} "true" (string), no ${data}`, details: { [flag]: 'true' }, modelState: dataRequired },
    { name: `${flag} true, ${data} without ToEmailAddress`, details: { [flag]: true, [data]: { Subject: 's' } }, modelState: toRequired },
    { name: `${flag} true, ToEmailAddress empty`, details: { [flag]: true, [data]: { ToEmailAddress: '' } }, modelState: toRequired },
    { name: `${flag} true, ToEmailAddress blank`, details: { [flag]: true, [data]: { ToEmailAddress: '   ' } }, modelState: toRequired },
    { name: `${flag} true, ToEmailAddress null`, details: { [flag]: true, [data]: { ToEmailAddress: null } }, modelState: toRequired },
    {
      name: `${flag} true with a recipient: the other fields default to ""`,
      details: { [flag]: true, [data]: { ToEmailAddress: 'ops@example.com' } },
      check: stored({ ToEmailAddress: 'ops@example.com', FromEmailAddress: '', Subject: '', Body: '' })
    },
    {
      name: `${flag} true with the vendor's literal "[email protected]" (no e-mail format check)`,
      details: { [flag]: true, [data]: { ToEmailAddress: '[email protected]', FromEmailAddress: '[email protected]' } },
      check: stored({ ToEmailAddress: '[email protected]', FromEmailAddress: '[email protected]', Subject: '', Body: '' })
    },
    {
      name: `${flag} true with a recipient that is no e-mail address at all`,
      details: { [flag]: true, [data]: { ToEmailAddress: 'operations team' } },
      check: stored({ ToEmailAddress: 'operations team', FromEmailAddress: '', Subject: '', Body: '' })
    },
    {
      name: `${flag} false needs no ${data}`,
      details: { [flag]: false },
      check: (t, job) => { t.equal(job[flag as keyof Job], false); t.equal(job[data as keyof Job], null) }
    },
    {
      name: `${flag} false needs no ToEmailAddress`,
      details: { [flag]: 'false', [data]: { Subject: 'unused' } },
      check: (t, job) => {
        t.equal(job[flag as keyof Job], false)
        t.strictSame(job[data as keyof Job], { ToEmailAddress: '', FromEmailAddress: '', Subject: 'unused', Body: '' })
      }
    },
    {
      name: `${flag} absent needs no ToEmailAddress`,
      details: { [data]: { Body: 'b' } },
      check: (t, job) => { t.equal(job[flag as keyof Job], false) }
    }
  ]
})

scheduleTable('notifications (seed: mandatory when the matching ShouldSend…Notification is true)', [
  ...notificationRows,
  { name: 'both flags true, both notifications missing', details: { ShouldSendSuccessNotification: true, ShouldSendFailureNotification: true }, modelState: {
    'request.JobDetails.SuccessNotification': ['The SuccessNotification field is required when ShouldSendSuccessNotification is true.'],
    'request.JobDetails.FailureNotification': ['The FailureNotification field is required when ShouldSendFailureNotification is true.']
  } },
  { name: 'success flag true does not require the failure notification', details: { ShouldSendSuccessNotification: true, SuccessNotification: { ToEmailAddress: 'a@b.c' } }, check: (t, job) => {
    t.equal(job.ShouldSendFailureNotification, false)
    t.equal(job.FailureNotification, null)
  } }
])
