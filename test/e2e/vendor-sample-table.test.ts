// Every request of the vendor's sample clients (Symantec/ccs-api-samples, 21 Python scripts, and CreateAssets.py),
// one case per run, each commented-out alternative payload, query or URL as its own case: the method, path, query
// string, headers and body byte for byte as python-requests 2.34 prepares them (research notes: samples.md,
// sample-runs.json). The scripts themselves are not redistributable; only their requests are written here.
//
// Against one fresh server with the default fixtures, in the order of the samples' table: every call answers 2xx,
// every search finds at least one record. Host, port and credentials are the test's; the `<...>` placeholders that
// four runs send literally are filled with fixture IDs (docs/decisions.md, "Vendor samples"), as the samples'
// comments ask the user to do. Sent as they ship, those placeholders are answered 400 (not a GUID).
import type { LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { build, FIXTURE_RUN, RHEL_STANDARD, SAMPLE_RESULTS_ASSET } from '../helpers/build.js'
import { JSON_UTF8 } from '../helpers/create-job.js'

/** The credentials of the samples' documented example (`UserName = domain1\\administrator`, `pass@123`). */
const USER = 'domain1\\administrator'
const PASSWORD = 'pass@123'
/** Fixture assets for DeleteAssets' `<Asset GUID>`s: win-old-01 and win-old-02, being decommissioned. */
const WIN_OLD_1 = '5ae6a228-9a6a-4329-a381-23e5dc338383'
const WIN_OLD_2 = 'd3ac535f-489b-440f-abd7-f50361b0ee09'
/** Fixture job for DeleteJob's `<JobID>` ("Script to Delete the custom created job"): Decommissioned Hosts Collection. */
const DECOMMISSIONED_JOB = 'b8f4169f-85bf-45c0-93cc-5dfab1fb09d9'

/** What python-requests sends on every request, in its order. */
const DEFAULT_HEADERS = { 'User-Agent': 'python-requests/2.34.2', 'Accept-Encoding': 'gzip, deflate', Accept: '*/*', Connection: 'keep-alive' }

interface Run {
  script: string
  run: string
  /** A commented-out alternative in the script (the active one is false). */
  commented: boolean
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  query?: string
  /** Sends `Authorization: Bearer <access_token>`. */
  auth: boolean
  /** Sends `Content-Type: application/json` (every script but SearchAssets, SearchAssetsGroup and GetLatestNJobRuns, also on GETs). */
  contentType: boolean
  body?: string
  /** The Content-Length python-requests sent for the body as shipped. */
  sentLength?: number
  /** `<placeholder>` -> value(s), in the body and (URL-encoded) in the query; a list fills successive occurrences. */
  placeholders?: Record<string, string | string[]>
  /** The run is the token request itself. */
  token?: true
  /** A list in the answer that must not be empty, `[]` for an array answer, or a member an object answer must have. */
  finds?: string
  /** Writes `response.content` to an .xls file: any body. */
  binary?: true
  /** Waits for a rule of another issue. */
}

const RUNS: Run[] = [
  { script: 'CreateTokens', run: "token (also made first by every other script)", commented: false, method: 'POST', path: '/ccs/api/v1/oauth/tokens', auth: false, contentType: true, body: "grant_type=password&username=<user name>&password=<password>", sentLength: 60, placeholders: { '<user name>': USER, '<password>': PASSWORD }, token: true },
  { script: 'CreateAssets', run: "single Windows asset", commented: false, method: 'POST', path: '/ccs/api/v1/assets', auth: true, contentType: true, body: "[{ \"Type\" : \"symc-csm-AssetSystem-Asset-Wnt-Machine\",\"symc-csm-AssetSystem-Asset-Wnt-Machine-HostName\" : \"MyWinAsset\",\"symc-csm-AssetSystem-Asset-Wnt-Machine-DomainWorkgroupName\" : \"NewDomain\" }]", sentLength: 195 },
  { script: 'CreateAssets', run: "multiple assets (commented)", commented: true, method: 'POST', path: '/ccs/api/v1/assets', auth: true, contentType: true, body: "[{\"Type\" : \"symc-csm-AssetSystem-Asset-Wnt-Machine\",\"symc-csm-AssetSystem-Asset-Wnt-Machine-HostName\" : \"MytestWinAsset7\",\"symc-csm-AssetSystem-Asset-Wnt-Machine-DomainWorkgroupName\" : \"MyDomain\"},{\"Type\" : \"symc-csm-AssetSystem-Asset-Cisco-Router\",\"symc-csm-AssetSystem-Asset-Cisco-Router-IPAddress\" : \"10.211.886.888\"},{\"Type\" : \"symc-csm-AssetSystem-Asset-Unix-MySQL-Servers\",\"symc-csm-AssetSystem-Asset-Unix-MySQL-Servers-HOSTMACHINE\" : \"testredhatx86123\",\"symc-csm-AssetSystem-Asset-Unix-MySQL-Servers-IPAddress\" : \"10.211.88.111\",\"symc-csm-AssetSystem-Asset-Unix-MySQL-Servers-InstancePortNumber\" : \"5704\"},{\"Type\" : \"symc-csm-AssetSystem-Asset-Unix-Machine\",\"symc-csm-AssetSystem-Asset-Unix-Machine-IPAddress\" : \"10.211.66.119\" ,\"symc-csm-AssetSystem-Asset-Unix-Machine-HostMachine\" : \"rhelx86789\"},{\"Type\" : \"symc-csm-AssetSystem-Asset-Dbif-server\",\"symc-csm-AssetSystem-Asset-Dbif-server-SQLServerDomainName\" : \"MyDomain\",\"symc-csm-AssetSystem-Asset-Dbif-server-hostName\" : \"MySQLHost1\",\"symc-csm-AssetSystem-Asset-Dbif-server-serverName\" : \"SQLServerAsset\"},{\"Type\" : \"symc-csm-AssetSystem-Asset-Unix-MySQL-Servers\",\"container\" : \"Assets\",\"symc-csm-AssetSystem-Asset-Unix-MySQL-Servers-HOSTMACHINE\" : \"AKwin2012r2\",\"symc-csm-AssetSystem-Asset-Unix-MySQL-Servers-IPAddress\" : \"10.211.98.98\",\"symc-csm-AssetSystem-Asset-Unix-MySQL-Servers-InstancePortNumber\" : \"5701\"}]", sentLength: 1377 },
  { script: 'CreateJob', run: "CollectionEvaluationJob minimal (active)", commented: false, method: 'POST', path: '/ccs/api/v1/jobs', auth: true, contentType: true, body: "{\"JobDetails\":{\"AssetsResolutionInfo\": [{\"Id\": \"d387d8b5-6278-4bcb-83c7-b55d2072d2a8\",\"Type\": \"symc-csm-AssetSystem-Asset-Unix-Machine\"}],\"JobDescription\": \"Test CER Job\",\"JobName\": \"Test_Job11\",\"Standards\": [\"6b020d29-5fe8-47d0-bd89-ccd3339a5ebe\"]},\"JobType\":\"CollectionEvaluationJob\"}", sentLength: 286 },
  { script: 'CreateJob', run: "CollectionJob RunNow", commented: true, method: 'POST', path: '/ccs/api/v1/jobs', auth: true, contentType: true, body: "{\"JobDetails\":{\"AssetsResolutionInfo\": [{\"Id\": \"d387d8b5-6278-4bcb-83c7-b55d2072d2a8\",\"Type\": \"symc-csm-AssetSystem-Asset-Unix-Machine\"}],\"JobDescription\": \"Demo Data Collection Job\",\"JobName\": \"A1_CollectionJob_RUNOW\",\"Standards\": [\"6B020D29-5FE8-47D0-BD89-CCD3339A5EBE\"],\"Schedule\": {\"EndJobRunConfigured\": false, \"EndJobRunTimeInterval\": \"00:00:00\",\"SubScheduleRepeatDays\": 0,\"SubScheduleRepeatPeriodDays\": 0,\"MonthlyDay\": 0,\"MonthlyDayOfTheWeek\": 0,\"MonthlyIsByOrdinalDay\": false,\"MonthlyOrdinalDay\": 0, \"MonthlyRecurEvery\": 0, \"RecurrenceType\": 0,\"RepeatDays\": 50,\"RepeatMinutes\": 0,\"RunEveryNDays\": true,\"RunNow\": true,\"RunOnce\": false,\"RunPeriodically\": false,\"StartDate\": \"2018-11-18T02:14:27.5120788-08:00\", \"WeeklyDay\": 0, \"WeeklyRecurEvery\": 0}},\"JobType\":\"CollectionJob\"}", sentLength: 783 },
  { script: 'CreateJob', run: "CollectionJob RunPeriodically (schedule)", commented: true, method: 'POST', path: '/ccs/api/v1/jobs', auth: true, contentType: true, body: "{\"JobDetails\":{\"AssetsResolutionInfo\": [{\"Id\": \"d387d8b5-6278-4bcb-83c7-b55d2072d2a8\",\"Type\": \"symc-csm-AssetSystem-Asset-Unix-Machine\"}],\"JobDescription\": \"Demo Data Collection Job by scheduling it\",\"JobName\": \"A1_CollectionJob_ScheduleRun\",\"Standards\": [\"6B020D29-5FE8-47D0-BD89-CCD3339A5EBE\"],\"Schedule\": {\"EndJobRunConfigured\": false, \"EndJobRunTimeInterval\": \"00:00:00\",\"SubScheduleRepeatDays\": 0,\"SubScheduleRepeatPeriodDays\": 0,\"MonthlyDay\": 0,\"MonthlyDayOfTheWeek\": 0,\"MonthlyIsByOrdinalDay\": false,\"MonthlyOrdinalDay\": 0, \"MonthlyRecurEvery\": 0, \"RecurrenceType\": 0,\"RepeatDays\": 50,\"RepeatMinutes\": 0,\"RunEveryNDays\": true,\"RunNow\": false,\"RunOnce\": false,\"RunPeriodically\": true,\"StartDate\": \"2019-01-05T04:10:27.5120788-08:00\", \"WeeklyDay\": 0, \"WeeklyRecurEvery\": 0}},\"JobType\":\"CollectionJob\"}", sentLength: 806 },
  { script: 'CreateJob', run: "CollectionJob multiple assets", commented: true, method: 'POST', path: '/ccs/api/v1/jobs', auth: true, contentType: true, body: "{\"JobDetails\":{\"AssetsResolutionInfo\": [{\"Id\": \"d387d8b5-6278-4bcb-83c7-b55d2072d2a8\",\"Type\": \"symc-csm-AssetSystem-Asset-Unix-Machine\"},{\"Id\": \"1169462b-e9bd-46f4-827a-7ac9b1a220d1\",\"Type\": \"symc-csm-AssetSystem-Asset-Unix-Machine\"}],\"JobDescription\": \"Demo Data Collection Job on muktiple assets\",\"JobName\": \"A1_CollectionJob_MultipleAssets\",\"Standards\": [\"6B020D29-5FE8-47D0-BD89-CCD3339A5EBE\"],\"Schedule\": {\"EndJobRunConfigured\": false, \"EndJobRunTimeInterval\": \"00:00:00\",\"SubScheduleRepeatDays\": 0,\"SubScheduleRepeatPeriodDays\": 0,\"MonthlyDay\": 0,\"MonthlyDayOfTheWeek\": 0,\"MonthlyIsByOrdinalDay\": false,\"MonthlyOrdinalDay\": 0, \"MonthlyRecurEvery\": 0, \"RecurrenceType\": 0,\"RepeatDays\": 50,\"RepeatMinutes\": 0,\"RunEveryNDays\": true,\"RunNow\": true,\"RunOnce\": false,\"RunPeriodically\": false,\"StartDate\": \"2018-11-18T02:14:27.5120788-08:00\", \"WeeklyDay\": 0, \"WeeklyRecurEvery\": 0}},\"JobType\":\"CollectionJob\"}", sentLength: 908 },
  { script: 'CreateJob', run: "CollectionJob with notifications", commented: true, method: 'POST', path: '/ccs/api/v1/jobs', auth: true, contentType: true, body: "{\"JobDetails\":{\"AssetsResolutionInfo\": [{\"Id\": \"d387d8b5-6278-4bcb-83c7-b55d2072d2a8\",\"Type\": \"symc-csm-AssetSystem-Asset-Unix-Machine\"}],\"JobDescription\": \"Demo Data Collection Job with notifications\",\"JobName\": \"A1_CollectionJob_RUNOW_WithNotifications\",\"Standards\": [\"6B020D29-5FE8-47D0-BD89-CCD3339A5EBE\"],\"FailureNotification\":{\"FromEmailAddress\":\"arti@ccsqa.local\",\"Subject\":\"Collection-Evaluation-Reporting job failed\",\"ToEmailAddress\":\"chetan@ccsqa.local\",\"Body\":\"Failure notification message\"},\"SuccessNotification\":{\"FromEmailAddress\":\"arti@ccsqa.local\",\"Subject\":\"Collection-Evaluation-Reporting job completed successfully\",\"ToEmailAddress\":\"chetan@ccsqa.local\",\"Body\":\"Success notification message\"},\"ShouldSendFailureNotification\":\"true\",\"ShouldSendSuccessNotification\":\"true\",\"Schedule\": {\"EndJobRunConfigured\": false, \"EndJobRunTimeInterval\": \"00:00:00\",\"SubScheduleRepeatDays\": 0,\"SubScheduleRepeatPeriodDays\": 0,\"MonthlyDay\": 0,\"MonthlyDayOfTheWeek\": 0,\"MonthlyIsByOrdinalDay\": false,\"MonthlyOrdinalDay\": 0, \"MonthlyRecurEvery\": 0, \"RecurrenceType\": 0,\"RepeatDays\": 50,\"RepeatMinutes\": 0,\"RunEveryNDays\": true,\"RunNow\": true,\"RunOnce\": true,\"RunPeriodically\": false,\"StartDate\": \"2019-01-04T02:14:27.5120788-08:00\", \"WeeklyDay\": 0, \"WeeklyRecurEvery\": 0}},\"JobType\":\"CollectionJob\"}", sentLength: 1299 },
  { script: 'DeleteAssets', run: "example GUIDs (commented \"Like\" example)", commented: true, method: 'DELETE', path: '/ccs/api/v1/assets', auth: true, contentType: true, body: "[\"19cdaca5-ae26-422b-a07a-936599134768\",\"1e80bf4e-afaa-4b83-ae4b-a02b42be4045\"]", sentLength: 79 },
  { script: 'DeleteAssets', run: "placeholder GUIDs (active)", commented: false, method: 'DELETE', path: '/ccs/api/v1/assets', auth: true, contentType: true, body: "[\"<Asset GUID>\",\"<Asset GUID>\"]", sentLength: 31, placeholders: { '<Asset GUID>': [WIN_OLD_1, WIN_OLD_2] } },
  { script: 'DeleteJob', run: "delete by jobid", commented: false, method: 'DELETE', path: '/ccs/api/v1/Jobs', query: "jobid=%3CJobID%3E", auth: true, contentType: true, body: "\r", sentLength: 1, placeholders: { '<JobID>': DECOMMISSIONED_JOB } },
  { script: 'DeleteStandards', run: "by Name and by ID", commented: false, method: 'DELETE', path: '/ccs/api/v1/Standards', auth: true, contentType: true, body: "{\"StandardList\":[{\"Type\":\"Name\",\"Standards\":[\"Test Standard for AIX\",\"Test Windows 2012\"]},{\"Type\":\"ID\",\"Standards\":[\"77fd3e2e4e7e1800-3775-4ba8-9b9d-37d16cccd5a7\",\"3a9abc89-ae28-46ec-ab6f-0885e40e90e1\",\"78d3c003-5f02-4d39-82b8-a90a8613167c\"]}],\"ContainerPath\":\"standards\",\"DeletePredefinedStandard\":\"false\"}", sentLength: 308 },
  { script: 'GetAllAssetsByAssetGroupID', run: "only run", commented: false, method: 'GET', path: '/ccs/api/v1/AssetGroup/817fd810-83e1-4a29-85ea-8aa6204421e3/Assets', auth: true, contentType: true, finds: 'assetDataList' },
  { script: 'GetAssetDetailsByID', run: "only run", commented: false, method: 'GET', path: '/ccs/api/v1/Assets/1169462b-e9bd-46f4-827a-7ac9b1a220d1', auth: true, contentType: true },
  { script: 'GetAssetGroupDetailsByID', run: "only run", commented: false, method: 'GET', path: '/ccs/api/v1/AssetGroup/817fd810-83e1-4a29-85ea-8aa6204421e3', auth: true, contentType: true },
  { script: 'GetEvaluationRawResults', run: "assetid+standardid+jobrunid (active)", commented: false, method: 'POST', path: '/ccs/api/v1/Results', auth: true, contentType: true, body: "{\"assetid\" : \"7ca3a38e-1e51-42ef-8b5d-88813eae0c14\", \"standardid\" : \"6b020d29-5fe8-47d0-bd89-ccd3339a5ebe\", \"jobrunid\" : \"cae05ae3-8454-43a9-9139-f678b66decf7\"}", sentLength: 160 },
  { script: 'GetEvaluationRawResults', run: "assetid+standardid+standardversion", commented: true, method: 'POST', path: '/ccs/api/v1/Results', auth: true, contentType: true, body: "{\"assetid\" : \"7ca3a38e-1e51-42ef-8b5d-88813eae0c14\", \"standardid\" : \"6b020d29-5fe8-47d0-bd89-ccd3339a5ebe\", \"standardversion\" : \"1.3.0\"}", sentLength: 136 },
  { script: 'GetEvaluationRawResults', run: "assetid+standardid (latest)", commented: true, method: 'POST', path: '/ccs/api/v1/Results', auth: true, contentType: true, body: "{\"assetid\" : \"7ca3a38e-1e51-42ef-8b5d-88813eae0c14\", \"standardid\" : \"6b020d29-5fe8-47d0-bd89-ccd3339a5ebe\"}", sentLength: 107 },
  { script: 'GetEvaluationRawResults', run: "assetid+standardid+checkidlist", commented: true, method: 'POST', path: '/ccs/api/v1/Results', auth: true, contentType: true, body: "{\"assetid\" : \"df8ce907-7c21-46d7-9372-79a5f5736088\", \"standardid\" : \"f61462b9-8f18-4e39-9e81-509e530fc231\", \"checkidlist\" : [\"7673bba8-1933-41ce-98d8-7fa7cca60c9f\",\"f8e64a6c-abe5-4eab-bfe9-19f1c4ad0c85\",\"62a3ce34-c54b-4800-9c87-2a31bcd7de66\",\"0f2a0ae1-150c-4658-b9c0-bfb6e17693c7\"]}", sentLength: 282 },
  { script: 'GetEvaluationReport', run: "placeholders as shipped", commented: false, method: 'GET', path: '/ccs/api/v1/Reports', query: "assetid=%3CAssetID%3E&standardid=%3CStandardID%3E&reportfiletype=excel&jobrunid=%3CJobRunID%3E", auth: true, contentType: true, placeholders: { '<AssetID>': SAMPLE_RESULTS_ASSET, '<StandardID>': RHEL_STANDARD, '<JobRunID>': FIXTURE_RUN }, binary: true },
  { script: 'GetLatestNJobRuns', run: "count=1 (active)", commented: false, method: 'GET', path: '/ccs/api/v1/Jobs/a282d163-2248-4904-8135-0eaf08be8e55/jobruns', query: "count=1", auth: true, contentType: false, finds: '[]' },
  { script: 'GetLatestNJobRuns', run: "count=0 (all runs, commented)", commented: true, method: 'GET', path: '/ccs/api/v1/Jobs/a282d163-2248-4904-8135-0eaf08be8e55/jobruns', query: "count=0", auth: true, contentType: false, finds: '[]' },
  { script: 'GetRemediationTicketDetailsByID', run: "only run", commented: false, method: 'GET', path: '/ccs/api/v1/RemediationTickets', query: "TicketNumber=INCA0000001", auth: true, contentType: true },
  { script: 'PerformJobOperation', run: "execute job (active)", commented: false, method: 'POST', path: '/ccs/api/v1/jobs/0b3b6ac7-acc9-42f1-9db9-bf89d7bd6e16', auth: true, contentType: true, body: "{\r\n\"Operation\":\"execute\"\r\n}\r\n", sentLength: 29 },
  { script: 'PerformJobOperation', run: "abort job run (commented)", commented: true, method: 'POST', path: '/ccs/api/v1/jobs/a348fb16-6d5b-4de3-bfd3-13f214a01538', auth: true, contentType: true, body: "{\r\n\"Operation\":\"abort\"\r\n}\r\n", sentLength: 27 },
  { script: 'SearchAssets', run: "simple search (commented)", commented: true, method: 'GET', path: '/ccs/api/v1/Assets', query: "attributes=displayname+Contains+10.211.64", auth: true, contentType: false, finds: 'assetDataList' },
  { script: 'SearchAssets', run: "advanced search (active)", commented: false, method: 'GET', path: '/ccs/api/v1/Assets', query: "attributes=%28symc-csm-AssetSystem-Asset-unix-Machine-OSSystem+Contains+linux%2C+displayname+Contains+10.211.64%29&ContainerPath=asset+system&searchsubtree=false&page=0&pagesize=1", auth: true, contentType: false, finds: 'assetDataList' },
  { script: 'SearchAssetsGroup', run: "simple search (active)", commented: false, method: 'GET', path: '/ccs/api/v1/AssetGroup', query: "Attributes=%28displayName+%3D+All+DB2+%2A%29", auth: true, contentType: false, finds: 'assetGroupDataList' },
  { script: 'SearchAssetsGroup', run: "advanced search (commented)", commented: true, method: 'GET', path: '/ccs/api/v1/AssetGroup', query: "Attributes=%28displayName+%3D+%2A%29&ContainerPath=Asset+system&SearchSubTree=True", auth: true, contentType: false, finds: 'assetGroupDataList' },
  { script: 'SearchJobByID', run: "only run", commented: false, method: 'GET', path: '/ccs/api/v1/Jobs/a282d163-2248-4904-8135-0eaf08be8e55', auth: true, contentType: true },
  { script: 'SearchJobByName', run: "only run", commented: false, method: 'GET', path: '/ccs/api/v1/Jobs', query: "jobname=Online-Normal+std-AL", auth: true, contentType: true, finds: 'JobName' },
  { script: 'SearchRemediationTickets', run: "only run", commented: false, method: 'GET', path: '/ccs/api/v1/RemediationTickets', query: "Fields=%28TicketState%3D1%2CTicketProviderType%3D2%29&page=0&pagesize=2", auth: true, contentType: true, finds: 'ticketDataList' },
  { script: 'SearchStandards', run: "displayName Contains red hat (active)", commented: false, method: 'GET', path: '/ccs/api/v1/Standards', query: "attributes=displayName+Contains+red+hat&ContainerPath=standards%5Cpredefined%5Cunix&Searchsubtree=true", auth: true, contentType: true, finds: 'standardDataList' },
  { script: 'SearchStandards', run: "displayName Contains cis + Symc-Standard-Author=symantec", commented: true, method: 'GET', path: '/ccs/api/v1/Standards', query: "attributes=displayName+Contains+cis%2CSymc-Standard-Author%3Dsymantec&ContainerPath=standards%5Cpredefined%5Cunix&Searchsubtree=true", auth: true, contentType: true, finds: 'standardDataList' },
  { script: 'SearchStandards', run: "displayName Contains apache + symc-Standard-TargetTypeIDs", commented: true, method: 'GET', path: '/ccs/api/v1/Standards', query: "attributes=displayName+Contains+apache%2Csymc-Standard-TargetTypeIDs%3D97546792-56b0-4020-9d88-f8786371f2d9&ContainerPath=standards%5Cpredefined%5Cunix&Searchsubtree=true", auth: true, contentType: true, finds: 'standardDataList' },
  { script: 'UpdateJob', run: "only run", commented: false, method: 'PATCH', path: '/ccs/api/v1/Jobs', auth: true, contentType: true, body: "{\"JobDetails\":{\"JobDescription\": \"Update Job Description\",\"JobName\": \"Test_Job\"},\"JobID\":\"2a221e47-f38a-4a6b-af20-43d650e6d56b\"}", sentLength: 128 },
  { script: 'UpdateRemediationTicket', run: "only run", commented: false, method: 'PATCH', path: '/ccs/api/v1/remediationtickets/', auth: true, contentType: true, body: " {\"TicketNumber\":\"INCA0000001\",\"ticketDescription\":\"Description updated\",\"Priority\":\"Low\",\"AssignedTo\":\"AzadRai\", \"TicketState\":\"4\"}", sentLength: 132 }

]

function fill (text: string, placeholders: Record<string, string | string[]>, encode: (s: string) => string): string {
  let filled = text
  for (const [placeholder, value] of Object.entries(placeholders)) {
    for (const one of Array.isArray(value) ? value : [value]) filled = filled.replace(encode(placeholder), one)
  }
  return filled
}

/** The request a run makes: python-requests' headers in its order, Content-Length from the (filled) body. */
function prepare (run: Run, token: string | undefined): { method: Run['method'], url: string, headers: Record<string, string>, payload?: string } {
  const placeholders = run.placeholders ?? {}
  const body = run.body === undefined ? undefined : fill(run.body, placeholders, (s) => s)
  const query = run.query === undefined ? '' : `?${fill(run.query, placeholders, encodeURIComponent)}`
  return {
    method: run.method,
    url: `${run.path}${query}`,
    headers: {
      ...DEFAULT_HEADERS,
      ...(run.auth && token !== undefined ? { Authorization: `Bearer ${token}` } : {}),
      ...(run.contentType ? { 'Content-Type': 'application/json' } : {}),
      ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) })
    },
    ...(body === undefined ? {} : { payload: body })
  }
}

