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

export interface Permission {
  /** Every one of these tasks. */
  tasks: readonly string[]
  /** At least one of these tasks, when given. */
  anyOfTasks?: readonly string[]
  folders: readonly string[]
  /** A right on each of these folders or on any folder below it ("sub-folders are enough"). */
  folderTrees?: readonly string[]
  /** Every one of these roles. */
  roles?: readonly string[]
}

/** What Create Job needs (the seed's "Authorization requirements"). */
export const CREATE_JOB_PERMISSION: Permission = {
  tasks: [TASKS.viewStandards, TASKS.viewAssets, TASKS.manageJobs, TASKS.collectData, TASKS.evaluateStandards, TASKS.viewEvaluationResults],
  folders: [FOLDERS.assetSystem, FOLDERS.standards]
}

/** Changing, deleting, running and aborting jobs (docs/decisions.md). */
export const MANAGE_JOBS_PERMISSION: Permission = { tasks: [TASKS.manageJobs], folders: [] }

/** Reading jobs: Manage jobs (own jobs) or View all jobs. */
export const READ_JOBS_PERMISSION: Permission = {
  tasks: [],
  anyOfTasks: [TASKS.manageJobs, TASKS.viewAllJobs],
  folders: []
}

/**
 * Create Asset and Delete Asset (vendor pages): View assets and Manage assets and asset
 * groups; folder rights are checked per asset, since a sub-folder of Asset System is enough.
 */
export const MANAGE_ASSETS_PERMISSION: Permission = {
  tasks: [TASKS.viewAssets, TASKS.manageAssets],
  folders: [],
  folderTrees: [FOLDERS.assetSystem]
}

/**
 * The remediation ticket pages: the Remediation Administrator role (no task list);
 * rights on a ticket's standard and assets are checked per ticket.
 */
export const REMEDIATION_PERMISSION: Permission = { tasks: [], folders: [], roles: [ROLES.remediationAdministrator] }

/** Delete Assets and Agents (vendor page): the agent and asset tasks; folder rights checked per asset. */
export const MANAGE_ASSETS_AND_AGENTS_PERMISSION: Permission = {
  tasks: [TASKS.viewAgents, TASKS.viewAssets, TASKS.manageAgents, TASKS.manageAssets],
  folders: [],
  folderTrees: [FOLDERS.assetSystem]
}

/** Delete Standards (vendor page): View standards and Manage Standards; folders per standard. */
export const MANAGE_STANDARDS_PERMISSION: Permission = {
  tasks: [TASKS.viewStandards, TASKS.manageStandards],
  folders: [],
  folderTrees: [FOLDERS.standards]
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

export function isPermitted (user: User, permission: Permission): boolean {
  const tasks = new Set(user.Tasks.map(lower))
  return permission.tasks.every((t) => tasks.has(lower(t))) &&
    (permission.anyOfTasks === undefined || permission.anyOfTasks.some((t) => tasks.has(lower(t)))) &&
    permission.folders.every((f) => hasFolder(user.Folders, f)) &&
    (permission.folderTrees ?? []).every((root) => user.Folders.some((granted) => hasFolder([root], granted))) &&
    (permission.roles ?? []).every((role) => (user.Roles ?? []).some((r) => lower(r) === lower(role)))
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()
const sameSecret = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b))

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * The user whose password matches, or undefined. The vendor's sample says the
 * password is Base64 encoded while the samples send it raw (spec §3): accept both.
 */
export function authenticate (catalog: Catalog, userName: string, password: string): User | undefined {
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
