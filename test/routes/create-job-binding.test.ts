// POST /ccs/api/v1/jobs: Json.NET leniencies (spec §1), references to the catalog and unique names.
import type { ModelState } from '../../src/errors.js'
import { DB2_GROUP, jobPayload, RHEL_STANDARD, UNIX_ASSET, UNIX_ASSET_2, UNIX_TYPE, WINDOWS_ASSET } from '../helpers/build.js'
import { createJobTable } from '../helpers/create-job.js'

const GROUP_TYPE = 'symc-csm-AssetSystem-AssetGroup'
const WINDOWS_TYPE = 'symc-csm-AssetSystem-Asset-Wnt-Machine'
const UNKNOWN_GUID = '0f0e0d0c-0b0a-4909-8807-060504030201'

/** Every property a stored job has: nothing more (unknown input is not stored). */
const JOB_KEYS = [
  'JobID', 'JobName', 'JobType', 'JobDescription', 'AssetsResolutionInfo', 'Standards', 'AssetTimeOut',
  'IsIncremental', 'IncrementalPeriod', 'CollectionOnlyTimeOutHours', 'CollectionOnlyTimeOutMins',
  'ShouldSendSuccessNotification', 'ShouldSendFailureNotification', 'SuccessNotification', 'FailureNotification',
  'ShouldSynchronizeResults', 'Schedule', 'CreatedBy', 'JobCreationTime', 'JobModifiedTime'
].sort()



