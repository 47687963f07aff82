import { Type, type Static } from 'typebox'
import { PagingQuerySchema, searchResultSchema } from './catalog.js'
import { DotNetDateTime, Guid, Int32, TimeSpanText } from './common.js'

export const JOB_TYPES = ['CollectionEvaluationJob', 'CollectionJob', 'EvaluationJob'] as const
export type JobType = typeof JOB_TYPES[number]

const Flag = (description: string) => Type.Optional(Type.Boolean({ description }))

export const AssetResolutionInfoSchema = Type.Object({
  Id: Guid({ description: 'GUID of an asset or asset group' }),
  Type: Type.String({ minLength: 1, examples: ['symc-csm-AssetSystem-Asset-Unix-Machine'] })
}, { title: 'AssetResolutionInfo' })

export const NotificationDataSchema = Type.Object({
  ToEmailAddress: Type.Optional(Type.String({ description: 'Recipient; mandatory when the matching ShouldSend…Notification is true' })),
  FromEmailAddress: Type.Optional(Type.String()),
  Subject: Type.Optional(Type.String()),
  Body: Type.Optional(Type.String())
}, { title: 'NotificationData' })

export const ScheduleSchema = Type.Object({
  EndJobRunConfigured: Flag('Limit the run duration to EndJobRunTimeInterval. Default false.'),
  EndJobRunTimeInterval: Type.Optional(TimeSpanText({ description: 'Run duration limit, hh:mm:ss. Default 00:00:00.' })),
  SubScheduleRepeatDays: Type.Optional(Int32({ minimum: 0, description: 'Re-run an incomplete run every N days.' })),
  SubScheduleRepeatPeriodDays: Type.Optional(Int32({ minimum: 0, description: 'Keep re-running incomplete runs for N days.' })),
  MonthlyDay: Type.Optional(Int32({ minimum: 0, maximum: 31, description: 'Day of the month (RecurrenceType 3); at least 1 when monthly by day.' })),
  MonthlyDayOfTheWeek: Type.Optional(Int32({ minimum: 0, maximum: 6, description: '.NET DayOfWeek: 0 Sunday … 6 Saturday.' })),
  MonthlyIsByOrdinalDay: Flag('Monthly on an ordinal weekday (MonthlyOrdinalDay + MonthlyDayOfTheWeek). Default false.'),
  MonthlyOrdinalDay: Type.Optional(Int32({ minimum: 0, maximum: 5, description: '1 first … 4 fourth, 5 last.' })),
  MonthlyRecurEvery: Type.Optional(Int32({ minimum: 0, description: 'Recur every N months (RecurrenceType 3).' })),
  RecurrenceType: Type.Optional(Int32({ minimum: 0, maximum: 3, description: '0 none (RunEveryNDays), 1 daily, 2 weekly, 3 monthly.' })),
  RepeatDays: Type.Optional(Int32({ minimum: 0, description: 'Run every N days when RunEveryNDays is true.' })),
  RepeatMinutes: Type.Optional(Int32({ minimum: 0, description: 'Sent by the vendor samples; stored, not used.' })),
  RunEveryNDays: Flag('Run every RepeatDays days.'),
  RunNow: Flag('Run immediately on creation. Default true.'),
  RunOnce: Flag('Run once on StartDate. Default false.'),
  RunPeriodically: Flag('Recur; needs RunEveryNDays/RepeatDays or RecurrenceType 1–3. Default false.'),
  StartDate: Type.Optional(DotNetDateTime({ description: 'First run date. Default: creation time.' })),
  WeeklyDay: Type.Optional(Int32({ minimum: 0, maximum: 6, description: '.NET DayOfWeek: 0 Sunday … 6 Saturday.' })),
  WeeklyRecurEvery: Type.Optional(Int32({ minimum: 0, description: 'Recur every N weeks (RecurrenceType 2).' }))
}, { title: 'IncrementalScheduleData' })

