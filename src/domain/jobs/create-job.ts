import { randomUUID } from 'node:crypto'
import type { ModelState } from '../../errors.js'
import type { CreateJobRequest, Job, NotificationData, StoredNotification } from '../../schemas/job.js'
import type { Catalog } from '../catalog/catalog.js'
import { formatDotNetDate } from '../dotnet/dotnet-time.js'
import { ModelStateBuilder } from '../dotnet/model-state.js'
import { normalizeSchedule } from './schedule.js'

/** Minutes: the console's default asset time-out (docs/decisions.md). */
export const DEFAULT_ASSET_TIMEOUT = 60
export const DEFAULT_INCREMENTAL_PERIOD = 1

export interface CreateJobContext {
  catalog: Catalog
  isNameTaken: (name: string) => boolean
  now: number
  userName: string
}

export type CreateJobOutcome = { ok: true, job: Job } | { ok: false, modelState: ModelState }

function notification (data: NotificationData | undefined): StoredNotification {
  if (data === undefined) return null
  return {
    ToEmailAddress: data.ToEmailAddress ?? '',
    FromEmailAddress: data.FromEmailAddress ?? '',
    Subject: data.Subject ?? '',
    Body: data.Body ?? ''
  }
}

function checkNotification (errors: ModelStateBuilder, kind: 'Success' | 'Failure', enabled: boolean, data: NotificationData | undefined): void {
  if (!enabled) return
  const flag = `ShouldSend${kind}Notification`
  if (data === undefined) {
    errors.addBody(`JobDetails.${kind}Notification`, `The ${kind}Notification field is required when ${flag} is true.`)
  } else if ((data.ToEmailAddress ?? '').trim() === '') {
    errors.addBody(`JobDetails.${kind}Notification.ToEmailAddress`, `The ToEmailAddress field is required when ${flag} is true.`)
  }
}

function checkReferences (errors: ModelStateBuilder, request: CreateJobRequest, catalog: Catalog): void {
  request.JobDetails.AssetsResolutionInfo.forEach((info, i) => {
    const target = catalog.asset(info.Id) ?? catalog.assetGroup(info.Id)
    if (target === undefined) {
      errors.addBody(`JobDetails.AssetsResolutionInfo[${i}].Id`, `No asset or asset group with ID '${info.Id}' exists.`)
    } else if (target.Type.toLowerCase() !== info.Type.toLowerCase()) {
      errors.addBody(`JobDetails.AssetsResolutionInfo[${i}].Type`, `The asset '${info.Id}' is of type '${target.Type}', not '${info.Type}'.`)
    }
  })
  request.JobDetails.Standards.forEach((id, i) => {
    if (catalog.standard(id) === undefined) errors.addBody(`JobDetails.Standards[${i}]`, `No standard with ID '${id}' exists.`)
  })
}

/** The first of each key, in order. */
function unique<T> (items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>()
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item)
  return [...seen.values()]
}

/**
 * Applies the rules of the Create Job page that a schema cannot state: defaults,
 * cross-field requirements, references and unique names. Reports every failing
 * field at once.
 */
export function buildJob (request: CreateJobRequest, ctx: CreateJobContext): CreateJobOutcome {
  const details = request.JobDetails
  const errors = new ModelStateBuilder()

  if (details.JobName.trim() === '') errors.addBody('JobDetails.JobName', 'The JobName field is required.')
  else if (ctx.isNameTaken(details.JobName)) errors.addBody('JobDetails.JobName', `A job with the name '${details.JobName}' already exists.`)

  const shouldSendSuccess = details.ShouldSendSuccessNotification ?? false
  const shouldSendFailure = details.ShouldSendFailureNotification ?? false
  checkNotification(errors, 'Success', shouldSendSuccess, details.SuccessNotification)
  checkNotification(errors, 'Failure', shouldSendFailure, details.FailureNotification)

  const schedule = details.Schedule === undefined
    ? null
    : normalizeSchedule(details.Schedule, ctx.now, (field, reason) => errors.addBody(`JobDetails.Schedule.${field}`, reason))

  checkReferences(errors, request, ctx.catalog)
  if (!errors.isEmpty) return { ok: false, modelState: errors.entries }

  const created = formatDotNetDate(ctx.now)
  return {
    ok: true,
    job: {
      JobID: randomUUID(),
      JobName: details.JobName,
      JobType: request.JobType,
      JobDescription: details.JobDescription ?? '',
      // The catalog's spelling of the type: the check above compared it case-insensitively.
      AssetsResolutionInfo: unique(details.AssetsResolutionInfo, (a) => a.Id)
        .map(({ Id, Type }) => ({ Id, Type: (ctx.catalog.asset(Id) ?? ctx.catalog.assetGroup(Id))?.Type ?? Type })),
      Standards: unique(details.Standards, (id) => id),
      AssetTimeOut: details.AssetTimeOut ?? DEFAULT_ASSET_TIMEOUT,
      // Seed: IncrementalPeriod present => IsIncremental true, unless IsIncremental is sent false.
      IsIncremental: details.IsIncremental ?? details.IncrementalPeriod !== undefined,
      IncrementalPeriod: details.IncrementalPeriod ?? DEFAULT_INCREMENTAL_PERIOD,
      CollectionOnlyTimeOutHours: details.CollectionOnlyTimeOutHours ?? 0,
      CollectionOnlyTimeOutMins: details.CollectionOnlyTimeOutMins ?? 0,
      ShouldSendSuccessNotification: shouldSendSuccess,
      ShouldSendFailureNotification: shouldSendFailure,
      SuccessNotification: notification(details.SuccessNotification),
      FailureNotification: notification(details.FailureNotification),
      ShouldSynchronizeResults: details.ShouldSynchronizeResults ?? false,
      Schedule: schedule,
      CreatedBy: ctx.userName,
      JobCreationTime: created,
      JobModifiedTime: created
    }
  }
}
