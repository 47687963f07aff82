import type { FolderRule, Requirement } from './auth/permissions.js'
import type { InputRule, OperationRule } from './operation-rules.js'

/** The folder sentence of a page, in short. */
export function describeFolders (rule: FolderRule): string {
  switch (rule.kind) {
    case 'none': return 'none ("You do not require permission on any Control Compliance Suite folder")'
    case 'folders': return `${rule.folders.join(', ')} (a right on ${rule.folders.length === 1 ? 'the folder itself' : 'each folder itself'}; a sub-folder is not enough)`
    case 'subfolders': return `a sub-folder of ${rule.folder} is enough ("You may not require permissions on the entire …"); items outside the caller's folders are not shown`
    case 'items': return `rights on ${rule.what}`
  }
}

export function describeRequirement (requirement: Requirement): string {
  const who = requirement.role ?? (requirement.tasks.length === 0 ? 'none' : requirement.tasks.join(', '))
  return `${requirement.role !== undefined ? 'Role' : 'Tasks'}: ${who}. Folders: ${describeFolders(requirement.folders)}.`
}

export function describeInput (input: InputRule): string {
  const need = input.mandatory ? 'mandatory' : input.mandatoryWhen !== undefined ? `mandatory when ${input.mandatoryWhen}` : 'optional'
  const facts = [input.in, need, input.type, ...(input.default !== undefined ? [`default ${input.default}`] : [])]
  return `\`${input.name}\` (${facts.join(', ')}): ${input.says}${input.source === 'page' ? '' : ` [${input.source}]`}`
}

/** The OpenAPI description of a route serving these operations, followed by ccs-mock's notes. */
export function describeOperations (rules: readonly OperationRule[], notes?: string): string {
  const parts = rules.map((rule) => [
    `**Vendor page:** "${rule.title}".`,
    rule.authenticated ? `**Needs** (else 403): ${describeRequirement(rule.requirement)}${rule.creatorOnly === true ? ' Only the user who created the job.' : ''}` : '**Needs:** no bearer token.',
    `**Inputs:** ${rule.inputs.map(describeInput).join('; ')}.`,
    `**Response:** ${rule.response.says}${rule.response.source === 'page' ? '' : ` [${rule.response.source}]`}.`
  ].join('\n\n'))
  return [...parts, ...(notes !== undefined ? [notes] : [])].join('\n\n')
}
