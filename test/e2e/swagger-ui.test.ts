// Swagger UI's "Try it out", driven in headless Chromium (Debian's /usr/bin/chromium;
// .ci/run installs it): token -> Authorize -> Create Job, at an address other than the
// one the server reports (relative servers).
import { existsSync } from 'node:fs'
import { chromium, type Page, type Response } from 'playwright-core'
import t from 'tap'
import { startCcsMock } from '../../src/index.js'

const CHROMIUM = '/usr/bin/chromium'
// No background traffic: this machine's network is closed, and a profile of its own per run.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

t.setTimeout(120_000)

/**
 * Expands an operation, presses "Try it out", types the body (JSON, or a form's fields
 * one by one) and executes it; resolves with the API's answer.
 */
async function tryItOut (page: Page, operation: string, path: string, body: Record<string, unknown>, form = false): Promise<Response> {
  const block = page.locator(`#${operation}`)
  await block.locator('.opblock-summary').first().click()
  await block.locator('.try-out__btn').click()
  if (form) {
    for (const [name, value] of Object.entries(body)) await block.locator(`tr[data-property-name="${name}"] input`).first().fill(String(value))
  } else {
    const contentType = block.locator('.opblock-section-request-body select')
    if (await contentType.count() > 0) await contentType.selectOption('application/json')
    await block.locator('textarea.body-param__text').fill(JSON.stringify(body))
  }
  const [answer] = await Promise.all([
    page.waitForResponse((res) => new URL(res.url()).pathname === path && res.request().method() === 'POST'),
    block.locator('.execute').click()
  ])
  return answer
}

t.test('Swagger UI: token, Authorize, Create Job', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)`)
    return
  }
  const ccs = await startCcsMock()
  t.teardown(() => ccs.close())
  const browser = await chromium.launchPersistentContext(t.testdir(), { executablePath: CHROMIUM, args: FLAGS, ignoreHTTPSErrors: true })
  t.teardown(() => browser.close())
  const page = await browser.newPage()

  // The server reports 127.0.0.1; the docs are opened under another of its names.
  await page.goto(`https://localhost:${ccs.port}/docs/`)
  await page.locator('#operations-Authentication-createToken').waitFor()

  const token = await tryItOut(page, 'operations-Authentication-createToken', '/ccs/api/v1/oauth/tokens', { grant_type: 'password', username: 'domain1\\administrator', password: 'pass@123' }, true)
  t.equal(token.status(), 200, 'token issued')
  const { access_token: accessToken } = await token.json() as { access_token: string }
  t.match(accessToken, /\S{20,}/)

  await page.locator('.btn.authorize').first().click()
  await page.locator('.modal-ux input').first().fill(accessToken)
  await page.locator('.modal-ux .btn.authorize').click()
  await page.locator('.modal-ux .btn-done').click()

  const created = await tryItOut(page, 'operations-Jobs-createJob', '/ccs/api/v1/jobs', {
    JobType: 'CollectionEvaluationJob',
    JobDetails: {
      JobName: 'made in Swagger UI',
      AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8', Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }],
      Standards: ['6b020d29-5fe8-47d0-bd89-ccd3339a5ebe']
    }
  })
  t.equal(created.status(), 200, `job created: ${await created.text()}`)
  t.match(await created.json(), { JobID: /^[0-9a-f-]{36}$/ })
  const shown = page.locator('#operations-Jobs-createJob .live-responses-table .response-col_status', { hasText: '200' })
  await t.resolves(shown.first().waitFor({ timeout: 15_000 }), 'the page shows the 200')
  t.equal(await ccs.admin.requests.count({ method: 'POST', path: '/ccs/api/v1/jobs', status: 200 }), 1, 'the server saw it')
})
