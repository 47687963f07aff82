import { FOLDERS, ROLES, TASKS, type Requirement } from './auth/permissions.js'

/**
 * What each of the vendor's REST pages ("Control Compliance Suite … REST API
 * Documentation", Broadcom TechDocs 12.7.0) says about its operation: the tasks and
 * folders it needs, every input and the response. One row per page. The routes
 * authorize and select operations from it, the OpenAPI descriptions and the
 * per-operation section of docs/decisions.md are generated from it, and
 * test/routes/operation-rules.test.ts walks it row by row.
 */

/** Where a fact comes from, in the brief's order of sources. */
export type Source = 'page' | 'sample' | 'public client' | 'choice'

export interface InputRule {
  /** As the page prints it; query and body names match in any letter case. */
  name: string
  in: 'path' | 'query' | 'body'
  mandatory: boolean
  /** Mandatory only then (the page's "Mandatory (if …)"). */
  mandatoryWhen?: string
  /** The page's data type. */
  type: string
  /** The value used when the input is absent. */
  default?: string
  says: string
  source: Source
}

export interface OperationRule {
  /** The page's title, exactly. */
  title: string
  url?: string
  /** The Web API controller the route belongs to (named in "No action was found on the controller …"). */
  controller: string
  /** false: no bearer token (OWIN's token endpoint). */
  authenticated: boolean
  requirement: Requirement
  /** "Only a CCS user who creates a job can delete that job." */
  creatorOnly?: boolean
  inputs: readonly InputRule[]
  response: { says: string, source: Source }
}

const TECHDOCS = 'https://techdocs.broadcom.com/us/en/symantec-security-software/information-security/control-compliance-suite/12-7-0/REST-API-Documentation/control-compliance-suite-restful-apis-v128620200-d8e339889'
const TECHDOCS_V2 = 'https://techdocs.broadcom.com/us/en/symantec-security-software/information-security/control-compliance-suite/12-7-0/REST-API-Documentation/CCS-API-Version-2-(ccs-api-v2)/apis-for-agents'
/** The remediation pages name a role, no tasks, and "permission on the standard and the assets that are mentioned in the ticket". */
const REMEDIATION = { tasks: [], role: ROLES.remediationAdministrator, folders: { kind: 'items', what: 'the standard and the assets the ticket mentions' } } as const
/** The v2 agent pages: "Manage Agents", "View Assets" and "the following folder: Asset System". */
const AGENTS_V2 = { tasks: [TASKS.manageAgents, TASKS.viewAssets], folders: { kind: 'folders', folders: [FOLDERS.assetSystem] } } as const
const BOTH_FOLDERS = { kind: 'folders', folders: [FOLDERS.assetSystem, FOLDERS.standards] } as const
const JOB_READ_TASKS = [TASKS.viewAllJobs, TASKS.viewStandards, TASKS.viewAssets]
const CREATE_JOB_TASKS = [TASKS.viewStandards, TASKS.viewAssets, TASKS.manageJobs, TASKS.collectData, TASKS.evaluateStandards, TASKS.viewEvaluationResults]

const input = (name: string, where: InputRule['in'], mandatory: boolean, type: string, says: string, more: Partial<InputRule> = {}): InputRule =>
  ({ name, in: where, mandatory, type, says, source: 'page', ...more })

const ATTRIBUTES_TERMS = 'a comma-separated list of `<attribute> <operator> <value>` terms'
const ATTRIBUTES_SAYS = `${ATTRIBUTES_TERMS}; the operators are case-sensitive`
/** Only the Search Assets and Search Standards pages say "All these query operators are case-sensitive"; Search Jobs and Search Asset Group do not in their stored text. */
const caseCarriedOver = (why: string): string => `the operators are case-sensitive, carried over from the Search Assets and Search Standards pages (${why})`
const paging = (source: Source): InputRule[] => [
  input('page', 'query', false, 'Integer', 'the 0-based page', { default: '0', source }),
  input('pagesize', 'query', false, 'Integer', 'items per page, 1–1000', { default: '100', source })
]
const searchScope = (folder: string, pageShows: string): InputRule[] => [
  input('ContainerPath', 'query', false, 'String', `the folder to search (URL template: "${pageShows}"); its table row is not in the stored page`, { default: `every folder under ${folder}`, source: 'choice' }),
  input('SearchSubTree', 'query', false, 'Boolean', 'whether sub-folders of ContainerPath are searched (URL template); its table row is not in the stored page', { default: 'True', source: 'choice' })
]