export const JobDetailsSchema = Type.Object({
  AssetsResolutionInfo: Type.Array(AssetResolutionInfoSchema, { minItems: 1, description: 'Assets or asset groups to collect from or evaluate.' }),
  JobName: Type.String({ minLength: 1, maxLength: 256, description: 'Unique job name (case-insensitive).' }),
  JobDescription: Type.Optional(Type.String({ maxLength: 2048 })),
  Standards: Type.Array(Guid(), { minItems: 1, description: 'GUIDs of the technical standards.' }),
  AssetTimeOut: Type.Optional(Int32({ minimum: 1, maximum: 500, description: 'Minutes per agent-based asset, 1–500. Default 60.' })),
  IsIncremental: Flag('Collect only when data is older than IncrementalPeriod days. Default: true when IncrementalPeriod is sent, else false.'),
  IncrementalPeriod: Type.Optional(Int32({ minimum: 1, maximum: 100, description: 'Days, up to 100. Default 1.' })),
  CollectionOnlyTimeOutHours: Type.Optional(Int32({ minimum: 0, maximum: 1000, description: 'Collection limit, hours (up to 1000).' })),
  CollectionOnlyTimeOutMins: Type.Optional(Int32({ minimum: 0, maximum: 59, description: 'Collection limit, minutes (up to 59).' })),
  SuccessNotification: Type.Optional(NotificationDataSchema),
  FailureNotification: Type.Optional(NotificationDataSchema),
  ShouldSendSuccessNotification: Flag('Send SuccessNotification when a run succeeds.'),
  ShouldSendFailureNotification: Flag('Send FailureNotification when a run fails.'),
  ShouldSynchronizeResults: Flag('Synchronize evaluation results with the reporting database.'),
  Schedule: Type.Optional(ScheduleSchema)
}, { title: 'JobDetails' })

export const CreateJobRequestSchema = Type.Object({
  JobDetails: JobDetailsSchema,
  JobType: Type.Enum([...JOB_TYPES], { description: 'Case-sensitive.' })
}, { title: 'CreateJobRequest' })

export const CreateJobResponseSchema = Type.Object({
  JobID: Guid()
}, { title: 'CreateJobResponse' })

export const UpdateJobRequestSchema = Type.Object({
  JobDetails: Type.Partial(JobDetailsSchema, { title: 'JobDetailsUpdate', description: 'Only the fields to change; Schedule fields are changed one by one.' }),
  JobID: Guid({ description: 'The job to change.' })
}, { title: 'UpdateJobRequest' })

export const DeleteJobQuerySchema = Type.Object({
  jobid: Guid({ description: 'The job. Mandatory: without it no action takes the request (404).' }),
  DeleteJob: Type.Optional(Type.Boolean({ description: 'True: delete the job and its run history. False: delete only its run history. Default True.' }))
}, { title: 'DeleteJobQuery' })

export const DeleteJobResponseSchema = Type.Object({
  JobID: Guid(),
  JobDeleted: Type.Boolean(),
  JobRunsDeleted: Type.Integer({ minimum: 0 })
}, { title: 'DeleteJobResponse' })

export const JobOperationRequestSchema = Type.Object({
  Operation: Type.String({ minLength: 1, description: '`execute` (the path holds a JobID) or `abort` (the path holds a JobRunID); any letter case.', examples: ['execute', 'abort'] })
}, { title: 'JobOperationRequest' })

export const JobOperationResponseSchema = Type.Object({
  JobID: Guid(),
  JobRunID: Guid(),
  Operation: Type.Enum(['execute', 'abort']),
  Status: Type.String({ examples: ['Queued', 'Aborted'] })
}, { title: 'JobOperationResponse' })

export const JobRunsQuerySchema = Type.Object({
  count: Type.Optional(Int32({ minimum: 0, description: 'How many of the latest runs, newest first. Default 1; 0: all.' })),
  showmessages: Type.Optional(Type.Boolean({ description: 'Include each run\'s messages. Default false.' }))
}, { title: 'JobRunsQuery' })

export type UpdateJobRequest = Static<typeof UpdateJobRequestSchema>
export type CreateJobRequest = Static<typeof CreateJobRequestSchema>
export type JobDetails = Static<typeof JobDetailsSchema>
export type ScheduleInput = Static<typeof ScheduleSchema>
export type NotificationData = Static<typeof NotificationDataSchema>

