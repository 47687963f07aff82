import { Type, type Static } from 'typebox'
import { Guid } from './common.js'
import { RUN_STATUSES } from './run.js'

/** Which of the job's two notifications a run end chose (docs/decisions.md, "Notifications"). */
export const NOTIFICATION_KINDS = ['Success', 'Failure'] as const
export type NotificationKind = typeof NOTIFICATION_KINDS[number]

/**
 * Pending: chosen, not yet handed to the SMTP server; NotConfigured: no `--smtp-url`,
 * recorded only; Sent: the server accepted it; Failed: the server refused it or could
 * not be reached (DeliveryError says why).
 */
export const DELIVERY_STATES = ['Pending', 'NotConfigured', 'Sent', 'Failed'] as const
export type DeliveryState = typeof DELIVERY_STATES[number]

/** The e-mail a run end asked for, as recorded with the run. */
export const NotificationRecordSchema = Type.Object({
  ID: Guid(),
  JobID: Guid(),
  JobName: Type.String(),
  JobRunID: Guid(),
  RunStatus: Type.Enum([...RUN_STATUSES], { description: 'The run status that chose this notification.' }),
  Kind: Type.Enum([...NOTIFICATION_KINDS]),
  To: Type.Array(Type.String(), { description: 'ToEmailAddress split on `;` and `,`, trimmed, without blanks or repeats.' }),
  From: Type.String({ examples: ['ccs-mock@localhost'] }),
  Subject: Type.String(),
  Body: Type.String(),
  /** .NET round-trip UTC text. */
  CreatedAt: Type.String({ examples: ['2026-01-05T09:00:00.0000000Z'] }),
  Delivery: Type.Enum([...DELIVERY_STATES]),
  AttemptedAt: Type.Optional(Type.String({ description: 'When delivery was last attempted (.NET round-trip UTC).' })),
  DeliveryError: Type.Optional(Type.String({ description: 'Why delivery failed; never holds the SMTP password.' }))
}, { title: 'NotificationRecord' })

export type NotificationRecord = Static<typeof NotificationRecordSchema>
