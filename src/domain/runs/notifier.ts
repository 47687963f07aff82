import { randomUUID } from 'node:crypto'
import nodemailer, { type SMTPTransportOptions, type Transporter } from 'nodemailer'
import { parseConnectionUrl } from 'nodemailer/lib/shared'
import type { BaseLogger } from 'pino'
import type { Job, StoredNotification } from '../../schemas/job.js'
import type { NotificationKind, NotificationRecord } from '../../schemas/notification.js'
import type { RunStatus } from '../../schemas/run.js'
import type { Clock } from '../clock.js'
import { formatDotNetDate } from '../dotnet/dotnet-time.js'
import { parseSmtpUrl, scrubSecrets, smtpUrlSecrets } from './smtp-url.js'

export const DEFAULT_SENDER = 'ccs-mock@localhost'

/** Run statuses that send the FailureNotification: every way of not completing cleanly. */
const FAILURE_STATUSES: ReadonlySet<RunStatus> = new Set(['CompletedWithErrors', 'Failed', 'Aborted'])

/** Default subject endings per status; the subject reads `CCS job '<name>' <ending>`. */
const OUTCOME_TEXT: Partial<Record<RunStatus, string>> = {
  Completed: 'completed successfully',
  CompletedWithErrors: 'completed with errors',
  Failed: 'failed',
  Aborted: 'was aborted'
}

// A run end must never wait long on a mail server: each SMTP step and the whole send are bounded.
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000, dnsTimeout: 5_000 }
const SEND_DEADLINE_MS = 20_000

export interface RunEnd {
  JobRunID: string
  Status: RunStatus
  StartTime?: string | null
  EndTime?: string | null
}

export interface NotifierOptions {
  /** `smtp://[user:pass@]host[:port]` or `smtps://…`; without it notifications are only recorded. */
  smtpUrl?: string
  logger: Pick<BaseLogger, 'info' | 'warn'>
}

/** `a@x; b@x, a@x` -> `['a@x', 'b@x']`: split on `;` and `,`, trimmed, blanks and repeats (any case) dropped. */
export function splitAddresses (text: string): string[] {
  const seen = new Set<string>()
  const addresses: string[] = []
  for (const part of text.split(/[;,]/)) {
    const address = part.trim()
    if (address === '' || seen.has(address.toLowerCase())) continue
    seen.add(address.toLowerCase())
    addresses.push(address)
  }
  return addresses
}

const blank = (text: string): boolean => text.trim() === ''

function defaultBody (job: Job, run: RunEnd): string {
  const lines = [
    `CCS job '${job.JobName}' ${OUTCOME_TEXT[run.Status] ?? run.Status}.`,
    '',
    `Job name: ${job.JobName}`,
    `Job ID: ${job.JobID}`,
    `Job type: ${job.JobType}`,
    `Job run ID: ${run.JobRunID}`,
    `Status: ${run.Status}`
  ]
  if (run.StartTime != null) lines.push(`Start time: ${run.StartTime}`)
  if (run.EndTime != null) lines.push(`End time: ${run.EndTime}`)
  return lines.join('\n')
}

/** Chooses and composes run-end e-mails and hands them to an SMTP server. */
export class Notifier {
  private readonly logger: Pick<BaseLogger, 'info' | 'warn'>
  private readonly transporter: Transporter | undefined
  private readonly server: string | undefined
  private readonly secrets: string[]
  private readonly closing = new AbortController()

  constructor (options: NotifierOptions) {
    this.logger = options.logger
    const url = options.smtpUrl === undefined ? undefined : parseSmtpUrl(options.smtpUrl)
    if (options.smtpUrl !== undefined && url === undefined) throw new Error('smtpUrl must be an smtp:// or smtps:// URL with a host')
    this.secrets = options.smtpUrl === undefined ? [] : smtpUrlSecrets(options.smtpUrl)
    if (url !== undefined && options.smtpUrl !== undefined) {
      // nodemailer reads its URL options (tls.rejectUnauthorized=false, requireTLS …); our timeouts win over them.
      const transport: SMTPTransportOptions = { ...parseConnectionUrl(options.smtpUrl.trim()), ...TIMEOUTS }
      this.transporter = nodemailer.createTransport(transport)
      this.server = `${url.hostname}:${url.port !== '' ? url.port : url.protocol === 'smtps:' ? '465' : '587'}`
    }
  }