/** A schedule with every documented default applied. */
export const StoredScheduleSchema = Type.Object({
  EndJobRunConfigured: Type.Boolean(),
  EndJobRunTimeInterval: Type.String(),
  SubScheduleRepeatDays: Type.Integer(),
  SubScheduleRepeatPeriodDays: Type.Integer(),
  MonthlyDay: Type.Integer(),
  MonthlyDayOfTheWeek: Type.Integer(),
  MonthlyIsByOrdinalDay: Type.Boolean(),
  MonthlyOrdinalDay: Type.Integer(),
  MonthlyRecurEvery: Type.Integer(),
  RecurrenceType: Type.Integer(),
  RepeatDays: Type.Integer(),
  RepeatMinutes: Type.Integer(),
  RunEveryNDays: Type.Boolean(),
  RunNow: Type.Boolean(),
  RunOnce: Type.Boolean(),
  RunPeriodically: Type.Boolean(),
  StartDate: Type.String(),
  WeeklyDay: Type.Integer(),
  WeeklyRecurEvery: Type.Integer()
}, { title: 'Schedule' })

const StoredNotificationSchema = Type.Union([
  Type.Object({
    ToEmailAddress: Type.String(),
    FromEmailAddress: Type.String(),
    Subject: Type.String(),
    Body: Type.String()
  }),
  Type.Null()
])

/** A job as stored: normalized, with defaults, creator and times. */
export const JobSchema = Type.Object({
  JobID: Guid(),
  JobName: Type.String(),
  JobType: Type.Enum([...JOB_TYPES]),
  JobDescription: Type.String(),
  AssetsResolutionInfo: Type.Array(AssetResolutionInfoSchema),
  Standards: Type.Array(Guid()),
  AssetTimeOut: Type.Integer(),
  IsIncremental: Type.Boolean(),
  IncrementalPeriod: Type.Integer(),
  CollectionOnlyTimeOutHours: Type.Integer(),
  CollectionOnlyTimeOutMins: Type.Integer(),
  ShouldSendSuccessNotification: Type.Boolean(),
  ShouldSendFailureNotification: Type.Boolean(),
  SuccessNotification: StoredNotificationSchema,
  FailureNotification: StoredNotificationSchema,
  ShouldSynchronizeResults: Type.Boolean(),
  Schedule: Type.Union([StoredScheduleSchema, Type.Null()], { description: 'null when the job was created without a Schedule: it runs only when executed.' }),
  CreatedBy: Type.String(),
  JobCreationTime: Type.String(),
  JobModifiedTime: Type.String()
}, { title: 'Job' })

export type Job = Static<typeof JobSchema>
export type StoredSchedule = Static<typeof StoredScheduleSchema>
export type StoredNotification = Static<typeof StoredNotificationSchema>

/** `GET Jobs/{id}`: the stored job plus its category and last run. */
export const JobViewSchema = Type.Object({
  ...JobSchema.properties,
  JobCategory: Type.String({ examples: ['Collection and Evaluation'] }),
  LastRunStatus: Type.String({ examples: ['NotRun', 'Queued', 'Running', 'Completed', 'CompletedWithErrors', 'Failed', 'Aborted'] }),
  LastRunDate: Type.Union([Type.String(), Type.Null()], { description: 'When the latest run started (queued time while it waits).' }),
  NextRunTime: Type.Union([Type.String(), Type.Null()], { description: 'The next occurrence of the schedule; null when none is planned.' })
}, { title: 'JobView' })

export const JobSearchResultSchema = searchResultSchema('jobDataList', JobViewSchema, 'JobSearchResult')

export const JobSearchQuerySchema = Type.Object({
  jobname: Type.Optional(Type.String({ description: 'Search Job by Name (mandatory there): the exact job name (case-insensitive); answers the one job, or 404.' })),
  Attributes: Type.Optional(Type.String({ description: 'Search Jobs (mandatory there, unless jobname is sent): attributes JobName, JobID, JobCategory, JobType, JobCreationTime, JobModifiedTime, LastRunStatus, LastRunDate', examples: ['(JobName StartsWith Weekly)'] })),
  ...PagingQuerySchema.properties
}, { title: 'JobSearchQuery' })

export type JobView = Static<typeof JobViewSchema>
