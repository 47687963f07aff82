// `npm run build`: dist/ from src/ — tsc's ES modules and declarations, then the package
// entries bundled for import and require (build-entries.ts), and the live console (build-console.ts). With --if-stale, nothing happens while dist/ is
// newer than every input (`npm start` and `npm pack` call it that way).
import { execFileSync } from 'node:child_process'
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const STAMP = join(ROOT, 'dist', '.built')
const INPUTS = ['src', 'console', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.ts', 'scripts/build-entries.ts', 'scripts/build-console.ts']

function newestMtime (path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

const builtAt = (): number => { try { return statSync(STAMP).mtimeMs } catch { return 0 } }

if (process.argv.includes('--if-stale') && builtAt() > Math.max(...INPUTS.map((input) => newestMtime(join(ROOT, input))))) process.exit(0)

rmSync(join(ROOT, 'dist'), { recursive: true, force: true })
const run = (args: string[]): void => { execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' }) }
run([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'])
run(['--import', 'tsx', 'scripts/build-entries.ts'])
run(['--import', 'tsx', 'scripts/build-console.ts'])
writeFileSync(STAMP, `${new Date().toISOString()}\n`)
