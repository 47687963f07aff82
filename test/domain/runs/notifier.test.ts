import { createServer, type Server, type Socket } from 'node:net'
import { Writable } from 'node:stream'
import pino from 'pino'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import t, { type Test } from 'tap'
import { ManualClock } from '../../../src/domain/clock.js'

/** The data set's clock the notifications read their times off. */
const CLOCK = new ManualClock(Date.UTC(2026, 0, 5, 9, 30))
import { DEFAULT_SENDER, Notifier, splitAddresses, type RunEnd } from '../../../src/domain/runs/notifier.js'
import type { Job } from '../../../src/schemas/job.js'
import { NotificationRecordSchema, type NotificationRecord } from '../../../src/schemas/notification.js'
import { RUN_STATUSES, type RunStatus } from '../../../src/schemas/run.js'
import { firstSchemaError } from '../../../src/schema-check.js'
import { freePort } from '../../helpers/server-process.js'

const RUN_ID = 'cae05ae3-8454-43a9-9139-f678b66decf7'
const USER = 'mock@user'
const PASSWORD = 'Smtp:Secret/42'
const SMTP_AUTH = `${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}`

function job (overrides: Partial<Job> = {}): Job {
  return {
    JobID: 'a282d163-2248-4904-8135-0eaf08be8e55',
    JobName: 'Weekly RHEL CER',
    JobType: 'CollectionEvaluationJob',
    JobDescription: '',
    AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8', Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }],
    Standards: ['6b020d29-5fe8-47d0-bd89-ccd3339a5ebe'],
    AssetTimeOut: 60,
    IsIncremental: false,
    IncrementalPeriod: 1,
    CollectionOnlyTimeOutHours: 0,
    CollectionOnlyTimeOutMins: 0,
    ShouldSendSuccessNotification: true,
    ShouldSendFailureNotification: true,
    SuccessNotification: { ToEmailAddress: 'ops@example.com', FromEmailAddress: 'ccs@example.com', Subject: 'CER job completed', Body: 'Success notification message' },
    FailureNotification: { ToEmailAddress: 'oncall@example.com', FromEmailAddress: 'ccs@example.com', Subject: 'CER job failed', Body: 'Failure notification message' },
    ShouldSynchronizeResults: false,
    Schedule: null,
    CreatedBy: 'domain1\\administrator',
    JobCreationTime: '2026-01-05T08:00:00.0000000Z',
    JobModifiedTime: '2026-01-05T08:00:00.0000000Z',
    ...overrides
  }
}

const run = (Status: RunStatus, times: Partial<RunEnd> = {}): RunEnd => ({ JobRunID: RUN_ID, Status, ...times })

function logCapture (): { logger: pino.Logger, text: () => string, lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = []
  const stream = new Writable({ write (chunk, _enc, done) { chunks.push(String(chunk)); done() } })
  return {
    logger: pino({ level: 'trace' }, stream),
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
  }
}

function notifier (t: Test, smtpUrl?: string, log = logCapture()): Notifier {
  const n = new Notifier({ ...(smtpUrl !== undefined ? { smtpUrl } : {}), logger: log.logger })
  t.teardown(() => { n.close() })
  return n
}

function chosen (n: Notifier, j: Job, r: RunEnd): NotificationRecord {
  const record = n.notificationFor(j, r, CLOCK)
  if (record === undefined) throw new Error(`no notification for ${r.Status}`)
  return record
}

t.test('which notification a run end sends', async (t) => {
  const n = notifier(t)
  const both = job()
  const cases: Array<[RunStatus, Job, 'Success' | 'Failure' | undefined, string]> = [
    ['Completed', both, 'Success', 'success'],
    ['CompletedWithErrors', both, 'Failure', 'errors count as failure'],
    ['Failed', both, 'Failure', 'failure'],
    ['Aborted', both, 'Failure', 'an aborted run did not execute successfully'],
    ['Queued', both, undefined, 'not ended'],
    ['Running', both, undefined, 'not ended'],
    ['Completed', job({ ShouldSendSuccessNotification: false }), undefined, 'success not asked for'],
    ['Failed', job({ ShouldSendFailureNotification: false }), undefined, 'failure not asked for'],
    ['Aborted', job({ ShouldSendFailureNotification: false }), undefined, 'abort not asked for'],
    ['Completed', job({ ShouldSendFailureNotification: true, ShouldSendSuccessNotification: false }), undefined, 'a failure flag does not send on success'],
    ['Failed', job({ ShouldSendSuccessNotification: true, ShouldSendFailureNotification: false }), undefined, 'a success flag does not send on failure'],
    ['Completed', job({ SuccessNotification: null }), undefined, 'flag without data (not accepted by Create Job, possible in hand-written fixtures)']
  ]
  for (const [status, j, kind, why] of cases) {
    t.equal(n.notificationFor(j, run(status), CLOCK)?.Kind, kind, `${status}: ${why}`)
  }
  t.same(RUN_STATUSES.filter((s) => n.notificationFor(both, run(s), CLOCK) !== undefined), ['Completed', 'CompletedWithErrors', 'Failed', 'Aborted'], 'every ended status notifies when both are asked for')
})