const named = (name: string, details: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> =>
  jobPayload({ JobName: name, ...details }, top)

createJobTable('Json.NET leniencies (spec §1)', [
  {
    name: 'property names in lower case',
    body: { jobdetails: { assetsresolutioninfo: [{ id: UNIX_ASSET, type: UNIX_TYPE }], jobname: 'lower names', standards: [RHEL_STANDARD], assettimeout: 7 }, jobtype: 'CollectionJob' },
    stored: { JobName: 'lower names', JobType: 'CollectionJob', AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], Standards: [RHEL_STANDARD], AssetTimeOut: 7 }
  },
  {
    name: 'property names in upper and mixed case',
    body: { JOBDETAILS: { AssetsResolutionINFO: [{ ID: UNIX_ASSET, TYPE: UNIX_TYPE }], JOBNAME: 'UPPER names', sTaNdArDs: [RHEL_STANDARD], schedule: { runnow: false, STARTDATE: '2019-01-05' } }, JOBTYPE: 'EvaluationJob' },
    stored: { JobName: 'UPPER names', JobType: 'EvaluationJob', AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], Standards: [RHEL_STANDARD] },
    check: (t, job) => { t.equal(job.Schedule?.RunNow, false); t.equal(job.Schedule?.RunOnce, false) }
  },
  { name: 'route /CCS/API/V1/Jobs', url: '/CCS/API/V1/Jobs', body: named('route 1'), stored: { JobName: 'route 1' } },
  { name: 'route /ccs/api/v1/JOBS', url: '/ccs/api/v1/JOBS', body: named('route 2'), stored: { JobName: 'route 2' } },
  { name: 'route with a trailing slash', url: '/ccs/api/v1/jobs/', body: named('route 3'), stored: { JobName: 'route 3' } },
  { name: 'booleans as "true"', body: named('bool 1', { ShouldSynchronizeResults: 'true', IsIncremental: 'true' }), stored: { ShouldSynchronizeResults: true, IsIncremental: true } },
  { name: 'booleans as "True"', body: named('bool 2', { ShouldSynchronizeResults: 'True', IsIncremental: 'TRUE' }), stored: { ShouldSynchronizeResults: true, IsIncremental: true } },
  { name: 'booleans as "false"', body: named('bool 3', { ShouldSynchronizeResults: 'false', IsIncremental: 'False', IncrementalPeriod: 3 }), stored: { ShouldSynchronizeResults: false, IsIncremental: false, IncrementalPeriod: 3 } },
  { name: 'booleans as 1 and 0', body: named('bool 4', { ShouldSynchronizeResults: 1, IsIncremental: 0 }), stored: { ShouldSynchronizeResults: true, IsIncremental: false } },
  { name: 'schedule booleans as strings', body: named('bool 5', { Schedule: { RunNow: 'false', RunOnce: 'True' } }), check: (t, job) => { t.equal(job.Schedule?.RunNow, false); t.equal(job.Schedule?.RunOnce, true) } },
  { name: 'integers as strings', body: named('int 1', { AssetTimeOut: '42', CollectionOnlyTimeOutHours: '1000', CollectionOnlyTimeOutMins: '0' }), stored: { AssetTimeOut: 42, CollectionOnlyTimeOutHours: 1000, CollectionOnlyTimeOutMins: 0 } },
  { name: 'the range applies to a numeric string too', body: named('int 2', { AssetTimeOut: '501' }), modelState: { 'request.JobDetails.AssetTimeOut': ['The field AssetTimeOut must be between 1 and 500.'] } },
  { name: 'schedule integers as strings', body: named('int 3', { Schedule: { RecurrenceType: '2', WeeklyRecurEvery: '1', WeeklyDay: '3', RunPeriodically: 'true' } }), check: (t, job) => { t.equal(job.Schedule?.RecurrenceType, 2); t.equal(job.Schedule?.WeeklyRecurEvery, 1); t.equal(job.Schedule?.WeeklyDay, 3) } },
  { name: 'a number for a string binds as text', body: { JobDetails: { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], JobName: 4242, Standards: [RHEL_STANDARD] }, JobType: 'CollectionJob' }, stored: { JobName: '4242' } },
  { name: 'an asset Type in another case is stored in the catalog\'s spelling', body: named('type case', { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE.toUpperCase() }] }), stored: { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }] } },
  { name: 'a repeated asset keeps its first place and spelling', body: named('dup first', { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }, { Id: UNIX_ASSET.toUpperCase(), Type: UNIX_TYPE.toLowerCase() }] }), stored: { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }] } },
  { name: 'GUIDs in upper case', body: named('guid 1', { AssetsResolutionInfo: [{ Id: UNIX_ASSET.toUpperCase(), Type: UNIX_TYPE }], Standards: [RHEL_STANDARD.toUpperCase()] }), stored: { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], Standards: [RHEL_STANDARD] } },
  { name: 'GUIDs in braces', body: named('guid 2', { AssetsResolutionInfo: [{ Id: `{${UNIX_ASSET.toUpperCase()}}`, Type: UNIX_TYPE }], Standards: [`{${RHEL_STANDARD}}`] }), stored: { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], Standards: [RHEL_STANDARD] } },
  { name: 'GUIDs as 32 hex digits', body: named('guid 3', { AssetsResolutionInfo: [{ Id: UNIX_ASSET.replace(/-/g, ''), Type: UNIX_TYPE }], Standards: [RHEL_STANDARD.replace(/-/g, '').toUpperCase()] }), stored: { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], Standards: [RHEL_STANDARD] } },
  { name: 'GUIDs in parentheses', body: named('guid 4', { AssetsResolutionInfo: [{ Id: `(${UNIX_ASSET})`, Type: UNIX_TYPE }], Standards: [`(${RHEL_STANDARD})`] }), stored: { AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }], Standards: [RHEL_STANDARD] } },
  { name: 'a GUID with a brace missing is no GUID', body: named('guid 5', { Standards: [`{${RHEL_STANDARD}`] }), modelState: { 'request.JobDetails.Standards[0]': [`Error converting value "{${RHEL_STANDARD}" to type 'System.Guid'. Path 'JobDetails.Standards[0]'.`] } },
  {
    name: 'unknown properties are ignored and not stored',
    body: named('unknown props', {
      Owner: 'me',
      AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE, Name: 'rhel-01' }],
      Schedule: { Cron: '* * * * *', RunNow: true },
      SuccessNotification: { ToEmailAddress: 'a@b.c', Cc: 'x@y.z' }
    }, { Priority: 'high', JobID: UNKNOWN_GUID }),
    check: (t, job) => {
      t.strictSame(Object.keys(job).sort(), JOB_KEYS)
      t.not(job.JobID, UNKNOWN_GUID, 'a JobID in the request is not used')
      t.strictSame(job.AssetsResolutionInfo, [{ Id: UNIX_ASSET, Type: UNIX_TYPE }])
      t.notOk(Object.hasOwn(job.Schedule ?? {}, 'Cron'))
      t.strictSame(job.SuccessNotification, { ToEmailAddress: 'a@b.c', FromEmailAddress: '', Subject: '', Body: '' })
    }
  },
  {
    name: 'null values are treated as absent',
    body: named('nulls', { JobDescription: null, AssetTimeOut: null, IsIncremental: null, IncrementalPeriod: null, CollectionOnlyTimeOutHours: null, ShouldSynchronizeResults: null, ShouldSendSuccessNotification: null, SuccessNotification: null, Schedule: null }),
    stored: { JobDescription: '', AssetTimeOut: 60, IsIncremental: false, IncrementalPeriod: 1, CollectionOnlyTimeOutHours: 0, ShouldSynchronizeResults: false, ShouldSendSuccessNotification: false, SuccessNotification: null, Schedule: null }
  },
  {
    name: 'a body with CRLF line ends and trailing whitespace',
    body: `${JSON.stringify(named('crlf'), null, 2).replace(/\n/g, '\r\n')}\r\n  \t\r\n`,
    stored: { JobName: 'crlf' }
  },
  { name: 'a body with a UTF-8 byte order mark', body: `\uFEFF${JSON.stringify(named('bom'))}`, stored: { JobName: 'bom' } },
  { name: 'Content-Type text/json', body: named('text json'), headers: { 'content-type': 'text/json', accept: '*/*' }, stored: { JobName: 'text json' } }
])

