import { readFile } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import { ADMIN_KEY_HEADER, ADMIN_PREFIX, adminAccess } from './admin/access.js'
import { ConfigError } from './cli.js'
import type { Config } from './config.js'

export class SnapshotFileError extends Error {
  override name = 'SnapshotFileError'
}

/**
 * Loads `--snapshot FILE` through the control plane's own PUT /__admin/state, so the
 * file is checked exactly as an import over HTTP is (and all-or-nothing).
 */
export async function loadSnapshotFile (app: FastifyInstance, config: Pick<Config, 'host' | 'adminKey' | 'snapshot'>): Promise<void> {
  const file = config.snapshot
  if (file === undefined) return
  if (adminAccess(config.host, config.adminKey) === 'closed') {
    throw new ConfigError(`--snapshot goes through the control plane, which is closed on --host ${config.host}: give --admin-key too`)
  }
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new SnapshotFileError(`--snapshot ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`)
  }
  const res = await app.inject({
    method: 'PUT',
    url: `${ADMIN_PREFIX}/state`,
    headers: { 'content-type': 'application/json', ...(config.adminKey !== undefined ? { [ADMIN_KEY_HEADER.toLowerCase()]: config.adminKey } : {}) },
    payload: text
  })
  if (res.statusCode !== 200) {
    const body = res.json<{ message?: string }>()
    throw new SnapshotFileError(`--snapshot ${file} cannot be loaded: ${body.message ?? res.statusMessage}`)
  }
}