t.test('the recorded notification carries the job\'s own texts verbatim', async (t) => {
  const withPlaceholder = job({ FailureNotification: { ToEmailAddress: 'oncall@example.com', FromEmailAddress: ' ccs@example.com ', Subject: 'Job {JobName} failed', Body: 'Run %JobRunID% failed\nsee console' } })
  const record = chosen(notifier(t), withPlaceholder, run('Failed'))
  t.same(record, {
    ID: record.ID,
    JobID: 'a282d163-2248-4904-8135-0eaf08be8e55',
    JobName: 'Weekly RHEL CER',
    JobRunID: RUN_ID,
    RunStatus: 'Failed',
    Kind: 'Failure',
    To: ['oncall@example.com'],
    From: 'ccs@example.com',
    Subject: 'Job {JobName} failed',
    Body: 'Run %JobRunID% failed\nsee console',
    CreatedAt: '2026-01-05T09:30:00.0000000Z',
    Delivery: 'NotConfigured'
  }, 'placeholders are not expanded; From is trimmed')
  t.match(record.ID, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a lower-case GUID')
  t.not(chosen(notifier(t), withPlaceholder, run('Failed')).ID, record.ID, 'a new ID per record')
  t.equal(firstSchemaError(NotificationRecordSchema, record), undefined, 'matches NotificationRecordSchema')
  t.equal(chosen(notifier(t, 'smtp://127.0.0.1:2525'), job(), run('Completed')).Delivery, 'Pending', 'Pending when an SMTP server is configured')
})

t.test('defaults for blank sender, subject and body', async (t) => {
  const blank = { ToEmailAddress: 'ops@example.com', FromEmailAddress: '', Subject: ' ', Body: '' }
  const n = notifier(t)
  const j = job({ SuccessNotification: blank, FailureNotification: blank })
  const subjects: Array<[RunStatus, string]> = [
    ['Completed', 'CCS job \'Weekly RHEL CER\' completed successfully'],
    ['CompletedWithErrors', 'CCS job \'Weekly RHEL CER\' completed with errors'],
    ['Failed', 'CCS job \'Weekly RHEL CER\' failed'],
    ['Aborted', 'CCS job \'Weekly RHEL CER\' was aborted']
  ]
  for (const [status, subject] of subjects) t.equal(chosen(n, j, run(status)).Subject, subject, `${status} subject`)

  const record = chosen(n, j, run('Failed', { StartTime: '2026-01-05T09:00:00.0000000Z', EndTime: '2026-01-05T09:29:00.0000000Z' }))
  t.equal(record.From, DEFAULT_SENDER)
  t.equal(DEFAULT_SENDER, 'ccs-mock@localhost')
  t.equal(record.Body, [
    'CCS job \'Weekly RHEL CER\' failed.',
    '',
    'Job name: Weekly RHEL CER',
    'Job ID: a282d163-2248-4904-8135-0eaf08be8e55',
    'Job type: CollectionEvaluationJob',
    `Job run ID: ${RUN_ID}`,
    'Status: Failed',
    'Start time: 2026-01-05T09:00:00.0000000Z',
    'End time: 2026-01-05T09:29:00.0000000Z'
  ].join('\n'))
  const untimed = chosen(n, j, run('Aborted', { StartTime: null }))
  t.notMatch(untimed.Body, /Start time|End time/, 'unknown times are left out')
  t.match(untimed.Body, /^CCS job 'Weekly RHEL CER' was aborted\.\n/)
})

t.test('recipient lists', async (t) => {
  const cases: Array<[string, string[]]> = [
    ['a@x.com', ['a@x.com']],
    ['a@x.com;b@x.com', ['a@x.com', 'b@x.com']],
    ['a@x.com, b@x.com', ['a@x.com', 'b@x.com']],
    [' a@x.com ;; b@x.com ,c@x.com; ', ['a@x.com', 'b@x.com', 'c@x.com']],
    ['a@x.com; A@X.com', ['a@x.com']],
    [' ; , ', []]
  ]
  for (const [text, want] of cases) t.same(splitAddresses(text), want, JSON.stringify(text))
  const record = chosen(notifier(t), job({ SuccessNotification: { ToEmailAddress: 'a@x.com; b@x.com', FromEmailAddress: '', Subject: '', Body: '' } }), run('Completed'))
  t.same(record.To, ['a@x.com', 'b@x.com'], 'notificationFor splits ToEmailAddress')
})

t.test('without an SMTP server a notification is only recorded', async (t) => {
  const log = logCapture()
  const n = notifier(t, undefined, log)
  const record = chosen(n, job(), run('Completed'))
  t.same(await n.deliver(record, CLOCK), { ...record, Delivery: 'NotConfigured' })
  t.equal(log.lines().filter((l) => l.level === 40).length, 0, 'no warning')
})

t.test('an invalid smtpUrl is refused at construction', async (t) => {
  const log = logCapture()
  t.throws(() => new Notifier({ smtpUrl: 'http://user:pw@host', logger: log.logger }), /smtp:\/\/ or smtps:\/\//)
})

interface Received { from: string, to: string[], raw: string, user?: string }

/** An SMTP server on 127.0.0.1 that keeps every message; `options` override the defaults. */
async function smtpServer (t: Test, options: Partial<SMTPServerOptions> = {}): Promise<{ port: number, received: Received[] }> {
  const received: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    // smtp-server would offer STARTTLS with a self-signed certificate, which nodemailer rightly refuses.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth (auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: auth.username })
      else callback(new Error('Invalid username or password'))
    },
    onData (stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom
        received.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n'),
          ...(typeof session.user === 'string' ? { user: session.user } : {})
        })
        callback()
      })
    },
    ...options
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => { server.close(() => { resolve() }) }))
  const address = server.server.address()
  return { port: typeof address === 'object' && address !== null ? address.port : 0, received }
}

