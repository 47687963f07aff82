import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { jobsOnDisk, startServer } from '../helpers/server-process.js'
import { configured, python, runScript, SAMPLE_DIR, SCRIPT, type Run, type Script } from '../helpers/vendor-sample.js'

const PAYLOADS = await Promise.all([1, 2, 3, 4, 5].map(async (n) =>
  JSON.parse(await readFile(new URL(`payload-${n}.json`, SAMPLE_DIR), 'utf8')) as { JobDetails: { JobName: string } }))
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The script with the i-th commented-out `#payload = ` line active (1-based) and the first payload commented out. */
function withPayload (script: string, i: number): string {
  const lines = script.split('\n')
  const active = lines.flatMap((line, at) => line.startsWith('payload = ') ? [at] : [])
  const commented = lines.flatMap((line, at) => line.startsWith('#payload = ') ? [at] : [])
  if (active.length !== 1 || commented.length !== 4) throw new Error(`unexpected script: ${active.length} active and ${commented.length} commented payloads`)
  const on = commented[i - 1] as number
  const off = active[0] as number
  lines[off] = `#${lines[off] ?? ''}`
  lines[on] = (lines[on] ?? '').slice(1)
  return lines.join('\n')
}

function checkRun (t: Test, run: Run & Script): string | undefined {
  const { name } = run
  t.equal(run.code, 0, `${name}: exit code 0${run.code === 0 ? '' : `\nstdout: ${run.stdout}\nstderr: ${run.stderr}`}`)
  const [first, second] = run.stdout.split('\n')
  t.match(first, /^\{"JobID":"[^"]+"\}$/, `${name}: prints {"JobID":"<guid>"} (got ${JSON.stringify(first)})`)
  // The vendor's `print(response.json)` prints the bound method, not the body.
  t.match(second, /^<bound method Response\.json of <Response \[200\]>>$/, `${name}: second line`)
  if (first === undefined || !first.startsWith('{')) return undefined
  const { JobID } = JSON.parse(first) as { JobID: string }
  t.match(JobID, GUID, `${name}: JobID is a GUID`)
  return JobID
}

// A server start-up and six Python runs: ~12 s on an idle 2-core box, more than tap's default 30 s on a busy one.
t.setTimeout(90_000)

t.test('the vendor sample creates jobs against the real HTTPS server', async (t) => {
  // A missing interpreter is a failure, not a skip: this is the only client-side proof.
  const check = await python(['-c', 'import requests'])
  if (check.code !== 0) {
    t.fail(`the vendor sample needs python3 with the requests package (pip install requests): ${check.stderr.trim()}`)
    return
  }

  const root = t.testdir({ data: {}, scripts: {} })
  const dataDir = join(root, 'data')
  const scripts = join(root, 'scripts')
  const server = await startServer(t, { dataDir })
  t.equal(server.protocol, 'https')

  const script = configured(SCRIPT, server.port, 'pass@123')
  t.match(script, /^UserName = 'domain1\\\\administrator'$/m, 'the user name line as the README says')
  t.match(script, /^Password = 'pass@123' #<Base64 encoded>$/m, 'the vendor comment stays')
  t.equal(script.split('\n').length, SCRIPT.split('\n').length, 'no line added or removed')
  const changed = (a: string, b: string): number => a.split('\n').filter((line, at) => line !== b.split('\n')[at]).length
  t.equal(changed(script, SCRIPT), 4, 'only the four placeholder lines differ')
  for (const i of [1, 2, 3, 4]) t.equal(changed(withPayload(script, i), script), 2, `payload variant ${i + 1} switches exactly two lines`)

  // The job names differ, so the runs need no order: run them side by side.
  const runs = await Promise.all([
    { name: 'payload-1', text: script },
    ...[1, 2, 3, 4].map((i) => ({ name: `payload-${i + 1}`, text: withPayload(script, i) }))
  ].map(async (s) => await runScript(scripts, s)))
  const created = new Map<string, string>()
  for (const [i, run] of runs.entries()) {
    const id = checkRun(t, run)
    if (id !== undefined) created.set(id, PAYLOADS[i]?.JobDetails.JobName ?? '')
  }
  t.equal(created.size, 5, 'five distinct jobs')

  // Only four lines may change, so a second run of the first payload repeats its job
  // name: with a Base64 password it must get past the token request (the script would
  // print "Token Generation Failed" and stop) and meet the duplicate-name rule.
  const base64 = await runScript(scripts, { name: 'base64-password', text: configured(SCRIPT, server.port, 'cGFzc0AxMjM=') })
  t.equal(base64.code, 0, `base64-password: exit code 0 ${base64.stderr}`)
  const [line] = base64.stdout.split('\n')
  t.notMatch(base64.stdout, /Token Generation Failed/, 'base64-password: the token request succeeded')
  let body: unknown
  try { body = JSON.parse(line ?? '') } catch { body = line }
  t.match(body, { Message: 'The request is invalid.', ModelState: { 'request.JobDetails.JobName': [/Test_Job11.*already exists/] } },
    `base64-password: authenticated, then refused as a duplicate (got ${line ?? ''})`)

  t.same(await server.stop(), { code: 0, signal: null })
  const stored = await jobsOnDisk(dataDir)
  const byId = new Map(stored.map((j) => [j.JobID, j.JobName]))
  for (const [id, name] of created) t.equal(byId.get(id), name, `${name} is stored under ${id}`)
  t.equal(stored.filter((j) => j.JobName === PAYLOADS[0]?.JobDetails.JobName).length, 1, 'the refused duplicate was not stored')
})