/** getToken() of every script but CreateTokens: a form body by concatenation, nothing URL-encoded, labelled JSON. */
const TOKEN_RUN: Run = { script: 'getToken()', run: 'token', commented: false, method: 'POST', path: '/ccs/api/v1/oauth/tokens', auth: false, contentType: true, body: `grant_type=password&username=${USER}&password=${PASSWORD}`, sentLength: 68, token: true }

function tokenOf (t: Test, res: LightMyRequestResponse): string {
  t.equal(res.statusCode, 200, res.statusCode === 200 ? 'token: 200' : `token: 200 (${res.body.slice(0, 200)})`)
  const body = res.json() as { access_token?: string, refresh_token?: string }
  t.type(body.refresh_token, 'string', 'refresh_token, which the scripts read too')
  return body.access_token ?? ''
}

t.test('the runs are written byte for byte', async (t) => {
  t.equal(RUNS.length, 37, '37 runs: 35 over the 21 scripts and 2 of CreateAssets.py (samples.md, "Run count")')
  t.equal(new Set(RUNS.map((r) => r.script)).size, 22)
  for (const run of [TOKEN_RUN, ...RUNS]) {
    if (run.body !== undefined && run.placeholders === undefined) t.equal(Buffer.byteLength(run.body), run.sentLength, `${run.script} ${run.run}: the body python-requests sent`)
  }
})

t.test('every vendor sample run against a fresh server with the default fixtures', async (t) => {
  const { app } = await build(t)
  for (const run of RUNS) {
    await t.test(`${run.script}: ${run.run}`, async (t) => {
      const token = run.token === true ? undefined : tokenOf(t, await app.inject(prepare(TOKEN_RUN, undefined)))
      const res = await app.inject(prepare(run, token))
      const ok = res.statusCode >= 200 && res.statusCode < 300
      t.ok(ok, ok ? `2xx (${res.statusCode})` : `2xx (${res.statusCode}: ${res.body.slice(0, 300)})`)
      if (run.token === true) {
        tokenOf(t, res)
        return
      }
      if (run.binary === true) return
      t.equal(res.headers['content-type'], JSON_UTF8, 'JSON (SearchAssets and SearchAssetsGroup parse it)')
      const body = res.json() as Record<string, unknown> | unknown[]
      if (run.finds === '[]') t.ok(Array.isArray(body) && body.length > 0, 'finds at least one')
      else if (run.finds !== undefined && !Array.isArray(body)) {
        const found = body[run.finds]
        t.ok(Array.isArray(found) ? found.length > 0 : found !== undefined, `finds at least one (${run.finds})`)
      }
    })
  }
})
