import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Store } from '../store/open-store.js'
import type { DataSetSession } from '../store/store-registry.js'
import { checkSessionName } from '../store/session-names.js'
import { AdminError } from './admin-error.js'

/** A session name from a control-plane path, query or body: its key, or a 400 naming the field. */
export function sessionKeyFrom (raw: string, field: string): string {
  const check = checkSessionName(raw)
  if (!check.ok) throw new AdminError(400, `${field}: '${raw}' is not a session name. ${check.reason}`, { [field]: [check.reason] })
  return check.key
}

/** The data set a control-plane request means: `?session=` if given, else its X-CCS-Mock-Session header, else the default (null). */
export function dataSetKeyOf (request: FastifyRequest, session: string | undefined): string | null {
  return session === undefined ? request.sessionKey : sessionKeyFrom(session, 'session')
}

export function noSession (key: string): AdminError {
  return new AdminError(404, `No session '${key}' exists.`)
}

/** Reads (or changes) a data set that exists, leased meanwhile and caught up with its clock first; 404 for an unknown session. */
export async function readDataSet<R> (app: FastifyInstance, key: string | null, read: (store: Store, session: DataSetSession) => Promise<R> | R): Promise<R> {
  const lease = await app.stores.lease(key, false)
  if (lease === undefined) throw noSession(key ?? '')
  try {
    await lease.store.engine.settle()
    return await read(lease.store, lease.session)
  } finally {
    lease.release()
  }
}