const JOB_DETAILS: InputRule[] = [
  input('JobDetails.AssetsResolutionInfo', 'body', true, 'IList<AssetResolutionInfo>', 'the assets or asset groups (`{Id, Type}`) to collect from or evaluate'),
  input('JobDetails.JobName', 'body', true, 'String', 'the name of the job'),
  input('JobDetails.Standards', 'body', true, 'IList<Guid>', 'the GUIDs of the standards'),
  input('JobType', 'body', true, 'String', '`CollectionEvaluationJob`, `CollectionJob` or `EvaluationJob`, case-sensitive'),
  input('JobDetails.JobDescription', 'body', false, 'String', 'the description of the job', { default: '""' }),
  input('JobDetails.AssetTimeOut', 'body', false, 'Integer', 'minutes per agent-based asset, 1–500', { default: '60 (choice)' }),
  input('JobDetails.IsIncremental', 'body', false, 'Boolean', 'collect only data older than IncrementalPeriod days', { default: 'true when IncrementalPeriod is sent, else false' }),
  input('JobDetails.IncrementalPeriod', 'body', false, 'Integer', 'days, up to 100', { default: '1' }),
  input('JobDetails.CollectionOnlyTimeOutHours', 'body', false, 'Integer', 'collection limit in hours, up to 1000', { default: '0 (choice)' }),
  input('JobDetails.CollectionOnlyTimeOutMins', 'body', false, 'Integer', 'collection limit in minutes, up to 59', { default: '0 (choice)' }),
  input('JobDetails.SuccessNotification', 'body', false, 'NotificationData', 'sent when the job succeeds', { mandatoryWhen: 'ShouldSendSuccessNotification is true' }),
  input('JobDetails.FailureNotification', 'body', false, 'NotificationData', 'sent when the job does not succeed', { mandatoryWhen: 'ShouldSendFailureNotification is true' }),
  input('JobDetails.ShouldSendSuccessNotification', 'body', false, 'Boolean', 'enable success notifications', { default: 'false' }),
  input('JobDetails.ShouldSendFailureNotification', 'body', false, 'Boolean', 'enable failure notifications', { default: 'false' }),
  input('JobDetails.ShouldSynchronizeResults', 'body', false, 'Boolean', 'synchronize results with the reporting database', { default: 'false' }),
  input('JobDetails.Schedule', 'body', false, 'IncrementalScheduleData', 'the schedule (the page\'s Schedule fields table; see "Schedule" above)', { default: 'none: the job runs only when executed' })
]