  /** The notification the job asked for at this run end, or undefined (pure apart from its new ID and time, read off the data set's clock). */
  notificationFor (job: Job, run: RunEnd, clock: Clock): NotificationRecord | undefined {
    let kind: NotificationKind
    let data: StoredNotification
    if (run.Status === 'Completed' && job.ShouldSendSuccessNotification) {
      kind = 'Success'
      data = job.SuccessNotification
    } else if (FAILURE_STATUSES.has(run.Status) && job.ShouldSendFailureNotification) {
      kind = 'Failure'
      data = job.FailureNotification
    } else {
      return undefined
    }
    if (data === null) return undefined
    return {
      ID: randomUUID(),
      JobID: job.JobID,
      JobName: job.JobName,
      JobRunID: run.JobRunID,
      RunStatus: run.Status,
      Kind: kind,
      To: splitAddresses(data.ToEmailAddress),
      From: blank(data.FromEmailAddress) ? DEFAULT_SENDER : data.FromEmailAddress.trim(),
      // Subject and Body are sent as written: the vendor documents no placeholders.
      Subject: blank(data.Subject) ? `CCS job '${job.JobName}' ${OUTCOME_TEXT[run.Status] ?? run.Status}` : data.Subject,
      Body: blank(data.Body) ? defaultBody(job, run) : data.Body,
      CreatedAt: formatDotNetDate(clock.now()),
      Delivery: this.transporter === undefined ? 'NotConfigured' : 'Pending'
    }
  }

  /** Sends the record's e-mail; resolves with the record's new state and never rejects. */
  async deliver (record: NotificationRecord, clock: Clock): Promise<NotificationRecord> {
    if (this.transporter === undefined) return { ...record, Delivery: 'NotConfigured' }
    if (record.To.length === 0) return this.failed(record, clock, 'No recipient address.')
    try {
      const info = await this.transporter.sendMail({
        from: record.From,
        to: record.To,
        subject: record.Subject,
        text: record.Body,
        signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(SEND_DEADLINE_MS)])
      }) as { rejected?: unknown[] }
      const rejected = (info.rejected ?? []).map(String)
      const sent: NotificationRecord = { ...record, Delivery: 'Sent', AttemptedAt: formatDotNetDate(clock.now()) }
      if (rejected.length > 0) sent.DeliveryError = this.scrub(`The server refused some recipients: ${rejected.join(', ')}`)
      this.logger.info({ notificationId: record.ID, jobId: record.JobID, jobRunId: record.JobRunID, kind: record.Kind, smtpServer: this.server }, 'notification sent')
      return sent
    } catch (err) {
      const error = err as Error & { code?: unknown }
      return this.failed(record, clock, error.message, typeof error.code === 'string' ? error.code : undefined)
    }
  }

  /** Aborts sends in flight (they resolve as Failed) and closes the transport. */
  close (): void {
    this.closing.abort()
    this.transporter?.close()
  }

  private failed (record: NotificationRecord, clock: Clock, message: string, code?: string): NotificationRecord {
    const error = this.scrub(message)
    // Only the scrubbed text and the code: a server response or the error object may echo credentials.
    this.logger.warn({ notificationId: record.ID, jobId: record.JobID, jobRunId: record.JobRunID, kind: record.Kind, smtpServer: this.server, code, error }, 'notification not delivered')
    return { ...record, Delivery: 'Failed', AttemptedAt: formatDotNetDate(clock.now()), DeliveryError: error }
  }

  private scrub (text: string): string {
    return scrubSecrets(text, this.secrets)
  }
}
