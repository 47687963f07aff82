import { EventEmitter } from 'node:events'
import type { EngineListener } from '../../domain/runs/job-engine.js'
import type { JobRun } from '../../schemas/run.js'

/** A control-plane request that changed something (a 2xx to anything but GET). */
export interface AdminChange {
  method: string
  /** The route pattern, e.g. `/__admin/faults/:id`. */
  route: string
  /** The data set it named (`?session=` or the header); null: the default one or all. */
  session: string | null
}

interface LiveEventMap {
  run: [JobRun]
  job: [string]
  request: [string | null]
  admin: [AdminChange]
}

/**
 * What changed, as it happens, for the live console: every data set's job engine,
 * the request recorder and the control plane tell it here. Each event is a hint:
 * listeners read the store or journal for the data itself.
 */
export class LiveEvents extends EventEmitter<LiveEventMap> implements EngineListener {
  runChanged = (run: JobRun): void => { this.emit('run', run) }
  jobChanged = (jobId: string): void => { this.emit('job', jobId) }
  requestRecorded = (session: string | null): void => { this.emit('request', session) }
  adminChanged = (change: AdminChange): void => { this.emit('admin', change) }
}