export const OPERATION_RULES = {
  createToken: {
    title: 'Using token-based authentication for Control Compliance Suite RESTful APIs',
    url: 'https://apidocs.symantec.com/home/CCS',
    controller: 'oauth',
    authenticated: false,
    requirement: { tasks: [], folders: { kind: 'none' } },
    inputs: [
      input('grant_type', 'body', true, 'String', '`password` (Windows credentials) or `refresh_token`', { source: 'sample' }),
      input('username', 'body', false, 'String', 'the Windows account, e.g. `domain1\\administrator`', { mandatoryWhen: 'grant_type is password', source: 'sample' }),
      input('password', 'body', false, 'String', 'its password', { mandatoryWhen: 'grant_type is password', source: 'sample' }),
      input('refresh_token', 'body', false, 'String', 'the refresh token of an earlier answer', { mandatoryWhen: 'grant_type is refresh_token', source: 'choice' })
    ],
    response: { says: '"an access token along with a refresh token"; the samples read `access_token` and `refresh_token`, a public client `expires_in`', source: 'page' }
  },
  createJob: {
    title: 'Create Job (for data collection and evaluation)',
    url: `${TECHDOCS}/apis-job-service/create-job-for-data-collection-and-evaluation-v128633287-d8e341803.html`,
    controller: 'Jobs',
    authenticated: true,
    requirement: { tasks: CREATE_JOB_TASKS, folders: BOTH_FOLDERS },
    inputs: JOB_DETAILS,
    response: { says: '`{"JobID": "<guid>"}`', source: 'page' }
  },
  updateJob: {
    title: 'Update Job (for data collection and evaluation)',
    url: `${TECHDOCS}/apis-job-service/update-job-for-data-collection-and-evaluation-v128846931-d8e343682.html`,
    controller: 'Jobs',
    authenticated: true,
    requirement: { tasks: CREATE_JOB_TASKS, folders: BOTH_FOLDERS },
    inputs: [
      input('JobID', 'body', true, 'GUID', 'the job to change, next to JobDetails', { source: 'sample' }),
      input('JobDetails', 'body', true, 'JobDetails', '"You can update all or any of these parameters": every field of Create Job, each optional (AssetsResolutionInfo: "Optional")')
    ],
    response: { says: 'not in the stored page; ccs-mock answers `{"JobID"}` like Create Job', source: 'choice' }
  },
  deleteJob: {
    title: 'Delete Job',
    url: `${TECHDOCS}/apis-job-service/delete-job-v128646714-d8e345217.html`,
    controller: 'Jobs',
    authenticated: true,
    requirement: { tasks: [TASKS.viewStandards, TASKS.manageJobs, TASKS.collectData, TASKS.evaluateStandards, TASKS.viewEvaluationResults], folders: BOTH_FOLDERS },
    creatorOnly: true,
    inputs: [
      input('JobID', 'query', true, 'GUID', 'the job to delete (`jobid=`)'),
      input('DeleteJob', 'query', false, 'Boolean', 'True: delete the job from the CCS directory; False: delete only its history from the SQL store', { default: 'True (the vendor\'s delete sample sends only jobid, "to Delete the custom created job")' })
    ],
    response: { says: 'not in the stored page; ccs-mock answers `{"JobID", "JobDeleted", "JobRunsDeleted"}`', source: 'choice' }
  },
  jobOperation: {
    title: 'Job Operation',
    url: `${TECHDOCS}/apis-job-service/job-operation-v128883137-d8e343147.html`,
    controller: 'Jobs',
    authenticated: true,
    requirement: { tasks: [TASKS.manageJobs, TASKS.collectData, TASKS.viewAllJobs, TASKS.viewAssets, TASKS.viewStandards, TASKS.viewEvaluationResults, TASKS.evaluateStandards], folders: BOTH_FOLDERS },
    inputs: [
      input('JobID or JobRunID', 'path', true, 'GUID', 'a JobID to execute a job now, a JobRunID to stop a running job'),
      input('Operation', 'body', true, 'String', '"These values are not case-sensitive" (the list is lost; the samples send `execute` and `abort`)')
    ],
    response: { says: 'not in the stored page; ccs-mock answers `{"JobID", "JobRunID", "Operation", "Status"}`', source: 'choice' }
  },
  getJob: {
    title: 'Search Job by ID',
    url: `${TECHDOCS}/apis-job-service/search-job-by-id-v128999182-d8e346990.html`,
    controller: 'Jobs',
    authenticated: true,
    requirement: { tasks: JOB_READ_TASKS, folders: BOTH_FOLDERS },
    inputs: [input('JobID', 'path', true, 'GUID', 'the job')],
    response: { says: '"job properties and configuration details" (fields not in the stored page; ccs-mock answers the stored job)', source: 'page' }
  },
  searchJobByName: {
    title: 'Search Job by Name',
    url: `${TECHDOCS}/apis-job-service/search-job-by-name-v129009958-d8e347418.html`,
    controller: 'Jobs',
    authenticated: true,
    requirement: { tasks: JOB_READ_TASKS, folders: BOTH_FOLDERS },
    inputs: [input('JobName', 'query', true, 'String', 'the exact name of the job (`jobname=`)')],
    response: { says: '"job properties and configuration details", as by ID', source: 'page' }
  },
  searchJobs: {
    title: 'Search Jobs',
    url: `${TECHDOCS}/apis-job-service/search-jobs.html`,
    controller: 'Jobs',
    authenticated: true,
    requirement: { tasks: JOB_READ_TASKS, folders: BOTH_FOLDERS },
    inputs: [
      input('Attributes', 'query', true, 'String', `${ATTRIBUTES_TERMS} over JobName, JobID, JobCategory, JobType, JobCreationTime, JobModifiedTime, LastRunStatus, LastRunDate; ${caseCarriedOver('this page leaves the operators to "Supported Job Parameters", which is not in the store')}`),
      ...paging('choice')
    ],
    response: { says: '"job properties and configuration details" of each job (list shape not in the stored page; ccs-mock: `{jobDataList, TotalPages}`)', source: 'choice' }
  },
  getJobRuns: {
    title: 'Get Latest Job Runs',
    url: `${TECHDOCS}/apis-job-service/get-latest-job-runs-v128646715-d8e345832.html`,
    controller: 'Jobs',
    authenticated: true,
    requirement: { tasks: JOB_READ_TASKS, folders: BOTH_FOLDERS },
    inputs: [
      input('JobID', 'path', true, 'GUID', 'the job'),
      input('Count', 'query', false, 'Integer', 'how many of the latest runs; 0: all', { default: '1' }),
      input('showmessages', 'query', false, 'Boolean', '"the error messages along with their count for each job run, date and time, error m…" (the stored page stops there)', { default: 'False (choice)' })
    ],
    response: { says: 'not in the stored page; ccs-mock answers a list of runs, newest first; with showmessages=true each run also carries `MessageCount` and `Messages` (`Time`, `Severity`, `Message`)', source: 'choice' }
  },
  searchAssets: {
    title: 'Search Assets',
    url: `${TECHDOCS}/apis-for-asset-service/search-assets-v128620202-d8e339892.html`,
    controller: 'Assets',
    authenticated: true,
    requirement: { tasks: [TASKS.viewAssets], folders: { kind: 'subfolders', folder: FOLDERS.assetSystem } },
    inputs: [
      input('Attributes', 'query', true, 'String', `${ATTRIBUTES_SAYS}; a comma is AND ('&') or OR ('|')`),
      ...searchScope(FOLDERS.assetSystem, 'ContainerPath=<Asset system path value>&SearchSubTree=<True/False>'),
      ...paging('public client')
    ],
    response: { says: 'not in the stored page; a public client reads `assetDataList[].Id` and `TotalPages`', source: 'public client' }
  },
  getAsset: {
    title: 'Get Asset Details by ID',
    url: `${TECHDOCS}/apis-for-asset-service/get-asset-details-by-id-v129903928-d8e340807.html`,
    controller: 'Assets',
    authenticated: true,
    requirement: { tasks: [TASKS.viewAssets], folders: { kind: 'subfolders', folder: FOLDERS.assetSystem } },
    inputs: [input('AssetID', 'path', true, 'GUID', 'the asset')],
    response: { says: '`{ "DisplayName", "ID", "Type", "Path", "Attributes": [...], "symc-csm-AssetSystem-Asset-Ass…" }` (cut there)', source: 'page' }
  },
  createAssets: {
    title: 'Create Asset (for agentless data collection only )',
    url: `${TECHDOCS}/apis-for-asset-service/create-asset-for-agentless-data-collection-only-v128646710-d8e344300.html`,
    controller: 'Assets',
    authenticated: true,
    requirement: { tasks: [TASKS.viewAssets, TASKS.manageAssets], folders: { kind: 'subfolders', folder: FOLDERS.assetSystem } },
    inputs: [input('(body)', 'body', true, 'JSON array', 'one object per asset: `Type` and the type\'s attributes (the per-platform tables are not in the stored page)')],
    response: { says: 'not in the stored page; ccs-mock answers the new GUIDs', source: 'choice' }
  },
  deleteAssets: {
    title: 'Delete Asset',
    url: `${TECHDOCS}/apis-for-asset-service/delete-asset-v129011968-d8e345555.html`,
    controller: 'Assets',
    authenticated: true,
    requirement: { tasks: [TASKS.viewAssets, TASKS.manageAssets], folders: { kind: 'subfolders', folder: FOLDERS.assetSystem } },
    inputs: [input('(body)', 'body', true, 'JSON array of GUIDs', '"an array of asset GUIDs"')],
    response: { says: 'not in the stored page; ccs-mock answers the deleted GUIDs', source: 'choice' }
  },
  deleteAssetsAndAgents: {
    title: 'Delete Assets and Agents',
    url: `${TECHDOCS}/apis-for-asset-service/delete-assets-and-agents.html`,
    controller: 'AssetsAndAgents',
    authenticated: true,
    requirement: { tasks: [TASKS.viewAgents, TASKS.viewAssets, TASKS.manageAgents, TASKS.manageAssets], folders: { kind: 'subfolders', folder: FOLDERS.assetSystem } },
    inputs: [
      input('AssetIds', 'body', true, 'GUID', '"the unique identifier for an asset that you want to delete. Use a comma to separate multiple asset IDs" (a list or comma-separated text)'),
      input('DelinkAgentsAndAssetsOnly', 'body', false, 'Boolean', '"If this parameter is True then the assets are only delinked from their agents"', { default: 'False (choice)' }),
      input('DeleteAgent', 'body', false, 'Boolean', '"set to true to delete the agents. If this option is false then only the assets are delet…" (cut there)', { default: 'False (choice)' })
    ],
    response: { says: 'not in the stored page (its URL cell is lost too: the path `DELETE AssetsAndAgents` is ccs-mock\'s); ccs-mock answers `{DeletedAssets, DeletedAgents, DelinkedAssets}`', source: 'choice' }
  },
  searchAssetGroups: {
    title: 'Search Asset Group',
    url: `${TECHDOCS}/apis-for-asset-group-service/search-asset-group-v128623705-d8e341123.html`,
    controller: 'AssetGroup',
    authenticated: true,
    requirement: { tasks: [TASKS.viewAssets], folders: { kind: 'subfolders', folder: FOLDERS.assetSystem } },
    inputs: [
      input('Attributes', 'query', true, 'String', `${ATTRIBUTES_TERMS}; ${caseCarriedOver('this page\'s stored text stops at "The ‘OP’ placeholder"')}`),
      ...searchScope(FOLDERS.assetSystem, 'ContainerPath=Asset system path value& SearchSubTree=True\\False'),
      ...paging('choice')
    ],
    response: { says: 'not in the stored page; ccs-mock: `{assetGroupDataList, TotalPages}`', source: 'choice' }
  },
  getAssetGroup: {
    title: 'Get Asset Group Details by Asset Group ID',
    url: `${TECHDOCS}/apis-for-asset-group-service/get-asset-group-details-by-asset-group-id-v129931972-d8e341494.html`,
    controller: 'AssetGroup',
    authenticated: true,
    requirement: { tasks: [TASKS.viewAssets], folders: { kind: 'folders', folders: [FOLDERS.assetSystem] } },
    inputs: [input('AssetGroupID', 'path', true, 'GUID', 'the asset group')],
    response: { says: 'not in the stored page (cut before the body); ccs-mock answers the group', source: 'choice' }
  },
  getAssetGroupAssets: {
    title: 'Get All Assets by Asset Group ID',
    url: `${TECHDOCS}/apis-for-asset-group-service/get-all-assets-by-asset-group-id-v129919896-d8e340433.html`,
    controller: 'AssetGroup',
    authenticated: true,
    requirement: { tasks: [TASKS.viewAssets], folders: { kind: 'subfolders', folder: FOLDERS.assetSystem } },
    inputs: [
      input('AssetGroupID', 'path', true, 'GUID', 'the asset group'),
      input('Page', 'query', false, 'Integer', 'the page, since a group "can return huge data"', { default: '0 (choice)' }),
      input('Pagesize', 'query', false, 'Integer', 'items per page (the row is not in the stored page)', { default: '100', source: 'choice' })
    ],
    response: { says: 'not in the stored page; ccs-mock: `{assetDataList, TotalPages}` as Search Assets', source: 'choice' }
  },
  searchStandards: {
    title: 'Search Standards',
    url: `${TECHDOCS}/apis-for-standard-service/search-standards-v128646724-d8e346619.html`,
    controller: 'Standards',
    authenticated: true,
    requirement: { tasks: [TASKS.viewStandards], folders: { kind: 'subfolders', folder: FOLDERS.standards } },
    inputs: [
      input('Attributes', 'query', true, 'String', `${ATTRIBUTES_SAYS}; a comma is AND; \`*\` is a wildcard in values`),
      ...searchScope(FOLDERS.standards, 'ContainerPath=<Container path value>&SearchSubTree=<True/False>'),
      ...paging('choice')
    ],
    response: { says: 'not in the stored page; ccs-mock: `{standardDataList, TotalPages}`', source: 'choice' }
  },
  deleteStandards: {
    title: 'Delete Standards',
    url: `${TECHDOCS}/apis-for-standard-service/delete-standards-v129873561-d8e347846.html`,
    controller: 'Standards',
    authenticated: true,
    requirement: { tasks: [TASKS.viewStandards, TASKS.manageStandards], folders: { kind: 'subfolders', folder: FOLDERS.standards } },
    inputs: [
      input('StandardList[].Type', 'body', true, 'String', '`ID` or `Name`, "not case sensitive"'),
      input('StandardList[].Standards', 'body', true, 'GUID or String', 'the standards, by GUID or by name; "up to 10 standards per request"'),
      input('ContainerPath', 'body', false, 'String', 'the folder to delete from (the row is not in the stored page)', { default: 'Standards', source: 'choice' }),
      input('DeleteFromSubfolder', 'body', false, 'Boolean', 'also delete from sub-folders (the row is not in the stored page)', { default: 'True', source: 'choice' }),
      input('DeletePredefinedStandard', 'body', false, 'Boolean', 'allow deleting predefined standards (the row is not in the stored page)', { default: 'False', source: 'choice' })
    ],
    response: { says: 'not in the stored page; ccs-mock answers the deleted GUIDs', source: 'choice' }
  },
  getResults: {
    title: 'Get Raw Results in JSON Format',
    url: `${TECHDOCS}/api-for-evaluation-results-service/get-raw-results-in-json-format-v130289666-d8e349685.html`,
    controller: 'Results',
    authenticated: true,
    requirement: { tasks: [TASKS.viewEvaluationResults], folders: { kind: 'none' } },
    inputs: [
      input('AssetID', 'body', true, 'GUID', 'the evaluated asset'),
      input('StandardID', 'body', true, 'GUID', 'the standard the asset was evaluated against'),
      input('JobRunID', 'body', false, 'GUID', 'the job run that holds the evaluation', { default: 'the latest evaluation' }),
      input('StandardVersion', 'body', false, 'String', '"n1.n2.n3" (body example); the sample: "In this case, jobrunid parameter is not needed"', { default: 'any version', source: 'sample' }),
      input('CheckIDList', 'body', false, 'List<GUID>', 'only these checks (body example and sample)', { default: 'every check', source: 'sample' })
    ],
    response: { says: 'not in the stored page; a public client reads `{"RawEvaluationResult": {"Standard Name", "Compliance Statistics": {"Data collected on date"}, "Passed Checks", "Failed Checks", "Exempted Checks", "NotApplicable Checks", "Checks to be manually reviewed"}}`, each check `{CheckID, "Check name", "Check status", Risk, AccessVector, AccessComplexity, Authentication, Confidentiality, Integrity, Availability}`', source: 'public client' }
  },
  getReport: {
    title: 'Get Evaluation Reports',
    url: `${TECHDOCS}/api-for-reports-service/get-evaluation-reports-v128646716-d8e346285.html`,
    controller: 'Reports',
    authenticated: true,
    requirement: { tasks: [TASKS.viewEvaluationResults], folders: { kind: 'none' } },
    inputs: [
      input('AssetID', 'query', true, 'GUID', 'the evaluated asset'),
      input('StandardID', 'query', true, 'GUID', 'the standard the asset was evaluated against'),
      input('ReportFileType', 'query', false, 'String', '"Currently, only Microsoft Excel file format is supported"', { default: 'excel (choice)' }),
      input('JobRunID', 'query', false, 'GUID', 'the job run whose evaluation to report (its row is not in the stored page; the sample always sends `jobrunid`)', { default: 'the latest evaluation (choice)', source: 'sample' })
    ],
    response: { says: 'not in the stored page: "download a report"; the Symantec sample writes the body to an `.xls` file; ccs-mock answers an `.xlsx` workbook', source: 'sample' }
  },
  getRemediationTicket: {
    title: 'Get Remediation Ticket Details by Ticket Number',
    url: `${TECHDOCS}/apis-for-remediation-service/get-remediation-ticket-details-by-ticket-number-v130277356-d8e348226.html`,
    controller: 'RemediationTickets',
    authenticated: true,
    requirement: REMEDIATION,
    inputs: [input('TicketNumber', 'query', true, 'String', 'the display number of the ticket ("displayed in the Ticket Number column in the Remediation workspace"), e.g. `INCA0000001`')],
    response: { says: 'not in the stored page (cut at "Response body for Get Remediation Ticket Details by Ticket…"); ccs-mock answers the ticket', source: 'choice' }
  },
  searchRemediationTickets: {
    title: 'Search Remediation Tickets',
    url: `${TECHDOCS}/apis-for-remediation-service/search-remediation-tickets-v130317748-d8e348607.html`,
    controller: 'RemediationTickets',
    authenticated: true,
    requirement: REMEDIATION,
    inputs: [
      input('Fields', 'query', true, 'String', 'comma-separated `<field>=<value>` terms; the only operator is `=`; "Comma in the list of field names is treated as \'AND\'"'),
      input('Page', 'query', false, 'Integer', 'the 0-based page (URL template; its row is not in the stored page; the sample sends page=0)', { default: '0', source: 'choice' }),
      input('PageSize', 'query', false, 'Integer', 'items per page (URL template; its row is not in the stored page)', { default: '100', source: 'choice' })
    ],
    response: { says: 'not in the stored page; ccs-mock: `{ticketDataList, TotalPages}` like the other searches', source: 'choice' }
  },
  updateRemediationTicket: {
    title: 'Update Remediation Ticket Details',
    url: `${TECHDOCS}/apis-for-remediation-service/update-remediation-ticket-details-v130280504-d8e349219.html`,
    controller: 'RemediationTickets',
    authenticated: true,
    requirement: REMEDIATION,
    inputs: [
      input('TicketNumber', 'body', true, 'String', '"a single ticket at a time" (the stored page stops before its parameter table, so no field\'s mandatory flag is on it; the intro and the JSON body give the names)'),
      input('TicketState', 'body', false, 'Integer', '"Ticket state (from 1 to 5)"; "any of or all" the four details (at least one: see "Remediation tickets", Update)'),
      input('TicketDescription', 'body', false, 'String', 'the description'),
      input('Priority', 'body', false, 'String', 'the ticket priority'),
      input('AssignedTo', 'body', false, 'String', '"user ID or email ID or user name"')
    ],
    response: { says: 'not in the stored page; ccs-mock answers the ticket as changed', source: 'choice' }
  },
  getAgentsForAsset: {
    title: 'Get Agents For Asset',
    url: `${TECHDOCS_V2}/get-agents-for-asset.html`,
    controller: 'Agents',
    authenticated: true,
    requirement: AGENTS_V2,
    inputs: [input('AssetIDs', 'body', true, 'List<GUID>', '"the unique identifier of the asset, and it supports more than one value" (a GET with a JSON body)')],
    response: { says: '`{ "TotalCount": 1, "agents": [ { "AssetId", "AgentId" } ] }`', source: 'page' }
  },
  getAssetsForAgent: {
    title: 'Get Assets For Agent',
    url: `${TECHDOCS_V2}/get-assets-for-agent.html`,
    controller: 'Agents',
    authenticated: true,
    requirement: AGENTS_V2,
    inputs: [input('AgentIDs', 'body', true, 'List<String>', '"the unique identifier of the CCS agent, and it supports more than one value" (a GET with a JSON body)')],
    response: { says: '`{ "TotalRecords": 2, "assets": [ { "AgentId", "AssetId" } ] }`', source: 'page' }
  },
  getAgentsWithoutAssets: {
    title: 'Get Agents Without Assets',
    url: `${TECHDOCS_V2}/get-agents-without-assets.html`,
    controller: 'Agents',
    authenticated: true,
    requirement: AGENTS_V2,
    inputs: [
      input('Offset', 'body', false, 'Integer', '"the number of records to be skipped before starting to return the records. (For example, >= 0)"', { default: '0 (choice)' }),
      input('numberOfRecords', 'body', false, 'Integer', '"the number of records user wants to retrieve. (For example, > 0)"', { default: 'all (choice)' })
    ],
    response: { says: '`{ "TotalAgentsWithOutAssets", "agents": [ { "ID", "Name", "FQDN", "IPAddressList", "DisplayVersion", … } ] }` (cut there)', source: 'page' }
  }
} as const satisfies Record<string, OperationRule>

