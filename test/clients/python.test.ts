// The Python helper (clients/python): its pytest suite against the built server (no
// coverage from it: cleanEnv keeps tap's process tracking out of the server), and
// `pip install ./clients/python` giving an importable package with its pytest plugin.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { cleanEnv, REPO_ROOT } from '../helpers/server-process.js'
import { buildIfStale, run } from '../helpers/package.js'

t.setTimeout(180_000)

t.before(async () => { await buildIfStale() })

t.test('the helper\'s own tests pass under pytest', async (t) => {
  const pytest = await run('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'clients/python/tests'], { env: cleanEnv({ CCS_MOCK_COMMAND: `${process.execPath} ${join(REPO_ROOT, 'dist/server.js')}` }) })
  t.equal(pytest.code, 0, `python3 -m pytest clients/python/tests (needs python3 with requests and pytest; .ci/run installs them):\n${pytest.stdout.slice(-3000)}${pytest.stderr.slice(-1000)}`)
})

t.test('pip install ./clients/python gives the package and registers its pytest plugin', async (t) => {
  const work = await mkdtemp(join(tmpdir(), 'ccs-mock-py-'))
  t.teardown(() => rm(work, { recursive: true, force: true }))
  // From a copy: setuptools builds in the source tree, which must stay clean.
  const source = join(work, 'source')
  const target = join(work, 'target')
  await cp(join(REPO_ROOT, 'clients/python'), source, { recursive: true, filter: (path) => !path.includes('__pycache__') })
  const install = await run('python3', ['-m', 'pip', 'install', '--quiet', '--no-deps', '--disable-pip-version-check', '--target', target, source])
  t.equal(install.code, 0, install.stderr.slice(-2000))
  const check = await run('python3', ['-c', "import ccs_mock, importlib.metadata as m; print([e.value for e in m.entry_points(group='pytest11') if e.name == 'ccs_mock'])"], { env: { ...process.env, PYTHONPATH: target } })
  t.equal(check.code, 0, check.stderr)
  t.equal(check.stdout.trim(), "['ccs_mock.pytest_plugin']")
})
