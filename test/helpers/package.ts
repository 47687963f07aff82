import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './server-process.js'

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command to its end, collecting its output. */
export async function run (command: string, args: string[], options: { cwd?: string, env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  return await new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => { resolve({ code, stdout, stderr }) })
  })
}

/** The environment of a user's shell: none of tap's settings, loaders or coverage, no CCS_MOCK_*. */
export function userEnv (): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) =>
    !/^(TAP|_TAPJS_|CCS_MOCK_)/.test(key) && !['NODE_OPTIONS', 'NODE_V8_COVERAGE', 'TS_NODE_TRANSPILE_ONLY'].includes(key)))
}

/** dist/ as `npm run build` makes it, rebuilt only when a source is newer (a no-op under `npm test`). */
export async function buildIfStale (): Promise<void> {
  const build = await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--if-stale'], { env: userEnv() })
  if (build.code !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`)
}

/**
 * Builds dist/ if it is stale, then packs the package into `dir`; returns the tarball's
 * path. --ignore-scripts: the build already ran, and `prepare` must not run it twice.
 */
export async function packTarball (dir: string): Promise<string> {
  await buildIfStale()
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { env: userEnv() })
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`)
  const [packed] = JSON.parse(pack.stdout) as Array<{ filename: string }>
  if (packed === undefined) throw new Error('npm pack wrote no tarball')
  return join(dir, packed.filename)
}