export type OperationId = keyof typeof OPERATION_RULES

export const operationRule = (id: OperationId): OperationRule => OPERATION_RULES[id]

/** Per route (its list of operations): each operation with its mandatory query names, lower-cased. */
const selectors = new WeakMap<readonly OperationId[], Array<{ id: OperationId, required: string[] }>>()

function selectorOf (ids: readonly OperationId[]): Array<{ id: OperationId, required: string[] }> {
  let selector = selectors.get(ids)
  if (selector === undefined) {
    selector = ids.map((id) => ({ id, required: operationRule(id).inputs.filter((i) => i.in === 'query' && i.mandatory).map((i) => i.name.toLowerCase()) }))
    selectors.set(ids, selector)
  }
  return selector
}

/**
 * The operation a request selects among those of its route, as Web API's action
 * selector does: the first whose mandatory query parameters are all present (an
 * empty value counts); none → undefined ("No action was found on the controller").
 */
export function selectOperation (ids: readonly OperationId[], queryNames: Iterable<string>): OperationId | undefined {
  const selector = selectorOf(ids)
  // Most routes serve one operation that needs no query parameter: nothing to look at.
  if (selector.length === 1 && selector[0]?.required.length === 0) return selector[0].id
  const names = new Set([...queryNames].map((n) => n.toLowerCase()))
  return selector.find(({ required }) => required.every((name) => names.has(name)))?.id
}