createJobTable('references to assets, asset groups and standards ([choice] spec §5: they must exist)', [
  { name: 'unknown asset GUID', body: jobPayload({ AssetsResolutionInfo: [{ Id: UNKNOWN_GUID, Type: UNIX_TYPE }] }), modelState: { 'request.JobDetails.AssetsResolutionInfo[0].Id': [`No asset or asset group with ID '${UNKNOWN_GUID}' exists.`] } },
  { name: 'unknown asset GUID in upper case: named canonical', body: jobPayload({ AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE }, { Id: UNKNOWN_GUID.toUpperCase(), Type: UNIX_TYPE }] }), modelState: { 'request.JobDetails.AssetsResolutionInfo[1].Id': [`No asset or asset group with ID '${UNKNOWN_GUID}' exists.`] } },
  { name: 'a standard GUID is no asset', body: jobPayload({ AssetsResolutionInfo: [{ Id: RHEL_STANDARD, Type: UNIX_TYPE }] }), modelState: { 'request.JobDetails.AssetsResolutionInfo[0].Id': [`No asset or asset group with ID '${RHEL_STANDARD}' exists.`] } },
  { name: 'asset group with its type', body: jobPayload({ AssetsResolutionInfo: [{ Id: DB2_GROUP, Type: GROUP_TYPE }] }), stored: { AssetsResolutionInfo: [{ Id: DB2_GROUP, Type: GROUP_TYPE }] } },
  { name: 'asset group and assets together', body: jobPayload({ AssetsResolutionInfo: [{ Id: DB2_GROUP, Type: GROUP_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }, { Id: WINDOWS_ASSET, Type: WINDOWS_TYPE }] }), stored: { AssetsResolutionInfo: [{ Id: DB2_GROUP, Type: GROUP_TYPE }, { Id: UNIX_ASSET_2, Type: UNIX_TYPE }, { Id: WINDOWS_ASSET, Type: WINDOWS_TYPE }] } },
  { name: 'asset group sent with an asset type', body: jobPayload({ AssetsResolutionInfo: [{ Id: DB2_GROUP, Type: UNIX_TYPE }] }), modelState: { 'request.JobDetails.AssetsResolutionInfo[0].Type': [`The asset '${DB2_GROUP}' is of type '${GROUP_TYPE}', not '${UNIX_TYPE}'.`] } },
  { name: 'asset sent with the group type', body: jobPayload({ AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: GROUP_TYPE }] }), modelState: { 'request.JobDetails.AssetsResolutionInfo[0].Type': [`The asset '${UNIX_ASSET}' is of type '${UNIX_TYPE}', not '${GROUP_TYPE}'.`] } },
  { name: 'Windows asset sent with the Unix type', body: jobPayload({ AssetsResolutionInfo: [{ Id: WINDOWS_ASSET, Type: UNIX_TYPE }] }), modelState: { 'request.JobDetails.AssetsResolutionInfo[0].Type': [`The asset '${WINDOWS_ASSET}' is of type '${WINDOWS_TYPE}', not '${UNIX_TYPE}'.`] } },
  { name: 'asset type in another letter case', body: jobPayload({ AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: UNIX_TYPE.toLowerCase() }] }), check: (t, job) => t.equal(job.AssetsResolutionInfo[0]?.Id, UNIX_ASSET) },
  { name: 'unknown standard', body: jobPayload({ Standards: [UNKNOWN_GUID] }), modelState: { 'request.JobDetails.Standards[0]': [`No standard with ID '${UNKNOWN_GUID}' exists.`] } },
  { name: 'second standard unknown', body: jobPayload({ Standards: [RHEL_STANDARD, UNKNOWN_GUID] }), modelState: { 'request.JobDetails.Standards[1]': [`No standard with ID '${UNKNOWN_GUID}' exists.`] } },
  { name: 'an asset GUID is no standard', body: jobPayload({ Standards: [UNIX_ASSET] }), modelState: { 'request.JobDetails.Standards[0]': [`No standard with ID '${UNIX_ASSET}' exists.`] } },
  { name: 'every bad reference is named', body: jobPayload({ AssetsResolutionInfo: [{ Id: UNKNOWN_GUID, Type: UNIX_TYPE }, { Id: UNIX_ASSET, Type: GROUP_TYPE }], Standards: [UNKNOWN_GUID, RHEL_STANDARD, UNIX_ASSET] }), modelState: {
    'request.JobDetails.AssetsResolutionInfo[0].Id': [`No asset or asset group with ID '${UNKNOWN_GUID}' exists.`],
    'request.JobDetails.AssetsResolutionInfo[1].Type': [`The asset '${UNIX_ASSET}' is of type '${UNIX_TYPE}', not '${GROUP_TYPE}'.`],
    'request.JobDetails.Standards[0]': [`No standard with ID '${UNKNOWN_GUID}' exists.`],
    'request.JobDetails.Standards[2]': [`No standard with ID '${UNIX_ASSET}' exists.`]
  } }
])

