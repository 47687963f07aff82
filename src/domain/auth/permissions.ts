import { timingSafeEqual, createHash } from 'node:crypto'
import type { User } from '../../schemas/catalog.js'
import type { Catalog } from '../catalog/catalog.js'

/** CCS tasks and folders (spec §4; the write tasks from the vendor's pages for those APIs). */
export const TASKS = {
  viewStandards: 'View standards',
  viewAssets: 'View assets',
  manageJobs: 'Manage jobs',
  collectData: 'Collect data',
  evaluateStandards: 'Evaluate standards',
  viewEvaluationResults: 'View evaluation results',
  viewAllJobs: 'View all jobs',
  manageAgents: 'Manage Agents',
  viewAgents: 'View agents',
  manageAssets: 'Manage assets and asset groups',
  manageStandards: 'Manage Standards'
} as const

/** CCS roles the pages require by name (remediation tickets). */
export const ROLES = {
  remediationAdministrator: 'Remediation Administrator'
} as const

export const FOLDERS = {
  assetSystem: 'Asset System',
  standards: 'Standards'
} as const

/** What a page says about folders. */
export type FolderRule =
  /** "You do not require permission on any Control Compliance Suite folder to use this API." */
  | { kind: 'none' }
  /** "You must have the permission to access the following folders": a right on each (or above it). */
  | { kind: 'folders', folders: readonly string[] }
  /** "…access to sub-folders in the X folder. You may not require permissions on the entire …": a right on X or on any folder below it. */
  | { kind: 'subfolders', folder: string }
  /** Rights on the items the request names, checked by the operation itself (the remediation pages: "permission on the standard and the assets that are mentioned in the ticket"). */
  | { kind: 'items', what: string }

/** What a caller needs for one operation (docs/decisions.md, "Operations, page by page"). */
export interface Requirement {
  /** Every one of these tasks. */
  tasks: readonly string[]
  /** A CCS role the caller must be in (the remediation pages: "Remediation Administrator"). */
  role?: string
  folders: FolderRule
}

const lower = (s: string): string => s.toLowerCase()

/** A right on a folder covers its sub-folders: `Asset System` grants `Asset System\Unix`. */
export function hasFolder (granted: readonly string[], folder: string): boolean {
  const wanted = lower(folder)
  return granted.some((g) => wanted === lower(g) || wanted.startsWith(`${lower(g)}\\`))
}

/** Whether the user may see an item stored at `path` (its folder rights cover it). */
export function canSeePath (user: User, path: string): boolean {
  return hasFolder(user.Folders, path)
}

function hasFolders (user: User, rule: FolderRule): boolean {
  switch (rule.kind) {
    case 'none':
    case 'items':
      return true
    case 'folders':
      return rule.folders.every((f) => hasFolder(user.Folders, f))
    case 'subfolders':
      return user.Folders.some((granted) => hasFolder([rule.folder], granted))
  }
}

/** Each user's answer per requirement, worked out once: the same user calls the same operations all day. */
const permitted = new WeakMap<User, WeakMap<Requirement, boolean>>()

export function isPermitted (user: User, requirement: Requirement): boolean {
  let answers = permitted.get(user)
  if (answers === undefined) {
    answers = new WeakMap()
    permitted.set(user, answers)
  }
  let answer = answers.get(requirement)
  if (answer === undefined) {
    answer = checkPermitted(user, requirement)
    answers.set(requirement, answer)
  }
  return answer
}

function checkPermitted (user: User, requirement: Requirement): boolean {
  const tasks = new Set(user.Tasks.map(lower))
  return requirement.tasks.every((t) => tasks.has(lower(t))) &&
    (requirement.role === undefined || (user.Roles ?? []).some((r) => lower(r) === lower(requirement.role ?? ''))) &&
    hasFolders(user, requirement.folders)
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()
const sameSecret = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b))

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * The user whose password matches, or undefined. The vendor's sample says the
 * password is Base64 encoded while the samples send it raw (spec §3): accept both.
 */
export function authenticate (catalog: Pick<Catalog, 'user'>, userName: string, password: string): User | undefined {
  const user = catalog.user(userName.trim())
  if (user === undefined) return undefined
  if (sameSecret(password, user.Password)) return user
  const compact = password.trim()
  if (compact.length % 4 === 0 && BASE64.test(compact)) {
    const decoded = Buffer.from(compact, 'base64').toString('utf8')
    if (sameSecret(decoded, user.Password)) return user
  }
  return undefined
}
