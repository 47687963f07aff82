import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { generateOpenApiText, OPENAPI_FILE } from './openapi-document.js'

await writeFile(OPENAPI_FILE, await generateOpenApiText())
process.stdout.write(`wrote ${fileURLToPath(OPENAPI_FILE)}\n`)