/** The value of one header in a raw message (unfolded). */
const header = (raw: string, name: string): string | undefined =>
  new RegExp(`^${name}: (.*(?:\\n[ \\t].*)*)`, 'mi').exec(raw)?.[1]?.replace(/\n[ \t]/g, ' ')

/** The message text after the headers. */
const bodyOf = (raw: string): string => raw.slice(raw.indexOf('\n\n') + 2).replace(/\n$/, '')

function assertNoSecret (t: Test, texts: string[]): void {
  for (const secret of [PASSWORD, encodeURIComponent(PASSWORD)]) {
    t.notOk(texts.some((text) => text.includes(secret)), `no ${secret === PASSWORD ? 'password' : 'encoded password'} anywhere`)
  }
}

t.test('delivery to a real SMTP server, with the credentials from the URL', async (t) => {
  const { port, received } = await smtpServer(t)
  const log = logCapture()
  const n = notifier(t, `smtp://${SMTP_AUTH}@127.0.0.1:${port}`, log)
  const record = chosen(n, job({ SuccessNotification: { ToEmailAddress: 'ops@example.com; audit@example.com', FromEmailAddress: 'ccs@example.com', Subject: 'CER job completed', Body: 'Success notification message\nSecond line' } }), run('Completed'))
  const delivered = await n.deliver(record, CLOCK)

  t.same(delivered, { ...record, Delivery: 'Sent', AttemptedAt: '2026-01-05T09:30:00.0000000Z' })
  t.equal(received.length, 1, 'one message')
  const [mail] = received
  t.equal(mail?.user, USER, 'logged in with the URL\'s decoded user name and password')
  t.equal(mail?.from, 'ccs@example.com', 'envelope sender')
  t.same(mail?.to, ['ops@example.com', 'audit@example.com'], 'envelope recipients')
  t.equal(header(mail?.raw ?? '', 'From'), 'ccs@example.com')
  t.equal(header(mail?.raw ?? '', 'To'), 'ops@example.com, audit@example.com')
  t.equal(header(mail?.raw ?? '', 'Subject'), 'CER job completed')
  t.equal(bodyOf(mail?.raw ?? ''), 'Success notification message\nSecond line')
  t.match(log.lines().find((l) => l.msg === 'notification sent'), { notificationId: record.ID, jobRunId: RUN_ID, kind: 'Success', smtpServer: `127.0.0.1:${port}` })
  assertNoSecret(t, [log.text(), JSON.stringify(delivered)])
})

