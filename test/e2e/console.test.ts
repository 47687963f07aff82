// The live console in headless Chromium (Debian's /usr/bin/chromium; .ci/run installs it):
// a job created through the CCS API appears, runs and finishes on screen; the clock moves
// and a scheduled run starts; a fault rule is added and removed. One server and one
// browser for every step. Screenshots of each page go to screenshots/console/ (gitignored).
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import t from 'tap'
import { startCcsMock } from '../../src/index.js'

const CHROMIUM = '/usr/bin/chromium'
// No background traffic: this machine's network is closed, and a profile of its own per run.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const SHOTS = fileURLToPath(new URL('../../screenshots/console/', import.meta.url))
const UNIX_ASSET = 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8'
const RHEL_STANDARD = '6b020d29-5fe8-47d0-bd89-ccd3339a5ebe'
const WAIT = { timeout: 20_000 }

t.setTimeout(180_000)

t.test('the live console', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)`)
    return
  }
  await mkdir(SHOTS, { recursive: true })
  // Short runs (1 s queued, 2 s collection, 1 s evaluation): long enough to see each phase.
  const ccs = await startCcsMock({ http: true, runQueueSeconds: 1, collectionSeconds: 2, evaluationSeconds: 1 })
  t.teardown(() => ccs.close())
  const browser = await chromium.launchPersistentContext(t.testdir(), { executablePath: CHROMIUM, args: FLAGS, viewport: { width: 1440, height: 900 }, acceptDownloads: true })
  t.teardown(() => browser.close())
  const page = await browser.newPage()
  const shot = async (name: string): Promise<void> => { await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: false }) }

  const token = await (await fetch(`${ccs.apiUrl}/oauth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=domain1\\administrator&password=pass@123'
  })).json() as { access_token: string }
  const ccsCall = async (method: string, path: string, body?: unknown): Promise<Response> => await fetch(`${ccs.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const createJob = async (name: string, details: Record<string, unknown>): Promise<Response> => await ccsCall('POST', '/jobs', {
    JobType: 'CollectionEvaluationJob',
    JobDetails: { JobName: name, AssetsResolutionInfo: [{ Id: UNIX_ASSET, Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }], Standards: [RHEL_STANDARD], ...details }
  })

  await t.test('first render: the jobs, page weight and time', async (t) => {
    await page.goto(`${ccs.url}/__admin/console/`)
    await page.locator('table.jobs tbody tr').first().waitFor(WAIT)
    t.ok(await page.locator('table.jobs tbody tr').count() >= 7, 'the fixture jobs are listed')
    await t.resolves(page.locator('.conn.live').waitFor(WAIT), 'the event stream is connected')
    // Run in the page (browser types, hence the text): the marks the console sets, and what it loaded.
    const timing = await page.evaluate(`(() => {
      const navigation = performance.getEntriesByType('navigation')[0]
      const files = performance.getEntriesByType('resource').filter((r) => /\\/console\\/assets\\//.test(r.name))
      return {
        ready: performance.getEntriesByName('console-ready')[0]?.startTime,
        firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        transferred: navigation.transferSize + files.reduce((sum, r) => sum + r.transferSize, 0),
        decoded: navigation.decodedBodySize + files.reduce((sum, r) => sum + r.decodedBodySize, 0)
      }
    })()`) as { ready?: number, firstContentfulPaint?: number, transferred: number, decoded: number }
    t.comment(`page weight: ${timing.transferred} bytes transferred (${timing.decoded} bytes decoded); first contentful paint ${Math.round(timing.firstContentfulPaint ?? -1)} ms; jobs rendered ${Math.round(timing.ready ?? -1)} ms after navigation`)
    t.ok(timing.decoded < 150_000, 'the page, its script and style stay small')
    await shot('jobs')
  })

  let jobId = ''
  await t.test('a job created through the CCS API appears, runs and finishes', async (t) => {
    await page.goto(`${ccs.url}/__admin/console/#/runs`)
    const created = await createJob('Console demo', {
      Schedule: { RunNow: true },
      ShouldSendSuccessNotification: true,
      SuccessNotification: { ToEmailAddress: 'secops@example.com', Subject: 'Console demo finished', Body: 'All good.' }
    })
    t.equal(created.status, 200, 'job created')
    jobId = (await created.json() as { JobID: string }).JobID
    const card = page.locator('.run-card', { hasText: 'Console demo' })
    await t.resolves(card.locator('.badge', { hasText: 'Running' }).first().waitFor(WAIT), 'its run shows as running')
    await t.resolves(card.locator('tbody tr', { hasText: 'db2-prod-01' }).waitFor(WAIT), 'with its asset')
    await shot('runs')
    const ended = page.locator('table.ended tbody tr', { hasText: 'Console demo' })
    await t.resolves(ended.locator('.badge', { hasText: /^Completed/ }).waitFor(WAIT), 'the run ends, completed')
    t.equal(await card.count(), 0, 'and leaves the running list')

    await page.goto(`${ccs.url}/__admin/console/#/jobs`)
    const row = page.locator(`tr[data-job="${jobId}"]`)
    await t.resolves(row.waitFor(WAIT), 'the job is in the list')
    t.match(await row.textContent(), /Console demo.*once, when created/, 'with its schedule in words')
    await row.locator('a').click()
    await t.resolves(page.locator('table.job-runs tbody tr .badge', { hasText: /^Completed/ }).waitFor(WAIT), 'its page lists the run')
    await shot('job')
  })

  await t.test('results: scores, chart and the Excel report', async (t) => {
    await page.goto(`${ccs.url}/__admin/console/#/results`)
    const row = page.locator('table.results tbody tr', { hasText: 'db2-prod-01' })
    await t.resolves(row.waitFor(WAIT), 'the newest run\'s results')
    t.equal(await page.locator('.chart rect.bar').count(), await page.locator('table.results tbody tr').count(), 'one bar per result')
    const report = await page.request.get(new URL(await row.locator('a[download]').getAttribute('href') ?? '', page.url()).href)
    t.equal(report.status(), 200, 'the report link answers')
    t.match(report.headers()['content-type'], /spreadsheetml/, 'with a workbook')
    await shot('results')
  })

  await t.test('requests: the journal live, near misses, filters', async (t) => {
    await page.goto(`${ccs.url}/__admin/console/#/requests`)
    await page.locator('table.requests tbody tr').first().waitFor(WAIT)
    await ccsCall('POST', '/job', {})
    await t.resolves(page.locator('tr.hint', { hasText: 'POST /ccs/api/v1/jobs' }).waitFor(WAIT), 'an unmatched call shows the operation it nearly was')
    await t.resolves(page.locator('table.requests .http.s4xx', { hasText: '404' }).first().waitFor(WAIT), 'in the 4xx colour')
    await page.getByLabel('Path contains').fill('/oauth/tokens')
    const paths = await page.locator('table.requests td.path').allTextContents()
    t.ok(paths.length > 0 && paths.every((p) => p.includes('/oauth/tokens')), 'the path filter keeps matching rows only')
    await page.getByLabel('Path contains').fill('')
    await shot('requests')
  })

  await t.test('notifications: the outbox', async (t) => {
    await page.goto(`${ccs.url}/__admin/console/#/notifications`)
    const row = page.locator('table.outbox tbody tr', { hasText: 'Console demo finished' })
    await t.resolves(row.waitFor(WAIT), 'the success notification is listed')
    t.match(await row.textContent(), /secops@example\.com.*Recorded only/, 'with its recipient and delivery (no --smtp-url)')
    await shot('notifications')
  })

  await t.test('controls: the clock moves and a scheduled run starts', async (t) => {
    const start = new Date(Date.now() + 3 * 3600_000).toISOString()
    t.equal((await createJob('Console scheduled', { Schedule: { RunNow: false, RunOnce: true, StartDate: start } })).status, 200, 'a job scheduled in three hours')
    await page.goto(`${ccs.url}/__admin/console/#/controls`)
    const before = Date.parse((await ccs.admin.clock.get()).now)
    await page.getByRole('button', { name: '+1 hour' }).click()
    await t.resolves(page.locator('.feedback', { hasText: 'advanced by one hour' }).waitFor(WAIT), 'the clock is advanced')
    t.ok(Date.parse((await ccs.admin.clock.get()).now) - before >= 3600_000, 'by an hour, on the server')
    await page.getByRole('button', { name: /To the next scheduled run/ }).click()
    await t.resolves(page.locator('.feedback', { hasText: 'next scheduled run' }).waitFor(WAIT), 'the clock jumps to the next scheduled run')
    await page.getByRole('link', { name: /^Runs/ }).click()
    const scheduled = page.locator('.run-card', { hasText: 'Schedule' })
    await t.resolves(scheduled.locator('.badge', { hasText: /^(Queued|Running)$/ }).first().waitFor(WAIT), 'a scheduled run starts')
    await shot('runs-scheduled')
  })

  await t.test('controls: a fault rule added from a preset, then removed', async (t) => {
    await page.goto(`${ccs.url}/__admin/console/#/controls`)
    await page.getByRole('button', { name: '+ Next Create Job answers 500' }).click()
    const rule = page.locator('ul.rules li', { hasText: 'POST /ccs/api/v1/jobs: answer 500' })
    await t.resolves(rule.waitFor(WAIT), 'the rule is listed')
    t.equal((await ccs.admin.faults.list()).length, 1, 'and in force on the server')
    await shot('controls')
    await rule.getByRole('button', { name: /Remove/ }).click()
    await t.resolves(rule.waitFor({ state: 'detached', ...WAIT }), 'removed, it leaves the list')
    t.same(await ccs.admin.faults.list(), [], 'and the server')
  })
})
