import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** Where `npm run build` writes the console (scripts/build-console.ts): dist/console/ of the package, from src/ and dist/ alike. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../../dist/console/', import.meta.url))

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png'
}

export interface ConsoleAsset {
  type: string
  body: Buffer
  /** The same bytes gzipped, for a browser that accepts it. */
  gzip: Buffer
  etag: string
}

/**
 * The built console, read once into memory (a few tens of kilobytes): the page and
 * its script and style, by file name. Undefined when the package was not built.
 */
export async function loadConsoleAssets (dir = CONSOLE_DIR): Promise<Map<string, ConsoleAsset> | undefined> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return undefined
  }
  const assets = new Map<string, ConsoleAsset>()
  for (const name of names) {
    const type = TYPES[extname(name)]
    if (type === undefined) continue
    const body = await readFile(join(dir, name))
    assets.set(name, { type, body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` })
  }
  return assets.has('index.html') ? assets : undefined
}
