// The packed package as a user gets it: `npm pack`, unpacked into a project outside the
// repository, used from node:test, Jest (ES modules and CommonJS), Vitest and tsc.
import { builtinModules } from 'node:module'
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import t, { type Test } from 'tap'
import { REPO_ROOT } from '../helpers/server-process.js'
import { packTarball, run, userEnv } from '../helpers/package.js'

// Runners the consumer project uses, linked from ccs-mock's own devDependencies (offline, fast).
const RUNNERS = ['jest', 'vitest', 'typescript', '@types/node']

t.setTimeout(180_000)

const project = await mkdtemp(join(tmpdir(), 'ccs-mock-consumer-'))
t.teardown(() => rm(project, { recursive: true, force: true }))

t.before(async () => {
  const tarball = await packTarball(project)
  await cp(new URL('./consumer/', import.meta.url), project, { recursive: true })
  const modules = join(project, 'node_modules')
  await mkdir(modules)
  await run('tar', ['-xzf', tarball, '-C', modules])
  await rename(join(modules, 'package'), join(modules, 'ccs-mock'))
  // Only what the packed package.json declares (plus the runners): a dependency missing
  // from it fails the imports below, as it would after `npm install`.
  const manifest = JSON.parse(await readFile(join(modules, 'ccs-mock', 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  for (const name of [...Object.keys(manifest.dependencies), ...RUNNERS]) {
    await mkdir(dirname(join(modules, name)), { recursive: true })
    await symlink(join(REPO_ROOT, 'node_modules', name), join(modules, name), 'dir')
  }
})

/** Runs a command in the consumer project; the test fails with its output unless it exits 0. */
async function inProject (t: Test, command: string, args: string[]): Promise<string> {
  const result = await run(command, args, { cwd: project, env: userEnv() })
  t.equal(result.code, 0, `${[command, ...args].join(' ')}\n${result.stdout}\n${result.stderr}`)
  return `${result.stdout}${result.stderr}`
}

t.jobs = 2

t.test('node:test imports the package', async (t) => {
  const output = await inProject(t, process.execPath, ['--test', 'node.test.mjs'])
  t.match(output, /# pass 1/)
})

t.test('Jest runs an ES-module test and a CommonJS test', async (t) => {
  const output = await inProject(t, process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--ci', '--runInBand'])
  t.match(output, /PASS .*esm\.jest\.test\.mjs/)
  t.match(output, /PASS .*cjs\.jest\.test\.cjs/)
  t.match(output, /Tests:\s+2 passed, 2 total/)
})

t.test('Vitest imports the package', async (t) => {
  const output = await inProject(t, process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'vitest'])
  t.match(output, /1 passed/)
})

t.test('tsc type-checks a consumer under strict, exactOptionalPropertyTypes and noPropertyAccessFromIndexSignature', async (t) => {
  await inProject(t, process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'])
})

// skipLibCheck keeps tsc at seconds (checking fastify's and typebox's own declarations
// takes ~45 s); what it would hide in ours is a type from a package users do not get.
t.test('the declarations import only dependencies and Node built-ins', async (t) => {
  const root = join(project, 'node_modules', 'ccs-mock')
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  const files = (await readdir(join(root, 'dist'), { recursive: true })).filter((file) => file.endsWith('.d.ts'))
  t.ok(files.includes('index.d.ts'), 'dist/index.d.ts is packed')
  const imported = new Set<string>()
  for (const file of files) {
    const text = await readFile(join(root, 'dist', file), 'utf8')
    for (const [, specifier = ''] of text.matchAll(/(?:from |import\()['"]([^'"./][^'"]*)['"]/g)) {
      imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0] ?? specifier)
    }
  }
  const unknown = [...imported].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name) && manifest.dependencies[name] === undefined)
  t.same(unknown, [], `imported: ${[...imported].sort().join(', ')}`)
})