const taken = (name: string): ModelState => ({ 'request.JobDetails.JobName': [`A job with the name '${name}' already exists.`] })

createJobTable('unique job names ([choice] spec §5; compared case-insensitively)', [
  { name: 'fixture job "Online-Normal std-AL" is taken on a fresh server', body: named('Online-Normal std-AL'), modelState: taken('Online-Normal std-AL') },
  { name: 'fixture job name in another case', body: named('online-normal STD-al'), modelState: taken('online-normal STD-al') },
  { name: 'fixture job "Weekly RHEL CER" is taken', body: named('Weekly RHEL CER'), modelState: taken('Weekly RHEL CER') },
  { name: 'first "Nightly Scan"', body: named('Nightly Scan'), stored: { JobName: 'Nightly Scan' } },
  { name: 'second "Nightly Scan"', body: named('Nightly Scan'), modelState: taken('Nightly Scan') },
  { name: '"NIGHTLY SCAN"', body: named('NIGHTLY SCAN'), modelState: taken('NIGHTLY SCAN') },
  { name: '"nightly scan" with another job type', body: named('nightly scan', {}, { JobType: 'EvaluationJob' }), modelState: taken('nightly scan') },
  { name: 'a rejected request does not reserve its name', body: named('Reserved?', { Standards: [UNKNOWN_GUID] }), modelState: { 'request.JobDetails.Standards[0]': [`No standard with ID '${UNKNOWN_GUID}' exists.`] } },
  { name: 'the name of a rejected request is still free', body: named('Reserved?'), stored: { JobName: 'Reserved?' } },
  { name: 'a name that differs by one character is free', body: named('Nightly Scan 2'), stored: { JobName: 'Nightly Scan 2' } }
])