t.test('the default sender, subject and body reach the server', async (t) => {
  const { port, received } = await smtpServer(t)
  const n = notifier(t, `smtp://127.0.0.1:${port}`)
  const blank = { ToEmailAddress: 'oncall@example.com', FromEmailAddress: '', Subject: '', Body: '' }
  const record = chosen(n, job({ FailureNotification: blank }), run('CompletedWithErrors'))
  t.equal((await n.deliver(record, CLOCK)).Delivery, 'Sent')
  const raw = received[0]?.raw ?? ''
  t.equal(received[0]?.user, undefined, 'no login without credentials in the URL')
  t.equal(received[0]?.from, 'ccs-mock@localhost')
  t.equal(header(raw, 'Subject'), 'CCS job \'Weekly RHEL CER\' completed with errors')
  t.equal(bodyOf(raw), record.Body)
})

t.test('a wrong SMTP password: Failed, no throw, no password recorded or logged', async (t) => {
  // A careless server that echoes the password in its reply: the record and the log must not repeat it.
  const { port, received } = await smtpServer(t, {
    onAuth (auth, _session, callback) { callback(new Error(`Authentication failed for ${auth.username ?? ''} with ${auth.password ?? ''}`)) }
  })
  const log = logCapture()
  const n = notifier(t, `smtp://${SMTP_AUTH}@127.0.0.1:${port}`, log)
  const delivered = await n.deliver(chosen(n, job(), run('Failed')), CLOCK)
  t.equal(delivered.Delivery, 'Failed')
  t.match(delivered.DeliveryError, /Authentication failed for mock@user with \*\*\*/)
  t.equal(received.length, 0)
  const warning = log.lines().find((l) => l.msg === 'notification not delivered')
  t.match(warning, { level: 40, kind: 'Failure', jobRunId: RUN_ID, code: 'EAUTH', smtpServer: `127.0.0.1:${port}` })
  assertNoSecret(t, [log.text(), JSON.stringify(delivered)])
})

t.test('an unreachable SMTP server: Failed, no throw, no password recorded or logged', async (t) => {
  const port = await freePort()
  const log = logCapture()
  const n = notifier(t, `smtp://${SMTP_AUTH}@127.0.0.1:${port}`, log)
  const record = chosen(n, job(), run('Aborted'))
  const delivered = await n.deliver(record, CLOCK)
  t.same(delivered, { ...record, Delivery: 'Failed', AttemptedAt: '2026-01-05T09:30:00.0000000Z', DeliveryError: `connect ECONNREFUSED 127.0.0.1:${port}` })
  t.match(log.lines().find((l) => l.msg === 'notification not delivered'), { level: 40, error: /ECONNREFUSED/ })
  assertNoSecret(t, [log.text(), JSON.stringify(delivered)])
})

t.test('a server that refuses some recipients: Sent, with the refused ones named', async (t) => {
  const { port, received } = await smtpServer(t, {
    onRcptTo (address, _session, callback) {
      callback(address.address.startsWith('nobody') ? new Error('No such user') : undefined)
    }
  })
  const n = notifier(t, `smtp://127.0.0.1:${port}`)
  const record = chosen(n, job({ SuccessNotification: { ToEmailAddress: 'ops@example.com, nobody@example.com', FromEmailAddress: '', Subject: '', Body: '' } }), run('Completed'))
  const delivered = await n.deliver(record, CLOCK)
  t.equal(delivered.Delivery, 'Sent')
  t.equal(delivered.DeliveryError, 'The server refused some recipients: nobody@example.com')
  t.same(received[0]?.to, ['ops@example.com'])
})

t.test('no recipient left after splitting: Failed without contacting the server', async (t) => {
  const { port, received } = await smtpServer(t)
  const n = notifier(t, `smtp://127.0.0.1:${port}`)
  const delivered = await n.deliver(chosen(n, job({ SuccessNotification: { ToEmailAddress: ' ; ', FromEmailAddress: '', Subject: '', Body: '' } }), run('Completed')), CLOCK)
  t.equal(delivered.Delivery, 'Failed')
  t.equal(delivered.DeliveryError, 'No recipient address.')
  t.equal(received.length, 0)
})

t.test('close() ends a delivery stuck on a silent server', async (t) => {
  const sockets = new Set<Socket>()
  const silent: Server = createServer((socket) => { sockets.add(socket) })
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy()
    silent.close(() => { resolve() })
  }))
  const address = silent.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const n = notifier(t, `smtp://${SMTP_AUTH}@127.0.0.1:${port}`)
  const pending = n.deliver(chosen(n, job(), run('Completed')), CLOCK)
  // Close once the connection is open and waiting for the greeting.
  while (sockets.size === 0) await new Promise((resolve) => setTimeout(resolve, 10))
  n.close()
  const delivered = await pending
  t.equal(delivered.Delivery, 'Failed')
  t.match(delivered.DeliveryError, /abort/i)
})
