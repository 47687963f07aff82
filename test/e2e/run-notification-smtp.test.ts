import { SMTPServer } from 'smtp-server'
import { test } from 'tap'
import { build, jobPayload, login, postJob, UNIX_TYPE } from '../helpers/build.js'
import { get } from '../helpers/read-api.js'

const UNREACHABLE_AGENTLESS = 'c3e1490c-e446-4563-9bc0-1b571c0628f3'

interface Mail { from: string, to: string[], text: string }

test('a failed run sends the job\'s FailureNotification over SMTP and records it as Sent', async (t) => {
  const received: Mail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData (stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          text: Buffer.concat(chunks).toString('utf8')
        })
        callback()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.server.address() as { port: number }).port

  const { app, clock } = await build(t, { smtpUrl: `smtp://127.0.0.1:${port}` })
  const token = await login(app)
  const created = await postJob(app, token, jobPayload({
    JobName: 'Unreachable host',
    AssetsResolutionInfo: [{ Id: UNREACHABLE_AGENTLESS, Type: UNIX_TYPE }],
    Schedule: { RunNow: true },
    ShouldSendFailureNotification: true,
    FailureNotification: { ToEmailAddress: 'ops@example.com', FromEmailAddress: 'ccs@example.com', Subject: 'CCS run failed' }
  }))
  t.equal(created.statusCode, 200)
  clock.advance(60_000)
  await get(app, token, '/ccs/api/v1/jobs?page=0')

  let notifications: Array<Record<string, unknown>> = []
  for (let attempt = 0; attempt < 100; attempt++) {
    notifications = ((await app.inject({ method: 'GET', url: '/__admin/notifications' })).json() as { notifications: Array<Record<string, unknown>> }).notifications
    if (notifications[0]?.Delivery === 'Sent') break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  t.match(notifications, [{ JobName: 'Unreachable host', Kind: 'Failure', RunStatus: 'Failed', To: ['ops@example.com'], From: 'ccs@example.com', Subject: 'CCS run failed', Delivery: 'Sent' }])
  t.equal(received.length, 1, 'one mail')
  t.match(received[0], { from: 'ccs@example.com', to: ['ops@example.com'], text: /Subject: CCS run failed/ })
})
