import { OPERATION_RULES, type OperationId, type OperationRule } from '../src/domain/operation-rules.js'
import { describeInput, describeRequirement } from '../src/domain/operation-text.js'

export const DECISIONS_FILE = new URL('../docs/decisions.md', import.meta.url)
const START = '<!-- operations:start (generated from src/domain/operation-rules.ts by `npm run docs:operations`) -->'
const END = '<!-- operations:end -->'

/** The test files that pin each operation, besides test/routes/operation-rules.test.ts and test/routes/xml-format.test.ts (every row). */
export const OPERATION_TESTS: Record<OperationId, string[]> = {
  createToken: ['test/routes/oauth-tokens.test.ts'],
  createJob: ['test/routes/create-job-auth.test.ts', 'test/routes/create-job-validation.test.ts'],
  updateJob: ['test/routes/job-changes.test.ts'],
  deleteJob: ['test/routes/job-changes.test.ts'],
  jobOperation: ['test/routes/job-runs.test.ts'],
  getJob: ['test/routes/job-reads.test.ts'],
  searchJobByName: ['test/routes/job-reads.test.ts'],
  searchJobs: ['test/routes/job-reads.test.ts'],
  getJobRuns: ['test/routes/job-runs.test.ts'],
  searchAssets: ['test/routes/assets.test.ts'],
  getAsset: ['test/routes/assets.test.ts'],
  createAssets: ['test/routes/asset-writes.test.ts'],
  deleteAssets: ['test/routes/asset-writes.test.ts'],
  searchAssetGroups: ['test/routes/asset-groups.test.ts'],
  getAssetGroup: ['test/routes/asset-groups.test.ts'],
  getAssetGroupAssets: ['test/routes/asset-groups.test.ts'],
  searchStandards: ['test/routes/standards.test.ts'],
  deleteStandards: ['test/routes/standard-writes.test.ts'],
  getResults: ['test/routes/results.test.ts'],
  getReport: ['test/routes/results.test.ts'],
  deleteAssetsAndAgents: ['test/routes/assets-and-agents.test.ts'],
  getRemediationTicket: ['test/routes/remediation-tickets.test.ts'],
  searchRemediationTickets: ['test/routes/remediation-tickets.test.ts'],
  updateRemediationTicket: ['test/routes/remediation-tickets.test.ts'],
  getAgentsForAsset: ['test/routes/agents.test.ts'],
  getAssetsForAgent: ['test/routes/agents.test.ts'],
  getAgentsWithoutAssets: ['test/routes/agents.test.ts']
}

const cell = (text: string): string => text.replace(/\|/g, '\\|')

function row (id: OperationId, rule: OperationRule): string {
  const needs = rule.authenticated ? `${describeRequirement(rule.requirement)}${rule.creatorOnly === true ? ' Creator only.' : ''}` : 'No token.'
  const inputs = rule.inputs.map(describeInput).join('; ')
  const response = `${rule.response.says}${rule.response.source === 'page' ? '' : ` [${rule.response.source}]`}`
  const tests = ['test/routes/operation-rules.test.ts', 'test/routes/xml-format.test.ts', ...OPERATION_TESTS[id]].map((f) => `\`${f}\``).join(', ')
  return `| "${cell(rule.title)}" (\`${id}\`) | ${cell(needs)} | ${cell(inputs)} | ${cell(response)} | ${tests} |`
}

/** The "Operations, page by page" section of docs/decisions.md, markers included. */
export function renderOperationsSection (): string {
  const rows = (Object.entries(OPERATION_RULES) as Array<[OperationId, OperationRule]>).map(([id, rule]) => row(id, rule))
  return [
    START,
    '| Page (operation) | Tasks and folders (else 403) | Inputs (where, mandatory/optional, type, default) | Response | Test |',
    '|---|---|---|---|---|',
    ...rows,
    END
  ].join('\n')
}

/** docs/decisions.md with its generated section replaced. */
export function withOperationsSection (text: string): string {
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  if (start < 0 || end < start) throw new Error('docs/decisions.md has no operations section markers')
  return `${text.slice(0, start)}${renderOperationsSection()}${text.slice(end + END.length)}`
}
