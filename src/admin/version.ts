import { readFileSync } from 'node:fs'

// ../../package.json from both src/admin/ and dist/admin/ (the Docker image copies it).
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }

/** The ccs-mock version, from package.json. */
export const VERSION = manifest.version
