import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { validateConfig } from '../src/cli.js'

/** The OpenAPI document exactly as the server generates it from the route schemas. */
export async function generateOpenApiText (): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ccs-mock-openapi-'))
  const app = await buildApp({ config: validateConfig({ dataDir }) })
  try {
    await app.ready()
    return `${JSON.stringify(app.swagger(), null, 2)}\n`
  } finally {
    await app.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

export const OPENAPI_FILE = new URL('../openapi/ccs-api.json', import.meta.url)
