import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { DECISIONS_FILE, withOperationsSection } from './operations-doc.js'

await writeFile(DECISIONS_FILE, withOperationsSection(await readFile(DECISIONS_FILE, 'utf8')))
process.stdout.write(`wrote ${fileURLToPath(DECISIONS_FILE)}\n`)
