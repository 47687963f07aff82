// POST /ccs/api/v1/jobs: mandatory fields, ranges, JobType, type errors and the body itself.
import t, { type Test } from 'tap'
import type { ModelState } from '../../src/errors.js'
import type { Job } from '../../src/schemas/job.js'
import { build, jobPayload, login, postJob } from '../helpers/build.js'
import { createJobTable, type CreateJobRow, expectCreated, expectInvalid, INVALID_REQUEST, JSON_UTF8, storedJobs } from '../helpers/create-job.js'



/** A valid body with one JobDetails property removed. */
function without (field: string): Record<string, unknown> {
  const body = jobPayload()
  delete (body.JobDetails as Record<string, unknown>)[field]
  return body
}

const required = (key: string, field: string): ModelState => ({ [`request.${key}`]: [`The ${field} field is required.`] })
const minItems = (field: string): string => `The field ${field} must be a string or array type with a minimum length of '1'.`

createJobTable('mandatory fields (seed: AssetsResolutionInfo, JobName, Standards, JobType; JobDetails carries them)', [
  { name: 'AssetsResolutionInfo missing', body: without('AssetsResolutionInfo'), modelState: required('JobDetails.AssetsResolutionInfo', 'AssetsResolutionInfo') },
  { name: 'JobName missing', body: without('JobName'), modelState: required('JobDetails.JobName', 'JobName') },
  { name: 'Standards missing', body: without('Standards'), modelState: required('JobDetails.Standards', 'Standards') },
  { name: 'JobType missing', body: { JobDetails: jobPayload().JobDetails }, modelState: required('JobType', 'JobType') },
  { name: 'JobDetails missing', body: { JobType: 'CollectionJob' }, modelState: required('JobDetails', 'JobDetails') },
  { name: 'empty object', body: {}, modelState: { ...required('JobDetails', 'JobDetails'), ...required('JobType', 'JobType') } },
  { name: 'JobDetails empty', body: { JobDetails: {}, JobType: 'CollectionJob' }, modelState: {
    ...required('JobDetails.AssetsResolutionInfo', 'AssetsResolutionInfo'),
    ...required('JobDetails.JobName', 'JobName'),
    ...required('JobDetails.Standards', 'Standards')
  } },
  { name: 'JobName null', body: jobPayload({ JobName: null }), modelState: required('JobDetails.JobName', 'JobName') },
  { name: 'JobType null', body: jobPayload({}, { JobType: null }), modelState: required('JobType', 'JobType') },
  { name: 'JobDetails null', body: { JobDetails: null, JobType: 'CollectionJob' }, modelState: required('JobDetails', 'JobDetails') },
  { name: 'AssetsResolutionInfo empty', body: jobPayload({ AssetsResolutionInfo: [] }), modelState: { 'request.JobDetails.AssetsResolutionInfo': [minItems('AssetsResolutionInfo')] } },
  { name: 'Standards empty', body: jobPayload({ Standards: [] }), modelState: { 'request.JobDetails.Standards': [minItems('Standards')] } },
  { name: 'JobName empty', body: jobPayload({ JobName: '' }), modelState: required('JobDetails.JobName', 'JobName') },
  { name: 'JobName blank', body: jobPayload({ JobName: '   ' }), modelState: required('JobDetails.JobName', 'JobName') },
  { name: 'JobName whitespace of every kind', body: jobPayload({ JobName: ' \t\r\n ' }), modelState: required('JobDetails.JobName', 'JobName') },
  { name: 'asset without Id', body: jobPayload({ AssetsResolutionInfo: [{ Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }] }), modelState: required('JobDetails.AssetsResolutionInfo[0].Id', 'Id') },
  { name: 'asset without Type', body: jobPayload({ AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8' }] }), modelState: required('JobDetails.AssetsResolutionInfo[0].Type', 'Type') },
  { name: 'asset with empty Type', body: jobPayload({ AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8', Type: '' }] }), modelState: required('JobDetails.AssetsResolutionInfo[0].Type', 'Type') },
  { name: 'JobName of 256 characters', body: jobPayload({ JobName: 'n'.repeat(256) }), stored: { JobName: 'n'.repeat(256) } },
  { name: 'JobName of 257 characters', body: jobPayload({ JobName: 'n'.repeat(257) }), modelState: { 'request.JobDetails.JobName': ['The field JobName must be a string with a maximum length of 256.'] } },
  { name: 'JobDescription of 2048 characters', body: jobPayload({ JobDescription: 'd'.repeat(2048) }), stored: { JobDescription: 'd'.repeat(2048) } },
  { name: 'JobDescription of 2049 characters', body: jobPayload({ JobDescription: 'd'.repeat(2049) }), modelState: { 'request.JobDetails.JobDescription': ['The field JobDescription must be a string with a maximum length of 2048.'] } },
  { name: 'several schema failures are all named in one response', body: {
    JobDetails: { AssetsResolutionInfo: [], Standards: ['xyz'], JobName: ' ', AssetTimeOut: 0, IncrementalPeriod: 101, Schedule: { WeeklyDay: 7 } },
    JobType: 'collectionjob'
  }, modelState: {
    'request.JobDetails.AssetsResolutionInfo': [minItems('AssetsResolutionInfo')],
    'request.JobDetails.Standards[0]': ["Error converting value \"xyz\" to type 'System.Guid'. Path 'JobDetails.Standards[0]'."],
    'request.JobDetails.AssetTimeOut': ['The field AssetTimeOut must be between 1 and 500.'],
    'request.JobDetails.IncrementalPeriod': ['The field IncrementalPeriod must be between 1 and 100.'],
    'request.JobDetails.Schedule.WeeklyDay': ['The field WeeklyDay must be between 0 and 6.'],
    'request.JobType': ['The JobType field must be one of: CollectionEvaluationJob, CollectionJob, EvaluationJob. Values are case-sensitive.']
  } },
  { name: 'several rule failures are all named in one response', body: jobPayload({
    JobName: 'Online-Normal std-AL',
    AssetsResolutionInfo: [{ Id: '00000000-0000-0000-0000-0000000000aa', Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }],
    Standards: ['00000000-0000-0000-0000-0000000000bb'],
    ShouldSendSuccessNotification: true,
    ShouldSendFailureNotification: true,
    FailureNotification: { Subject: 'no recipient' },
    Schedule: { RunOnce: true, RunPeriodically: true, RunEveryNDays: true, RepeatDays: 1 }
  }), modelState: {
    'request.JobDetails.JobName': ["A job with the name 'Online-Normal std-AL' already exists."],
    'request.JobDetails.SuccessNotification': ['The SuccessNotification field is required when ShouldSendSuccessNotification is true.'],
    'request.JobDetails.FailureNotification.ToEmailAddress': ['The ToEmailAddress field is required when ShouldSendFailureNotification is true.'],
    'request.JobDetails.Schedule.RunOnce': ['RunOnce and RunPeriodically cannot both be true.'],
    'request.JobDetails.AssetsResolutionInfo[0].Id': ["No asset or asset group with ID '00000000-0000-0000-0000-0000000000aa' exists."],
    'request.JobDetails.Standards[0]': ["No standard with ID '00000000-0000-0000-0000-0000000000bb' exists."]
  } }
])

const INT32_OVERFLOW = (value: string, path: string): string => `JSON integer ${value} is too large or small for an Int32. Path '${path}'.`

/** Rows for one integer field: each value either stored as sent or rejected with `reason`. */
function rangeRows (field: string, ok: number[], bad: Array<[number | string, string]>, inSchedule = false): CreateJobRow[] {
  const path = inSchedule ? `JobDetails.Schedule.${field}` : `JobDetails.${field}`
  const body = (value: unknown): Record<string, unknown> => inSchedule
    ? jobPayload({ Schedule: { [field]: value } })
    : jobPayload({ [field]: value })
  return [
    ...ok.map((value): CreateJobRow => ({
      name: `${field} ${value}: accepted`,
      body: body(value),
      ...(inSchedule
        ? { check: (t: Test, job: Job) => t.equal(job.Schedule?.[field as keyof NonNullable<Job['Schedule']>], value, `stored Schedule.${field}`) }
        : { stored: { [field]: value } })
    })),
    ...bad.map(([value, reason]): CreateJobRow => ({
      name: `${field} ${String(value)}: rejected`,
      body: body(value),
      modelState: { [`request.${path}`]: [reason] }
    }))
  ]
}

createJobTable('ranges of JobDetails integers (seed: AssetTimeOut 1-500, IncrementalPeriod up to 100, hours up to 1000, minutes up to 59)', [
  ...rangeRows('AssetTimeOut', [1, 500], [
    [0, 'The field AssetTimeOut must be between 1 and 500.'],
    [501, 'The field AssetTimeOut must be between 1 and 500.'],
    [-1, 'The field AssetTimeOut must be between 1 and 500.'],
    [3000000000, INT32_OVERFLOW('3000000000', 'JobDetails.AssetTimeOut')],
    [-3000000000, INT32_OVERFLOW('-3000000000', 'JobDetails.AssetTimeOut')],
    ['3000000000', INT32_OVERFLOW('3000000000', 'JobDetails.AssetTimeOut')],
    [1.5, "Input string '1.5' is not a valid integer. Path 'JobDetails.AssetTimeOut'."]
  ]),
  ...rangeRows('IncrementalPeriod', [1, 100], [
    [0, 'The field IncrementalPeriod must be between 1 and 100.'],
    [101, 'The field IncrementalPeriod must be between 1 and 100.'],
    [3000000000, INT32_OVERFLOW('3000000000', 'JobDetails.IncrementalPeriod')]
  ]),
  ...rangeRows('CollectionOnlyTimeOutHours', [0, 1000], [
    [-1, 'The field CollectionOnlyTimeOutHours must be between 0 and 1000.'],
    [1001, 'The field CollectionOnlyTimeOutHours must be between 0 and 1000.'],
    [3000000000, INT32_OVERFLOW('3000000000', 'JobDetails.CollectionOnlyTimeOutHours')]
  ]),
  ...rangeRows('CollectionOnlyTimeOutMins', [0, 59], [
    [-1, 'The field CollectionOnlyTimeOutMins must be between 0 and 59.'],
    [60, 'The field CollectionOnlyTimeOutMins must be between 0 and 59.']
  ])
])

const between = (field: string, min: number, max: number): string => `The field ${field} must be between ${min} and ${max}.`
const atLeastZero = (field: string): string => `The field ${field} must be greater than or equal to 0.`

createJobTable('ranges of Schedule integers ([choice] spec §5: RecurrenceType 0-3, DayOfWeek 0-6, MonthlyDay up to 31, MonthlyOrdinalDay up to 5)', [
  // RecurrenceType 1-3 need their own fields (schedule rules); only 0 stands alone.
  { name: 'RecurrenceType 0: accepted', body: jobPayload({ Schedule: { RecurrenceType: 0 } }) },
  { name: 'RecurrenceType 3 (with its fields): accepted', body: jobPayload({ Schedule: { RecurrenceType: 3, MonthlyRecurEvery: 1, MonthlyDay: 31 } }) },
  ...rangeRows('RecurrenceType', [], [[-1, between('RecurrenceType', 0, 3)], [4, between('RecurrenceType', 0, 3)]], true),
  ...rangeRows('WeeklyDay', [0, 6], [[-1, between('WeeklyDay', 0, 6)], [7, between('WeeklyDay', 0, 6)]], true),
  ...rangeRows('MonthlyDay', [0, 1, 15, 31], [[-1, between('MonthlyDay', 0, 31)], [32, between('MonthlyDay', 0, 31)]], true),
  ...rangeRows('MonthlyOrdinalDay', [0, 1, 2, 3, 4, 5], [[-1, between('MonthlyOrdinalDay', 0, 5)], [6, between('MonthlyOrdinalDay', 0, 5)]], true),
  ...rangeRows('MonthlyDayOfTheWeek', [0, 6], [[-1, between('MonthlyDayOfTheWeek', 0, 6)], [7, between('MonthlyDayOfTheWeek', 0, 6)]], true),
  ...rangeRows('RepeatDays', [0, 2147483647], [[-1, atLeastZero('RepeatDays')], [3000000000, INT32_OVERFLOW('3000000000', 'JobDetails.Schedule.RepeatDays')]], true),
  ...rangeRows('RepeatMinutes', [0], [[-1, atLeastZero('RepeatMinutes')]], true),
  ...rangeRows('SubScheduleRepeatDays', [0, 7], [[-1, atLeastZero('SubScheduleRepeatDays')]], true),
  ...rangeRows('SubScheduleRepeatPeriodDays', [0, 15], [[-1, atLeastZero('SubScheduleRepeatPeriodDays')]], true),
  ...rangeRows('MonthlyRecurEvery', [0], [[-1, atLeastZero('MonthlyRecurEvery')]], true),
  ...rangeRows('WeeklyRecurEvery', [0], [[-1, atLeastZero('WeeklyRecurEvery')]], true)
])

const JOB_TYPE_REASON = 'The JobType field must be one of: CollectionEvaluationJob, CollectionJob, EvaluationJob. Values are case-sensitive.'

createJobTable('JobType (seed: three values, case-sensitive)', [
  ...['CollectionEvaluationJob', 'CollectionJob', 'EvaluationJob'].map((type): CreateJobRow => ({
    name: `${type}: accepted`, body: jobPayload({}, { JobType: type }), stored: { JobType: type as Job['JobType'] }
  })),
  ...['collectionjob', 'COLLECTIONJOB', 'collectionEvaluationJob', 'Evaluationjob', ' CollectionJob', 'CollectionJob ', 'Collection Job', '', 'ReportJob', 1].map((type): CreateJobRow => ({
    name: `${JSON.stringify(type)}: rejected`, body: jobPayload({}, { JobType: type }), modelState: { 'request.JobType': [JOB_TYPE_REASON] }
  }))
])

const JSON_KIND = { array: 'array (e.g. [1,2,3])', object: 'object (e.g. {"name":"value"})', primitive: 'primitive value' } as const
type JsonKind = keyof typeof JSON_KIND
/** Json.NET's message for a JSON object or array where another kind of value is declared. */
const cannotDeserialize = (actual: JsonKind, type: string, expected: JsonKind, path: string): string =>
  `Cannot deserialize the current JSON ${JSON_KIND[actual]} into type '${type}' because the type requires a JSON ${JSON_KIND[expected]} to deserialize correctly. Path '${path}'.`

createJobTable('values that cannot convert to the declared type (Json.NET wording)', [
  { name: 'AssetTimeOut "abc"', body: jobPayload({ AssetTimeOut: 'abc' }), modelState: { 'request.JobDetails.AssetTimeOut': ["Could not convert string to integer: abc. Path 'JobDetails.AssetTimeOut'."] } },
  { name: 'Schedule.MonthlyDay "first"', body: jobPayload({ Schedule: { MonthlyDay: 'first' } }), modelState: { 'request.JobDetails.Schedule.MonthlyDay': ["Could not convert string to integer: first. Path 'JobDetails.Schedule.MonthlyDay'."] } },
  { name: 'IsIncremental "maybe"', body: jobPayload({ IsIncremental: 'maybe' }), modelState: { 'request.JobDetails.IsIncremental': ["Could not convert string to boolean: maybe. Path 'JobDetails.IsIncremental'."] } },
  { name: 'Schedule.RunNow "yes"', body: jobPayload({ Schedule: { RunNow: 'yes' } }), modelState: { 'request.JobDetails.Schedule.RunNow': ["Could not convert string to boolean: yes. Path 'JobDetails.Schedule.RunNow'."] } },
  { name: 'standard GUID "xyz"', body: jobPayload({ Standards: ['xyz'] }), modelState: { 'request.JobDetails.Standards[0]': ["Error converting value \"xyz\" to type 'System.Guid'. Path 'JobDetails.Standards[0]'."] } },
  { name: 'second standard GUID one digit short', body: jobPayload({ Standards: ['6b020d29-5fe8-47d0-bd89-ccd3339a5ebe', '6b020d29-5fe8-47d0-bd89-ccd3339a5eb'] }), modelState: { 'request.JobDetails.Standards[1]': ["Error converting value \"6b020d29-5fe8-47d0-bd89-ccd3339a5eb\" to type 'System.Guid'. Path 'JobDetails.Standards[1]'."] } },
  { name: 'asset Id "xyz"', body: jobPayload({ AssetsResolutionInfo: [{ Id: 'xyz', Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }] }), modelState: { 'request.JobDetails.AssetsResolutionInfo[0].Id': ["Error converting value \"xyz\" to type 'System.Guid'. Path 'JobDetails.AssetsResolutionInfo[0].Id'."] } },
  { name: 'JobDetails as a string', body: { JobDetails: 'abc', JobType: 'CollectionJob' }, modelState: { 'request.JobDetails': ["Error converting value \"abc\" to type 'JobDetails'. Path 'JobDetails'."] } },
  { name: 'JobDetails as an array', body: { JobDetails: [], JobType: 'CollectionJob' }, modelState: { 'request.JobDetails': [cannotDeserialize('array', 'JobDetails', 'object', 'JobDetails')] } },
  { name: 'Schedule as a string', body: jobPayload({ Schedule: 'daily' }), modelState: { 'request.JobDetails.Schedule': ["Error converting value \"daily\" to type 'IncrementalScheduleData'. Path 'JobDetails.Schedule'."] } },
  { name: 'SuccessNotification as a number', body: jobPayload({ SuccessNotification: 5 }), modelState: { 'request.JobDetails.SuccessNotification': ["Error converting value 5 to type 'NotificationData'. Path 'JobDetails.SuccessNotification'."] } },
  { name: 'Standards as a single GUID, not a list', body: jobPayload({ Standards: '6b020d29-5fe8-47d0-bd89-ccd3339a5ebe' }), modelState: { 'request.JobDetails.Standards': ["Error converting value \"6b020d29-5fe8-47d0-bd89-ccd3339a5ebe\" to type 'System.Collections.Generic.IList`1[System.Guid]'. Path 'JobDetails.Standards'."] } },
  { name: 'AssetsResolutionInfo as an object, not a list', body: jobPayload({ AssetsResolutionInfo: { Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8' } }), modelState: { 'request.JobDetails.AssetsResolutionInfo': [cannotDeserialize('object', 'System.Collections.Generic.IList`1[AssetResolutionInfo]', 'array', 'JobDetails.AssetsResolutionInfo')] } },
  { name: 'JobName as an object', body: jobPayload({ JobName: { a: 1 } }), modelState: { 'request.JobDetails.JobName': [cannotDeserialize('object', 'System.String', 'primitive', 'JobDetails.JobName')] } },
  { name: 'a whole array body', body: '[]', modelState: { request: [cannotDeserialize('array', 'CreateJobRequest', 'object', '')] } },
  { name: 'a number body', body: '42', modelState: { request: ["Error converting value 42 to type 'CreateJobRequest'. Path ''."] } }
])

t.test('the body itself', async (t) => {
  const { app, dataDir } = await build(t)
  const token = await login(app)

  const notJson: Array<[string, string]> = [
    ['truncated', '{"JobDetails":'],
    ['trailing garbage', `${JSON.stringify(jobPayload())}x`],
    ['single quotes', "{'JobType':'CollectionJob'}"],
    ['a bare word', 'hello']
  ]
  for (const [name, body] of notJson) {
    await t.test(`malformed JSON (${name}): 400 keyed on the parameter`, async (t) => {
      const res = await postJob(app, token, body)
      t.equal(res.statusCode, 400)
      t.equal(res.headers['content-type'], JSON_UTF8)
      const json = res.json() as { Message: string, ModelState: ModelState }
      t.strictSame(Object.keys(json), ['Message', 'ModelState'])
      t.equal(json.Message, INVALID_REQUEST)
      t.strictSame(Object.keys(json.ModelState), ['request'])
      t.equal(json.ModelState.request?.length, 1)
      t.match(json.ModelState.request?.[0], /^The request body is not valid JSON: \S/)
    })
  }

  for (const [name, body] of [['empty', ''], ['whitespace', ' \r\n\t '], ['a lone CR', '\r'], ['null', 'null']]) {
    await t.test(`${name} body: "The request body is required."`, async (t) => {
      expectInvalid(t, await postJob(app, token, body), { request: ['The request body is required.'] })
    })
  }

  await t.test('__proto__ and constructor keys are ignored and pollute nothing', async (t) => {
    const valid = JSON.stringify(jobPayload({ JobName: 'No pollution' }))
    const body = `{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}},${valid.slice(1)}`
      .replace('"JobName"', '"__proto__":{"z":1},"JobName"')
    const job = await expectCreated(t, await postJob(app, token, body), dataDir)
    t.equal(job.JobName, 'No pollution')
    t.equal(Object.getPrototypeOf(job), Object.prototype)
    t.notOk(Object.hasOwn(job, 'x'))
    const probe = {} as Record<string, unknown>
    t.equal(probe.x, undefined, 'Object.prototype.x untouched')
    t.equal(probe.y, undefined, 'Object.prototype.y untouched')
    t.equal(probe.z, undefined, 'Object.prototype.z untouched')
  })

  const unsupported = ['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'text/xml', 'application/x-www-form-urlencoded']
  for (const type of unsupported) {
    await t.test(`Content-Type ${type}: 415`, async (t) => {
      const before = (await storedJobs(dataDir)).length
      const res = await postJob(app, token, jobPayload(), { 'content-type': type })
      t.equal(res.statusCode, 415)
      const message = `The request entity's media type '${type.split(';')[0] ?? type}' is not supported for this resource.`
      if (type.endsWith('/xml')) {
        // No Accept: Web API answers in the format of the request's Content-Type (docs/decisions.md, "JSON and XML").
        t.equal(res.headers['content-type'], `${type}; charset=utf-8`)
        t.equal(res.body, `<Error><Message>${message}</Message></Error>`)
      } else {
        t.equal(res.headers['content-type'], JSON_UTF8)
        t.strictSame(res.json(), { Message: message })
      }
      t.equal((await storedJobs(dataDir)).length, before, 'nothing stored')
    })
  }

  await t.test('no Content-Type with a body: 415 for application/octet-stream', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/ccs/api/v1/jobs', headers: { authorization: `Bearer ${token}` }, payload: JSON.stringify(jobPayload()) })
    t.equal(res.statusCode, 415)
    t.strictSame(res.json(), { Message: "The request entity's media type 'application/octet-stream' is not supported for this resource." })
  })

  await t.test('a body over the 1 MiB limit: 413', async (t) => {
    const res = await postJob(app, token, jobPayload({ JobDescription: 'x'.repeat(1024 * 1024) }))
    t.equal(res.statusCode, 413)
    t.equal(res.headers['content-type'], JSON_UTF8)
    t.strictSame(res.json(), { Message: 'The request body is too large.' })
  })

  for (const type of ['application/json; charset=utf-8', 'APPLICATION/JSON', 'text/json', 'text/json; charset=utf-8']) {
    await t.test(`Content-Type ${type}: accepted`, async (t) => {
      const name = `ct ${type}`
      // Accept */* as clients send it: without Accept a text/json request is answered as text/json.
      const job = await expectCreated(t, await postJob(app, token, jobPayload({ JobName: name }), { 'content-type': type, accept: '*/*' }), dataDir)
      t.equal(job.JobName, name)
    })
  }
})
