// The shapes the server sends: its TypeBox schemas are the one source (type-only imports, nothing of them is bundled).
export type { ConsoleJob, ConsoleRequest, ConsoleResult, ConsoleRun, ConsoleState } from '../../src/admin/console/console-schemas.js'
export type { FaultRuleView } from '../../src/schemas/fault.js'
export type { NotificationRecord } from '../../src/schemas/notification.js'
